import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedLines, git, GitError, isShallow, lsFiles, repositoryFiles } from '../src/index.js';

const run = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  }).trim();

async function write(root: string, path: string, text: string) {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

/** main: 80 commits; feature branches off commit 60 and changes two files; main moves on. */
async function makeOrigin(): Promise<{ origin: string; base: string; forkPoint: string }> {
  const origin = await mkdtemp(join(tmpdir(), 'roadstop-git-origin-'));
  run(origin, 'init', '-q', '-b', 'main');
  await write(origin, 'src/a.ts', Array.from({ length: 20 }, (_, i) => `export const a${i} = ${i};`).join('\n') + '\n');
  await write(origin, 'src/b.ts', 'export const b = 1;\n');
  run(origin, 'add', '.');
  run(origin, 'commit', '-qm', 'c0');
  let forkPoint = '';
  for (let i = 1; i <= 80; i++) {
    await write(origin, 'log.txt', `${i}\n`);
    run(origin, 'add', 'log.txt');
    run(origin, 'commit', '-qm', `c${i}`);
    if (i === 60) forkPoint = run(origin, 'rev-parse', 'HEAD');
  }
  const base = run(origin, 'rev-parse', 'HEAD');
  run(origin, 'checkout', '-q', '-b', 'feature', forkPoint);
  const a = Array.from({ length: 20 }, (_, i) => `export const a${i} = ${i};`);
  a[4] = 'export const a4 = 40;';
  a.splice(10, 0, 'export const inserted = true;');
  await write(origin, 'src/a.ts', a.join('\n') + '\n');
  await write(origin, 'src/new.ts', 'one\ntwo\n');
  run(origin, 'add', '.');
  run(origin, 'commit', '-qm', 'feature');
  return { origin, base, forkPoint };
}

describe('changedLines', () => {
  it('finds the lines a branch changed against its merge base in a full clone', async () => {
    const { origin, base, forkPoint } = await makeOrigin();
    const result = await changedLines({ cwd: origin, base, remote: false });
    expect(result.mergeBase).toBe(forkPoint);
    expect(Object.fromEntries([...result.lines].map(([file, set]) => [file, [...set]]))).toEqual({ 'src/a.ts': [5, 11], 'src/new.ts': [1, 2] });
    expect(result.fetched).toEqual([]);
    expect(await lsFiles(origin)).toEqual(['log.txt', 'src/a.ts', 'src/b.ts', 'src/new.ts']);
  });

  it('deepens a depth-1 checkout until the merge base is there', async () => {
    const { origin, base, forkPoint } = await makeOrigin();
    const clone = await mkdtemp(join(tmpdir(), 'roadstop-git-clone-'));
    run(tmpdir(), 'clone', '-q', '--depth=1', '--branch', 'feature', `file://${origin}`, clone);
    expect(await isShallow(clone)).toBe(true);
    const logs: string[] = [];
    const result = await changedLines({ cwd: clone, base, deepenBy: 8, log: (message) => logs.push(message) });
    expect(result.mergeBase).toBe(forkPoint);
    expect([...result.lines.keys()].sort()).toEqual(['src/a.ts', 'src/new.ts']);
    expect(result.fetched[0]).toBe(`--depth=1 ${base}`);
    expect(result.fetched.slice(1).every((step) => step.startsWith('--deepen='))).toBe(true);
    expect(result.fetched.length).toBeGreaterThan(1);
  });

  it('says clearly when the base cannot be had', async () => {
    const { origin } = await makeOrigin();
    const error = await changedLines({ cwd: origin, base: 'f'.repeat(40), remote: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitError);
    expect((error as Error).message).toContain(`the base commit ${'f'.repeat(40)} is not in the checkout and could not be fetched`);
  });
});

describe('hostile values and git failures', () => {
  it('never hands an option-like base to git: no command runs, even with a local remote', async () => {
    const { origin } = await makeOrigin();
    const clone = await mkdtemp(join(tmpdir(), 'roadstop-git-clone-'));
    run(tmpdir(), 'clone', '-q', '--depth=1', '--branch', 'feature', origin, clone);
    const marker = join(clone, 'pwned');
    await expect(changedLines({ cwd: clone, base: `--upload-pack=touch ${marker} #` })).rejects.toThrow(/is not a git ref or commit: it starts with -/);
    expect(existsSync(marker)).toBe(false);
  });

  it('reports a broken checkout as git failing, with its first stderr line, instead of walking the tree', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'roadstop-git-broken-'));
    await writeFile(join(folder, '.git'), 'gitdir: /nonexistent/roadstop\n');
    await write(folder, 'src/a.ts', 'x\n');
    const error = await repositoryFiles(folder).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toMatch(/^git ls-files failed \(128\): fatal: not a git repository: \/nonexistent\/roadstop$/);
  });

  it('lists the files of a folder that is not a checkout, and says so', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'roadstop-git-none-'));
    await write(folder, 'src/a.ts', 'x\n');
    const logged: string[] = [];
    expect(await repositoryFiles(folder, (text) => logged.push(text))).toEqual(['src/a.ts']);
    expect(logged.join('\n')).toMatch(/is not a git checkout/);
  });

  it('gives up when the total time is spent', async () => {
    const { origin, base } = await makeOrigin();
    const error = await changedLines({ cwd: origin, base, remote: false, totalTimeoutMs: 0 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toMatch(/took longer than 0 s in all/);
  });

  it('ends a git call that hangs at its time limit, as git failing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'roadstop-git-hang-'));
    // hash-object --stdin waits for an end of input that never comes: the pipe stays open.
    const error = await git(folder, ['hash-object', '--stdin'], { timeoutMs: 300 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toBe('git hash-object failed (timed out): no answer within 300 ms');
  });

  it('redacts credentials from the stderr line it shows', () => {
    const error = new GitError(['fetch'], "fatal: unable to access 'https://x-access-token:ghs_secret123@github.com/o/r/': 403\nmore", 128);
    expect(error.message).toBe("git fetch failed (128): fatal: unable to access 'https://***@github.com/o/r/': 403");
  });
});
