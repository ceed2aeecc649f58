import type { ActionStep } from '@roadstop/action';
import { ConfigurationError, EnvironmentError, readResultFiles, readRunnerContext, runUrlOf, type RunnerContext } from '@roadstop/core';
import { resultRangesOf } from '@roadstop/gates';
import { openGitHubClient, toGitHubError, isHttpError, isRateLimited, gitHubMessage, networkBudgetMs, startNetworkBudget, type GitHubClient, type GitHubInputs, type NetworkBudget } from '@roadstop/github';
import { deactivateDeployments, recordDeployment } from './deployments.js';
import { readStagingInputs, type StagingInputs } from './inputs.js';
import { mergeUpdate, type CommentUpdate } from './merge.js';
import { findTarget } from './pull-request.js';
import { renderComment } from './render.js';
import { resultToRow } from './rows.js';
import type { CommentRow, CommentState, DeploymentState } from './state.js';
import { findTokenIdentity, upsertStickyComment, type CommentIdentity } from './sticky.js';

type Env = Record<string, string | undefined>;

/**
 * pr-staging-comment's body: read the result files, find the pull request,
 * record the deployment, merge this job's rows into the one comment of its
 * key, and write the job summary. A token that may not write (a fork's pull
 * request) is a warning and the summary, never a failed job.
 */
export async function stagingComment(step: ActionStep, env: Env = process.env): Promise<void> {
  // Masked before it is checked: a refused token is still a secret.
  const token = step.input('github-token');
  if (token) step.secret(token);
  const inputs = readStagingInputs((name) => step.input(name), env);
  const context = readRunnerContext(env);
  const warn = (text: string, title = 'pr-staging-comment') => step.annotate({ level: 'warning', text, title });
  const runId = context.runId ?? 0;
  const repository = context.owner && context.repo ? `${context.owner}/${context.repo}` : '';
  // Read only after github(), which refuses to start without GITHUB_REPOSITORY.
  const repo = { owner: context.owner!, repo: context.repo! };
  const runLink = runUrlOf(context, env);

  let client: Promise<GitHubClient> | undefined;
  let budget: NetworkBudget | undefined;
  const github = (): Promise<GitHubClient> => {
    if (!inputs.token) throw new ConfigurationError('is empty, and this event needs the GitHub API', { input: 'github-token' }, 'pass `${{ github.token }}` (the default) or a token with pull-requests: write and deployments: write');
    if (!repository) throw new ConfigurationError('GITHUB_REPOSITORY is not set: no repository to comment on');
    // One budget for all the network work of the step, from its first request: a slow GitHub ends the step, not only a request.
    budget ??= startNetworkBudget(networkBudgetMs(env));
    return (client ??= openGitHubClient({ token: inputs.token, baseUrl: context.apiUrl, budget, log: (text: string) => step.info(text) }));
  };
  let identity: Promise<CommentIdentity> | undefined;
  const whoAmI = (): Promise<CommentIdentity> => (identity ??= github().then((octokit) => findTokenIdentity(octokit)));
  const inputsFor = (pullRequest?: number): GitHubInputs => ({ token: 'github-token', subject: `the repository ${repository}${pullRequest ? ` and pull request #${pullRequest}` : ''} (GITHUB_REPOSITORY, the event)` });
  const target = await findTarget(context, github).catch((error: unknown) => {
    throw toGitHubError(error, 'finding the pull request', inputsFor());
  });
  const sha = target.kind === 'pull-request' ? target.pullRequest.headSha : (target.sha ?? context.sha ?? '');
  // The commit goes into the deployment's ref, the comment's state and its links: a commit id, or nothing.
  if (sha && !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) {
    throw new EnvironmentError(`the event names commit '${sha.slice(0, 80).replace(/[^\x20-\x7e]/g, '?')}', which is not a commit id (40 or 64 hex digits): check GITHUB_SHA and the event payload`);
  }
  const at = new Date().toISOString();
  const rows = await readRows(inputs, context, env.RUNNER_TEMP, { sha, runId, at, ...(env.GITHUB_JOB ? { job: env.GITHUB_JOB } : {}), ...(runLink ? { link: runLink } : {}) }, warn);

  const pullRequest = target.kind === 'pull-request' ? target.pullRequest.number : undefined;
  const refused: string[] = [];
  let deployment: DeploymentState | undefined;
  if (inputs.mode === 'deactivate') {
    deployment = { environment: inputs.environment, status: 'inactive', sha, runId, at, ...(runLink ? { link: runLink } : {}) };
    if (pullRequest === undefined) {
      warn(`mode deactivate without a pull request: no deployment is marked inactive (only a closed pull request's own previews are)`);
    } else {
      await degradeOn403(refused, async () => {
        const ids = await deactivateDeployments(await github(), repo, { environment: inputs.environment, key: inputs.key, pullRequest }, await whoAmI());
        step.info(`marked ${ids.length} deployment${ids.length === 1 ? '' : 's'} of ${inputs.environment} inactive`);
      }, 'deployments: write', 'marking the deployments inactive', inputsFor(pullRequest));
    }
  } else if (inputs.status) {
    deployment = { environment: inputs.environment, status: inputs.status, ...(inputs.url ? { url: inputs.url } : {}), sha, runId, at, ...(runLink ? { link: runLink } : {}) };
    if (sha) {
      await degradeOn403(refused, async () => {
        const id = await recordDeployment(await github(), repo, {
          sha,
          environment: inputs.environment,
          transient: pullRequest !== undefined,
          status: inputs.status!,
          key: inputs.key,
          ...(inputs.url ? { url: inputs.url } : {}),
          ...(runLink ? { logUrl: runLink } : {}),
          ...(pullRequest ? { pullRequest } : {}),
        }, await whoAmI());
        step.output('deployment-id', id);
        step.info(`deployment ${id}: ${inputs.status} ${inputs.url ?? ''}`.trim());
      }, 'deployments: write', 'recording the deployment', inputsFor(pullRequest));
    }
  }

  const update: CommentUpdate = { sha, runId, at, rows, ...(deployment ? { deployment } : {}) };
  const renderOptions = { key: inputs.key, serverUrl: context.serverUrl, repository };
  let shown: CommentState = mergeUpdate(undefined, update).state;
  if (target.kind === 'none') {
    if (target.warn) warn(`${target.reason}: the report is in the job summary only`);
    else step.info(`${target.reason}: the report is in the job summary only`);
  } else {
    const ref = { ...repo, issue: target.pullRequest.number };
    await degradeOn403(refused, async () => {
      const outcome = await upsertStickyComment(await github(), ref, update, {
        key: inputs.key,
        identity: await whoAmI(),
        mode: inputs.mode === 'recreate' ? 'recreate' : 'upsert',
        hidePrevious: inputs.hidePrevious,
        render: (state) => renderComment(state, renderOptions).body,
        log: (text) => step.info(text),
        warn: (text) => warn(text),
      });
      if (outcome.state) shown = outcome.state;
      if (outcome.comment) {
        step.output('comment-id', outcome.comment.id);
        step.output('comment-url', outcome.comment.html_url);
      }
      step.info(`pull request #${ref.issue}: comment ${outcome.action}`);
    }, 'pull-requests: write', 'writing the pull request comment', inputsFor(ref.issue));
  }
  if (refused.length > 0) {
    warn(
      `the token may not write to this repository (${[...new Set(refused)].join(', ')} refused)${target.kind === 'pull-request' && target.pullRequest.fromFork ? ': a pull request from a fork gets a read-only token' : ''}. ` +
        `The report is in the job summary. Give the job \`permissions: { ${[...new Set(refused)].join(', ')} }\`, or, for forks, upload the results and post them from a workflow_run workflow (README, pr-staging-comment, two-phase pattern)`,
    );
  }
  await step.summary(renderComment(shown, renderOptions).markdown);
}

async function readRows(inputs: StagingInputs, context: RunnerContext, runnerTemp: string | undefined, source: Parameters<typeof resultToRow>[1], warn: (text: string) => void): Promise<CommentRow[]> {
  if (inputs.results.length === 0) return [];
  const { results, matched } = await readResultFiles(inputs.results, { workspace: context.workspace, runnerTemp, input: 'results', warn, ranges: resultRangesOf });
  if (matched === 0) warn(`input 'results' (${inputs.results.join(', ')}) matched no file: the comment keeps the rows it had`);
  const rows: CommentRow[] = [];
  for (const { result } of results) {
    const row = resultToRow(result, source);
    let id = row.id;
    for (let index = 2; rows.some((item) => item.id === id); index++) id = `${row.id}#${index}`;
    rows.push({ ...row, id });
  }
  return rows;
}

/** A 403 that is a refusal (not a rate limit) adds the permission to `refused`; anything else is GitHub's failure, said once. */
async function degradeOn403(refused: string[], body: () => Promise<void>, permission: string, what: string, inputs: GitHubInputs): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    if (isHttpError(error) && error.status === 403 && !isRateLimited({ status: 403, headers: error.response?.headers ?? {}, message: gitHubMessage(error) })) {
      refused.push(permission);
      return;
    }
    throw toGitHubError(error, what, inputs);
  }
}
