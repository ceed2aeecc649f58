import type { GitHubClient } from './client.js';
import { isHttpError, toGitHubError } from './errors.js';

export interface WorkflowRunSummary {
  id: number;
  headSha: string;
  htmlUrl: string;
  createdAt: string;
}

export interface CommitRef {
  sha: string;
  /** Committer date (ISO 8601), when GitHub gave one. */
  date?: string | undefined;
}

export interface RunQuery {
  owner: string;
  repo: string;
  /** Workflow file name, e.g. `ci.yml`. */
  workflow: string;
  branch: string;
}

/** The workflow does not exist (404): no baseline, rather than an error. */
export class WorkflowNotFoundError extends Error {
  override readonly name = 'WorkflowNotFoundError';
}

/**
 * A commit's clock can run ahead of GitHub's; runs are only ruled out for a
 * commit once the listing is this far past its committer date.
 */
const CLOCK_SKEW_MS = 60 * 60 * 1000;
const PER_PAGE = 100;
/** GitHub returns at most 1,000 runs for a filtered listing (branch, status), so more pages would be empty. */
const MAX_FILTERED_PAGES = 10;

/**
 * Successful runs of one workflow on one branch. Two ways in: an exact query
 * by head SHA (one request per commit, cheap for the first few commits), or
 * paging through the branch's runs newest first and indexing them by head
 * SHA (one request per 100 runs, cheap for a long walk back).
 */
export class SuccessfulRuns {
  private readonly byHeadSha = new Map<string, WorkflowRunSummary[]>();
  private pages: AsyncIterator<WorkflowRunSummary[]> | undefined;
  private oldestCreatedMs = Number.POSITIVE_INFINITY;
  private exhausted = false;
  private pagesRead = 0;
  /** Whether the last page read linked to a next one. */
  private morePages = true;
  /** True when paging stopped at `maxPages` rather than at the end of the list. */
  truncated = false;
  /** Runs read by paging (not by head SHA). */
  runsRead = 0;

  private readonly octokit: GitHubClient;
  private readonly query: RunQuery;
  private readonly maxPages: number;

  constructor(octokit: GitHubClient, query: RunQuery, maxPages = MAX_FILTERED_PAGES) {
    this.octokit = octokit;
    this.query = query;
    this.maxPages = maxPages;
  }

  /** The listing's parameters: successful runs of the workflow on the branch. */
  private params() {
    const { owner, repo, workflow, branch } = this.query;
    return { owner, repo, workflow_id: workflow, branch, status: 'success' as const, per_page: PER_PAGE };
  }

  /** Exact: every successful run of the workflow on the branch for this commit, newest first. */
  async forHeadSha(sha: string): Promise<WorkflowRunSummary[]> {
    try {
      const { data } = await this.octokit.rest.actions.listWorkflowRuns({ ...this.params(), head_sha: sha });
      return data.workflow_runs.map(summarize);
    } catch (error) {
      throw this.translate(error);
    }
  }

  /**
   * The commit's runs from the paged listing, reading more pages only while
   * runs for it may still be further down: until the listing reaches runs
   * created before the commit existed, or its end.
   */
  async *forCommit(commit: CommitRef): AsyncGenerator<WorkflowRunSummary> {
    let given = 0;
    for (;;) {
      const known = this.byHeadSha.get(commit.sha) ?? [];
      while (given < known.length) yield known[given++]!;
      if (this.exhausted || this.listingIsOlderThan(commit)) return;
      await this.readPage();
    }
  }

  private listingIsOlderThan(commit: CommitRef): boolean {
    const committed = commit.date ? Date.parse(commit.date) : Number.NaN;
    return !Number.isNaN(committed) && this.oldestCreatedMs < committed - CLOCK_SKEW_MS;
  }

  private async readPage(): Promise<void> {
    if (this.pagesRead >= this.maxPages) {
      this.exhausted = true;
      this.truncated = this.morePages;
      return;
    }
    this.pages ??= this.listPages();
    const next = await this.pages.next();
    if (next.done) {
      this.exhausted = true;
      return;
    }
    this.pagesRead++;
    this.runsRead += next.value.length;
    for (const run of next.value) {
      const runs = this.byHeadSha.get(run.headSha) ?? [];
      runs.push(run);
      this.byHeadSha.set(run.headSha, runs);
      this.oldestCreatedMs = Math.min(this.oldestCreatedMs, Date.parse(run.createdAt));
    }
    if (next.value.length === 0) this.exhausted = true;
  }

  private async *listPages(): AsyncGenerator<WorkflowRunSummary[]> {
    const iterator = this.octokit.paginate.iterator(this.octokit.rest.actions.listWorkflowRuns, this.params());
    try {
      for await (const { data, headers } of iterator) {
        this.morePages = /rel="next"/.test(headers.link ?? '');
        yield data.map(summarize);
      }
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): Error {
    const { owner, repo, workflow, branch } = this.query;
    if (isHttpError(error) && error.status === 404) {
      return new WorkflowNotFoundError(`workflow ${workflow} was not found in ${owner}/${repo} (404), so it has no runs to take a baseline from`);
    }
    return toGitHubError(error, `listing successful runs of ${workflow} on ${branch}`);
  }
}

function summarize(run: { id: number; head_sha: string; html_url: string; created_at: string }): WorkflowRunSummary {
  return { id: run.id, headSha: run.head_sha, htmlUrl: run.html_url, createdAt: run.created_at };
}
