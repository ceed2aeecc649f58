import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseConfig } from '@roadstop/core';
import { parseCoverageReport, resolveCoverageOptions, runCoverageGate, type RawInputs } from '../src/index.js';

// What a close review found: reports that contradict themselves, options that
// say one thing and mean another, and messages that named the wrong problem.

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'roadstop-refusals-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

const options = (workspace: string, inputs: RawInputs, yaml = '') => resolveCoverageOptions(parseConfig(yaml, 'c.yml').section('coverage-gate'), inputs, workspace);

async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.describe();
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

const statement = { start: { line: 1, column: 0 }, end: { line: 1, column: 5 } };

describe('istanbul JSON that contradicts itself is refused', () => {
  it.each([
    ['a statement counter the map lacks', { statementMap: { 0: statement }, s: { 0: 1, 9: 0 } }, /"a\.ts" contradicts itself: s\["9"\] counts a statement that statementMap does not have/],
    ['counters for an empty map', { statementMap: {}, s: { 0: 5 } }, /s\["0"\] counts a statement that statementMap does not have/],
    ['a function counter the map lacks', { statementMap: { 0: statement }, s: { 0: 1 }, fnMap: {}, f: { 3: 1 } }, /f\["3"\] counts a function that fnMap does not have/],
    ['a branch counter the map lacks', { statementMap: { 0: statement }, s: { 0: 1 }, branchMap: {}, b: { 2: [1, 0] } }, /b\["2"\] counts a branch that branchMap does not have/],
  ])('%s', async (_, entry, message) => {
    const error = await refusal(() => parseCoverageReport(JSON.stringify({ 'a.ts': entry }), 'coverage-final.json'));
    expect(error).toMatch(message);
    expect(error).toMatch(/^coverage-final\.json:1: /);
  });

  it('a summary that covers more than its total', async () => {
    const summary = { total: { lines: { total: 2, covered: 5 }, statements: { total: 2, covered: 1 } } };
    expect(await refusal(() => parseCoverageReport(JSON.stringify(summary), 'coverage-summary.json'))).toMatch(/coverage-summary entry "total" contradicts itself: lines covers 5 of 2/);
  });
});

describe('coverage-gate says the real problem', () => {
  it('refuses a report that measures nothing, instead of passing it as 100% (0/0)', async () => {
    const workspace = await workspaceWith({ 'src/a.ts': 'x', 'coverage/lcov.info': 'SF:src/a.ts\nend_of_record\n' });
    expect(await refusal(() => runCoverageGate(options(workspace, { files: 'coverage/lcov.info', 'min-lines': '80' }), { repositoryFiles: ['src/a.ts'] }))).toBe(
      "coverage/lcov.info, input 'files': the coverage report lists 1 file but measures nothing in it (0 of 0 lines) (check that the tests ran with coverage on the sources and that the report lists their lines)",
    );
  });

  it('does not pass a threshold on a metric the report measures none of as 100%', async () => {
    const report = { 'src/a.ts': { statementMap: { 0: statement }, s: { 0: 1 }, fnMap: {}, f: {}, branchMap: {}, b: {} } };
    const workspace = await workspaceWith({ 'src/a.ts': 'x', 'coverage/coverage-final.json': JSON.stringify(report) });
    const result = await runCoverageGate(options(workspace, { files: 'coverage/coverage-final.json', 'min-functions': '80' }), { repositoryFiles: ['src/a.ts'] });
    expect(result.checks.find((check) => check.name === 'functions')).toMatchObject({ status: 'skipped', value: 0, message: 'functions: nothing measured (0 of 0), not judged' });
  });

  it('says the only report path is ambiguous, not that it matches nothing', async () => {
    const workspace = await workspaceWith({ 'coverage/lcov.info': 'SF:src/index.ts\nDA:1,1\nend_of_record\n' });
    expect(await refusal(() => runCoverageGate(options(workspace, { files: 'coverage/lcov.info' }), { repositoryFiles: ['packages/api/src/index.ts', 'packages/web/src/index.ts'] }))).toBe(
      "coverage/lcov.info, input 'files': no path in the coverage report matches a single file of the repository (1 path): 'src/index.ts' (packages/api/src/index.ts, packages/web/src/index.ts) is ambiguous: it matches several files equally well (list the folder the tool ran in under coverage-gate.roots, so each path is read from there)",
    );
  });

  it('says a symlinked report was skipped', async () => {
    const workspace = await workspaceWith({ 'src/a.ts': 'x', 'real/lcov.info': 'SF:src/a.ts\nDA:1,1\nend_of_record\n' });
    await mkdir(join(workspace, 'coverage'));
    await symlink(join(workspace, 'real/lcov.info'), join(workspace, 'coverage/lcov.info'));
    expect(await refusal(() => runCoverageGate(options(workspace, { files: 'coverage/*.info' }), { repositoryFiles: ['src/a.ts'] }))).toMatch(
      /no coverage report matches 'coverage\/\*\.info' in \S+; skipped 1 symlink the globs match \(coverage\/lcov\.info\)/,
    );
  });

  it('refuses an explicitly named base that cannot be resolved, naming the input', async () => {
    const workspace = await workspaceWith({ 'src/a.ts': 'x', 'coverage/lcov.info': 'SF:src/a.ts\nDA:1,1\nend_of_record\n' });
    const changes = { unavailable: 'the base commit origin/mian is not in the checkout and could not be fetched' };
    expect(await refusal(() => runCoverageGate(options(workspace, { files: 'coverage/lcov.info', base: 'origin/mian', 'min-patch': '80' }), { repositoryFiles: ['src/a.ts'], changes }))).toMatch(
      /^input 'base': the base 'origin\/mian' cannot be used for the changed lines: the base commit origin\/mian is not in the checkout/,
    );
    expect(await refusal(() => runCoverageGate(options(workspace, { files: 'coverage/lcov.info' }, 'coverage-gate:\n  base: nope\n'), { repositoryFiles: ['src/a.ts'], changes }))).toMatch(/^c\.yml:2, key 'coverage-gate\.base': the base 'nope' cannot be used/);
    // Without a named base (a push, a local run), unknown changed lines stay a notice.
    const result = await runCoverageGate(options(workspace, { files: 'coverage/lcov.info' }), { repositoryFiles: ['src/a.ts'], changes: { unavailable: 'this is not a pull request and no base was given' } });
    expect(result.messages).toContainEqual({ level: 'notice', text: 'changed lines unknown: this is not a pull request and no base was given' });
  });

  it.each([
    [{ 'min-lines': '0.8' }, "input 'min-lines': 0.8 reads as 0.8%, which looks like a ratio (did you mean 80? write 0.8% if you mean less than 1%)"],
    [{ 'min-patch': '0.75' }, "input 'min-patch': 0.75 reads as 0.75%, which looks like a ratio (did you mean 75? write 0.75% if you mean less than 1%)"],
  ])('refuses a threshold that looks like a ratio: %o', async (inputs, message) => {
    const workspace = await workspaceWith({});
    expect(await refusal(() => options(workspace, { files: 'coverage/lcov.info', ...inputs }))).toBe(message);
    expect(options(workspace, { files: 'coverage/lcov.info', 'min-lines': '0.8%', 'max-drop': '0.5' })).toMatchObject({ thresholds: { lines: 0.8 }, maxDrop: 0.5 });
  });

  it('refuses a per-glob threshold whose braces expand past the limit', async () => {
    const workspace = await workspaceWith({});
    const yaml = `coverage-gate:\n  paths:\n    '${'{a,b}'.repeat(12)}': 80\n`;
    expect(await refusal(() => options(workspace, { files: 'coverage/lcov.info' }, yaml))).toMatch(/^c\.yml:3, key 'coverage-gate\.paths\.\{a,b\}.*': the glob .* expands to more than 1000 patterns/);
  });
});
