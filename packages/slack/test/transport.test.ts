import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeSlack, startForwardProxy, type FakeSlack } from '@roadstop/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEdgeFetch } from '@roadstop/core';
import { decideRetry, SlackSendError, slackRetryPolicy } from '../src/index.js';
import { openSlackApi } from '../src/web-api.js';
import { postToWebhook } from '../src/webhook.js';

let slack: FakeSlack;
beforeEach(async () => {
  slack = await startFakeSlack();
  slack.addChannel('deploys');
});
afterEach(async () => {
  await slack.close();
});

const policy = (budgetMs = 30_000) => slackRetryPolicy(budgetMs);

describe('decideRetry', () => {
  const p = { ...policy(60_000), retries: 3 };
  it.each([
    ['429 with Retry-After', { status: 429, retryAfter: '7' }, 0, 0, { retry: true, waitMs: 7000 }],
    ['429 as an HTTP date', { status: 429, retryAfter: new Date(1_000_000 + 3000).toUTCString() }, 0, 0, { retry: true, waitMs: 3000 }],
    ['429 without a header backs off', { status: 429 }, 1, 0, { retry: true, waitMs: 2000 }],
    ['500 backs off, doubling', { status: 500 }, 2, 0, { retry: true, waitMs: 4000 }],
    ['503 up to the longest wait', { status: 503 }, 9, 0, { retry: false }],
    ['a network error backs off', { networkError: 'ECONNRESET' }, 0, 0, { retry: true, waitMs: 1000 }],
    ['404 is an answer', { status: 404 }, 0, 0, { retry: false, reason: 'HTTP 404' }],
    ['retries run out', { status: 500 }, 3, 0, { retry: false, reason: 'server error (500), after 3 retries' }],
    ['a wait past the budget', { status: 429, retryAfter: '120' }, 0, 0, { retry: false, reason: expect.stringMatching(/waiting 120 s more would pass the 60 s the step may spend sending/) }],
    ['a wait into the budget’s end', { status: 429, retryAfter: '10' }, 0, 55_000, { retry: false }],
  ])('%s', (_case, attempt, retries, elapsed, expected) => {
    expect(decideRetry(attempt, retries, p, elapsed, 1_000_000)).toMatchObject(expected);
  });
});

describe('the incoming webhook transport', () => {
  const send = (url: string, budgetMs = 30_000, waits: number[] = []) =>
    postToWebhook(url, { text: 'deployed' }, { fetch: createEdgeFetch({}), policy: policy(budgetMs), startedAt: Date.now(), log: () => {}, label: 'the webhook', sleep: (ms) => Promise.resolve(void waits.push(ms)) });

  it('waits out a 429 as Retry-After says, and a 5xx with backoff, then the message arrives', async () => {
    const url = slack.addWebhook('deploys');
    const waits: number[] = [];
    slack.rateLimitNext(1, 3);
    await send(url, 30_000, waits);
    slack.failNext(2, 503);
    await send(url, 30_000, waits);
    expect(waits).toEqual([3000, 1000, 2000]);
    expect(slack.parents('deploys').map((message) => message.text)).toEqual(['deployed', 'deployed']);
    expect(slack.requests.map((request) => request.status)).toEqual([429, 200, 503, 503, 200]);
  });

  it("says Slack's own error code, never the URL", async () => {
    const url = `${slack.url}/services/T0/B0/not-a-hook-secret`;
    const error = (await send(url).catch((caught: unknown) => caught)) as SlackSendError;
    expect(error).toBeInstanceOf(SlackSendError);
    expect(error.code).toBe('no_service');
    expect(error.message).toMatch(/^no_service: HTTP 404: the incoming webhook is disabled or was removed/);
    expect(error.message).not.toContain('not-a-hook-secret');
  });

  it('gives up at once when Slack asks for a longer wait than the budget has, and says so', async () => {
    const url = slack.addWebhook('deploys');
    slack.rateLimitNext(1, 120);
    const error = (await send(url, 5000).catch((caught: unknown) => caught)) as SlackSendError;
    expect(error.message).toMatch(/^rate_limited: rate limited \(429, Retry-After 120 s\); waiting 120 s more would pass the 5 s/);
  });

  it('backs off when nobody answers, and fails with the cause, not the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const waits: number[] = [];
    const error = (await send(`http://127.0.0.1:${port}/services/T/B/secret`, 30_000, waits).catch((caught: unknown) => caught)) as SlackSendError;
    expect(error.code).toBe('network_error');
    expect(error.message).toMatch(/no answer \(ECONNREFUSED\), after 5 retries/);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10_000]);
  });
});

describe('the token transport (@slack/web-api)', () => {
  const api = async (budgetMs = 30_000, env: Record<string, string> = {}) =>
    openSlackApi({ token: slack.token, apiUrl: slack.apiUrl, fetch: createEdgeFetch(env), policy: policy(budgetMs), startedAt: Date.now(), log: () => {}, debug: () => {} });

  it('posts with a form body and the token as a bearer, updates, and replies in the thread', async () => {
    const client = await api();
    const posted = await client.post({ channel: '#deploys', text: 'started', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'started' } }] });
    expect(posted.channel).toBe(slack.channels[0]!.id);
    await client.update({ channel: posted.channel, ts: posted.ts, text: 'done' });
    await client.post({ channel: posted.channel, thread_ts: posted.ts, text: 'details' });
    const [parent] = slack.parents('deploys');
    expect(parent!.revisions.map((revision) => revision.text)).toEqual(['started', 'done']);
    expect(slack.replies(posted.ts).map((reply) => reply.text)).toEqual(['details']);
    expect(slack.requests[0]).toMatchObject({ method: 'chat.postMessage', contentType: 'application/x-www-form-urlencoded', authorization: `Bearer ${slack.token}` });
    expect(slack.requests[0]!.args.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'started' } }]);
  });

  it.each([
    ['channel_not_found', { channel: 'C9999999999', text: 'x' }, /^channel_not_found: the channel does not exist/],
    ['message_not_found', { channel: 'C0000000001', ts: '1700000000.000100', text: 'x' }, /^message_not_found: no message with that ts/],
    // Slack's response_metadata.messages are its body's words: in the client's log, not in the error.
    ['invalid_blocks', { channel: '#deploys', text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(200) } }] }, /^invalid_blocks: Slack refused the blocks/],
  ])("%s: Slack's own code, at once", async (code, args, expected) => {
    const client = await api();
    const call = 'ts' in args ? client.update(args) : client.post(args);
    const error = (await call.catch((caught: unknown) => caught)) as SlackSendError;
    expect(error.code).toBe(code);
    expect(error.message).toMatch(expected);
    expect(slack.requests).toHaveLength(1);
  });

  it('invalid_auth, and the token is in no message', async () => {
    const client = await openSlackApi({ token: 'xoxb-wrong-token-value', apiUrl: slack.apiUrl, fetch: createEdgeFetch({}), policy: policy(), startedAt: Date.now(), log: () => {}, debug: () => {} });
    const error = (await client.post({ channel: '#deploys', text: 'x' }).catch((caught: unknown) => caught)) as SlackSendError;
    expect(error.code).toBe('invalid_auth');
    expect(error.message).not.toContain('xoxb-wrong-token-value');
  });

  it('the client waits out a 429 itself and retries a 500', async () => {
    const client = await api();
    slack.rateLimitNext(1, 1);
    const started = Date.now();
    await client.post({ channel: '#deploys', text: 'after the limit' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    slack.failNext(1, 500);
    await client.post({ channel: '#deploys', text: 'after the error' });
    expect(slack.parents('deploys').map((message) => message.text)).toEqual(['after the limit', 'after the error']);
    expect(slack.requests.map((request) => request.status)).toEqual([429, 200, 500, 200]);
  });

  it('a Retry-After past the budget fails at once, with what Slack asked for', async () => {
    const client = await api(5000);
    slack.rateLimitNext(1, 600);
    const started = Date.now();
    const error = (await client.post({ channel: '#deploys', text: 'x' }).catch((caught: unknown) => caught)) as SlackSendError;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.message).toMatch(/^ratelimited: rate limited \(429\): Slack asked to wait 600 s, more than the .* left of the 5 s the step may spend sending/);
  });

  it("follows a redirect within api-url's origin with the token, and refuses one to another origin at once, sending nothing there", async () => {
    const seen: { path: string; authorization: string | undefined }[] = [];
    const redirector = createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      req.resume();
      req.on('end', () => {
        if (req.url === '/old/chat.postMessage') res.writeHead(307, { location: '/new/chat.postMessage' }).end();
        else if (req.url === '/loop/chat.postMessage') res.writeHead(302, { location: '/loop/chat.postMessage' }).end();
        else if (req.url === '/new/chat.postMessage') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, channel: 'C0123456789', ts: '1712345678.123456' }));
        else res.writeHead(307, { location: `${slack.apiUrl}chat.postMessage` }).end();
      });
    });
    await new Promise<void>((done) => redirector.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
    try {
      const open = (path: string) => openSlackApi({ token: slack.token, apiUrl: `${base}${path}`, fetch: createEdgeFetch({}), policy: policy(), startedAt: Date.now(), log: () => {}, debug: () => {} });
      expect(await (await open('/old/')).post({ channel: 'C0123456789', text: 'x' })).toEqual({ channel: 'C0123456789', ts: '1712345678.123456' });
      expect(seen.map((request) => [request.path, request.authorization])).toEqual([
        ['/old/chat.postMessage', `Bearer ${slack.token}`],
        ['/new/chat.postMessage', `Bearer ${slack.token}`],
      ]);
      const started = Date.now();
      const error = (await (await open('/away/')).post({ channel: '#deploys', text: 'x' }).catch((caught: unknown) => caught)) as SlackSendError;
      expect(Date.now() - started).toBeLessThan(2000);
      expect([error.code, error.message]).toEqual(['redirected', expect.stringContaining(`Slack answered HTTP 307, a redirect to ${new URL(slack.apiUrl).origin}, which is not followed`)]);
      expect(slack.requests).toEqual([]);
      const loop = (await (await open('/loop/')).post({ channel: '#deploys', text: 'x' }).catch((caught: unknown) => caught)) as SlackSendError;
      expect([loop.code, loop.message]).toEqual(['redirected', expect.stringMatching(/^redirected: Slack answered HTTP 302, a redirect to http:\/\/127\.0\.0\.1:\d+: more than 10 redirects$/)]);
    } finally {
      redirector.closeAllConnections();
      await new Promise((done) => redirector.close(done));
    }
  });

  it('goes through the proxy HTTPS_PROXY and HTTP_PROXY name', async () => {
    const proxy = await startForwardProxy();
    try {
      const client = await api(30_000, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
      await client.post({ channel: '#deploys', text: 'through the proxy' });
      expect(proxy.seen.map((request) => `${request.method} ${request.target}`)).toEqual([expect.stringContaining(new URL(slack.url).host)]);
      expect(slack.parents('deploys').map((message) => message.text)).toEqual(['through the proxy']);
    } finally {
      await proxy.close();
    }
  });
});
