import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createResult } from '@roadstop/core';
import { refusalOf, runAction, type ActionRun } from '@roadstop/testing';
import { LCOV, prEvent, pullRequestClone, sh } from '../../../packages/coverage/test/pull-request-clone.js';

// Issue 17, "Trust at the edges": what a pull request controls (its config file, its files, a baseline it commits)
// and what the runner may hand over (a FIFO, a broken checkout) reaching the BUILT coverage-gate. Each case ends in
// one clear line naming the input, or in the right decision; never a stack trace, never a hang (the harness's
// timeout bounds every run).

const action = 'coverage-gate';
function expectOneError(run: ActionRun, message: RegExp): void {
  expect(refusalOf(run)).toEqual({ exitCode: 1, errors: [expect.stringMatching(message)], trace: false });
}

describe('coverage-gate against hostile input, built dist/', () => {
  it.each([
    ['the config file', (marker: string) => ({ config: `coverage-gate:\n  files: coverage/lcov.info\n  base: "--upload-pack=touch ${marker} #"\n` })],
    ['the base input', (marker: string) => ({ inputs: { files: 'coverage/lcov.info', base: `--upload-pack=touch ${marker} #` } })],
  ])('a base of --upload-pack=… from %s runs nothing: one error, and no file was created', async (_where, hostile) => {
    const { workspace, base, head } = await pullRequestClone();
    const marker = join(workspace, 'pwned');
    const { config, inputs } = hostile(marker) as { config?: string; inputs?: Record<string, string> };
    if (config) {
      await mkdir(join(workspace, '.github'));
      await writeFile(join(workspace, '.github/roadstop.yml'), config);
    }
    const run = await runAction({ action, workspace, event: prEvent(base, head), inputs: inputs ?? {} });
    expectOneError(run, config ? /^\.github\/roadstop\.yml:3, key 'coverage-gate\.base': "--upload-pack=touch [^"]*" is not a git ref or commit: it starts with -/ : /^input 'base': "--upload-pack/);
    expect(existsSync(marker)).toBe(false);
  });

  it.each([
    ['a revision range', 'main..HEAD', /contains \.\./],
    ['a refspec', 'main:refs/heads/main', /one of ~ \^ : \? \* \[ \\/],
    ['a forced refspec', '+main', /starts with \+/],
    ['a newline', 'main\n--upload-pack=x', /control character/],
  ])('a base that is %s is refused by name', async (_name, value, message) => {
    const { workspace, base, head } = await pullRequestClone();
    const run = await runAction({ action, workspace, event: prEvent(base, head), inputs: { files: 'coverage/lcov.info', base: value } });
    expectOneError(run, new RegExp(`^input 'base': .* is not a git ref or commit: .*${message.source}`));
  });

  it('a checkout git refuses (a .git that leads nowhere) is git failing, named with its stderr, not a silent walk of the tree', async () => {
    const { workspace, base, head } = await pullRequestClone();
    await rm(join(workspace, '.git'), { recursive: true });
    await writeFile(join(workspace, '.git'), 'gitdir: /nonexistent/roadstop-checkout\n');
    const run = await runAction({ action, workspace, event: prEvent(base, head), inputs: { files: 'coverage/lcov.info' } });
    expect(run.exitCode).toBe(1);
    expect(refusalOf(run).errors).toEqual(['roadstop coverage-gate: git ls-files failed (128): fatal: not a git repository: /nonexistent/roadstop-checkout']);
  });

  it('a report that is a FIFO is never opened: only regular files are selected', async () => {
    const { workspace, base, head } = await pullRequestClone();
    execFileSync('mkfifo', [join(workspace, 'coverage/pipe.info')]);
    const run = await runAction({ action, workspace, event: prEvent(base, head), inputs: { files: 'coverage/pipe.info' }, timeoutMs: 30_000 });
    expectOneError(run, /^input 'files': no coverage report matches 'coverage\/pipe\.info' in .*; skipped 1 match that is not a regular file \(coverage\/pipe\.info is a FIFO \(named pipe\)\)/);
  });

  it('a baseline that is a FIFO is refused at once', async () => {
    const { workspace, base, head } = await pullRequestClone();
    execFileSync('mkfifo', [join(workspace, 'base.json')]);
    const run = await runAction({ action, workspace, event: prEvent(base, head), inputs: { files: 'coverage/lcov.info', baseline: 'base.json' }, timeoutMs: 30_000 });
    expectOneError(run, /^base\.json, input 'baseline': the result file is a FIFO/);
  });

  it('a report folder that is a symlink to /usr is refused before it is walked', async () => {
    const { workspace, base, head } = await pullRequestClone();
    await symlink('/usr', join(workspace, 'reports'));
    const run = await runAction({ action, workspace, event: prEvent(base, head), inputs: { files: 'reports/**/*.info' }, timeoutMs: 30_000 });
    expectOneError(run, /^input 'files': the glob 'reports\/\*\*\/\*\.info' goes through reports, a symlink to \/usr outside the workspace; globs do not follow it/);
  });

  it('lines beyond the end of a file are not counted, with a warning naming the report', async () => {
    const { workspace, base, head } = await pullRequestClone();
    // 3 real lines covered, then 97 lines of a 5-line file "not covered": without the check, 3% of lines.
    const beyond = Array.from({ length: 97 }, (_, index) => `DA:${index + 10},0`).join('\n');
    await writeFile(join(workspace, 'coverage/lcov.info'), LCOV.replace('LF:3', `${beyond}\nLF:100`));
    const run = await runAction({ action, workspace, event: prEvent(base, head), inputs: { files: 'coverage/lcov.info', 'min-lines': '90' } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.lines).toBe('100');
    const warnings = run.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message);
    expect(warnings).toContain('coverage/lcov.info: 97 line records beyond the end of their files not counted (e.g. src/total.ts line 106, which has 5 lines): the report is stale or not of this checkout');
  });

  it('a baseline whose status contradicts its checks is refused, naming the file', async () => {
    const { workspace, base, head } = await pullRequestClone();
    const forged = createResult({
      gate: 'coverage-gate',
      status: 'pass',
      headline: 'all good',
      metrics: { lines: 100 },
      checks: [{ name: 'lines', status: 'fail', value: 10, limit: 80, unit: 'percent' }],
      items: [],
      messages: [],
      settings: {},
    });
    await writeFile(join(workspace, 'base.json'), JSON.stringify(forged));
    const run = await runAction({ action, workspace, event: prEvent(base, head), inputs: { files: 'coverage/lcov.info', baseline: 'base.json', 'max-drop': '1' } });
    expectOneError(run, /^base\.json, input 'baseline': not a result roadstop wrote: its status is pass, but its check 'lines' is fail/);
  });

  it('a file name with a newline stays one row of the changed-files table', async () => {
    const { workspace, base } = await pullRequestClone();
    const weird = 'src/we\nird.ts';
    await writeFile(join(workspace, weird), 'export const a = 1;\nexport const b = 2;\n');
    sh(workspace, 'add', '.');
    sh(workspace, 'commit', '-qm', 'weird name');
    const report = {
      [weird]: {
        path: weird,
        statementMap: { '0': { start: { line: 1, column: 0 }, end: { line: 1, column: 19 } }, '1': { start: { line: 2, column: 0 }, end: { line: 2, column: 19 } } },
        fnMap: {},
        branchMap: {},
        s: { '0': 1, '1': 0 },
        f: {},
        b: {},
      },
    };
    await writeFile(join(workspace, 'coverage/coverage-final.json'), JSON.stringify(report));
    const run = await runAction({ action, workspace, event: prEvent(base, sh(workspace, 'rev-parse', 'HEAD')), inputs: { files: 'coverage/coverage-final.json' } });
    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('`src/we\\x0aird.ts`');
    expect(run.summary.split('\n').filter((line) => line.startsWith('ird.ts'))).toEqual([]);
    const result = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { items: { id: string }[] };
    expect(result.items.map((item) => item.id)).toContain(weird);
  });

  it.each([
    ['0.8', "input 'min-lines': 0.8 reads as 0.8%, which looks like a ratio (did you mean 80?"],
    ['1e308', "input 'min-lines': 1e+308 is out of range: must be from 0 to 100"],
  ])('a threshold of %s is refused by name', async (value, message) => {
    const { workspace, base, head } = await pullRequestClone();
    const run = await runAction({ action, workspace, event: prEvent(base, head), inputs: { files: 'coverage/lcov.info', 'min-lines': value } });
    expectOneError(run, new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
