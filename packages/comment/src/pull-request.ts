import type { RunnerContext } from '@roadstop/core';
import { GitHubGarbageError, type GitHubClient } from '@roadstop/github';

export interface TargetPullRequest {
  number: number;
  headSha: string;
  fromFork: boolean;
}

export type Target =
  | { kind: 'pull-request'; pullRequest: TargetPullRequest }
  /** No pull request to comment on: `reason` says why, `warn` whether that is a surprise worth a warning. */
  | { kind: 'none'; reason: string; warn: boolean; sha?: string };

interface WorkflowRunPayload {
  head_sha?: string;
  head_branch?: string;
  event?: string;
  head_repository?: { full_name?: string; owner?: { login?: string } } | null;
  pull_requests?: { number?: number }[];
}

/**
 * The pull request a run comments on. `pull_request` and `pull_request_target`
 * carry it; `workflow_run` (the second phase of the fork pattern) names a head
 * commit and repository, and the pull request is looked up from them and
 * verified: same head commit, same head repository, this base repository.
 * `push` has none: the job summary is the report.
 */
export async function findTarget(context: RunnerContext, client: () => Promise<GitHubClient>): Promise<Target> {
  const { eventName } = context;
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    if (!context.pullRequest) return { kind: 'none', reason: `this ${eventName} event carries no pull request`, warn: true };
    const { number, headSha, fromFork } = context.pullRequest;
    return { kind: 'pull-request', pullRequest: { number, headSha, fromFork } };
  }
  if (eventName === 'workflow_run') return findWorkflowRunPullRequest(context, await client());
  if (eventName === 'push') return { kind: 'none', reason: 'a push has no pull request', warn: false, ...(context.sha ? { sha: context.sha } : {}) };
  return { kind: 'none', reason: `a ${eventName || 'local'} event has no pull request`, warn: true, ...(context.sha ? { sha: context.sha } : {}) };
}

async function findWorkflowRunPullRequest(context: RunnerContext, client: GitHubClient): Promise<Target> {
  const run = (context.payload.workflow_run ?? {}) as WorkflowRunPayload;
  const headSha = run.head_sha;
  const headRepo = run.head_repository?.full_name;
  const { owner, repo } = context;
  if (!headSha || !headRepo || !owner || !repo) return { kind: 'none', reason: 'the workflow_run event names no head commit and repository', warn: true };
  if (run.event && run.event !== 'pull_request' && run.event !== 'pull_request_target') {
    return { kind: 'none', reason: `the workflow run was triggered by ${run.event}, not by a pull request`, warn: false, sha: headSha };
  }
  const candidates = new Set<number>((run.pull_requests ?? []).map((item) => item.number).filter((value): value is number => typeof value === 'number'));
  // A fork's run lists no pull requests: look them up by the head branch, then verify.
  if (candidates.size === 0 && run.head_branch && run.head_repository?.owner?.login) {
    const { data } = await client.rest.pulls.list({ owner, repo, state: 'open', head: `${run.head_repository.owner.login}:${run.head_branch}`, per_page: 100 });
    const list: unknown = data;
    if (!Array.isArray(list)) throw new GitHubGarbageError('listing the pull requests of the head branch', 'a list of pull requests');
    for (const pull of list) {
      const number = (pull as { number?: unknown } | null)?.number;
      if (Number.isSafeInteger(number) && (number as number) > 0) candidates.add(number as number);
    }
  }
  // At most a few: a forged event payload must not make the step read every pull request.
  for (const number of [...candidates].slice(0, 10)) {
    if (!Number.isSafeInteger(number) || number <= 0) continue;
    const { data } = await client.rest.pulls.get({ owner, repo, pull_number: number });
    const pull = data as Partial<typeof data> | null;
    if (!pull || typeof pull !== 'object' || typeof pull.head !== 'object' || typeof pull.base !== 'object') throw new GitHubGarbageError(`reading pull request #${number}`, 'a pull request');
    if (pull.head.sha === headSha && pull.head.repo?.full_name === headRepo && pull.base.repo?.full_name === `${owner}/${repo}`) {
      return { kind: 'pull-request', pullRequest: { number, headSha, fromFork: headRepo !== `${owner}/${repo}` } };
    }
  }
  return { kind: 'none', reason: `no open pull request has head commit ${headSha.slice(0, 7)} from ${headRepo} (pushed again since, or closed)`, warn: true, sha: headSha };
}
