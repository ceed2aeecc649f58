import { ConfigurationError } from '@roadstop/core';
import { parseUnifiedDiff, type ChangedLines } from './diff.js';

// child_process is loaded on the first git command, not with every step that bundles this package.
function exec(file: string, args: readonly string[], options: import('node:child_process').ExecFileOptions): Promise<{ stdout: string; stderr: string }> {
  const { execFile } = process.getBuiltinModule('node:child_process');
  const { promisify } = process.getBuiltinModule('node:util');
  return promisify(execFile)(file, args, { ...options, encoding: 'utf8' });
}

export class GitError extends Error {
  override readonly name = 'GitError';
  readonly args: string[];
  readonly stderr: string;
  readonly code: number | string | undefined;
  constructor(args: string[], stderr: string, code: number | string | undefined) {
    super(`git ${args.join(' ')} failed${code !== undefined ? ` (${code})` : ''}: ${stderr.trim().split('\n').at(-1) ?? ''}`);
    this.args = args;
    this.stderr = stderr;
    this.code = code;
  }
}

/** Run git in `cwd`; never through a shell, so no argument is ever interpreted. */
export async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await exec('git', args, { cwd, maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
    return stdout;
  } catch (error) {
    const failure = error as { stderr?: string; code?: number | string };
    if (failure.code === 'ENOENT') throw new ConfigurationError('git is not installed or not on the PATH', {}, 'install git, or run in a checkout');
    throw new GitError(args, failure.stderr ?? String(error), failure.code);
  }
}

/** Every file git tracks, as repository-relative paths with forward slashes. */
export async function lsFiles(cwd: string): Promise<string[]> {
  const out = await git(cwd, ['ls-files', '-z', '--full-name']);
  return out.split('\0').filter(Boolean);
}

export async function isShallow(cwd: string): Promise<boolean> {
  return (await git(cwd, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}

async function hasCommit(cwd: string, sha: string): Promise<boolean> {
  try {
    await git(cwd, ['cat-file', '-e', `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

async function mergeBaseOf(cwd: string, a: string, b: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['merge-base', a, b])).trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface ChangedLinesOptions {
  cwd: string;
  /** The base branch's commit (the pull request's base SHA) or ref. */
  base: string;
  head?: string;
  /** Fetch what a shallow clone lacks from this remote; false to use only what is there. */
  remote?: string | false;
  /** Commits fetched per deepening step, and how many steps before fetching everything. */
  deepenBy?: number;
  maxDeepen?: number;
  log?: (message: string) => void;
}

export interface ChangedLinesResult {
  lines: ChangedLines;
  mergeBase: string;
  /** What had to be fetched, for the log. */
  fetched: string[];
}

/**
 * The lines the change adds or modifies against its merge base with `base`.
 * A shallow checkout (actions/checkout's default depth 1) is deepened step by
 * step until the merge base is there, then unshallowed as a last resort.
 */
export async function changedLines(options: ChangedLinesOptions): Promise<ChangedLinesResult> {
  const { cwd, base } = options;
  const head = options.head ?? 'HEAD';
  const remote = options.remote ?? 'origin';
  const fetched: string[] = [];
  const fetch = async (args: string[]) => {
    if (remote === false) return false;
    try {
      await git(cwd, ['fetch', '--no-tags', '--quiet', remote, ...args]);
      fetched.push(args.join(' '));
      options.log?.(`git fetch ${args.join(' ')}`);
      return true;
    } catch (error) {
      options.log?.(`git fetch ${args.join(' ')}: ${(error as Error).message}`);
      return false;
    }
  };

  if (!(await hasCommit(cwd, base))) await fetch(['--depth=1', base]);
  if (!(await hasCommit(cwd, base))) {
    throw new GitError(['cat-file', '-e', base], `the base commit ${base} is not in the checkout and could not be fetched`, undefined);
  }
  let mergeBase = await mergeBaseOf(cwd, base, head);
  const steps = options.maxDeepen ?? 6;
  for (let step = 0; !mergeBase && step < steps && (await isShallow(cwd)); step++) {
    const by = (options.deepenBy ?? 50) * 2 ** step;
    if (!(await fetch([`--deepen=${by}`, base]))) break;
    mergeBase = await mergeBaseOf(cwd, base, head);
  }
  if (!mergeBase && (await isShallow(cwd)) && (await fetch(['--unshallow']))) mergeBase = await mergeBaseOf(cwd, base, head);
  if (!mergeBase) throw new GitError(['merge-base', base, head], `no merge base between ${base} and ${head}`, undefined);

  const diff = await git(cwd, ['diff', '--no-color', '--no-ext-diff', '--unified=0', '--diff-filter=AMRC', '-M', '--src-prefix=a/', '--dst-prefix=b/', mergeBase, head, '--']);
  return { lines: parseUnifiedDiff(diff), mergeBase, fetched };
}

/**
 * The files of the repository: git's list, or, in a folder that is not a git
 * checkout (a downloaded artifact, a tarball), every file below it but
 * dependencies and build caches.
 */
export async function repositoryFiles(cwd: string): Promise<string[]> {
  try {
    return await lsFiles(cwd);
  } catch {
    const { default: glob } = await import('fast-glob');
    return (await glob('**/*', { cwd, dot: false, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] })).sort();
  }
}
