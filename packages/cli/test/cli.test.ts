import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATES } from '@roadstop/gates';
import { main, type Io } from '../src/index.js';
import { realBuildOutput } from '../../bundle/test/fixtures.js';

function captureIo(cwd: string): Io & { out: string; err: string } {
  const io = {
    cwd,
    env: {},
    color: false,
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

describe('roadstop CLI', () => {
  it('prints a table and exits 0 under budget', async () => {
    const { workspace } = await realBuildOutput();
    const io = captureIo(workspace);
    expect(await main(['bundle-budget', 'dist/**/*.js', '--max', '5 MB'], io)).toBe(0);
    expect(io.out).toMatch(/^✔ bundle-budget: pass {2}within budget · bundle .* of 5 MB \(gzip\)/);
    expect(io.out).toContain('Largest files (gzip)');
    expect(io.err).toBe('');
  });

  it('exits 1 over budget and says by how much', async () => {
    const { workspace } = await realBuildOutput();
    const io = captureIo(workspace);
    expect(await main(['bundle-budget', '--path', 'dist/**/*.js', '--max', '1 kB'], io)).toBe(1);
    expect(io.out).toMatch(/✖ bundle is .* \(gzip\), over its 1 kB budget by /);
    expect(await main(['bundle-budget', '--path', 'dist/**/*.js', '--max', '1 kB', '--fail-on', 'never'], captureIo(workspace))).toBe(0);
  });

  it('prints the result with --json and writes --report, which compares as --baseline', async () => {
    const { workspace } = await realBuildOutput();
    const first = captureIo(workspace);
    expect(await main(['bundle-budget', 'dist/**/*.js', '--json', '--report', 'base.json'], first)).toBe(0);
    const printed = JSON.parse(first.out);
    expect(printed).toEqual(JSON.parse(await readFile(join(workspace, 'base.json'), 'utf8')));
    expect(printed.gate).toBe('bundle-budget');
    const second = captureIo(workspace);
    expect(await main(['bundle-budget', 'dist/**/*.js', '--json', '--baseline', 'base.json', '--max-increase', '0%'], second)).toBe(0);
    // A baseline file is compared with, never trusted for sizes (docs/security-gates.md): every file is measured again.
    expect(JSON.parse(second.out).metrics).toMatchObject({ reused: 0, compressed: printed.items.length, 'files-changed': 0 });
  });

  it('reads --report and --baseline relative to the shell, whatever --cwd says', async () => {
    const { workspace } = await realBuildOutput();
    const io = captureIo(join(workspace, '..'));
    const cwd = workspace.slice(workspace.lastIndexOf('/') + 1);
    expect(await main(['bundle-budget', '--cwd', cwd, 'dist/**/*.js', '--report', `${cwd}-base.json`], io)).toBe(0);
    const second = captureIo(join(workspace, '..'));
    expect(await main(['bundle-budget', '--cwd', cwd, 'dist/**/*.js', '--baseline', `${cwd}-base.json`, '--json'], second)).toBe(0);
    expect(JSON.parse(second.out).baseline).toMatchObject({ source: `${cwd}-base.json` });
  });

  it('reads the config file under --cwd', async () => {
    const { workspace } = await realBuildOutput();
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/roadstop.yml'), 'bundle-budget:\n  budgets:\n    - name: yaml\n      path: dist/assets/yaml-*.js\n      max: 1 MB\n      compression: brotli\n');
    const io = captureIo('/');
    expect(await main(['bundle-budget', '--cwd', workspace], io)).toBe(0);
    expect(io.out).toMatch(/yaml +[\d.]+ kB brotli +1 MB \(brotli\)/);
  });

  it.each([
    [['bundle-budget', 'dist/**/*.js', '--max', '400 kbb'], "roadstop bundle-budget: input 'max': '400 kbb' is not a size"],
    [['bundle-budget', 'dist/**/*.js', '--frobnicate'], "roadstop bundle-budget: Unknown option '--frobnicate'"],
    [['bundle-budget', 'nothing/*.js'], "roadstop bundle-budget: input 'path': no files match 'nothing/*.js'"],
    [['bundle-budget', 'dist/**/*.js', '--config', 'missing.yml'], "roadstop bundle-budget: missing.yml, input '--config': config file not found"],
    [['bundle-budget', 'dist/**/*.js', '--baseline', 'dist/assets/'], "roadstop bundle-budget: dist/assets/, input '--baseline': cannot read the result file: EISDIR"],
    [['launch-rockets'], "roadstop: unknown command 'launch-rockets'"],
  ])('exits 2 with one line for %j', async (args, message) => {
    const { workspace } = await realBuildOutput();
    const io = captureIo(workspace);
    expect(await main(args, io)).toBe(2);
    expect(io.err.startsWith(message)).toBe(true);
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  it('prints help', async () => {
    const io = captureIo('/');
    expect(await main(['bundle-budget', '--help'], io)).toBe(0);
    expect(io.out).toMatch(/^Usage: roadstop bundle-budget \[options\] \[globs\.\.\.\]/);
    expect(await main([], captureIo('/'))).toBe(2);
  });
});

describe('roadstop coverage-gate', () => {
  const fixtures = join(import.meta.dirname, '../../coverage/fixtures');

  async function checkout(): Promise<string> {
    const { mkdtemp, cp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { execFileSync } = await import('node:child_process');
    const root = await mkdtemp(join(tmpdir(), 'roadstop-cli-coverage-'));
    await cp(join(fixtures, 'project/src'), join(root, 'src'), { recursive: true });
    await cp(join(fixtures, 'reports/vitest-istanbul'), join(root, 'coverage'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', 'src'], { cwd: root });
    return root;
  }

  it('prints the totals and exits by the thresholds', async () => {
    const root = await checkout();
    const io = captureIo(root);
    expect(await main(['coverage-gate', 'coverage/coverage-final.json', '--min-lines', '70'], io)).toBe(0);
    expect(io.out).toMatch(/^✔ coverage-gate: pass {2}coverage ok · lines 70\.21%/);
    expect(io.out).toMatch(/lines +70\.21% +≥ 70% +— +pass/);
    const strict = captureIo(root);
    expect(await main(['coverage-gate', '--files', 'coverage/clover.xml', '--preset', 'strict'], strict)).toBe(1);
    expect(strict.out).toContain('✖ lines coverage is 70.21% (33/47), below 85%');
  });

  it('says how to get changed lines when --min-patch has no --base', async () => {
    const root = await checkout();
    const io = captureIo(root);
    expect(await main(['coverage-gate', 'coverage/lcov.info', '--min-patch', '80', '--json'], io)).toBe(0);
    const result = JSON.parse(io.out);
    expect(result.checks).toEqual([expect.objectContaining({ name: 'patch', status: 'skipped', message: 'changed lines unknown: give --base (e.g. origin/main) to measure the changed lines' })]);
  });
});

describe('roadstop bundle-budget, two mistakes at once', () => {
  it('reports the first and leaves no unhandled rejection behind', async () => {
    const { workspace } = await realBuildOutput();
    await writeFile(join(workspace, 'not-a-result.json'), '{}');
    const io = captureIo(workspace);
    expect(await main(['bundle-budget', 'nothing/*.js', '--baseline', 'not-a-result.json'], io)).toBe(2);
    expect(io.err).toMatch(/^roadstop bundle-budget: input 'path': no files match 'nothing\/\*\.js'/);
  });
});

describe('roadstop run', () => {
  it('runs every gate the config names and exits with the worst code', async () => {
    const { workspace } = await realBuildOutput();
    const { mkdir: makeDir } = await import('node:fs/promises');
    await makeDir(join(workspace, '.github'), { recursive: true });
    await writeFile(join(workspace, '.github/roadstop.yml'), 'bundle-budget:\n  budgets:\n    - name: js\n      path: dist/**/*.js\n      max: 1 kB\n');
    const io = captureIo('/');
    expect(await main(['run', '--cwd', workspace], io)).toBe(1);
    expect(io.out).toMatch(/^✖ bundle-budget: fail/);
    const none = captureIo('/');
    await writeFile(join(workspace, '.github/roadstop.yml'), 'version: 1\n');
    expect(await main(['run', '--cwd', workspace], none)).toBe(2);
    expect(none.err).toBe(`roadstop run: .github/roadstop.yml, input '--config': names no gate (${GATES.filter((gate) => !gate.ownStep).map((gate) => gate.name).join(', ')})\n`);
  });
});

describe('roadstop CLI: where it runs', () => {
  it.each([
    ['a folder that does not exist', (base: string) => join(base, 'nowhere'), /^roadstop (run|bundle-budget): input '--cwd': no such folder: /],
    ['a file', (base: string) => join(base, 'package.json'), /^roadstop (run|bundle-budget): input '--cwd': .*package\.json is a file; --cwd takes the folder to run in/],
  ])('--cwd naming %s says so, for a gate and for run', async (_case, cwd, expected) => {
    const { workspace } = await realBuildOutput();
    await writeFile(join(workspace, 'package.json'), '{}');
    for (const command of ['run', 'bundle-budget']) {
      const io = captureIo(workspace);
      expect(await main([command, '--cwd', cwd(workspace)], io)).toBe(2);
      expect(io.err).toMatch(expected);
      expect(io.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('prints its version', async () => {
    const io = captureIo(process.cwd());
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out).toMatch(/^roadstop \d+\.\d+\.\d+\n$/);
  });
});

describe('roadstop CLI: the baseline is never overwritten', () => {
  it('refuses a --report that is the --baseline file, and leaves the baseline as it was', async () => {
    const { workspace } = await realBuildOutput();
    expect(await main(['bundle-budget', 'dist/**/*.js', '--report', 'base.json'], captureIo(workspace))).toBe(0);
    const before = await readFile(join(workspace, 'base.json'), 'utf8');
    const io = captureIo(workspace);
    expect(await main(['bundle-budget', 'dist/**/*.js', '--baseline', 'base.json', '--report', './base.json'], io)).toBe(2);
    expect(io.err).toMatch(/^roadstop bundle-budget: .*input '--report': is the baseline file too/);
    expect(await readFile(join(workspace, 'base.json'), 'utf8')).toBe(before);
  });
});
