import { ConfigurationError, oneOf, parseBoolean, parseHttpUrlInput, splitList } from '@roadstop/core';
import { SLACK_TS } from './errors.js';

/** A deployment's story, event by event: `started` posts the message, the others update it and reply in its thread. */
export const EVENTS = ['started', 'progress', 'succeeded', 'failed', 'rolled-back', 'custom'] as const;
export type SlackEvent = (typeof EVENTS)[number];

const DEFAULT_API_URL = 'https://slack.com/api/';

/** slack-notify's inputs, in action.yml's order. */
export const SLACK_INPUTS = [
  'webhook-url',
  'token',
  'channel',
  'event',
  'ts',
  'title',
  'environment',
  'version',
  'text',
  'canary-step',
  'canary-weight',
  'results',
  'payload',
  'payload-file',
  'env-allow',
  'api-url',
  'fail-on-error',
  'dry-run',
] as const;
export const SLACK_OUTPUTS = ['ts', 'channel', 'ok'] as const;

export type Transport = { kind: 'token'; token: string; apiUrl: string } | { kind: 'webhook'; urls: string[] } | { kind: 'none' };

/** Where one message goes: a channel (and the parent message there, for later events), or an incoming webhook. */
export type Destination = { kind: 'channel'; channel: string; ts?: string } | { kind: 'webhook'; url: string; label: string };

export interface PayloadSource {
  /** `payload` (the text itself) or `payload-file` (a path in the workspace). */
  input: 'payload' | 'payload-file';
  value: string;
}

export interface SlackInputs {
  transport: Transport;
  destinations: Destination[];
  event: SlackEvent;
  title?: string;
  environment?: string;
  version?: string;
  text?: string;
  canary: { step?: string; weight?: number };
  results: string[];
  payload?: PayloadSource;
  /** The step's env: variables a template may read as {{ env.NAME }}: those env-allow names, and no other. */
  envAllow: string[];
  failOnError: boolean;
  dryRun: boolean;
}

const CHANNEL = /^[#@]?[\w.-]{1,80}$/;

/**
 * Every input read once and checked before any request: each mistake is one
 * ConfigurationError that names its input and says what to write instead.
 */
export function readSlackInputs(input: (name: string) => string): SlackInputs {
  const token = input('token');
  const webhooks = splitValues(input('webhook-url'));
  const dryRun = booleanInput(input, 'dry-run', false);
  if (token && webhooks.length > 0) {
    throw new ConfigurationError('both token and webhook-url are given', { input: 'webhook-url' }, 'give one: token (chat.postMessage, updates and threads) or webhook-url (one new message per event)');
  }
  const payload = readPayloadSource(input);
  const eventText = input('event') || (payload ? 'custom' : '');
  if (!eventText) throw new ConfigurationError('is empty', { input: 'event' }, `say what happened: ${EVENTS.join(', ')} (custom sends payload or payload-file as it is)`);
  const event = oneOf(eventText, EVENTS, { input: 'event' });
  if (event === 'custom' && !payload) throw new ConfigurationError('custom sends a payload of your own, and neither payload nor payload-file is given', { input: 'event' }, 'give payload or payload-file, or one of the built-in events');

  const tsList = splitValues(input('ts'));
  const channels = splitValues(input('channel'));
  const toChannels = (names: string[]) =>
    names.map((channel, index): Destination => ({ kind: 'channel', channel, ...(tsList[index] ? { ts: tsList[index] } : {}) }));
  let transport: Transport;
  let destinations: Destination[];
  if (token) {
    transport = { kind: 'token', token, apiUrl: readApiUrl(input('api-url')) };
    if (channels.length === 0) throw new ConfigurationError('is empty, and the token needs one to post to', { input: 'channel' }, 'give a channel ID such as C0123456789 (or #name), one per line for several');
    for (const channel of channels) {
      if (!CHANNEL.test(channel)) throw new ConfigurationError(`'${channel}' is not a channel ID or name`, { input: 'channel' }, 'give a channel ID such as C0123456789, or #name');
    }
    if (tsList.length > 0 && tsList.length !== channels.length) {
      throw new ConfigurationError(`has ${tsList.length} timestamps for ${channels.length} channels`, { input: 'ts' }, "pass the started step's outputs together: channel: ${{ steps.<id>.outputs.channel }} and ts: ${{ steps.<id>.outputs.ts }}");
    }
    destinations = toChannels(channels);
  } else if (webhooks.length > 0) {
    transport = { kind: 'webhook', urls: webhooks };
    destinations = webhooks.map((url, index): Destination => {
      checkHttpUrl(url, 'webhook-url', 'the incoming webhook URL Slack gave, https://hooks.slack.com/services/…');
      return { kind: 'webhook', url, label: webhooks.length === 1 ? 'the webhook' : `webhook ${index + 1}` };
    });
  } else if (dryRun) {
    transport = { kind: 'none' };
    destinations = toChannels(channels.length > 0 ? channels : ['(no channel)']);
  } else {
    throw new ConfigurationError('neither token nor webhook-url is given: there is nowhere to send the message', { input: 'token' }, 'give token (a bot token, xoxb-…, with chat:write) and channel, or webhook-url; dry-run: true prints the message without either');
  }

  if (tsList.length > 0) {
    if (transport.kind !== 'token') {
      throw new ConfigurationError('is given without a token: only the Web API can update a message and reply in its thread', { input: 'ts' }, 'give token (and channel), or leave ts out: with webhook-url each event is a new message');
    }
    if (event === 'started') throw new ConfigurationError('is given with event started, which posts a new message', { input: 'ts' }, 'leave ts out for started; give it to the later events (progress, succeeded, …)');
    for (const ts of tsList) {
      if (!SLACK_TS.test(ts)) throw new ConfigurationError(`'${ts}' is not a Slack message timestamp (such as 1712345678.123456)`, { input: 'ts' }, "pass the started step's ts output");
    }
  }

  const weightText = input('canary-weight').replace(/%$/, '').trim();
  let weight: number | undefined;
  if (weightText) {
    weight = Number(weightText);
    if (!/^\d+(\.\d+)?$/.test(weightText) || weight > 100) throw new ConfigurationError(`'${input('canary-weight')}' is not a share of traffic from 0 to 100`, { input: 'canary-weight' }, 'write the percentage the canary gets, e.g. 10 or 10%');
  }
  const step = input('canary-step');
  return {
    transport,
    destinations,
    event,
    ...optional('title', oneLine(input, 'title')),
    ...optional('environment', oneLine(input, 'environment')),
    ...optional('version', oneLine(input, 'version')),
    ...optional('text', input('text')),
    canary: { ...(step ? { step: oneLine(input, 'canary-step') } : {}), ...(weight !== undefined ? { weight } : {}) },
    results: splitList(input('results')),
    ...(payload ? { payload } : {}),
    envAllow: readEnvAllow(input('env-allow')),
    failOnError: booleanInput(input, 'fail-on-error', true),
    dryRun,
  };
}

/** One value per line, or comma-separated: not splitList, which reads `#deploys` as a comment. */
export function splitValues(text: string): string[] {
  return text
    .split(/[\r\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readPayloadSource(input: (name: string) => string): PayloadSource | undefined {
  const text = input('payload');
  const file = input('payload-file');
  if (text && file) throw new ConfigurationError('both payload and payload-file are given', { input: 'payload-file' }, 'give one of them');
  if (text) return { input: 'payload', value: text };
  if (file) return { input: 'payload-file', value: file };
  return undefined;
}

function readApiUrl(given: string): string {
  const url = given || DEFAULT_API_URL;
  checkHttpUrl(url, 'api-url', `Slack's Web API, ${DEFAULT_API_URL}, or a proxy in front of it`);
  return url.endsWith('/') ? url : `${url}/`;
}

/** Never echoes the URL: a webhook URL is a secret. */
function checkHttpUrl(url: string, name: string, hint: string): void {
  parseHttpUrlInput(url, { input: name }, { hint: `give ${hint}`, echo: false });
}

/**
 * Variables no template reads, whatever env-allow says: the runner's own
 * (ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN, RUNNER_*), the
 * step's inputs (INPUT_TOKEN is the bot token) and GitHub's (GITHUB_TOKEN;
 * the run's context is {{ github.… }}).
 */
const RUNNER_VARIABLE = /^(ACTIONS_|RUNNER_|INPUT_|GITHUB_)/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

function readEnvAllow(text: string): string[] {
  const names = splitValues(text);
  for (const name of names) {
    if (!ENV_NAME.test(name)) throw new ConfigurationError(`'${JSON.stringify(name).slice(1, -1)}' is not an environment variable name`, { input: 'env-allow' }, 'name the variables of the step\'s env: a template may read, e.g. DEPLOY_URL, one per line');
    if (RUNNER_VARIABLE.test(name)) throw new ConfigurationError(`'${name}' is the runner's, GitHub's or an input's variable, which a template never reads`, { input: 'env-allow' }, 'set what the message needs in the step\'s env: under a name of your own (e.g. DEPLOY_URL: ${{ … }}) and name that; the run\'s context is {{ github.… }}');
  }
  return [...new Set(names)];
}

function booleanInput(input: (name: string) => string, name: string, fallback: boolean): boolean {
  const value = input(name);
  return value ? parseBoolean(value, { input: name }) : fallback;
}

function oneLine(input: (name: string) => string, name: string): string {
  const value = input(name);
  if (/[\r\n]/.test(value)) throw new ConfigurationError('holds a line break; it is shown on one line', { input: name }, 'give one line');
  return value;
}

function optional<Key extends string>(key: Key, value: string): Partial<Record<Key, string>> {
  return value ? ({ [key]: value } as Record<Key, string>) : {};
}
