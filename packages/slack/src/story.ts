import { isRecord, runUrlOf, type RunnerContext } from '@roadstop/core';
import type { SlackEvent, SlackInputs } from './inputs.js';

/**
 * What a message tells, as data: the event and the deployment (title,
 * environment, version, canary), the commit and who pushed it, the run, and
 * the links, from the inputs, the workflow's event and the runner's context.
 * The built-in templates render it; a custom payload names its fields as
 * `{{ variables }}`.
 */
export interface Story {
  event: SlackEvent;
  /** `started`, `in progress`, `succeeded`, `failed`, `rolled back`, or `` for custom. */
  status: string;
  icon: string;
  /** The deployment's name: the title input, else the repository's name. */
  title: string;
  /** `✅ Lumia Pro deployed to production`: the message's first line. */
  headline: string;
  environment: string;
  version: string;
  /** This event's own line, e.g. `Currently: 10% of users · error rate 0.05%`. */
  text: string;
  repository: string;
  repository_url: string;
  commit: { sha: string; short: string; message: string; title: string; url: string; author: string };
  actor: string;
  ref: string;
  branch: string;
  run: { id: string; number: string; attempt: string; url: string; workflow: string; job: string };
  pull_request: { number: string; title: string; url: string };
  compare_url: string;
  /** Since the started message (its ts), for later events: `4m 12s`. */
  duration: string;
  duration_seconds: number | '';
  canary: { step: string; weight: number | '' };
  results: { status: string; count: number; summary: string };
  time: string;
}

const EVENT_STYLE: Record<SlackEvent, { icon: string; status: string; headline: (title: string, environment: string) => string }> = {
  started: { icon: '🚀', status: 'started', headline: (title, env) => `${title}: deploying${env ? ` to ${env}` : ''}` },
  progress: { icon: '⏳', status: 'in progress', headline: (title, env) => `${title}: rolling out${env ? ` to ${env}` : ''}` },
  succeeded: { icon: '✅', status: 'succeeded', headline: (title, env) => `${title} deployed${env ? ` to ${env}` : ''}` },
  failed: { icon: '❌', status: 'failed', headline: (title, env) => `${title}: deploy${env ? ` to ${env}` : ''} failed` },
  'rolled-back': { icon: '↩️', status: 'rolled back', headline: (title, env) => `${title} rolled back${env ? ` on ${env}` : ''}` },
  custom: { icon: '📣', status: '', headline: (title) => title },
};

type Env = Record<string, string | undefined>;
type Payload = Record<string, unknown>;

export interface StoryOptions {
  inputs: SlackInputs;
  context: RunnerContext;
  env: Env;
  /** The parent message's ts (later events): the duration counts from it. */
  startedTs?: string | undefined;
  results?: Story['results'];
  nowMs?: number;
}

export function buildStory({ inputs, context, env, startedTs, results, nowMs = Date.now() }: StoryOptions): Story {
  const payload = context.payload;
  const repository = context.owner && context.repo ? `${context.owner}/${context.repo}` : '';
  const server = context.serverUrl;
  const repositoryUrl = repository ? `${server}/${repository}` : '';
  const commit = commitOf(context, payload, repositoryUrl);
  const pull = object(payload.pull_request);
  const style = EVENT_STYLE[inputs.event];
  const title = inputs.title ?? context.repo ?? 'deployment';
  const environment = inputs.environment ?? string(object(payload.deployment).environment);
  const refName = env.GITHUB_REF_NAME ?? context.ref?.replace(/^refs\/(heads|tags)\//, '') ?? '';
  const release = object(payload.release);
  const version = inputs.version ?? (string(release.tag_name) || (context.ref?.startsWith('refs/tags/') ? refName : ''));
  const seconds = startedTs ? Math.max(0, Math.round(nowMs / 1000 - Number(startedTs))) : undefined;
  const runUrl = runUrlOf(context, env) ?? '';
  return {
    event: inputs.event,
    status: style.status,
    icon: style.icon,
    title,
    headline: `${style.icon} ${style.headline(title, environment)}`,
    environment,
    version,
    text: inputs.text ?? '',
    repository,
    repository_url: repositoryUrl,
    commit,
    actor: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || '',
    ref: context.ref ?? '',
    branch: env.GITHUB_HEAD_REF || (context.ref?.startsWith('refs/heads/') ? refName : ''),
    run: {
      id: context.runId ? String(context.runId) : '',
      number: env.GITHUB_RUN_NUMBER ?? '',
      attempt: env.GITHUB_RUN_ATTEMPT ?? '',
      url: runUrl,
      workflow: env.GITHUB_WORKFLOW ?? '',
      job: env.GITHUB_JOB ?? '',
    },
    pull_request: { number: typeof pull.number === 'number' ? String(pull.number) : '', title: string(pull.title), url: string(pull.html_url) },
    compare_url: string(payload.compare),
    duration: seconds === undefined ? '' : formatDuration(seconds),
    duration_seconds: seconds ?? '',
    canary: { step: inputs.canary.step ?? '', weight: inputs.canary.weight ?? '' },
    results: results ?? { status: '', count: 0, summary: '' },
    time: new Date(nowMs).toISOString(),
  };
}

/** The commit the run is about, and its message and author where the event carries them. */
function commitOf(context: RunnerContext, payload: Payload, repositoryUrl: string): Story['commit'] {
  const pull = object(payload.pull_request);
  const run = object(payload.workflow_run);
  const deployment = object(payload.deployment);
  const head = object(payload.head_commit ?? run.head_commit);
  const sha = string(object(pull.head).sha) || string(run.head_sha) || string(deployment.sha) || context.sha || '';
  // A pull request's title says what its head commit's message would: the change, in a line.
  const message = string(head.message) || string(pull.title) || string(object(payload.release).name) || string(deployment.description);
  const author = object(head.author);
  return {
    sha,
    short: sha.slice(0, 7),
    message,
    title: message.split(/\r?\n/)[0] ?? '',
    url: /^[0-9a-f]{7,64}$/i.test(sha) && repositoryUrl ? `${repositoryUrl}/commit/${sha}` : '',
    author: string(author.name) || string(author.username) || string(object(pull.user).login),
  };
}

/** `45s`, `4m 12s`, `1h 03m`. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

function object(value: unknown): Payload {
  return isRecord(value) ? value : {};
}

function string(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
