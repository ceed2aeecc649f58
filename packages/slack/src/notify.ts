import { resolve } from 'node:path';
import type { ActionStep } from '@roadstop/action';
import { createEdgeFetch, readResultFiles, readRunnerContext, redactText, type GateResult, type RunnerContext } from '@roadstop/core';
import { resultRangesOf } from '@roadstop/gates';
import { networkBudgetMs } from '@roadstop/github';
import { cell, table } from '@roadstop/render';
import { SlackSendError } from './errors.js';
import { readSlackInputs, splitValues, type Destination, type SlackInputs } from './inputs.js';
import { fitBlockKit, type SlackMessage } from './limits.js';
import { loadPayload, type LoadedPayload } from './payload.js';
import { prepareResults, summarizeResults } from './results.js';
import { slackRetryPolicy } from './retry.js';
import { buildStory } from './story.js';
import { fillTemplate } from './template.js';
import { detailsMessage, parentMessage, replyMessage, standaloneMessage } from './templates.js';

type Env = Record<string, string | undefined>;

/** What is sent to one destination: the message, and the reply in its thread (token only). */
export interface Delivery {
  destination: Destination;
  /** Posted (no ts), or the parent it replaces (ts given). */
  message: SlackMessage;
  reply?: SlackMessage;
}

export interface Outcome {
  destination: Destination;
  ok: boolean;
  /** The parent message's channel ID and ts, for the later events' `channel` and `ts`. */
  channel: string;
  ts: string;
  did: string;
  error?: SlackSendError;
}

/**
 * slack-notify's body: read the inputs, the event and the results once, make
 * every message (custom payloads filled, Block Kit limits kept) before the
 * first request, then send to each destination in turn. A send that Slack
 * refuses fails the step with Slack's own error code (fail-on-error), or warns.
 */
export async function slackNotify(step: ActionStep, env: Env = process.env): Promise<void> {
  // Masked before anything reads them, even a check that refuses them: the token, and each webhook URL as given.
  for (const raw of [step.input('token'), ...splitValues(step.input('webhook-url'))]) step.secret(raw);
  const inputs = readSlackInputs((name) => step.input(name));
  const secrets = secretsOf(inputs);
  for (const secret of secrets) step.secret(secret);
  const context = readRunnerContext(env);
  const workspace = resolve(context.workspace);
  const warn = (text: string) => step.annotate({ level: 'warning', text, title: 'slack-notify' });

  const read = await readResultFiles(inputs.results, { workspace, runnerTemp: env.RUNNER_TEMP, input: 'results', warn, ranges: resultRangesOf });
  if (inputs.results.length > 0 && read.matched === 0) warn(`input 'results' (${inputs.results.join(', ')}) matched no file: the message has no gate results`);
  const results = prepareResults(read.results);
  const payload = inputs.payload ? await loadPayload(inputs.payload, workspace) : undefined;
  const deliveries = inputs.destinations.map((destination) => planDelivery(destination, { inputs, context, env, results, payload, secrets }));
  const cuts = new Set<string>();
  const fit = (message: SlackMessage) => {
    const fitted = fitBlockKit(message);
    for (const cut of fitted.cuts) cuts.add(cut);
    return fitted.message;
  };
  const fitted = deliveries.map((delivery) => ({ ...delivery, message: fit(delivery.message), ...(delivery.reply ? { reply: fit(delivery.reply) } : {}) }));
  if (cuts.size > 0) warn(`cut to fit Slack's Block Kit limits, with a marker in the message: ${[...cuts].join('; ')}`);

  if (inputs.dryRun) {
    for (const delivery of fitted) step.info(describeDryRun(delivery, inputs));
    step.info('dry-run: true, so nothing was sent');
    return;
  }
  const outcomes = await send(fitted, inputs, step, env);
  step.output('channel', inputs.transport.kind === 'token' ? outcomes.map((outcome) => outcome.channel).join(',') : '');
  step.output('ts', inputs.transport.kind === 'token' ? outcomes.map((outcome) => outcome.ts).join(',') : '');
  step.output('ok', outcomes.map((outcome) => String(outcome.ok)).join(','));
  // The summary is not masked by the runner: every known secret is cut out here.
  await step.summary(redactText(summaryTable(outcomes), secrets));
  const failed = outcomes.filter((outcome) => !outcome.ok);
  if (failed.length > 0) {
    const text = redactText(`Slack did not take the message: ${failed.map((outcome) => `${nameOf(outcome.destination)}: ${outcome.error?.message ?? 'failed'}`).join('; ')}`, secrets);
    if (inputs.failOnError) step.fail(text);
    else warn(`${text} (fail-on-error: false, so the step goes on)`);
  }
}

interface PlanContext {
  inputs: SlackInputs;
  context: RunnerContext;
  env: Env;
  results: GateResult[];
  payload: LoadedPayload | undefined;
  secrets: string[];
}

/**
 * The messages of one destination. With a token, a later event (ts given)
 * replaces its parent and replies in its thread, and `started` replies with
 * the gates' reports under what it posted; without a thread to use (a webhook,
 * a later event without ts) everything goes in one message.
 */
function planDelivery(destination: Destination, { inputs, context, env, results, payload, secrets }: PlanContext): Delivery {
  const threaded = destination.kind === 'channel';
  const parentTs = destination.kind === 'channel' ? destination.ts : undefined;
  const story = buildStory({ inputs, context, env, startedTs: parentTs, results: summarizeResults(results) });
  let message: SlackMessage;
  if (payload) {
    const allowed = Object.fromEntries(inputs.envAllow.map((name) => [name, env[name]]));
    message = fillTemplate(payload.message, { story, env: allowed, github: githubScope(context, env) }, payload.where, secrets);
  } else if (threaded && (parentTs || inputs.event === 'started')) {
    message = parentMessage(story, results);
  } else {
    message = standaloneMessage(story, results);
  }
  let reply: SlackMessage | undefined;
  if (threaded && parentTs && inputs.event !== 'custom') reply = replyMessage(story, results);
  else if (threaded && !parentTs && results.length > 0 && (payload || inputs.event === 'started')) reply = detailsMessage(story, results);
  return { destination, message, ...(reply ? { reply } : {}) };
}

/** `{{ github.* }}`: the run's context, as the workflow's `github` context names it, and the event payload. */
function githubScope(context: RunnerContext, env: Env): Record<string, unknown> {
  return {
    event: context.payload,
    event_name: context.eventName,
    sha: context.sha ?? '',
    ref: context.ref ?? '',
    ref_name: env.GITHUB_REF_NAME ?? '',
    repository: context.owner && context.repo ? `${context.owner}/${context.repo}` : '',
    actor: env.GITHUB_ACTOR ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    run_id: context.runId ? String(context.runId) : '',
    run_number: env.GITHUB_RUN_NUMBER ?? '',
    run_attempt: env.GITHUB_RUN_ATTEMPT ?? '',
    server_url: context.serverUrl,
  };
}

async function send(deliveries: Delivery[], inputs: SlackInputs, step: ActionStep, env: Env): Promise<Outcome[]> {
  const policy = slackRetryPolicy(networkBudgetMs(env));
  const startedAt = Date.now();
  const fetch = createEdgeFetch(env);
  const log = (text: string) => step.info(redactText(text, secretsOf(inputs)));
  const transport = inputs.transport;
  if (transport.kind === 'none') return [];
  // What was sent so far goes into `did`; `sent` takes the parent message's channel ID and ts once known.
  let deliver: (delivery: Delivery, did: string[], sent: { channel: string; ts: string }) => Promise<void>;
  if (transport.kind === 'token') {
    const { openSlackApi } = await import('./web-api.js');
    const api = await openSlackApi({ token: transport.token, apiUrl: transport.apiUrl, fetch, policy, startedAt, log, debug: (text) => step.debug(text) });
    deliver = async ({ destination, message, reply }, did, sent) => {
      if (destination.kind === 'channel' && destination.ts) {
        const { thread_ts: _thread, ...parent } = message;
        await api.update({ ...parent, ...sent });
        did.push('updated its message');
      } else {
        Object.assign(sent, await api.post({ ...message, channel: sent.channel }));
        did.push(`posted ${sent.ts}`);
      }
      if (reply) {
        await api.post({ ...reply, channel: sent.channel, thread_ts: sent.ts });
        did.push('replied in its thread');
      }
    };
  } else {
    const { postToWebhook } = await import('./webhook.js');
    deliver = async ({ destination, message }, did) => {
      const { url, label } = destination as Extract<Destination, { kind: 'webhook' }>;
      await postToWebhook(url, message, { fetch, policy, startedAt, log, label });
      did.push('posted');
    };
  }
  const outcomes: Outcome[] = [];
  // One destination after another: a rate limit is Slack's word on the whole workspace, and the budget is shared.
  for (const delivery of deliveries) {
    const { destination } = delivery;
    const sent = destination.kind === 'channel' ? { channel: destination.channel, ts: destination.ts ?? '' } : { channel: '', ts: '' };
    const did: string[] = [];
    try {
      await deliver(delivery, did, sent);
      outcomes.push({ destination, ok: true, ...sent, did: did.join(', ') });
    } catch (error) {
      if (!(error instanceof SlackSendError)) throw error;
      outcomes.push({ destination, ok: false, ...sent, did: did.join(', '), error });
    }
    const moved = destination.kind === 'channel' && sent.channel !== destination.channel ? ` (${sent.channel})` : '';
    log(`${nameOf(destination)}${moved}: ${describeOutcome(outcomes.at(-1)!)}`);
  }
  return outcomes;
}

function describeOutcome(outcome: Outcome): string {
  if (outcome.ok) return outcome.did;
  return `${outcome.did ? `${outcome.did}, then ` : ''}failed: ${outcome.error?.message ?? 'unknown'}`;
}

function nameOf(destination: Destination): string {
  return destination.kind === 'channel' ? destination.channel : destination.label;
}

/** The token, and each webhook URL and its path (a log line might show the path alone): masked from the first line on. */
function secretsOf(inputs: SlackInputs): string[] {
  const { transport } = inputs;
  if (transport.kind === 'token') return [transport.token];
  if (transport.kind === 'webhook') return transport.urls.flatMap((url) => [url, new URL(url).pathname].filter((part) => part.length > 8));
  return [];
}

function describeDryRun(delivery: Delivery, inputs: SlackInputs): string {
  const { destination } = delivery;
  const calls: [string, SlackMessage][] = [];
  if (destination.kind === 'webhook') calls.push([`POST to ${destination.label}`, delivery.message]);
  else if (destination.ts) calls.push(['chat.update', { ...delivery.message, channel: destination.channel, ts: destination.ts }]);
  else calls.push(['chat.postMessage', { ...delivery.message, channel: destination.channel }]);
  if (delivery.reply && destination.kind === 'channel') calls.push(['chat.postMessage (reply in the thread)', { ...delivery.reply, channel: destination.channel, thread_ts: destination.ts ?? '<ts of the message above>' }]);
  const transport = inputs.transport.kind === 'none' ? ' (no token or webhook-url given)' : '';
  return calls.map(([call, body]) => `dry-run: ${call} for ${nameOf(destination)}${transport}:\n${JSON.stringify(body, null, 2)}`).join('\n');
}

function summaryTable(outcomes: Outcome[]): string {
  const rows = outcomes.map((outcome) => [cell(nameOf(outcome.destination)), outcome.ok ? '✅ sent' : '❌ failed', outcome.ts ? `\`${outcome.ts}\`` : '—', cell(outcome.ok ? outcome.did : (outcome.error?.message ?? ''))]);
  return `### Slack\n\n${table(['Destination', 'Result', 'Message ts', 'Details'], rows)}\n`;
}
