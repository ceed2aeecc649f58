import { ConfigurationError, readBaselineFile, readResult, type BaselineInfo, type BaselineSpec, type GateResult, type ResultMessage, type ResultRanges, type RunnerContext } from '@roadstop/core';
import { downloadBaselineResult, uploadResultArtifact } from './artifact-store.js';
import { findBaselineRun } from './baseline-run.js';
import { describeGitHubError } from './errors.js';
import { openGitHubClient } from './lazy-client.js';
import { NetworkBudgetError, formatMs, networkBudgetMs, startNetworkBudget } from './network-budget.js';
import { workflowFileFromRef } from './workflow-ref.js';

export interface AcquireOptions {
  gate: string;
  /** The gate's descriptor's result ranges, held against the baseline read back. */
  ranges?: ResultRanges | undefined;
  context: RunnerContext;
  token: string;
  artifactName: string;
  workspace: string;
  /** Folder the artifact is unpacked into. */
  temp: string;
  /** Told what the lookup is doing (and each retry), so a slow network shows where it is. */
  log?: (text: string) => void;
}

export interface Acquired {
  baseline?: { result: GateResult; info: BaselineInfo; fromBaseRun?: boolean };
  /** What happened, for the result and the log: no baseline is a notice, never a failure. */
  messages: ResultMessage[];
}

/**
 * Find the result to compare with. A file the user named must be a result of
 * this gate (an error otherwise); `auto` (and no `baseline` at all, on a pull
 * request) looks for the artifact of the run for the pull request's merge base,
 * and anything short of finding it is a notice.
 */
export async function acquireBaseline(spec: BaselineSpec, options: AcquireOptions): Promise<Acquired> {
  if (spec.kind === 'none') return { messages: [] };
  // Left out: a pull request compares with its base (auto); a push or any other event has nothing to compare with.
  if (spec.kind === 'default') return options.context.pullRequest ? acquireFromArtifact(options) : { messages: [] };
  if (spec.kind === 'file') {
    return { baseline: await readBaselineFile(spec.path, { workspace: options.workspace, gate: options.gate, origin: spec.origin, ranges: () => options.ranges }), messages: [] };
  }
  return acquireFromArtifact(options);
}

async function acquireFromArtifact(options: AcquireOptions): Promise<Acquired> {
  const { context } = options;
  const notice = (text: string): Acquired => ({ messages: [{ level: 'notice', title: 'Baseline', text }] });
  const pr = context.pullRequest;
  if (!pr) {
    return notice(
      context.isDefaultBranchPush
        ? 'no baseline on a push to the default branch: this run publishes the baseline for pull requests'
        : `no baseline: baseline auto compares pull requests with their base branch, and this is a ${context.eventName || 'local'} run`,
    );
  }
  if (!context.owner || !context.repo) return notice('no baseline: GITHUB_REPOSITORY is not set');
  let workflow: string | undefined;
  try {
    workflow = context.workflowRef ? workflowFileFromRef(context.workflowRef) : undefined;
  } catch {
    workflow = undefined;
  }
  if (!workflow) return notice(`no baseline: GITHUB_WORKFLOW_REF (${context.workflowRef ?? 'not set'}) names no workflow file whose runs could hold the baseline`);
  if (!options.token) return notice("no baseline: the input 'github-token' is empty");

  const log = options.log ?? (() => {});
  const warning = (text: string): Acquired => ({ messages: [{ level: 'warning', title: 'Baseline', text }] });
  try {
    // One budget for the whole lookup, retries and download included: past it the step carries on without a baseline.
    const budget = startNetworkBudget(networkBudgetMs());
    const octokit = await openGitHubClient({ token: options.token, baseUrl: context.apiUrl, budget, log });
    log(`baseline: finding the run of ${workflow} for the merge base of ${pr.baseRef} and ${pr.headSha.slice(0, 7)} (budget ${formatMs(budget.ms)})`);
    const found = await findBaselineRun({
      octokit,
      owner: context.owner,
      repo: context.repo,
      workflow,
      baseBranch: pr.baseRef,
      headSha: pr.headSha,
      artifactName: options.artifactName,
    });
    if ('notFound' in found) return notice(`no baseline: ${found.notFound}`);
    log(`baseline: downloading artifact ${found.artifactId} of run ${found.runId}`);
    const file = await downloadBaselineResult({
      token: options.token,
      octokit,
      budget,
      owner: context.owner,
      repo: context.repo,
      runId: found.runId,
      artifactId: found.artifactId,
      destination: options.temp,
    });
    const result = await readResult(file, { gate: options.gate, ranges: () => options.ranges });
    const where = found.commitsBack === 0 ? 'the merge base' : `${found.commitsBack} commit${found.commitsBack === 1 ? '' : 's'} before the merge base`;
    return {
      baseline: { result, info: { source: 'artifact', commit: found.runHeadSha, runId: found.runId, createdAt: result.createdAt }, fromBaseRun: true },
      messages: [{ level: 'notice', title: 'Baseline', text: `baseline: run ${found.runId} for ${found.runHeadSha.slice(0, 7)}, ${where} of ${pr.baseRef}` }],
    };
  } catch (error) {
    if (error instanceof NetworkBudgetError) return warning(`no baseline: ${error.message}. Carrying on without a baseline.`);
    if (error instanceof ConfigurationError) return warning(`no baseline: ${error.describe()}`);
    return warning(`no baseline: ${describeGitHubError(error, 'the baseline lookup')}`);
  }
}

export interface PublishOptions {
  mode: 'auto' | 'always' | 'never';
  context: RunnerContext;
  artifactName: string;
  reportPath: string;
}

/** Upload the result as the artifact later pull requests compare with; returns a line for the log, if any. */
export async function publishBaseline(options: PublishOptions): Promise<string | undefined> {
  if (options.mode === 'never') return undefined;
  if (options.mode === 'auto' && !options.context.isDefaultBranchPush) return undefined;
  const uploaded = await uploadResultArtifact({ name: options.artifactName, file: options.reportPath, retentionDays: 90 });
  return uploaded.uploaded
    ? `uploaded the result as artifact '${options.artifactName}' (id ${uploaded.id}), the baseline for pull requests`
    : `the result was not uploaded as the baseline artifact: ${uploaded.reason}`;
}
