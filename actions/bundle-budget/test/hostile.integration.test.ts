import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusalOf, runAction, type ActionRun } from '@roadstop/testing';

// Issue 17, "Trust at the edges", for the BUILT bundle-budget: a baseline the pull request writes, special files where
// a file is expected, and globs through symlinks. Each case is one clear line naming the input, or the right verdict;
// never a stack trace, never a hang (the harness's timeout bounds every run).

const action = 'bundle-budget';

/** A 5 kB bundle of random text: gzip leaves it near 4 kB, far over a 1 kB budget. */
async function bundleWorkspace(): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'roadstop-bundle-hostile-'));
  await mkdir(join(workspace, 'dist'));
  await writeFile(join(workspace, 'dist/main.js'), `export const blob = "${randomBytes(3840).toString('base64')}";\n`);
  return workspace;
}

/** A result roadstop itself wrote for this very build, as a local baseline file. */
async function genuineBaseline(workspace: string): Promise<Record<string, unknown> & { items: Record<string, unknown>[]; checks: Record<string, unknown>[] }> {
  const run = await runAction({ action, workspace, inputs: { path: 'dist/**/*.js', max: '100 kB', report: 'base.json' } });
  expect(run.exitCode).toBe(0);
  return JSON.parse(await readFile(join(workspace, 'base.json'), 'utf8')) as never;
}

function expectOneError(run: ActionRun, message: RegExp): void {
  expect(refusalOf(run)).toEqual({ exitCode: 1, errors: [expect.stringMatching(message)], trace: false });
}

describe('bundle-budget against hostile input, built dist/', () => {
  it('a local baseline with the real content hash but gzip: 1 does not pass a 5 kB bundle against max 1 kB', async () => {
    const workspace = await bundleWorkspace();
    const baseline = await genuineBaseline(workspace);
    for (const item of baseline.items) item.gzip = 1;
    await writeFile(join(workspace, 'base.json'), JSON.stringify(baseline));
    const run = await runAction({ action, workspace, inputs: { path: 'dist/**/*.js', max: '1 kB', baseline: 'base.json' } });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('fail');
    const result = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { checks: { value: number }[] };
    expect(result.checks[0]!.value).toBeGreaterThan(3000);
    const notices = run.annotations.filter((annotation) => annotation.level === 'notice').map((annotation) => annotation.message);
    expect(notices).toContain('baseline base.json: a local file, so its sizes are only compared with; every file of this build was measured');
  });

  it.each<[string, (baseline: Awaited<ReturnType<typeof genuineBaseline>>) => void, RegExp]>([
    ['a size of 1e308 bytes', (baseline) => void (baseline.items[0]!.gzip = 1e308), /^base\.json, input 'baseline': not a result roadstop wrote: items\[0\] \(dist\/main\.js\)\.gzip is 1e\+308, beyond any plausible value/],
    ['a check of 2^41 bytes', (baseline) => void (baseline.checks[0]!.value = 2 ** 41), /^base\.json, input 'baseline': not a result roadstop wrote: checks\[0\]\.value is 2199023255552/],
    ['status pass over a failing check', (baseline) => void (baseline.checks[0]!.status = 'fail'), /^base\.json, input 'baseline': not a result roadstop wrote: its status is pass, but its check '.*' is fail/],
    ['a negative size', (baseline) => void (baseline.items[0]!.raw = -5), /^base\.json, input 'baseline': not a valid bundle-budget result: items\[0\] \(dist\/main\.js\)\.raw is -5/],
  ])('a baseline with %s is refused, naming the file', async (_name, forge, message) => {
    const workspace = await bundleWorkspace();
    const baseline = await genuineBaseline(workspace);
    forge(baseline);
    await writeFile(join(workspace, 'base.json'), JSON.stringify(baseline));
    const run = await runAction({ action, workspace, inputs: { path: 'dist/**/*.js', max: '100 kB', baseline: 'base.json' } });
    expectOneError(run, message);
  });

  it.each<[string, string, Record<string, string>, RegExp]>([
    ['the baseline', 'base.json', { baseline: 'base.json' }, /^base\.json, input 'baseline': the result file is a FIFO \(named pipe\), not a regular file/],
    ['the config file', 'roadstop.yml', { config: 'roadstop.yml' }, /^roadstop\.yml, input 'config': the config file is a FIFO \(named pipe\), not a regular file/],
    ['the report', 'out.json', { report: 'out.json' }, /^out\.json, input 'report': the report is a FIFO \(named pipe\), not a regular file/],
  ])('%s as a FIFO is refused at once, not read forever', async (_name, file, inputs, message) => {
    const workspace = await bundleWorkspace();
    execFileSync('mkfifo', [join(workspace, file)]);
    const run = await runAction({ action, workspace, inputs: { path: 'dist/**/*.js', max: '100 kB', ...inputs }, timeoutMs: 30_000 });
    expectOneError(run, message);
  });

  it("a pull request's event file that is a FIFO is the runner's problem, said at once", async () => {
    const workspace = await bundleWorkspace();
    const pipe = join(workspace, 'event.json');
    execFileSync('mkfifo', [pipe]);
    const run = await runAction({ action, workspace, env: { GITHUB_EVENT_PATH: pipe }, inputs: { path: 'dist/**/*.js', max: '100 kB' }, timeoutMs: 30_000 });
    expectOneError(run, /this is a pull_request run, but its event file .* cannot be read \(the event file is a FIFO/);
  });

  it.each(['dist/**/*.js', 'dist/lib/**'])('a glob %s through dist/lib → /usr is refused before /usr is walked', async (pattern) => {
    const workspace = await bundleWorkspace();
    await symlink('/usr', join(workspace, 'dist/lib'));
    const run = await runAction({ action, workspace, inputs: { path: pattern, max: '100 kB' }, timeoutMs: 30_000 });
    if (pattern === 'dist/**/*.js') {
      // ** does not follow the symlinked folder: it is not walked, and only the real bundle is measured.
      expect(run.exitCode).toBe(0);
      const result = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { items: { id: string }[] };
      expect(result.items.map((item) => item.id)).toEqual(['dist/main.js']);
    } else {
      expectOneError(run, /^input 'path': the glob 'dist\/lib\/\*\*' goes through dist\/lib, a symlink to \/usr outside the workspace; globs do not follow it/);
    }
  });
});
