import { ConfigurationError, EnvironmentError, redactUrlCredentials } from '@roadstop/core';
import { parseUnifiedDiff, type ChangedLines } from './diff.js';
import { checkRef } from './ref.js';

/** Longest one git call may take: a local command answers in well under a second, a fetch over a slow link in tens. */
export const GIT_CALL_TIMEOUT_MS = 60_000;
/** Longest all the git calls for one set of changed lines may take together (six deepening fetches, then --unshallow). */
export const GIT_TOTAL_TIMEOUT_MS = 180_000;

/**
 * git failed: the machine's or the repository's state (not a checkout, dubious
 * ownership in a container, no network), not the user's config and not a bug.
 * The message names git, the command and the first line git wrote to stderr,
 * with any credentials in URLs replaced.
 */
export class GitError extends EnvironmentError {
  readonly args: string[];
  readonly stderr: string;
  readonly code: number | string | undefined;
  constructor(args: string[], stderr: string, code: number | string | undefined) {
    const first = stderr.split('\n').map((line) => line.trim()).find(Boolean) ?? '';
    const shown = redactUrlCredentials(first.length > 300 ? `${first.slice(0, 300)}…` : first);
    super(`git ${args[0] ?? ''} failed${code !== undefined ? ` (${code})` : ''}${shown ? `: ${shown}` : ''}`);
    this.args = args;
    this.stderr = stderr;
    this.code = code;
  }
}

export interface GitCallOptions {
  /** Longest this call may take; GIT_CALL_TIMEOUT_MS when not given. */
  timeoutMs?: number;
}

/**
 * Run git in `cwd`; never through a shell, so no argument is ever interpreted
 * by one. Git itself still reads a leading `-` as an option: callers put
 * `--end-of-options` before any value that came from outside, and check refs
 * with checkRef.
 */
export async function git(cwd: string, args: string[], options: GitCallOptions = {}): Promise<string> {
  const timeoutMs = Math.max(1, options.timeoutMs ?? GIT_CALL_TIMEOUT_MS);
  // child_process is loaded on the first git command, not with every step that bundles this package.
  const { execFile } = process.getBuiltinModule('node:child_process');
  const { promisify } = process.getBuiltinModule('node:util');
  try {
    const { stdout } = await promisify(execFile)('git', args, {
      encoding: 'utf8',
      cwd,
      maxBuffer: 1 << 30,
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      // No prompt for credentials, no pager, no editor: a step has no terminal to answer them.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '', GIT_PAGER: 'cat', LC_ALL: 'C' },
    });
    return stdout;
  } catch (error) {
    const failure = error as { stderr?: string; code?: number | string; killed?: boolean; signal?: string };
    if (failure.code === 'ENOENT') throw new ConfigurationError('git is not installed or not on the PATH', {}, 'install git, or run in a checkout');
    if (failure.killed || failure.signal === 'SIGKILL') throw new GitError(args, `no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`, 'timed out');
    throw new GitError(args, failure.stderr ?? String(error), failure.code);
  }
}

/** Every file git tracks, as repository-relative paths with forward slashes. */
export async function lsFiles(cwd: string): Promise<string[]> {
  const out = await git(cwd, ['ls-files', '-z', '--full-name']);
  return out.split('\0').filter(Boolean);
}

export async function isShallow(cwd: string, options: GitCallOptions = {}): Promise<boolean> {
  return (await git(cwd, ['rev-parse', '--is-shallow-repository'], options)).trim() === 'true';
}

/** Whether git says the commit is missing (exit 1 of cat-file -e, or a bad object): any other failure is thrown. */
async function hasCommit(cwd: string, sha: string, options: GitCallOptions): Promise<boolean> {
  try {
    await git(cwd, ['cat-file', '-e', '--end-of-options', `${sha}^{commit}`], options);
    return true;
  } catch (error) {
    if (error instanceof GitError && (error.code === 1 || error.code === 128) && !/dubious ownership|not a git repository/i.test(error.stderr)) return false;
    throw error;
  }
}

/** The merge base, or undefined when git finds none yet (exit 1); any other failure is thrown. */
async function mergeBaseOf(cwd: string, a: string, b: string, options: GitCallOptions): Promise<string | undefined> {
  try {
    return (await git(cwd, ['merge-base', '--end-of-options', a, b], options)).trim() || undefined;
  } catch (error) {
    if (error instanceof GitError && error.code === 1) return undefined;
    throw error;
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
  /** Longest all git calls together may take, and each one; GIT_TOTAL_TIMEOUT_MS and GIT_CALL_TIMEOUT_MS by default. */
  totalTimeoutMs?: number;
  callTimeoutMs?: number;
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
  const { cwd } = options;
  // Checked before git sees them, wherever they came from: `--upload-pack=…` as a base would run a command.
  const base = checkRef(options.base, { input: 'base' });
  const head = checkRef(options.head ?? 'HEAD', { input: 'head' });
  const remote = options.remote ?? 'origin';
  if (remote !== false) checkRef(remote, { input: 'remote' });
  const totalMs = options.totalTimeoutMs ?? GIT_TOTAL_TIMEOUT_MS;
  const deadline = Date.now() + totalMs;
  // Each call gets what is left of the total, at most the per-call limit; past the total, the next call is not made.
  const budget = (): GitCallOptions => {
    const left = deadline - Date.now();
    if (left <= 0) throw new GitError(['fetch'], `the changed lines took longer than ${Math.round(totalMs / 1000)} s in all`, 'timed out');
    return { timeoutMs: Math.min(options.callTimeoutMs ?? GIT_CALL_TIMEOUT_MS, left) };
  };
  const fetched: string[] = [];
  const fetch = async (args: string[]) => {
    if (remote === false) return false;
    try {
      await git(cwd, ['fetch', '--no-tags', '--quiet', ...args.filter((arg) => arg.startsWith('--')), '--end-of-options', remote, ...args.filter((arg) => !arg.startsWith('--'))], budget());
      fetched.push(args.join(' '));
      options.log?.(`git fetch ${args.join(' ')}`);
      return true;
    } catch (error) {
      if (!(error instanceof GitError) || error.code === 'timed out') throw error;
      options.log?.(`git fetch ${args.join(' ')}: ${error.message}`);
      return false;
    }
  };

  if (!(await hasCommit(cwd, base, budget()))) await fetch(['--depth=1', base]);
  if (!(await hasCommit(cwd, base, budget()))) {
    throw new GitError(['cat-file', '-e', base], `the base commit ${base} is not in the checkout and could not be fetched`, undefined);
  }
  let mergeBase = await mergeBaseOf(cwd, base, head, budget());
  const steps = options.maxDeepen ?? 6;
  for (let step = 0; !mergeBase && step < steps && (await isShallow(cwd, budget())); step++) {
    const by = (options.deepenBy ?? 50) * 2 ** step;
    if (!(await fetch([`--deepen=${by}`, base]))) break;
    mergeBase = await mergeBaseOf(cwd, base, head, budget());
  }
  if (!mergeBase && (await isShallow(cwd, budget())) && (await fetch(['--unshallow']))) mergeBase = await mergeBaseOf(cwd, base, head, budget());
  if (!mergeBase) throw new GitError(['merge-base', base, head], `no merge base between ${base} and ${head}`, undefined);

  const diff = await git(
    cwd,
    ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=0', '--diff-filter=AMRC', '-M', '--src-prefix=a/', '--dst-prefix=b/', '--end-of-options', mergeBase, head, '--'],
    budget(),
  );
  return { lines: parseUnifiedDiff(diff), mergeBase, fetched };
}

/** git's stderr when the folder is not a checkout at all: the one failure that means "no git here". */
const NOT_A_REPOSITORY = /not a git repository \(or any of the parent directories\)/i;

/**
 * The files of the repository: git's list, or, in a folder that is not a git
 * checkout (a downloaded artifact, a tarball), every file below it but
 * dependencies and build caches, said in the log. Any other git failure
 * (dubious ownership in a container job, a broken index) is thrown: a silent
 * walk of the whole tree would map coverage paths against the wrong list.
 */
export async function repositoryFiles(cwd: string, log?: (text: string) => void): Promise<string[]> {
  try {
    return await lsFiles(cwd);
  } catch (error) {
    if (!(error instanceof GitError) || !NOT_A_REPOSITORY.test(error.stderr)) throw error;
    log?.(`${cwd} is not a git checkout (${error.message}); listing its files instead`);
    const { default: glob } = await import('fast-glob');
    return (await glob('**/*', { cwd, dot: false, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] })).sort();
  }
}
