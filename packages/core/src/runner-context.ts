import { readRegularFileSync } from './confine.js';
import { ConfigurationError, EnvironmentError } from './errors.js';

/** Events whose payload carries the pull request: without it, changed lines and baselines would be silently skipped. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);

export interface PullRequestContext {
  number: number;
  baseRef: string;
  baseSha?: string;
  headSha: string;
  headRef?: string;
  /** True when the head lives in a fork: its token cannot write to the base repository. */
  fromFork: boolean;
}

/** What a GitHub Actions runner tells a step through its environment and event file. */
export interface RunnerContext {
  workspace: string;
  eventName: string;
  sha?: string;
  ref?: string;
  owner?: string;
  repo?: string;
  apiUrl: string;
  /** GITHUB_SERVER_URL, without a trailing slash. */
  serverUrl: string;
  runId?: number;
  /** `owner/repo/.github/workflows/ci.yml@refs/heads/main` */
  workflowRef?: string;
  defaultBranch?: string;
  pullRequest?: PullRequestContext;
  /** True on a push to the repository's default branch: the run that publishes baselines. */
  isDefaultBranchPush: boolean;
  payload: Record<string, unknown>;
}

export function readRunnerContext(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): RunnerContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const payload = readEvent(env.GITHUB_EVENT_PATH, PULL_REQUEST_EVENTS.has(eventName) ? eventName : undefined);
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const repository = payload.repository as { default_branch?: string } | undefined;
  const pr = (payload.pull_request ?? undefined) as
    | { number: number; base: { ref: string; sha?: string; repo?: { full_name?: string } }; head: { sha: string; ref?: string; repo?: { full_name?: string } | null } }
    | undefined;
  const defaultBranch = repository?.default_branch;
  const context: RunnerContext = {
    workspace: env.GITHUB_WORKSPACE || cwd,
    eventName,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    isDefaultBranchPush: env.GITHUB_EVENT_NAME === 'push' && !!defaultBranch && env.GITHUB_REF === `refs/heads/${defaultBranch}`,
    payload,
  };
  if (env.GITHUB_SHA) context.sha = env.GITHUB_SHA;
  if (env.GITHUB_REF) context.ref = env.GITHUB_REF;
  if (owner && repo) [context.owner, context.repo] = [owner, repo];
  if (env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID)) context.runId = Number(env.GITHUB_RUN_ID);
  if (env.GITHUB_WORKFLOW_REF) context.workflowRef = env.GITHUB_WORKFLOW_REF;
  if (defaultBranch) context.defaultBranch = defaultBranch;
  if (pr?.base?.ref && pr.head?.sha) {
    context.pullRequest = {
      number: pr.number,
      baseRef: pr.base.ref,
      headSha: pr.head.sha,
      fromFork: !!pr.head.repo?.full_name && pr.head.repo.full_name !== pr.base.repo?.full_name,
      ...(pr.base.sha ? { baseSha: pr.base.sha } : {}),
      ...(pr.head.ref ? { headRef: pr.head.ref } : {}),
    };
  }
  return context;
}

/** The run's page at this attempt: a link that outlives a re-run still shows the attempt that wrote it. */
export function runUrlOf(context: RunnerContext, env: Record<string, string | undefined>): string | undefined {
  if (!context.owner || !context.repo || !context.runId) return undefined;
  // A number, as GITHUB_RUN_ID is read: anything else in the variable stays out of the link.
  const given = env.GITHUB_RUN_ATTEMPT ?? '';
  const attempt = /^\d+$/.test(given) && given !== '1' ? `/attempts/${given}` : '';
  return `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}${attempt}`;
}

/**
 * The event payload. Outside a pull request a missing file is an empty
 * payload (a local run); on a pull request event it is the runner's failure,
 * said as such rather than read as "not a pull request".
 */
function readEvent(path: string | undefined, pullRequestEvent: string | undefined): Record<string, unknown> {
  if (!path) {
    if (pullRequestEvent) throw new EnvironmentError(`this is a ${pullRequestEvent} run, but GITHUB_EVENT_PATH is not set: the pull request's payload cannot be read`);
    return {};
  }
  let text: string;
  try {
    text = readRegularFileSync(path, { file: path }, 'the event file');
  } catch (error) {
    if (pullRequestEvent) {
      throw new EnvironmentError(`this is a ${pullRequestEvent} run, but its event file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    return {};
  }
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  } catch (error) {
    throw new ConfigurationError(`the event file is not JSON (${(error as Error).message})`, { file: path });
  }
}
