import { ConfigurationError, parseConfig } from '@roadstop/core';
import { startSentryFake, type SentryAnswer, type SentryFake, type SentryRequest } from '@roadstop/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCanaryWatchOptions, type SentryOptions } from '../src/options.js';
import { ProviderError } from '../src/providers.js';
import { parseSentryEventsQuery, sentryProvider } from '../src/sentry.js';

// sentry-source: events, against the stand-in of Sentry (packages/testing/src/sentry-fake.ts), which serves the
// events time series (GET /api/0/organizations/{org}/events-stats/, yAxis=count(), answering
// {"data":[[<unix seconds>,[{"count":n}]]]}) from the envelopes it received.

const TOKEN = 'sntrys-events-Secret-8181';
const CANARY = '2222222bbbbbbb';
const STABLE = '1111111aaaaaaa';

let sentry: SentryFake;
beforeEach(async () => {
  sentry = await startSentryFake({ token: TOKEN });
});
afterEach(async () => {
  await sentry.close();
});

const provider = (token = TOKEN, source: SentryOptions['source'] = 'events') =>
  sentryProvider({ url: sentry.url, org: 'acme', project: 'webapp', token, source }, { Authorization: `Bearer ${token}` }, { canary: CANARY, baseline: STABLE });

/** An SDK's envelope: `errors` error events and `transactions` transactions of `release`, now. */
async function send(release: string, errors: number, transactions: number): Promise<void> {
  const now = Date.now() / 1000;
  const items = [
    ...Array.from({ length: errors }, () => `{"type":"event"}\n${JSON.stringify({ event_id: 'e', release, environment: 'production', timestamp: now, level: 'error', exception: { values: [{ type: 'TypeError' }] } })}`),
    ...Array.from({ length: transactions }, () => `{"type":"transaction"}\n${JSON.stringify({ type: 'transaction', release, environment: 'production', timestamp: now, start_timestamp: now - 0.1, transaction: '/' })}`),
  ];
  const response = await fetch(`${sentry.url}/api/${sentry.projectId}/envelope/`, { method: 'POST', body: `{"sent_at":"${new Date().toISOString()}"}\n${items.join('\n')}\n` });
  expect(response.status).toBe(200);
}

const nowWindow = () => {
  const end = Math.ceil(Date.now() / 1000) + 1;
  return { start: end - 10, end, stepSeconds: 5 };
};
const total = (points: [number, number][]) => points.reduce((sum, [, value]) => sum + value, 0);

describe('sentry-source: events', () => {
  it('counts the error events and the transactions of each release per interval, from the SDK envelopes', async () => {
    await send(CANARY, 3, 40);
    await send(STABLE, 1, 60);
    const source = provider();
    for (const query of [`release:${CANARY} event.type:error`, `release:${CANARY} event.type:transaction`, `release:${STABLE} event.type:error`]) await source.validate(query, 'metric m');
    const window = nowWindow();
    const [errors] = await source.range(`release:${CANARY} event.type:error`, window, 5000);
    const [requests] = await source.range(`release:${CANARY} event.type:transaction`, window, 5000);
    const [stableErrors] = await source.range(`release:${STABLE} event.type:error`, window, 5000);
    expect([total(errors!.points), total(requests!.points), total(stableErrors!.points)]).toEqual([3, 40, 1]);
    // One point per interval, at its end, on the window's grid.
    expect(errors!.points.map(([time]) => time)).toEqual([window.end - 10, window.end - 5, window.end]);
    const read = sentry.requests.find((request) => request.path.endsWith('/events-stats/') && request.params.get('query')?.startsWith('release:'))!;
    expect(Object.fromEntries(read.params)).toMatchObject({ yAxis: 'count()', interval: '5s', project: sentry.projectId, query: `release:"${CANARY}" event.type:error` });
  });

  it('the default metric is error events per transaction, at the playbook’s levels', () => {
    const options = resolveCanaryWatchOptions(parseConfig('', '.github/roadstop.yml').section('canary-watch'), { provider: 'sentry', 'sentry-source': 'events', 'sentry-org': 'acme', 'sentry-project': 'webapp', 'sentry-token': 'tok' }, '/w');
    expect(options.sentry?.source).toBe('events');
    expect(options.metrics).toMatchObject([{ name: 'event-error-rate', type: 'error-rate', errors: 'release:{{target}} event.type:error', requests: 'release:{{target}} event.type:transaction', alert: 0.01, rollback: 0.05, maxIncrease: 0.01 }]);
    expect(() => resolveCanaryWatchOptions(parseConfig('', '.github/roadstop.yml').section('canary-watch'), { provider: 'sentry', 'sentry-source': 'logs', 'sentry-org': 'acme', 'sentry-project': 'webapp', 'sentry-token': 'tok' }, '/w')).toThrow(/'logs' is not a Sentry source/);
  });

  it.each([
    ['release:x', /names no event\.type/],
    ['event.type:error', /names no release/],
    ['release:x event.type:default', /'event\.type:default' is not part of a Sentry events query/],
    ['release:x session.status:errored', /'session\.status:errored' is not part of a Sentry events query/],
  ])('refuses the query %j as the metric’s mistake', (query, error) => {
    expect(() => parseSentryEventsQuery(query, 'metric m errors')).toThrow(ConfigurationError);
    expect(() => parseSentryEventsQuery(query, 'metric m errors')).toThrow(error);
  });

  it('an unknown release is a configuration error naming the label, never a pass', async () => {
    await send(STABLE, 0, 10);
    const error = (await provider().validate(`release:${CANARY} event.type:error`, 'metric m errors').catch((caught: unknown) => caught)) as ConfigurationError;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.describe()).toMatch(new RegExp(`input 'canary-label': Sentry knows no release '${CANARY}'`));
  });

  it('a project without transactions is a configuration error naming sentry-project', async () => {
    await send(CANARY, 5, 0);
    const error = (await provider().validate(`release:${CANARY} event.type:transaction`, 'metric m requests').catch((caught: unknown) => caught)) as ConfigurationError;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.describe()).toMatch(/input 'sentry-project': Sentry project 'webapp' has no transactions in the last 24 hours/);
  });

  it('waits out a 429 whose Retry-After fits, then reads', async () => {
    await send(CANARY, 2, 10);
    let throttled = 0;
    sentry.misbehave = (request) => (request.path.endsWith('/events-stats/') && throttled++ === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: { detail: 'Request was throttled.' } } : undefined);
    const started = Date.now();
    const [errors] = await provider().range(`release:${CANARY} event.type:error`, nowWindow(), 5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(total(errors!.points)).toBe(2);
  });

  it('a cancel ends a 429 wait at once, named as the cancel, not as the rate limit', async () => {
    sentry.misbehave = (request) => (request.path.endsWith('/events-stats/') ? { status: 429, headers: { 'retry-after': '8' }, body: { detail: 'Request was throttled.' } } : undefined);
    const cancel = new AbortController();
    const source = sentryProvider({ url: sentry.url, org: 'acme', project: 'webapp', token: TOKEN, source: 'events' }, { Authorization: `Bearer ${TOKEN}` }, { canary: CANARY }, cancel.signal);
    const started = Date.now();
    const reading = source.range(`release:${CANARY} event.type:error`, nowWindow(), 10_000).catch((caught: unknown) => caught);
    for (let waited = 0; !sentry.requests.some((request) => request.path.endsWith('/events-stats/')) && waited < 5000; waited += 20) await new Promise((done) => setTimeout(done, 20));
    await new Promise((done) => setTimeout(done, 200));
    cancel.abort();
    const error = (await reading) as ProviderError;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toBe('the request to Sentry (sentry-url) was stopped: the run was cancelled');
    expect(sentry.requests.filter((request) => request.path.endsWith('/events-stats/'))).toHaveLength(1);
  });

  const statsRead = (request: SentryRequest) => request.path.endsWith('/events-stats/');
  it.each<[string, (request: SentryRequest) => SentryAnswer | undefined, string, RegExp]>([
    ['401', (request) => (statsRead(request) ? { status: 401, body: { detail: `Invalid token ${String(request.headers.authorization)}` } } : undefined), 'refused', /^Sentry refused the token \(sentry-token\): HTTP 401/],
    ['403', (request) => (statsRead(request) ? { status: 403, body: { detail: 'You do not have permission' } } : undefined), 'refused', /^Sentry refused the token \(sentry-token\): HTTP 403/],
    ['429 past the read’s budget', (request) => (statsRead(request) ? { status: 429, headers: { 'retry-after': '3600' }, body: { detail: 'Request was throttled.' } } : undefined), 'rate-limited', /^Sentry \(sentry-url\) is rate limiting: HTTP 429 \(Retry-After 3600\)/],
    ['503', (request) => (statsRead(request) ? { status: 503, body: { detail: 'upstream down' } } : undefined), 'outage', /^Sentry \(sentry-url\) is failing: HTTP 503/],
    ['a 502 page that is not JSON', (request) => (statsRead(request) ? { status: 502, raw: '<html>bad gateway</html>' } : undefined), 'outage', /is failing: HTTP 502/],
    ['NaN (not JSON)', (request) => (statsRead(request) ? { raw: '{"data":[[1700000000,[{"count":NaN}]]]}' } : undefined), 'garbage', /not JSON/],
    ['a null count', (request) => (statsRead(request) ? { body: { data: [[1_700_000_000, [{ count: null }]]] } } : undefined), 'garbage', /a count that is not a whole number of events/],
    ['a negative count', (request) => (statsRead(request) ? { body: { data: [[1_700_000_000, [{ count: -4 }]]] } } : undefined), 'garbage', /a count that is not a whole number of events/],
    ['a fraction', (request) => (statsRead(request) ? { body: { data: [[1_700_000_000, [{ count: 1.5 }]]] } } : undefined), 'garbage', /a count that is not a whole number of events/],
    ['no count at all', (request) => (statsRead(request) ? { body: { data: [[1_700_000_000, []]] } } : undefined), 'garbage', /a count that is not a whole number of events/],
    ['a time that is not a number', (request) => (statsRead(request) ? { body: { data: [['soon', [{ count: 1 }]]] } } : undefined), 'garbage', /an entry that is not \[time, \[\{count\}\]\]/],
    ['no data', (request) => (statsRead(request) ? { body: { detail: 'ok' } } : undefined), 'garbage', /answered events-stats without data/],
    // A server's words are kept in the message (bounded, one line) and redacted by the run, as for sessions.
  ])('%s: a failed look named right, never a count', async (_case, misbehave, failure, message) => {
    await send(CANARY, 1, 1);
    sentry.misbehave = misbehave;
    const error = (await provider().range(`release:${CANARY} event.type:error`, nowWindow(), 1500).catch((caught: unknown) => caught)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect([error.failure, error.message]).toEqual([failure, expect.stringMatching(message)]);
    expect(error.message).not.toContain(TOKEN);
  });

  it('an unknown organization is a configuration error naming sentry-org', async () => {
    const source = sentryProvider({ url: sentry.url, org: 'nope', project: sentry.projectId, token: TOKEN, source: 'events' }, { Authorization: `Bearer ${TOKEN}` }, { canary: CANARY });
    const error = (await source.range(`release:${CANARY} event.type:error`, nowWindow(), 1500).catch((caught: unknown) => caught)) as ConfigurationError;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.describe()).toMatch(/input 'sentry-org': Sentry knows no organization 'nope'/);
  });
});
