import { changedLines, parsePatch, type ChangedLines, type ChangeSource } from '@roadstop/git';
import type { RunnerContext } from '@roadstop/core';
import type { GitHubClient } from './client.js';
import { describeGitHubError } from './errors.js';
import { openGitHubClient } from './lazy-client.js';
import { networkBudgetMs, startNetworkBudget } from './network-budget.js';

/** GitHub lists at most this many files of a pull request. */
const API_FILE_LIMIT = 3000;

/** Lines a pull request adds or changes, from the files API: for checkouts whose git history cannot be had. */
export async function changedLinesFromApi(octokit: GitHubClient, owner: string, repo: string, pull: number): Promise<ChangedLines> {
  const lines: ChangedLines = new Map();
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pull, per_page: 100 });
  for (const file of files) {
    if (file.status === 'removed' || !file.patch) continue;
    lines.set(file.filename, parsePatch(file.filename, file.patch));
  }
  return lines;
}

/**
 * The changed lines of this run: against `base` when given, else against the
 * pull request's base. git first (deepening a shallow clone as needed); the
 * pull request files API when git history cannot be had.
 */
export async function acquireChanges(options: { workspace: string; base?: string; context: RunnerContext; token: string; log?: (text: string) => void }): Promise<ChangeSource> {
  const { context } = options;
  const base = options.base ?? context.pullRequest?.baseSha ?? context.pullRequest?.baseRef;
  if (!base) return { unavailable: 'this is not a pull request and no base was given' };
  try {
    const found = await changedLines({ cwd: options.workspace, base, ...(options.log ? { log: options.log } : {}) });
    return { lines: found.lines, base: found.mergeBase, via: 'git' };
  } catch (gitError) {
    const pr = context.pullRequest;
    if (!pr || options.base || !context.owner || !context.repo || !options.token) {
      return { unavailable: (gitError as Error).message };
    }
    try {
      // Its own budget, like the baseline lookup's: past it the gate goes on without changed lines.
      const budget = startNetworkBudget(networkBudgetMs());
      const octokit = await openGitHubClient({ token: options.token, baseUrl: context.apiUrl, budget, ...(options.log ? { log: options.log } : {}) });
      const lines = await changedLinesFromApi(octokit, context.owner, context.repo, pr.number);
      const total = [...lines.values()].length;
      options.log?.(`git could not give the changed lines (${(gitError as Error).message}); read ${total} files from the pull request API${total >= API_FILE_LIMIT ? ', which lists at most 3000' : ''}`);
      return { lines, base, via: 'api' };
    } catch (apiError) {
      return { unavailable: `${(gitError as Error).message}; and the pull request API: ${describeGitHubError(apiError, 'listing the pull request files')}` };
    }
  }
}
