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
 * goes to the real npm. Its `npx` answers the one download this machine cannot make, Playwright's browser
 * (`npx playwright install [--with-deps] chromium`): it checks that the Chromium named by CHROMIUM_PATH (Debian's
 * /usr/bin/chromium, which examples/webapp/playwright.config.js then launches) starts and says so, and refuses any
 * other browser; every other npx call goes to the real npx.
 */
export async function npmStandIn(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'roadstop-npm-'));
  made.push(folder);
  const real = (await exec('bash', ['-c', 'command -v npm'])).stdout.trim();
  const script = `#!/usr/bin/env bash\nif [ "$1" = ci ]; then\n  [ -f package-lock.json ] || { echo "npm ci: no package-lock.json" >&2; exit 1; }\n  rm -rf node_modules && ln -s '${join(REPO_ROOT, 'node_modules')}' node_modules\n  echo "npm ci (stand-in): node_modules linked"\n  exit 0\nfi\nexec '${real}' "$@"\n`;
  await writeFile(join(folder, 'npm'), script, { mode: 0o755 });
  const npx = (await exec('bash', ['-c', 'command -v npx'])).stdout.trim();
  await writeFile(join(folder, 'npx'), NPX_STAND_IN.replace('REAL_NPX', npx), { mode: 0o755 });
  return folder;
}

/** The npx of npmStandIn; REAL_NPX is replaced by the real one's path. */
const NPX_STAND_IN = `#!/usr/bin/env bash
if [ "$1" = playwright ] && [ "$2" = install ]; then
  shift 2
  browsers=()
  for arg in "$@"; do case "$arg" in --with-deps) ;; -*) echo "npx playwright install (stand-in): $arg is not rehearsed here" >&2; exit 1 ;; *) browsers+=("$arg") ;; esac; done
  if [ "\${#browsers[@]}" -ne 1 ] || [ "\${browsers[0]}" != chromium ]; then
    echo "npx playwright install (stand-in): only chromium is on this machine, not '\${browsers[*]}'" >&2; exit 1
  fi
  if [ -z "\${CHROMIUM_PATH:-}" ] || [ ! -x "$CHROMIUM_PATH" ]; then
    echo "npx playwright install (stand-in): Playwright's browser download does not run here, and CHROMIUM_PATH names no Chromium ('\${CHROMIUM_PATH:-}')" >&2; exit 1
  fi
  version=$("$CHROMIUM_PATH" --version) || { echo "npx playwright install (stand-in): $CHROMIUM_PATH --version failed" >&2; exit 1; }
  echo "npx playwright install (stand-in): no download; the e2e tests launch $version at $CHROMIUM_PATH (CHROMIUM_PATH)"
  exit 0
fi
exec 'REAL_NPX' "$@"
`;

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
