import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of Slack on 127.0.0.1 that behaves as Slack's Web API and incoming
 * webhooks do for the calls roadstop makes, as documented at
 * https://docs.slack.dev/reference/methods/chat.postMessage and
 * https://docs.slack.dev/reference/methods/chat.update (`ok`, `channel`, `ts`,
 * `error`, `response_metadata.messages`), https://docs.slack.dev/apis/web-api/rate-limits
 * (429 with Retry-After) and
 * https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks
 * (an error code as a text body: no_service, invalid_payload, channel_is_archived):
 * chat.postMessage (new messages
 * and thread replies) and chat.update, with form or JSON bodies and the token
 * in the body or as a bearer; `ok: false` with Slack's own error codes
 * (channel_not_found, not_in_channel, invalid_auth, message_not_found,
 * invalid_blocks for what Block Kit refuses, msg_too_long, no_text); and
 * webhooks that answer `ok` or an error code as the body. 429 with
 * Retry-After and 500 are switched on per test. It also reads a message the
 * way Slack shows it (`render`): `<…>` sequences become links and mentions,
 * then entities are decoded, so a test sees what a person would.
 */
export interface FakeSlackChannel {
  id: string;
  name: string;
  /** The app was invited: without it, chat.postMessage answers not_in_channel. */
  member: boolean;
  archived: boolean;
}

export interface FakeSlackRevision {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

export interface FakeSlackMessage extends FakeSlackRevision {
  channel: string;
  ts: string;
  thread_ts?: string;
  via: 'api' | 'webhook';
  /** Every version, the posted one first: each chat.update adds one. */
  revisions: FakeSlackRevision[];
}

export interface FakeSlackRequest {
  /** `chat.postMessage`, `chat.update`, or `webhook`. */
  method: string;
  path: string;
  contentType: string;
  /** The arguments, whichever way they came (form fields, JSON). */
  args: Record<string, unknown>;
  authorization?: string;
  status: number;
  /** Slack's error code, when it refused. */
  error?: string;
  at: number;
}

export interface FakeSlackAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface Rendered {
  /** The text a person reads, entities decoded. */
  text: string;
  /** `channel`, `here`, `everyone`, `@U123`, `subteam^S1`: each would notify someone. */
  mentions: string[];
  links: { url: string; label: string }[];
}

export interface FakeSlack {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `http://127.0.0.1:PORT/api/`: the action's api-url. */
  apiUrl: string;
  /** The bot token the fake accepts. */
  token: string;
  channels: FakeSlackChannel[];
  messages: FakeSlackMessage[];
  requests: FakeSlackRequest[];
  addChannel(name: string, options?: Partial<Omit<FakeSlackChannel, 'name'>>): FakeSlackChannel;
  /** An incoming webhook URL that posts to the channel. */
  addWebhook(channel: string): string;
  /** Top-level messages of a channel (ID or name), oldest first. */
  parents(channel: string): FakeSlackMessage[];
  /** The replies in a message's thread, oldest first. */
  replies(ts: string): FakeSlackMessage[];
  /** The next `count` requests (of `target`) get a 429 with `Retry-After: seconds`. */
  rateLimitNext(count: number, seconds: number, target?: 'api' | 'webhook'): void;
  /** The next `count` requests get `status` (500 by default) and an error page. */
  failNext(count: number, status?: number): void;
  /**
   * The next `count` requests (of `target`) get this answer as it is, whatever
   * they ask: a hostile or broken Slack (a forged channel, an echo of the
   * request with its Authorization header, a redirect elsewhere).
   */
  answerNext(count: number, answer: (request: FakeSlackRequest & { raw: string }) => FakeSlackAnswer, target?: 'api' | 'webhook'): void;
  /** A message (or a revision of it) as Slack shows it. */
  render(message: FakeSlackRevision): Rendered;
  close(): Promise<void>;
}

/** What Block Kit refuses, as Slack checks it (the subset the calls use). */
const LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, fields: 10, fieldText: 2000, contextElements: 10, messageText: 40_000 };

export async function startFakeSlack(options: { token?: string } = {}): Promise<FakeSlack> {
  const token = options.token ?? 'xoxb-0000000000-fake-token-for-tests';
  const channels: FakeSlackChannel[] = [];
  const messages: FakeSlackMessage[] = [];
  const requests: FakeSlackRequest[] = [];
  const webhooks = new Map<string, string>();
  let rateLimited = { count: 0, seconds: 1, target: undefined as 'api' | 'webhook' | undefined };
  let failing = { count: 0, status: 500 };
  let answering: { count: number; answer?: (request: FakeSlackRequest & { raw: string }) => FakeSlackAnswer; target: 'api' | 'webhook' | undefined } = { count: 0, target: undefined };
  let clock = Math.floor(Date.now() / 1000) * 1_000_000;
  const nextTs = () => {
    clock = Math.max(clock + 1, Date.now() * 1000);
    return `${Math.floor(clock / 1_000_000)}.${String(clock % 1_000_000).padStart(6, '0')}`;
  };
  let base = '';

  const addChannel = (name: string, given: Partial<Omit<FakeSlackChannel, 'name'>> = {}): FakeSlackChannel => {
    const channel: FakeSlackChannel = { id: given.id ?? `C${String(channels.length + 1).padStart(10, '0')}`, name: name.replace(/^#/, ''), member: given.member ?? true, archived: given.archived ?? false };
    channels.push(channel);
    return channel;
  };
  const findChannel = (given: string, byName: boolean) => channels.find((channel) => channel.id === given || (byName && channel.name === given.replace(/^#/, '')));

  /** Slack's own answer to a message's content, or undefined when it takes it. */
  const refuseContent = (args: Record<string, unknown>): [string, string[]?] | undefined => {
    const text = typeof args.text === 'string' ? args.text : '';
    const blocks = args.blocks;
    const attachments = args.attachments;
    if (!text && blocks === undefined && attachments === undefined) return ['no_text'];
    if (text.length > LIMITS.messageText) return ['msg_too_long'];
    if (blocks !== undefined) {
      if (!Array.isArray(blocks)) return ['invalid_blocks_format'];
      const problem = blockProblem(blocks);
      if (problem) return ['invalid_blocks', [problem]];
    }
    return undefined;
  };

  const store = (channel: string, args: Record<string, unknown>, via: 'api' | 'webhook', threadTs?: string): FakeSlackMessage => {
    const revision = revisionOf(args);
    const message: FakeSlackMessage = { channel, ts: nextTs(), ...(threadTs ? { thread_ts: threadTs } : {}), via, ...revision, revisions: [revision] };
    messages.push(message);
    return message;
  };

  const api = (method: string, args: Record<string, unknown>, authorization: string | undefined): [number, Record<string, unknown>] => {
    const given = (authorization?.replace(/^Bearer\s+/i, '') || (typeof args.token === 'string' ? args.token : '')).trim();
    if (!given) return [200, { ok: false, error: 'not_authed' }];
    if (given !== token) return [200, { ok: false, error: 'invalid_auth' }];
    const channelArg = typeof args.channel === 'string' ? args.channel : '';
    if (method === 'chat.postMessage') {
      const channel = findChannel(channelArg, true);
      if (!channel) return [200, { ok: false, error: 'channel_not_found' }];
      if (channel.archived) return [200, { ok: false, error: 'is_archived' }];
      if (!channel.member) return [200, { ok: false, error: 'not_in_channel' }];
      const threadTs = typeof args.thread_ts === 'string' && args.thread_ts ? args.thread_ts : undefined;
      if (threadTs && !messages.some((message) => message.channel === channel.id && message.ts === threadTs && !message.thread_ts)) return [200, { ok: false, error: 'thread_not_found' }];
      const refused = refuseContent(args);
      if (refused) return [200, { ok: false, error: refused[0], ...(refused[1] ? { response_metadata: { messages: refused[1] } } : {}) }];
      const message = store(channel.id, args, 'api', threadTs);
      return [200, { ok: true, channel: channel.id, ts: message.ts, message: { type: 'message', text: message.text, ts: message.ts, ...(threadTs ? { thread_ts: threadTs } : {}) } }];
    }
    if (method === 'chat.update') {
      // chat.update takes the channel's ID only, as Slack's does.
      const channel = findChannel(channelArg, false);
      if (!channel) return [200, { ok: false, error: 'channel_not_found' }];
      const message = messages.find((item) => item.channel === channel.id && item.ts === args.ts);
      if (!message) return [200, { ok: false, error: 'message_not_found' }];
      if (message.via !== 'api') return [200, { ok: false, error: 'cant_update_message' }];
      const refused = refuseContent(args);
      if (refused) return [200, { ok: false, error: refused[0], ...(refused[1] ? { response_metadata: { messages: refused[1] } } : {}) }];
      const revision = revisionOf(args);
      Object.assign(message, revision);
      if (!('blocks' in revision)) delete message.blocks;
      message.revisions.push(revision);
      return [200, { ok: true, channel: channel.id, ts: message.ts, text: message.text }];
    }
    return [200, { ok: false, error: 'unknown_method' }];
  };

  const webhook = (path: string, args: Record<string, unknown> | undefined): [number, string] => {
    const channelId = webhooks.get(path);
    if (!channelId) return [404, 'no_service'];
    if (!args) return [400, 'invalid_payload'];
    const channel = channels.find((item) => item.id === channelId)!;
    if (channel.archived) return [410, 'channel_is_archived'];
    const refused = refuseContent(args);
    if (refused) return [400, refused[0]];
    store(channel.id, args, 'webhook');
    return [200, 'ok'];
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', base);
      const contentType = String(req.headers['content-type'] ?? '');
      const isWebhook = url.pathname.startsWith('/services/');
      const method = isWebhook ? 'webhook' : url.pathname.replace(/^\/api\//, '');
      const args = parseArguments(raw, contentType);
      const record = (status: number, error?: string) =>
        requests.push({ method, path: url.pathname, contentType, args: args ?? {}, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), status, ...(error ? { error } : {}), at: Date.now() });
      const target = isWebhook ? 'webhook' : 'api';
      if (answering.count > 0 && answering.answer && (!answering.target || answering.target === target)) {
        answering.count--;
        const given = { method, path: url.pathname, contentType, args: args ?? {}, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), status: 0, at: Date.now(), raw };
        const answer = answering.answer(given);
        record(answer.status);
        res.writeHead(answer.status, answer.headers).end(answer.body);
        return;
      }
      if (req.method !== 'POST') {
        record(405);
        res.writeHead(405).end();
        return;
      }
      if (rateLimited.count > 0 && (!rateLimited.target || rateLimited.target === target)) {
        rateLimited.count--;
        record(429, 'ratelimited');
        const body = isWebhook ? 'rate_limited' : JSON.stringify({ ok: false, error: 'ratelimited' });
        res.writeHead(429, { 'retry-after': String(rateLimited.seconds), 'content-type': isWebhook ? 'text/plain' : 'application/json' }).end(body);
        return;
      }
      if (failing.count > 0) {
        failing.count--;
        record(failing.status);
        res.writeHead(failing.status, { 'content-type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
        return;
      }
      if (isWebhook) {
        const [status, body] = webhook(url.pathname, args);
        record(status, status === 200 ? undefined : body);
        res.writeHead(status, { 'content-type': 'text/html' }).end(body);
        return;
      }
      const [status, body] = args ? api(method, args, req.headers.authorization) : [200, { ok: false, error: 'invalid_json' }];
      record(status, body.ok === false ? String(body.error) : undefined);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiUrl: `${base}/api/`,
    token,
    channels,
    messages,
    requests,
    addChannel,
    addWebhook: (name) => {
      const channel = findChannel(name, true) ?? addChannel(name);
      const path = `/services/T0FAKE/B${String(webhooks.size + 1).padStart(8, '0')}/${'x'.repeat(12)}${webhooks.size + 1}`;
      webhooks.set(path, channel.id);
      return `${base}${path}`;
    },
    parents: (name) => {
      const channel = findChannel(name, true);
      return messages.filter((message) => message.channel === channel?.id && !message.thread_ts);
    },
    replies: (ts) => messages.filter((message) => message.thread_ts === ts),
    rateLimitNext: (count, seconds, target) => void (rateLimited = { count, seconds, target }),
    failNext: (count, status = 500) => void (failing = { count, status }),
    answerNext: (count, answer, target) => void (answering = { count, answer, target }),
    render: renderMessage,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Form fields (Slack decodes `blocks` and `attachments` from JSON there) or a JSON body; undefined when neither reads. */
function parseArguments(raw: string, contentType: string): Record<string, unknown> | undefined {
  try {
    if (contentType.includes('application/json')) {
      const data: unknown = JSON.parse(raw || '{}');
      return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
    }
    const form = Object.fromEntries(new URLSearchParams(raw)) as Record<string, unknown>;
    // An incoming webhook also takes `payload=<json>` as a form.
    if (typeof form.payload === 'string') return parseArguments(form.payload, 'application/json');
    for (const key of ['blocks', 'attachments', 'metadata']) {
      if (typeof form[key] === 'string') form[key] = JSON.parse(form[key]);
    }
    return form;
  } catch {
    return undefined;
  }
}

function revisionOf(args: Record<string, unknown>): FakeSlackRevision {
  return {
    text: typeof args.text === 'string' ? args.text : '',
    ...(Array.isArray(args.blocks) ? { blocks: args.blocks as unknown[] } : {}),
    ...(Array.isArray(args.attachments) ? { attachments: args.attachments as unknown[] } : {}),
  };
}

/** Slack's invalid_blocks detail for the first block Block Kit refuses, or undefined. */
function blockProblem(blocks: unknown[]): string | undefined {
  if (blocks.length > LIMITS.blocks) return `[ERROR] no more than ${LIMITS.blocks} items allowed [json-pointer:/blocks]`;
  for (const [index, block] of blocks.entries()) {
    const at = `/blocks/${index}`;
    if (typeof block !== 'object' || block === null) return `[ERROR] must be an object [json-pointer:${at}]`;
    const item = block as Record<string, unknown>;
    const text = item.text as { type?: string; text?: unknown } | undefined;
    const tooLong = (value: unknown, max: number, path: string) => (typeof value === 'string' && value.length > max ? `[ERROR] must be less than ${max + 1} characters [json-pointer:${path}]` : undefined);
    switch (item.type) {
      case 'header': {
        if (text?.type !== 'plain_text') return `[ERROR] must be a plain_text text object [json-pointer:${at}/text]`;
        const problem = tooLong(text.text, LIMITS.headerText, `${at}/text/text`);
        if (problem) return problem;
        break;
      }
      case 'section': {
        if (!text && !Array.isArray(item.fields)) return `[ERROR] must provide text or fields [json-pointer:${at}]`;
        if (text) {
          if (text.type !== 'mrkdwn' && text.type !== 'plain_text') return `[ERROR] must be a text object [json-pointer:${at}/text]`;
          if (typeof text.text !== 'string' || text.text.length === 0) return `[ERROR] must be more than 0 characters [json-pointer:${at}/text/text]`;
          const problem = tooLong(text.text, LIMITS.sectionText, `${at}/text/text`);
          if (problem) return problem;
        }
        if (Array.isArray(item.fields)) {
          if (item.fields.length > LIMITS.fields) return `[ERROR] no more than ${LIMITS.fields} items allowed [json-pointer:${at}/fields]`;
          for (const [field, value] of (item.fields as { text?: unknown }[]).entries()) {
            const problem = tooLong(value?.text, LIMITS.fieldText, `${at}/fields/${field}/text`);
            if (problem) return problem;
          }
        }
        break;
      }
      case 'context':
        if (!Array.isArray(item.elements) || item.elements.length === 0) return `[ERROR] must provide elements [json-pointer:${at}/elements]`;
        if (item.elements.length > LIMITS.contextElements) return `[ERROR] no more than ${LIMITS.contextElements} items allowed [json-pointer:${at}/elements]`;
        break;
      case 'divider':
      case 'actions':
      case 'image':
      case 'rich_text':
        break;
      default:
        return `[ERROR] unsupported type: ${String(item.type)} [json-pointer:${at}/type]`;
    }
  }
  return undefined;
}

/** Every text of a message, as Slack shows it. */
function renderMessage(message: FakeSlackRevision): Rendered {
  const texts: { text: string; plain: boolean }[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string') texts.push({ text: object.text, plain: object.type === 'plain_text' });
      else Object.values(object).forEach(visit);
    }
  };
  visit(message.blocks ?? []);
  visit(message.attachments ?? []);
  // The top-level text is the notification; with blocks it is not shown, but it is parsed all the same.
  texts.push({ text: message.text, plain: false });
  const rendered: Rendered = { text: '', mentions: [], links: [] };
  const sequence = (inner: string): string => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    if (/^!(channel|here|everyone)$/.test(target)) {
      rendered.mentions.push(target.slice(1));
      return `@${target.slice(1)}`;
    }
    if (/^!subteam\^/.test(target) || /^@[UW]/.test(target)) {
      rendered.mentions.push(target.replace(/^!/, ''));
      return `@${decodeEntities(label ?? target.slice(1))}`;
    }
    if (/^#C/.test(target)) return `#${decodeEntities(label ?? target.slice(1))}`;
    const link = { url: decodeEntities(target), label: decodeEntities(label ?? target) };
    rendered.links.push(link);
    return link.label;
  };
  // Slack finds its <…> sequences by the literal brackets first; what is left has its entities decoded, once.
  rendered.text = texts
    .map(({ text, plain }) => (plain ? decodeEntities(text) : text.split(/(<[^<>]*>)/).map((part) => (/^<[^<>]*>$/.test(part) ? sequence(part.slice(1, -1)) : decodeEntities(part))).join('')))
    .join('\n');
  return rendered;
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
