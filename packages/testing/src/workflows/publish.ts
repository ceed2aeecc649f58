import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../action-harness.js';
import { removeCheckouts } from './published.js';

/** Every folder this module made in the test process, removed by cleanUpPublished. */
const made: string[] = [];

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
  made.push(root);
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

let released: Promise<{ published: Published; sha: string; repositories: Record<string, string> }> | undefined;

/** roadstop published as acme/roadstop with the release v1.0.0, once per test process. */
export function roadstopRelease(): Promise<{ published: Published; sha: string; repositories: Record<string, string>; tag: string }> {
  released ??= (async () => {
    const published = await publishRoadstop('acme/roadstop');
    const sha = await published.release('1.0.0');
    return { published, sha, repositories: { 'acme/roadstop': published.gitDir } };
  })();
  return released.then((value) => ({ ...value, tag: 'v1.0.0' }));
}

/**
 * A folder whose `npm` stands in for the real one on PATH: `npm ci` links roadstop's own node_modules (this machine
 * installs nothing from the network in a test; the example's dependencies are a subset of roadstop's), anything else
 * goes to the real npm.
 */
export async function npmStandIn(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'roadstop-npm-'));
  made.push(folder);
  const real = (await exec('bash', ['-c', 'command -v npm'])).stdout.trim();
  const script = `#!/usr/bin/env bash\nif [ "$1" = ci ]; then\n  [ -f package-lock.json ] || { echo "npm ci: no package-lock.json" >&2; exit 1; }\n  rm -rf node_modules && ln -s '${join(REPO_ROOT, 'node_modules')}' node_modules\n  echo "npm ci (stand-in): node_modules linked"\n  exit 0\nfi\nexec '${real}' "$@"\n`;
  await writeFile(join(folder, 'npm'), script, { mode: 0o755 });
  return folder;
}

/** A caller's repository made from examples/webapp (its own files only), with `files` added, committed on main. */
export async function callerRepository(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roadstop-caller-'));
  made.push(dir);
  const source = join(REPO_ROOT, 'examples/webapp');
  await cp(source, dir, { recursive: true, filter: (path) => !/\/(node_modules|dist|coverage|test-results)(\/|$)/.test(path.slice(source.length)) });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await writeFile(join(dir, '.gitignore'), 'node_modules/\ndist/\ncoverage/\ntest-results/\n');
  await git(dir, 'init', '-q', '-b', 'main');
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'webapp');
  return dir;
}

/** Removes the published repositories, callers, stand-ins and extracted trees of this test process (afterAll). */
export async function cleanUpPublished(): Promise<void> {
  released = undefined;
  await removeCheckouts();
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
