import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createResult } from '@roadstop/core';
import { rec, runAction, startReplayServer } from '@roadstop/testing';
import { validateResult } from '../../../packages/core/test/validate-result.js';

const FIXTURES = join(import.meta.dirname, '../../../packages/coverage/fixtures');
const action = 'coverage-gate';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' } }).trim();

/**
 * A checkout of a pull request: the base commit lacks shipping() in
 * src/cart.ts, the head adds it; the reports are what vitest wrote for the head.
 */
async function pullRequestCheckout(tool = 'vitest-v8'): Promise<{ workspace: string; base: string; head: string }> {
  const workspace = await mkdtemp(join(tmpdir(), 'roadstop-coverage-action-'));
  await cp(join(FIXTURES, 'project/src'), join(workspace, 'src'), { recursive: true });
  const full = await readFile(join(workspace, 'src/cart.ts'), 'utf8');
  const lines = full.split('\n');
  lines.splice(29, 8);
  await writeFile(join(workspace, 'src/cart.ts'), lines.join('\n'));
  git(workspace, 'init', '-q', '-b', 'main');
  git(workspace, 'add', 'src');
  git(workspace, 'commit', '-qm', 'base');
  const base = git(workspace, 'rev-parse', 'HEAD');
  git(workspace, 'checkout', '-qb', 'feature');
  await writeFile(join(workspace, 'src/cart.ts'), full);
  git(workspace, 'commit', '-qam', 'add shipping');
  const head = git(workspace, 'rev-parse', 'HEAD');
  await cp(join(FIXTURES, 'reports', tool), join(workspace, 'coverage'), { recursive: true });
  return { workspace, base, head };
}

const prEvent = (base: string, head: string) => ({
  pull_request: { number: 9, base: { ref: 'main', sha: base, repo: { full_name: 'octo-org/webapp' } }, head: { ref: 'feature', sha: head, repo: { full_name: 'octo-org/webapp' } } },
});

describe('coverage-gate action, built dist/ run as the runner runs it', () => {
  it('reports the tool’s totals, gates the changed lines and annotates uncovered ones', async () => {
    const { workspace, base, head } = await pullRequestCheckout();
    const run = await runAction({ action, workspace, event: prEvent(base, head), inputs: { files: 'coverage/lcov.info', preset: 'harden', 'min-patch': '80' } });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'fail', lines: '70.21', functions: '61.53', branches: '74.35', patch: '50' });
    const result = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(validateResult(result)).toEqual([]);
    const warnings = run.annotations.filter((annotation) => annotation.level === 'warning');
    expect(warnings).toEqual([
      { level: 'warning', message: 'changed lines 32-33 are not covered by tests', properties: { title: 'Not covered by tests', file: 'src/cart.ts', line: '32' } },
    ]);
    const errors = run.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors[0]!.message).toBe('2 of 4 changed lines covered (50%), below 80%');
    expect(errors.at(-1)!.message).toBe('roadstop coverage-gate: 1 of 2 coverage checks failed · patch 50% (≥ 80%)');
    expect(run.summary).toContain('### ❌ Coverage: fail');
    expect(run.summary).toContain('| lines | 70.21% (33/47) | ≥ 70% | — | ✅ pass |');
    expect(run.summary).toContain('| changed lines | 50% (2/4) | ≥ 80% | — | ❌ fail |');
    expect(run.summary).toContain('| `src/cart.ts` | 2/4 | 32-33 |');
    expect(run.summary).toContain('<summary>Coverage of 4 files</summary>');
  });

  it('passes above the thresholds, from the config file, with jest’s Cobertura report', async () => {
    const { workspace, base, head } = await pullRequestCheckout('jest');
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/roadstop.yml'), 'coverage-gate:\n  files: coverage/cobertura-coverage.xml\n  preset: launch\n  patch: 40\n');
    const run = await runAction({ action, workspace, event: prEvent(base, head) });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'pass', lines: '70.21', patch: '50' });
    // `patch` is the old name of min-patch: still read (patch 50% ≥ 40% passes), with a warning on its line.
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: "'coverage-gate.patch' is deprecated: it is now 'coverage-gate.min-patch' (the input's name); the old name still works for now",
        properties: expect.objectContaining({ file: '.github/roadstop.yml', line: '4' }),
      }),
    );
  });

  it('compares with a baseline file and fails a drop', async () => {
    const { workspace, base, head } = await pullRequestCheckout();
    const baseline = createResult({ gate: 'coverage-gate', status: 'pass', headline: 'x', metrics: { lines: 80, files: 4 }, checks: [], items: [], messages: [], settings: {} });
    await writeFile(join(workspace, 'base.json'), JSON.stringify(baseline));
    const run = await runAction({ action, workspace, event: prEvent(base, head), inputs: { files: 'coverage/lcov.info', baseline: 'base.json', 'max-drop': '1' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((annotation) => annotation.level === 'error')!.message).toBe(
      'lines coverage dropped by 9.79 points against the base (80% → 70.21%), more than the 1 allowed',
    );
    expect(run.summary).toContain('| lines | 70.21% (33/47) | — | -9.79 |');
  });

  it.each([
    [{ files: 'coverage/lcov.info', 'min-lines': '120' }, "input 'min-lines': 120 is out of range: must be from 0 to 100"],
    [{ files: 'nothing/*.info' }, "input 'files': no coverage report matches 'nothing/*.info'"],
    [{ files: 'empty.info' }, 'empty.info'],
    [{ files: 'coverage/lcov.info', baseline: 'old.json' }, "old.json, input 'baseline': result schema version 0 is not supported (this roadstop reads version 1)"],
  ])('fails on %j with one clear error and no stack trace', async (inputs, message) => {
    const { workspace } = await pullRequestCheckout();
    await writeFile(join(workspace, 'empty.info'), '');
    await writeFile(join(workspace, 'old.json'), JSON.stringify({ schemaVersion: 0, gate: 'coverage-gate' }));
    const run = await runAction({ action, workspace, eventName: 'push', inputs });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((annotation) => annotation.level === 'error')!;
    expect(error.message).toContain(message);
    expect(run.stdout).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(run.stderr).toBe('');
  });

  it('skips the changed lines on a push, with a notice saying why', async () => {
    const { workspace } = await pullRequestCheckout();
    const run = await runAction({ action, workspace, eventName: 'push', inputs: { files: 'coverage/lcov.info', 'min-patch': '80' } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.patch).toBe('');
    expect(run.annotations.some((annotation) => annotation.message === 'changed lines unknown: this is not a pull request and no base was given')).toBe(true);
  });

  it('reads the changed lines from the pull request API when the checkout has no git history', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-coverage-nogit-'));
    await cp(join(FIXTURES, 'project/src'), join(workspace, 'src'), { recursive: true });
    await cp(join(FIXTURES, 'reports/vitest-v8'), join(workspace, 'coverage'), { recursive: true });
    const patch = ['@@ -27,3 +27,11 @@ export function applyDiscount(total: number, code?: string): number {', '   }', ' }', ' ', '+export function shipping(total: number, express = false): number {', '+  if (express) {', '+    const fee = total >= 100 ? 5 : 15;', '+    return fee;', '+  }', '+  return total >= 50 ? 0 : 4.95;', '+}', '+'].join('\n');
    const files = [
      { sha: 'a1', filename: 'src/cart.ts', status: 'modified', additions: 8, deletions: 0, changes: 8, patch },
      { sha: 'a2', filename: 'README.md', status: 'modified', additions: 1, deletions: 0, changes: 1, patch: '@@ -1 +1,2 @@\n # x\n+more' },
    ];
    const server = await startReplayServer([
      rec('GET', '/repos/octo-org/webapp/pulls/9/files?per_page=100', 200, files.slice(0, 1), {
        link: '<https://api.github.com/repositories/1/pulls/9/files?per_page=100&page=2>; rel="next", <https://api.github.com/repositories/1/pulls/9/files?per_page=100&page=2>; rel="last"',
      }),
      rec('GET', '/repositories/1/pulls/9/files?per_page=100&page=2', 200, files.slice(1)),
    ]);
    try {
      const run = await runAction({
        action,
        workspace,
        event: prEvent('1'.repeat(40), '2'.repeat(40)),
        githubToken: 'ghs_test_token_000000000000000000000',
        env: { GITHUB_API_URL: server.url },
        inputs: { files: 'coverage/lcov.info', 'min-patch': '40', baseline: 'none' },
      });
      expect(server.unmatched).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(run.outputs.patch).toBe('50');
      expect(run.stdout).toContain('read 2 files from the pull request API');
    } finally {
      await server.close();
    }
  });
});
