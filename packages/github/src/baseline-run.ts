import type { GitHubClient } from './client.js';
import { gitHubMessage, isHttpError, toGitHubError } from './errors.js';
import { SuccessfulRuns, WorkflowNotFoundError, type CommitRef, type WorkflowRunSummary } from './workflow-runs.js';

export interface FindBaselineRunOptions {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** Workflow file name, e.g. `ci.yml`: see `workflowFileFromRef`. */
  workflow: string;
  /** The pull request's base branch, e.g. `main`. */
  baseBranch: string;
  /**
   * The pull request's head commit (`github.event.pull_request.head.sha`), not
   * `GITHUB_SHA`: on `pull_request` that is a merge commit whose merge base
   * with the base branch is the branch tip.
   */
  headSha: string;
  /** Name of the artifact roadstop uploaded with its result. */
  artifactName: string;
  /** How far back from the merge base to look, counted in commits. */
  maxCommits?: number;
  /** How many commits, from the merge base back, are looked up by exact head SHA before paging through runs. */
  headShaLookups?: number;
  /** Pages of 100 runs read at most when paging; GitHub serves at most 10 for a filtered listing. */
  maxRunPages?: number;
}

export interface BaselineRun {
  runId: number;
  runHeadSha: string;
  runUrl: string;
  artifactId: number;
  artifactName: string;
  mergeBaseSha: string;
  /** 0 = the merge base itself; counted in GitHub's commit listing from the merge base. */
  commitsBack: number;
}

export interface BaselineNotFound {
  /** Why, in one sentence, for the job summary. */
  notFound: string;
}

export type BaselineLookup = BaselineRun | BaselineNotFound;

/**
 * The run whose result a pull request is compared with: a successful run of
 * the same workflow, with a live result artifact, on the PR's merge-base
 * commit or else the nearest earlier commit of the base branch that has one.
 * Never the branch tip: commits merged since the PR branched off would count
 * as the PR's own change.
 *
 * Cost: one compare, then the first `headShaLookups` commits by exact head
 * SHA (3 requests in all when the merge base has its run), then lazily paged commits
 * and runs, 100 at a time, plus one artifacts request per candidate run.
 */
export async function findBaselineRun(options: FindBaselineRunOptions): Promise<BaselineLookup> {
  const { octokit, owner, repo, workflow, baseBranch, artifactName } = options;
  const maxCommits = Math.max(1, options.maxCommits ?? 200);
  const headShaLookups = options.headShaLookups ?? 3;

  const mergeBase = await findMergeBase(options);
  if ('notFound' in mergeBase) return mergeBase;

  const runs = new SuccessfulRuns(octokit, { owner, repo, workflow, branch: baseBranch }, options.maxRunPages);
  let commitsBack = 0;
  let expired = 0;
  try {
    for await (const commit of historyFrom(octokit, owner, repo, mergeBase, maxCommits)) {
      const candidates = commitsBack < headShaLookups ? await runs.forHeadSha(commit.sha) : runs.forCommit(commit);
      for await (const run of candidates) {
        const artifact = await findLiveArtifact(octokit, owner, repo, run, artifactName);
        if ('expired' in artifact) {
          expired += artifact.expired;
          continue;
        }
        return {
          runId: run.id,
          runHeadSha: run.headSha,
          runUrl: run.htmlUrl,
          artifactId: artifact.id,
          artifactName,
          mergeBaseSha: mergeBase.sha,
          commitsBack,
        };
      }
      commitsBack++;
    }
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { notFound: error.message };
    throw error;
  }
  const notes = [
    expired > 0 ? `${expired} run${expired === 1 ? '' : 's'} had only an expired one` : '',
    runs.truncated ? `stopped paging after ${runs.runsRead} runs` : '',
  ].filter((note) => note !== '');
  return {
    notFound:
      `no successful run of ${workflow} on ${baseBranch} has a live artifact '${artifactName}' ` +
      `among the ${commitsBack} commits from the merge base ${short(mergeBase.sha)} back` +
      (notes.length > 0 ? ` (${notes.join('; ')})` : ''),
  };
}

async function findMergeBase(options: FindBaselineRunOptions): Promise<CommitRef | BaselineNotFound> {
  const { octokit, owner, repo, baseBranch, headSha } = options;
  const basehead = `${baseBranch}...${headSha}`;
  try {
    // per_page=1: only merge_base_commit is needed, not the commits between.
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead, per_page: 1 });
    return { sha: data.merge_base_commit.sha, date: data.merge_base_commit.commit.committer?.date };
  } catch (error) {
    if (isHttpError(error) && (error.status === 404 || error.status === 422)) {
      return {
        notFound: `GitHub could not compare ${baseBranch}...${short(headSha)} in ${owner}/${repo} (${error.status}: ${gitHubMessage(error)}), so there is no merge base to take a baseline from`,
      };
    }
    throw toGitHubError(error, `comparing ${baseBranch}...${short(headSha)}`);
  }
}

/** The merge base, then its ancestors as GitHub lists them (newest first), read one page at a time. */
async function* historyFrom(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  mergeBase: CommitRef,
  maxCommits: number,
): AsyncGenerator<CommitRef> {
  yield mergeBase;
  let count = 1;
  if (count >= maxCommits) return;
  const pages = octokit.paginate.iterator(octokit.rest.repos.listCommits, {
    owner,
    repo,
    sha: mergeBase.sha,
    per_page: Math.min(100, maxCommits),
  });
  try {
    for await (const { data } of pages) {
      for (const item of data) {
        if (item.sha === mergeBase.sha) continue;
        yield { sha: item.sha, date: item.commit.committer?.date };
        if (++count >= maxCommits) return;
      }
    }
  } catch (error) {
    throw toGitHubError(error, `listing the commits before ${short(mergeBase.sha)}`);
  }
}

async function findLiveArtifact(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  run: WorkflowRunSummary,
  name: string,
): Promise<{ id: number } | { expired: number }> {
  try {
    const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: run.id, name, per_page: 100 });
    const named = data.artifacts.filter((artifact) => artifact.name === name);
    const live = named.find((artifact) => !artifact.expired);
    return live ? { id: live.id } : { expired: named.length > 0 ? 1 : 0 };
  } catch (error) {
    throw toGitHubError(error, `listing the artifacts of run ${run.id}`);
  }
}

function short(sha: string): string {
  return /^[0-9a-f]{40}$/i.test(sha) ? sha.slice(0, 7) : sha;
}
