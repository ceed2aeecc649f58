import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../src/index.js';

let slack: FakeSlack;
beforeEach(async () => {
  slack = await startFakeSlack();
});
afterEach(async () => {
  await slack.close();
});

const call = async (method: string, body: Record<string, unknown>, as: 'json' | 'form' = 'json', token: string | undefined = slack.token) => {
  const form = () => new URLSearchParams(Object.entries(body).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  const response = await fetch(`${slack.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': as === 'json' ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded', ...(token && as === 'json' ? { authorization: `Bearer ${token}` } : {}) },
    body: as === 'json' ? JSON.stringify(body) : form(),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
};

describe('the fake Slack Web API', () => {
  it('takes JSON with a bearer token and a form with the token in it, blocks decoded either way', async () => {
    const channel = slack.addChannel('deploys');
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }];
    const json = await call('chat.postMessage', { channel: '#deploys', text: 'json', blocks });
    const form = await call('chat.postMessage', { channel: channel.id, text: 'form', blocks, token: slack.token }, 'form');
    expect(json.body).toMatchObject({ ok: true, channel: channel.id, ts: expect.stringMatching(/^\d{10}\.\d{6}$/) });
    expect(form.body).toMatchObject({ ok: true, channel: channel.id });
    expect(slack.messages.map((message) => [message.text, message.blocks])).toEqual([
      ['json', blocks],
      ['form', blocks],
    ]);
  });

  it.each([
    ['no token', { channel: 'C0000000001', text: 'x' }, '', 'not_authed'],
    ['a wrong token', { channel: 'C0000000001', text: 'x' }, 'xoxb-wrong', 'invalid_auth'],
    ['an unknown channel', { channel: '#nowhere', text: 'x' }, 'ok', 'channel_not_found'],
    ['a channel the app is not in', { channel: '#private', text: 'x' }, 'ok', 'not_in_channel'],
    ['an archived channel', { channel: '#old', text: 'x' }, 'ok', 'is_archived'],
    ['nothing to say', { channel: '#deploys' }, 'ok', 'no_text'],
    ['a header over 150', { channel: '#deploys', text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }, 'ok', 'invalid_blocks'],
    ['51 blocks', { channel: '#deploys', text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }, 'ok', 'invalid_blocks'],
    ['11 fields', { channel: '#deploys', text: 'x', blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }] }, 'ok', 'invalid_blocks'],
    ['text over 40,000', { channel: '#deploys', text: 't'.repeat(40_001) }, 'ok', 'msg_too_long'],
    ['a thread that is not there', { channel: '#deploys', text: 'x', thread_ts: '1700000000.000001' }, 'ok', 'thread_not_found'],
  ])('chat.postMessage with %s: ok false, %s', async (_case, body, token, error) => {
    slack.addChannel('deploys');
    slack.addChannel('private', { member: false });
    slack.addChannel('old', { archived: true });
    const answer = await call('chat.postMessage', body, 'json', token === 'ok' ? slack.token : token);
    expect(answer).toMatchObject({ status: 200, body: { ok: false, error } });
    expect(slack.messages).toEqual([]);
  });

  it('chat.update keeps each revision, takes the channel ID only, and refuses a ts it does not have', async () => {
    const channel = slack.addChannel('deploys');
    const { body } = await call('chat.postMessage', { channel: '#deploys', text: 'v1' });
    expect((await call('chat.update', { channel: channel.id, ts: body.ts, text: 'v2' })).body).toMatchObject({ ok: true, ts: body.ts });
    expect((await call('chat.update', { channel: '#deploys', ts: body.ts, text: 'v3' })).body).toMatchObject({ ok: false, error: 'channel_not_found' });
    expect((await call('chat.update', { channel: channel.id, ts: '1700000000.000001', text: 'v3' })).body).toMatchObject({ ok: false, error: 'message_not_found' });
    expect(slack.messages[0]!.revisions.map((revision) => revision.text)).toEqual(['v1', 'v2']);
  });

  it('answers 429 with Retry-After, and 500 with an error page, when told to', async () => {
    slack.addChannel('deploys');
    slack.rateLimitNext(1, 7);
    expect(await call('chat.postMessage', { channel: '#deploys', text: 'x' })).toMatchObject({ status: 429, retryAfter: '7', body: { ok: false, error: 'ratelimited' } });
    slack.failNext(1);
    const failed = await fetch(`${slack.apiUrl}chat.postMessage`, { method: 'POST', body: '{}' });
    expect(failed.status).toBe(500);
    expect((await call('chat.postMessage', { channel: '#deploys', text: 'x' })).body).toMatchObject({ ok: true });
    expect(slack.requests.map((request) => request.status)).toEqual([429, 500, 200]);
  });
});

describe('the fake incoming webhooks', () => {
  it('answer ok to JSON or a payload= form, and an error code as the body otherwise', async () => {
    const url = slack.addWebhook('alerts');
    const post = (body: string, type = 'application/json') => fetch(url, { method: 'POST', headers: { 'content-type': type }, body }).then(async (response) => [response.status, await response.text()]);
    expect(await post(JSON.stringify({ text: 'one' }))).toEqual([200, 'ok']);
    expect(await post(`payload=${encodeURIComponent(JSON.stringify({ text: 'two' }))}`, 'application/x-www-form-urlencoded')).toEqual([200, 'ok']);
    expect(await post('{"text": ')).toEqual([400, 'invalid_payload']);
    expect(await post('{}')).toEqual([400, 'no_text']);
    expect(await fetch(`${slack.url}/services/T0/B0/gone`, { method: 'POST', body: '{"text":"x"}' }).then((response) => response.status)).toBe(404);
    expect(slack.parents('alerts').map((message) => [message.text, message.via])).toEqual([
      ['one', 'webhook'],
      ['two', 'webhook'],
    ]);
  });
});

describe('render: a message as Slack shows it', () => {
  it('turns sequences into links and mentions, then decodes entities once', () => {
    expect(slack.render({ text: 'hi <!channel> <https://a.example/?x=1&amp;y=2|docs> &amp;lt; <@U1|ada> &lt;!here&gt;' })).toEqual({
      text: 'hi @channel docs &lt; @ada <!here>',
      mentions: ['channel', '@U1'],
      links: [{ url: 'https://a.example/?x=1&y=2', label: 'docs' }],
    });
  });
});
