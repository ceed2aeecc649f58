import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, createResult, parseConfig, type GateResult } from '@roadstop/core';
import { changedLines, lsFiles } from '@roadstop/git';
import { resolveCoverageOptions, runCoverageGate, toRanges, type RawInputs } from '../src/index.js';
import { validateResult } from '../../core/test/validate-result.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const REPORTS = join(FIXTURES, 'reports');

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' } }).trim();

/** A repository holding the fixture project's sources and one tool's reports, as a CI checkout would. */
async function checkout(tool: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'roadstop-coverage-'));
  await cp(join(FIXTURES, 'project/src'), join(root, 'src'), { recursive: true });
  await cp(join(REPORTS, tool), join(root, 'coverage'), { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', 'src');
  git(root, 'commit', '-qm', 'sources');
  return root;
}

const options = (workspace: string, inputs: RawInputs, yaml = '') => resolveCoverageOptions(parseConfig(yaml, 'c.yml').section('coverage-gate'), inputs, workspace);

async function summaryOf(tool: string) {
  return (JSON.parse(await readFile(join(REPORTS, tool, 'coverage-summary.json'), 'utf8')) as { total: Record<string, { pct: number; covered: number; total: number }> }).total;
}

describe('coverage-gate on reports real tools wrote', () => {
  it.each([
    ['vitest-v8', 'coverage/lcov.info'],
    ['vitest-v8', 'coverage/coverage-final.json'],
    ['vitest-istanbul', 'coverage/lcov.info'],
    ['vitest-istanbul', 'coverage/coverage-final.json'],
    ['jest', 'coverage/lcov.info'],
    ['jest', 'coverage/coverage-final.json'],
    ['c8', 'coverage/lcov.info'],
  ])('%s %s: totals equal the tool’s own summary', async (tool, file) => {
    const workspace = await checkout(tool);
    const result = await runCoverageGate(options(workspace, { files: file }), { repositoryFiles: await lsFiles(workspace) });
    expect(validateResult(result)).toEqual([]);
    const summary = await summaryOf(tool);
    for (const metric of ['lines', 'functions', 'branches'] as const) {
      expect(result.metrics[`${metric}-covered`], metric).toBe(summary[metric]!.covered);
      expect(result.metrics[`${metric}-total`], metric).toBe(summary[metric]!.total);
      expect(result.metrics[metric], metric).toBe(summary[metric]!.pct);
    }
    expect(result.metrics['files-unmatched']).toBe(0);
  });

  it('fails below a threshold and passes above it', async () => {
    const workspace = await checkout('vitest-v8');
    const repositoryFiles = await lsFiles(workspace);
    const lines = (await summaryOf('vitest-v8')).lines!.pct; // 70.21
    const pass = await runCoverageGate(options(workspace, { files: 'coverage/lcov.info', 'min-lines': String(Math.floor(lines)) }), { repositoryFiles });
    expect(pass.status).toBe('pass');
    const fail = await runCoverageGate(options(workspace, { files: 'coverage/lcov.info', 'min-lines': String(lines + 0.5) }), { repositoryFiles });
    expect(fail.status).toBe('fail');
    expect(fail.checks[0]!.message).toBe(`lines coverage is ${lines}% (33/47), below ${lines + 0.5}%`);
    expect(fail.messages.filter((message) => message.level === 'error')).toHaveLength(1);
  });

  it.each([
    ['launch', 'pass'],
    ['harden', 'pass'],
    ['strict', 'fail'],
  ])('preset %s gives %s on 70.21 percent of lines', async (preset, status) => {
    const workspace = await checkout('vitest-v8');
    const result = await runCoverageGate(options(workspace, { files: 'coverage/lcov.info', preset }), { repositoryFiles: await lsFiles(workspace) });
    expect(result.status).toBe(status);
  });

  it('judges per-file and per-glob thresholds from the config', async () => {
    const workspace = await checkout('vitest-v8');
    const yaml = "coverage-gate:\n  per-file:\n    lines: 50\n  paths:\n    'src/cart.ts': 75\n    'src/*.js': { lines: 10, functions: 10 }\n";
    const result = await runCoverageGate(options(workspace, { files: 'coverage/lcov.info' }, yaml), { repositoryFiles: await lsFiles(workspace) });
    const byName = Object.fromEntries(result.checks.map((check) => [check.name, check]));
    expect(byName['per-file lines']).toMatchObject({ status: 'fail', value: 1 });
    expect(byName['per-file lines']!.message).toMatch(/^1 file below 50% lines: src\/legacy\.ts 0%$/);
    // The count says what it counts: files under the bar, of the files measured.
    expect(byName['per-file lines']!.details).toEqual({ counting: 'files under 50%', of: 4 });
    expect(byName['src/cart.ts lines']).toMatchObject({ status: 'pass' });
    expect(byName['src/*.js functions']!.status).toBe('pass');
  });

  it('merges shards: a line covered by any shard is covered', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-shards-'));
    await cp(join(FIXTURES, 'project/src'), join(workspace, 'src'), { recursive: true });
    for (const shard of [1, 2]) await cp(join(REPORTS, `vitest-istanbul-shard-${shard}`), join(workspace, `shard-${shard}`), { recursive: true });
    git(workspace, 'init', '-q');
    git(workspace, 'add', 'src');
    const result = await runCoverageGate(options(workspace, { files: 'shard-*/lcov.info' }), { repositoryFiles: await lsFiles(workspace) });
    const whole = await summaryOf('vitest-istanbul');
    expect(result.metrics['report-files']).toBe(2);
    expect(result.metrics['lines-covered']).toBe(whole.lines!.covered);
    expect(result.metrics['lines-total']).toBe(whole.lines!.total);
  });

  it('gates changed lines of a real git branch and annotates the uncovered ones', async () => {
    const workspace = await checkout('vitest-v8');
    const full = await readFile(join(workspace, 'src/cart.ts'), 'utf8');
    // Rewrite history: the base lacks shipping() (lines 30-36); the branch adds it, as in the tested sources.
    const without = full.split('\n');
    without.splice(29, 8);
    await writeFile(join(workspace, 'src/cart.ts'), without.join('\n'));
    git(workspace, 'commit', '-qam', 'base without shipping');
    const base = git(workspace, 'rev-parse', 'HEAD');
    git(workspace, 'checkout', '-qb', 'feature');
    await writeFile(join(workspace, 'src/cart.ts'), full);
    git(workspace, 'commit', '-qam', 'add shipping');

    const changes = await changedLines({ cwd: workspace, base, remote: false });
    const result = await runCoverageGate(options(workspace, { files: 'coverage/lcov.info', 'min-patch': '80' }), {
      repositoryFiles: await lsFiles(workspace),
      changes: { lines: changes.lines, base, via: 'git' },
    });
    // lcov: DA:31,2 DA:32,0 DA:33,0 DA:35,2 inside the added function
    expect(result.metrics).toMatchObject({ patch: 50, 'patch-covered': 2, 'patch-total': 4 });
    expect(result.status).toBe('fail');
    const patch = result.checks.find((check) => check.name === 'patch')!;
    expect(patch.message).toBe('2 of 4 changed lines covered (50%), below 80%');
    expect(result.messages.filter((message) => message.title === 'Not covered by tests')).toEqual([
      { level: 'warning', title: 'Not covered by tests', file: 'src/cart.ts', line: 32, text: 'changed lines 32-33 are not covered by tests' },
    ]);
    expect(result.items.find((item) => item.id === 'src/cart.ts')).toMatchObject({ 'patch-covered': 2, 'patch-total': 4, 'uncovered-changed': '32-33' });
  });

  it('compares with the base: a drop past max-drop fails; far fewer files is an incomplete report, not a drop', async () => {
    const workspace = await checkout('vitest-v8');
    const repositoryFiles = await lsFiles(workspace);
    const base = (lines: number, files: number): { result: GateResult; info: { source: string } } => ({
      result: createResult({ gate: 'coverage-gate', status: 'pass', headline: 'x', metrics: { lines, files }, checks: [], items: [], messages: [], settings: {} }),
      info: { source: 'base.json' },
    });
    const drop = await runCoverageGate(options(workspace, { files: 'coverage/lcov.info', 'max-drop': '0.5%' }), { repositoryFiles, baseline: base(75, 4) });
    expect(drop.status).toBe('fail');
    expect(drop.checks.find((check) => check.name === 'lines vs base')!.message).toBe('lines coverage dropped by 4.79 points against the base (75% → 70.21%), more than the 0.5 allowed');
    const fine = await runCoverageGate(options(workspace, { files: 'coverage/lcov.info', 'max-drop': '5' }), { repositoryFiles, baseline: base(75, 4) });
    expect(fine.status).toBe('pass');
    const incomplete = await runCoverageGate(options(workspace, { files: 'coverage/lcov.info', 'max-drop': '0.5' }), { repositoryFiles, baseline: base(75, 40) });
    expect(incomplete.status).toBe('warn');
    expect(incomplete.messages.some((message) => message.text.startsWith('incomplete report: it covers 4 files where the base covered 40'))).toBe(true);
  });
});

describe('coverage-gate bad input', () => {
  const failure = async (run: () => Promise<unknown>): Promise<string> => {
    const error = await run().catch((caught: unknown) => caught);
    if (!(error instanceof ConfigurationError)) throw new Error(`expected a ConfigurationError, got ${String(error)}`);
    return error.describe();
  };

  it('a glob with no match lists the globs', async () => {
    const workspace = await checkout('vitest-v8');
    expect(await failure(() => runCoverageGate(options(workspace, { files: 'out/lcov.info, build/*.xml' }), { repositoryFiles: [] }))).toMatch(
      /^input 'files': no coverage report matches 'out\/lcov.info', 'build\/\*.xml' in /,
    );
  });

  it('a report whose paths match no file of the repository fails loudly with examples', async () => {
    const workspace = await checkout('vitest-v8');
    await mkdir(join(workspace, 'other'));
    await writeFile(join(workspace, 'other/lcov.info'), 'SF:/elsewhere/lib/x.ts\nDA:1,1\nend_of_record\nSF:/elsewhere/lib/y.ts\nDA:1,0\nend_of_record\n');
    expect(await failure(async () => runCoverageGate(options(workspace, { files: 'other/lcov.info' }), { repositoryFiles: await lsFiles(workspace) }))).toBe(
      "other/lcov.info, input 'files': no path in the coverage report matches a single file of the repository (2 paths): '/elsewhere/lib/x.ts', '/elsewhere/lib/y.ts' match no file (run the tests in this checkout, or list the folder the tool ran in under coverage-gate.roots)",
    );
  });

  it.each([
    [{ files: 'a', 'min-lines': '120' }, '', "input 'min-lines': 120 is out of range: must be from 0 to 100"],
    [{ files: 'a', 'min-patch': 'most' }, '', "input 'min-patch': 'most' is not a percentage (write a number from 0 to 100, e.g. 80 or 80%)"],
    [{ files: 'a', preset: 'relaxed' }, '', "input 'preset': 'relaxed' is not a preset (use launch (60% lines), harden (70% lines), strict (85% lines))"],
    [{}, '', "input 'files': no coverage report given (give the input 'files' (paths or globs of lcov, coverage-final.json, Cobertura or Clover reports) or coverage-gate.files in the config)"],
    [{ files: 'a' }, 'coverage-gate:\n  thresholds:\n    line: 80\n', "c.yml:3, key 'coverage-gate.thresholds.line': unknown key 'line' (did you mean 'lines'?)"],
    [{ files: 'a' }, 'coverage-gate:\n  thresholds:\n    lines: 101\n', "c.yml:3, key 'coverage-gate.thresholds.lines': 101 is out of range: must be from 0 to 100"],
  ])('refuses %j %j', async (inputs, yaml, message) => {
    expect(await failure(() => Promise.resolve().then(() => options('/ws', inputs, yaml)))).toBe(message);
  });

  it('toRanges folds consecutive lines', () => {
    expect(toRanges([3, 4, 5, 9, 11, 12])).toEqual([
      [3, 5],
      [9, 9],
      [11, 12],
    ]);
  });
});
