import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createResult, serializeResult } from '@roadstop/core';

// What a hostile but realistic user tried on the built CLI (issue 7): each
// input gives one line naming the real problem and exit 2, never a stack
// trace, and never a line of a file that is not what it should be.
// Runs dist/cli/index.js as committed or rebuilt (`node scripts/build.mjs cli`); a missing build fails here.

const CLI = join(import.meta.dirname, '../../../dist/cli/index.js');
const SECRET = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';
const run = promisify(execFile);

let workspace: string;
let outside: string;

const bundleResult = (gzip: number) =>
  serializeResult(
    createResult({
      gate: 'bundle-budget',
      status: 'pass',
      headline: 'ok',
      metrics: { 'total-raw': 10 },
      checks: [{ name: 'bundle', status: 'pass', value: 10, unit: 'bytes', details: { compression: 'gzip' } }],
      items: [{ id: 'dist/app.js', raw: 10, gzip, hash: 'ab' }],
      messages: [],
      settings: { gzipLevel: 9, brotliQuality: 11 },
    }),
  );

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'roadstop-adversarial-'));
  workspace = join(root, 'ws');
  outside = join(root, 'outside');
  const files: Record<string, string> = {
    'dist/app.js': 'export const app = 1;\n',
    'notes.json': `root:x:0:0:${SECRET}\n`,
    'spoiled.json': bundleResult(-100000),
    'alias.yml': 'bundle-budget:\n  budgets:\n    - &main\n      path: dist/*.js\n      max: 1 kB\n    - *main\n',
    'src/a.ts': 'export const a = 1;\n',
    'packages/api/src/index.ts': '',
    'packages/web/src/index.ts': '',
    'coverage/contradicting.json': JSON.stringify({ 'src/a.ts': { statementMap: {}, s: { 0: 1 }, fnMap: {}, f: {}, branchMap: {}, b: {} } }),
    'coverage/summary.json': JSON.stringify({ total: { lines: { total: 2, covered: 9 }, statements: { total: 2, covered: 1 } } }),
    'coverage/nothing.info': 'SF:src/a.ts\nend_of_record\n',
    'coverage/ambiguous.info': 'SF:src/index.ts\nDA:1,1\nend_of_record\n',
    'coverage/lcov.info': 'SF:src/a.ts\nDA:1,1\nend_of_record\n',
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(workspace, path, '..'), { recursive: true });
    await writeFile(join(workspace, path), text);
  }
  await mkdir(outside);
  await writeFile(join(outside, 'secret.js'), `const token = '${SECRET}';\n`);
  await writeFile(join(outside, 'base.json'), bundleResult(5));
  await symlink(outside, join(workspace, 'dist/link'));
  await mkdir(join(workspace, 'links'));
  await symlink(join(outside, 'secret.js'), join(workspace, 'links/app.js'));
});

interface Case {
  name: string;
  args: string[] | (() => string[]);
  /** The one line the user sees, after `roadstop <command>: `. */
  line: RegExp;
}

const bundle = (...args: string[]) => ['bundle-budget', ...args];
const coverage = (...args: string[]) => ['coverage-gate', ...args];

const cases: Case[] = [
  { name: 'a glob through a symlinked folder that leads out', args: bundle('dist/link/*.js', '--max', '1 kB'), line: /^roadstop bundle-budget: input 'path': the glob 'dist\/link\/\*\.js' goes through dist\/link, a symlink to \S+outside outside the workspace; globs do not follow it/ },
  { name: 'a glob whose only match is a symlink', args: bundle('links/*.js', '--max', '1 kB'), line: /^roadstop bundle-budget: input 'path': no files match 'links\/\*\.js' \(budget 'bundle'\) in \S+; skipped 1 symlink the globs match \(links\/app\.js\)/ },
  { name: 'a brace bomb', args: bundle(`dist/${'{a,b}'.repeat(22)}.js`, '--max', '1 kB'), line: /^roadstop bundle-budget: input 'path': the glob 'dist\/\{a,b\}.*…' expands to more than 1000 patterns through its \{…\} brace sets/ },
  { name: 'a baseline outside the workspace', args: () => bundle('dist/*.js', '--max', '1 kB', '--baseline', join(outside, 'base.json')), line: /^roadstop bundle-budget: \S+base\.json, input '--baseline': the baseline is outside the workspace/ },
  { name: 'a baseline through a symlinked folder', args: bundle('dist/*.js', '--max', '1 kB', '--baseline', 'dist/link/base.json'), line: /^roadstop bundle-budget: dist\/link\/base\.json, input '--baseline': the baseline is outside the workspace \S+ \(through a symlink, it leads to \S+outside\/base\.json\)/ },
  { name: 'a baseline that is not JSON, never quoted', args: bundle('dist/*.js', '--max', '1 kB', '--baseline', 'notes.json'), line: /^roadstop bundle-budget: notes\.json, input '--baseline': not a roadstop result: invalid JSON \(point it at a file a roadstop gate wrote\)$/ },
  { name: 'a baseline with a negative gzip size', args: bundle('dist/*.js', '--max', '1 kB', '--baseline', 'spoiled.json'), line: /^roadstop bundle-budget: spoiled\.json, input '--baseline': not a valid bundle-budget result: items\[0\] \(dist\/app\.js\)\.gzip is -100000, outside 0 to …/ },
  { name: 'a report outside the workspace', args: () => bundle('dist/*.js', '--max', '1 kB', '--report', join(outside, 'result.json')), line: /^roadstop bundle-budget: \S+result\.json, input '--report': the report is outside the workspace/ },
  { name: 'a config with a YAML alias', args: bundle('--config', 'alias.yml'), line: /^roadstop bundle-budget: alias\.yml:6: YAML aliases are not supported: \*main refers to an anchor \(&main\) elsewhere/ },
  { name: 'istanbul counters its map lacks', args: coverage('coverage/contradicting.json'), line: /^roadstop coverage-gate: coverage\/contradicting\.json:1: coverage-final entry "src\/a\.ts" contradicts itself: s\["0"\] counts a statement that statementMap does not have/ },
  { name: 'a summary covering more than its total', args: coverage('coverage/summary.json'), line: /^roadstop coverage-gate: coverage\/summary\.json:1: coverage-summary entry "total" contradicts itself: lines covers 9 of 2/ },
  { name: 'a report that measures nothing', args: coverage('coverage/nothing.info', '--min-lines', '80'), line: /^roadstop coverage-gate: coverage\/nothing\.info, input 'files': the coverage report lists 1 file but measures nothing in it \(0 of 0 lines\)/ },
  { name: 'the only report path being ambiguous', args: coverage('coverage/ambiguous.info'), line: /^roadstop coverage-gate: coverage\/ambiguous\.info, input 'files': no path in the coverage report matches a single file of the repository \(1 path\): 'src\/index\.ts' \(packages\/api\/src\/index\.ts, packages\/web\/src\/index\.ts\) is ambiguous/ },
  { name: 'an explicit base that does not exist', args: coverage('coverage/lcov.info', '--base', 'origin/no-such-branch', '--min-patch', '80'), line: /^roadstop coverage-gate: input 'base': the base 'origin\/no-such-branch' cannot be used for the changed lines: / },
  { name: 'a threshold written as a ratio', args: coverage('coverage/lcov.info', '--min-lines', '0.8'), line: /^roadstop coverage-gate: input 'min-lines': 0\.8 reads as 0\.8%, which looks like a ratio \(did you mean 80\? write 0\.8% if you mean less than 1%\)$/ },
];

describe('the built CLI, given what a hostile user gives it', () => {
  it.each(cases)('$name: exit 2 and one line', async ({ args, line }) => {
    const argv = typeof args === 'function' ? args() : args;
    const outcome = await run(process.execPath, [CLI, ...argv, '--no-color'], { cwd: workspace, env: { ...process.env, NO_COLOR: '1' } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
    expect(outcome.stderr.split('\n')[0]).toMatch(line);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
    expect(outcome.stderr + outcome.stdout).not.toContain(SECRET);
  });
});
