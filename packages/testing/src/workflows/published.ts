import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * Repositories a rehearsal can call, as GitHub would find them: `owner/name` → a git directory (bare or not). A
 * `uses: owner/name/path@ref` is read from that repository at that ref, never from the working tree, so a caller
 * pinned to a release runs that release whatever the repository's main holds later.
 */
export type Repositories = Record<string, string>;

export interface UsesTarget {
  repository: string;
  /** The folder or workflow file inside the repository; '' for the root action. */
  path: string;
  ref: string;
}

/** `owner/name[/path]@ref` split; undefined for `./local`, `docker://` and anything that is not a repository. */
export function parseUses(uses: string): UsesTarget | undefined {
  const match = /^([A-Za-z0-9][\w.-]*\/[\w.-]+)((?:\/[^@\s]+)?)@([^@\s]+)$/.exec(uses);
  if (!match) return undefined;
  return { repository: match[1]!, path: match[2]!.replace(/^\/+|\/+$/g, ''), ref: match[3]! };
}

const checkouts = new Map<string, Promise<{ sha: string; dir: string }>>();

/**
 * The tree of `ref` in a repository, extracted once per commit (git archive) into a folder of its own: what the
 * runner downloads for a `uses:` of another repository. The ref must name a commit there: a tag, a branch or a SHA.
 */
export async function checkoutRef(gitDir: string, ref: string): Promise<{ sha: string; dir: string }> {
  const { stdout } = await exec('git', ['--git-dir', gitDir, 'rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]).catch(() => {
    throw new Error(`${ref} is no commit, branch or tag of ${gitDir}`);
  });
  const sha = stdout.trim();
  const key = `${gitDir}\0${sha}`;
  let pending = checkouts.get(key);
  if (!pending) {
    pending = (async () => {
      const dir = await mkdtemp(join(tmpdir(), `roadstop-uses-${sha.slice(0, 12)}-`));
      await exec('bash', ['-o', 'pipefail', '-c', 'git --git-dir="$1" archive --format=tar "$2" | tar -x -C "$3"', 'archive', gitDir, sha, dir], { maxBuffer: 64 * 1024 * 1024 });
      return { sha, dir };
    })();
    checkouts.set(key, pending);
  }
  return pending;
}

/** Removes every extracted tree (afterAll of a test file). */
export async function removeCheckouts(): Promise<void> {
  const all = [...checkouts.values()];
  checkouts.clear();
  await Promise.all(all.map(async (pending) => rm((await pending).dir, { recursive: true, force: true })));
}

/** Where a `uses:` of a published repository lives on this machine, or undefined when it is not one of them. */
export async function resolvePublished(uses: string, repositories: Repositories): Promise<(UsesTarget & { sha: string; root: string }) | undefined> {
  const target = parseUses(uses);
  if (!target) return undefined;
  const gitDir = Object.entries(repositories).find(([name]) => name.toLowerCase() === target.repository.toLowerCase())?.[1];
  if (!gitDir) return undefined;
  const { sha, dir } = await checkoutRef(gitDir, target.ref);
  return { ...target, sha, root: dir };
}
