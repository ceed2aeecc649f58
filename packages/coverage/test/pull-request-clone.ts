import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A pull request's clone for the hostile-input tables of coverage-gate and the root action.

const ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' };
export const sh = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...ENV } }).trim();

const SOURCE = 'export function total(values: number[]): number {\n  let sum = 0;\n  for (const value of values) sum += value;\n  return sum;\n}\n';
export const LCOV = 'TN:\nSF:src/total.ts\nDA:2,1\nDA:3,1\nDA:4,1\nLF:3\nLH:3\nend_of_record\n';

/**
 * A pull request's clone: `origin` is a local path (so git would run an --upload-pack command given to it), the
 * base commit has src/total.ts, the head changes it; coverage/lcov.info is the head's report.
 */
export async function pullRequestClone(): Promise<{ workspace: string; base: string; head: string }> {
  const origin = await mkdtemp(join(tmpdir(), 'roadstop-hostile-origin-'));
  await mkdir(join(origin, 'src'));
  await writeFile(join(origin, 'src/total.ts'), SOURCE.replace('sum += value', 'sum = sum + value'));
  sh(origin, 'init', '-q', '-b', 'main');
  sh(origin, 'add', '.');
  sh(origin, 'commit', '-qm', 'base');
  const base = sh(origin, 'rev-parse', 'HEAD');
  sh(origin, 'checkout', '-qb', 'feature');
  await writeFile(join(origin, 'src/total.ts'), SOURCE);
  sh(origin, 'commit', '-qam', 'head');
  const workspace = await mkdtemp(join(tmpdir(), 'roadstop-hostile-clone-'));
  sh(tmpdir(), 'clone', '-q', '--branch', 'feature', origin, workspace);
  await mkdir(join(workspace, 'coverage'));
  await writeFile(join(workspace, 'coverage/lcov.info'), LCOV);
  return { workspace, base, head: sh(workspace, 'rev-parse', 'HEAD') };
}

export const prEvent = (base: string, head: string) => ({
  pull_request: { number: 3, base: { ref: 'main', sha: base, repo: { full_name: 'octo-org/webapp' } }, head: { ref: 'feature', sha: head, repo: { full_name: 'octo-org/webapp' } } },
});

