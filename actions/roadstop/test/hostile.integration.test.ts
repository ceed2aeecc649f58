import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createResult } from '@roadstop/core';
import { refusalOf, runAction, type ActionRun } from '@roadstop/testing';
import { prEvent, pullRequestClone } from '../../../packages/coverage/test/pull-request-clone.js';

// Issue 17, "Trust at the edges", for the BUILT root action: it reads .github/roadstop.yml, which the pull request
// itself controls, in the job that holds the token. Nothing in that file may run a command, choose a program, or
// lead a read out of the workspace; each such key is one clear error naming the file, line and key.

async function configured(config: string): Promise<{ workspace: string; event: ReturnType<typeof prEvent> }> {
  const { workspace, base, head } = await pullRequestClone();
  await mkdir(join(workspace, '.github'), { recursive: true });
  await writeFile(join(workspace, '.github/roadstop.yml'), config);
  return { workspace, event: prEvent(base, head) };
}

function expectRefused(run: ActionRun, message: RegExp): void {
  const refusal = refusalOf(run);
  expect(refusal).toMatchObject({ exitCode: 1, trace: false });
  expect(refusal.errors).toContainEqual(expect.stringMatching(message));
}

describe('the root action against a hostile config file, built dist/', () => {
  it('coverage-gate.base: "--upload-pack=…" with a local-path origin runs nothing, and says where', async () => {
    const { workspace: probe } = await pullRequestClone();
    const marker = join(probe, 'pwned');
    const { workspace, event } = await configured(`coverage-gate:\n  files: coverage/lcov.info\n  base: "--upload-pack=touch ${marker} #"\n`);
    const run = await runAction({ action: 'roadstop', workspace, event });
    expectRefused(run, /\.github\/roadstop\.yml:3, key 'coverage-gate\.base': "--upload-pack=touch [^"]*" is not a git ref or commit: it starts with -/);
    expect(existsSync(marker)).toBe(false);
  });

  it.each<[string, string, RegExp]>([
    ['lighthouse-gate.chrome-path (a program)', 'lighthouse-gate:\n  static-dir: coverage\n  chrome-path: /bin/sh\n', /\.github\/roadstop\.yml:3, key 'lighthouse-gate\.chrome-path': chrome-path is not read from the config file/],
    ['lighthouse-gate.static-dir leading to /etc', 'lighthouse-gate:\n  static-dir: site\n', /key 'lighthouse-gate\.static-dir': the static-dir 'site' is outside the workspace .*\(through a symlink, it leads to \/etc\)/],
    ['lighthouse-gate.thresholds as lhci scores', 'lighthouse-gate:\n  static-dir: coverage\n  thresholds: { performance: 0.9 }\n', /key 'lighthouse-gate\.min-performance': 0\.9 reads as 0\.9 points out of 100.*did you mean 90\?/],
    ['bundle-budget path through a symlink to /usr', 'bundle-budget:\n  budgets:\n    - name: js\n      path: vendor/**/*.js\n      max: 1 MB\n', /\.github\/roadstop\.yml:3, key 'bundle-budget\.budgets\[0\]': the glob 'vendor\/\*\*\/\*\.js' goes through vendor, a symlink to \/usr outside the workspace/],
    ['coverage-gate.base as a revision range', 'coverage-gate:\n  files: coverage/lcov.info\n  base: main..HEAD\n', /\.github\/roadstop\.yml:3, key 'coverage-gate\.base': "main\.\.HEAD" is not a git ref or commit: it contains \.\./],
    ['coverage-gate.baseline forged (pass over a failing check)', 'coverage-gate:\n  files: coverage/lcov.info\n  baseline: forged.json\n', /forged\.json.*not a result roadstop wrote: its status is pass, but its check 'lines' is fail/],
  ])('%s is refused by file, line and key', async (_name, config, message) => {
    const { workspace, event } = await configured(config);
    await symlink('/etc', join(workspace, 'site'));
    await symlink('/usr', join(workspace, 'vendor'));
    const forged = createResult({ gate: 'coverage-gate', status: 'pass', headline: 'all good', metrics: { lines: 100 }, checks: [{ name: 'lines', status: 'fail', value: 1, limit: 80, unit: 'percent' }], items: [], messages: [], settings: {} });
    await writeFile(join(workspace, 'forged.json'), JSON.stringify(forged));
    const run = await runAction({ action: 'roadstop', workspace, event, timeoutMs: 30_000 });
    expectRefused(run, message);
  });

  it('a config file that is a FIFO is refused at once', async () => {
    const { workspace, event } = await configured('');
    await rm(join(workspace, '.github/roadstop.yml'));
    execFileSync('mkfifo', [join(workspace, '.github/roadstop.yml')]);
    const run = await runAction({ action: 'roadstop', workspace, event, timeoutMs: 30_000 });
    expectRefused(run, /^\.github\/roadstop\.yml, input 'config': the config file is a FIFO \(named pipe\), not a regular file/);
  });

  it('a config file that is a symlink out of the workspace is refused', async () => {
    const { workspace, event } = await configured('');
    await rm(join(workspace, '.github/roadstop.yml'));
    await symlink('/etc/passwd', join(workspace, '.github/roadstop.yml'));
    const run = await runAction({ action: 'roadstop', workspace, event, timeoutMs: 30_000 });
    expectRefused(run, /the config file is outside the workspace .*\(through a symlink, it leads to \/etc\/passwd\)/);
  });
});
