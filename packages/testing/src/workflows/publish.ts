import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../action-harness.js';

const exec = promisify(execFile);
const IDENTITY = { GIT_AUTHOR_NAME: 'rehearsal', GIT_AUTHOR_EMAIL: 'rehearsal@example.com', GIT_COMMITTER_NAME: 'rehearsal', GIT_COMMITTER_EMAIL: 'rehearsal@example.com' };

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await exec('git', args, { cwd, env: { ...process.env, ...IDENTITY }, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export interface Published {
  /** The bare repository that stands for github.com/<name>. */
  gitDir: string;
  name: string;
  /** A clone of it with main checked out, for later commits (push them with `git push origin main`). */
  clone: string;
  /** Makes a release in the clone with scripts/release.mjs (the clone's own copy) and pushes its tags; returns the release SHA. */
  release(version: string): Promise<string>;
}

/**
 * roadstop published as `name` (a bare repository on this machine): its first commit is this working tree as it
 * is, built dist/ included and ignored files left out (what the lead would push); releases are made by the
 * release script as a maintainer runs it, in a clone, and pushed.
 */
export async function publishRoadstop(name = 'acme/roadstop'): Promise<Published> {
  const root = await mkdtemp(join(tmpdir(), 'roadstop-published-'));
  const source = join(root, 'source');
  await git(root, 'init', '-q', '-b', 'main', source);
  // The working tree as a commit of a repository of its own: its .gitignore decides what goes in.
  await git(source, `--work-tree=${REPO_ROOT}`, 'add', '-A');
  await git(source, 'commit', '-q', '-m', 'roadstop as the working tree holds it');
  const gitDir = join(root, `${name.replace('/', '+')}.git`);
  await git(root, 'clone', '-q', '--bare', source, gitDir);
  const clone = join(root, 'clone');
  await git(root, 'clone', '-q', gitDir, clone);
  return {
    gitDir,
    name,
    clone,
    async release(version: string) {
      const { stdout } = await exec(process.execPath, ['scripts/release.mjs', '--repository', name, '--version', version], { cwd: clone, env: { ...process.env, ...IDENTITY } });
      await git(clone, 'push', '-q', '--force', 'origin', '--tags');
      return stdout.trim();
    },
  };
}
