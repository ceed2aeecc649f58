import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectOutcome } from './expect-outcome.js';
import { runAction, startSentryFake, steadySessions, textOutsideMasks, type ActionRun, type SentryAnswer, type SentryFake, type SentryRequest, type SessionRates } from '@roadstop/testing';

// canary-watch with provider: sentry, the BUILT action (node scripts/build.mjs canary-watch) against the Sentry
// stand-in (packages/testing/src/sentry-fake.ts, which quotes the sessions API's fields). No metrics are given:
// the default, the sessions' error rate per release at alert 1%, rollback 5%, max-increase 1 point, is judged.

const TOKEN = 'sntrys-Secret-6161-uvwx';
const CANARY = '3f2a9c1d0b7e';
const STABLE = '9b8c7d6e5f4a';
type Rates = SessionRates;

interface Case {
  name: string;
  inputs?: Record<string, string>;
  rates?: Rates;
  /** Releases the stand-in knows (default: both). */
  releases?: string[];
  misbehave?: (request: SentryRequest, state: { reads: number }) => SentryAnswer | undefined;
  decision?: 'promote' | 'rollback' | 'inconclusive';
  error?: RegExp;
  log?: RegExp;
  check?: (run: ActionRun, fake: SentryFake) => void;
}

const healthy: Rates = { [CANARY]: { perSecond: 5000, errored: 0.002 }, [STABLE]: { perSecond: 5000, errored: 0.002 } };
const sessionsRead = (request: SentryRequest) => request.path.endsWith('/sessions/') && request.params.has('start');
const eventsRead = (request: SentryRequest) => request.path.endsWith('/events-stats/') && request.params.has('start');
const EVENTS = { 'sentry-source': 'events' };

const CASES: Case[] = [
  {
    name: 'a healthy canary: promote, the watch’s interval passed through as the query’s interval',
    decision: 'promote',
    check: (_run, fake) => {
      const reads = fake.requests.filter(sessionsRead);
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads) {
        expect(read.params.get('interval')).toBe('1s');
        expect(read.params.get('field')).toBe('sum(session)');
        expect(read.params.getAll('groupBy')).toEqual(['release', 'session.status']);
        expect(read.params.get('project')).toBe(fake.projectId);
        expect(read.params.get('environment')).toBe('production');
      }
      // errors and requests of a release read one answer per look: one request per release and look.
      expect(new Set(reads.map((read) => `${read.params.get('query')} ${read.params.get('end')}`)).size).toBe(reads.length);
    },
  },
  { name: 'one session in five errors: rollback on the error rate', rates: { ...healthy, [CANARY]: { perSecond: 5000, errored: 0.2 } }, decision: 'rollback', log: /session-error-rate failed 1 look in a row/ },
  { name: 'crashed sessions count as errors too', rates: { ...healthy, [CANARY]: { perSecond: 5000, errored: 0, crashed: 0.1 } }, decision: 'rollback' },
  { name: 'a canary release Sentry does not know: one error naming canary-label', releases: [STABLE], error: /input 'canary-label'.*Sentry knows no release '3f2a9c1d0b7e' in organization 'acme'/ },
  { name: 'a project without sessions: one error naming sentry-project', rates: {}, error: /input 'sentry-project'.*has no sessions in the last 24 hours in environment 'production'/ },
  { name: 'a known canary release with no sessions during the watch: inconclusive, never a pass', rates: { [STABLE]: healthy[STABLE]! }, decision: 'inconclusive', log: /no data over the whole watch from metric 'session-error-rate'/ },
  { name: 'an unknown organization: one error naming sentry-org', inputs: { 'sentry-org': 'nobody', 'sentry-project': '4242' }, error: /input 'sentry-org'.*Sentry knows no organization 'nobody'/ },
  { name: 'an unknown project slug: one error naming sentry-project', inputs: { 'sentry-project': 'nothing' }, error: /input 'sentry-project'.*Sentry knows no project 'nothing'/ },
  {
    name: 'a wrong token, echoed back by Sentry: one error naming sentry-token, the token masked and redacted',
    inputs: { 'sentry-token': `${TOKEN}-wrong` },
    misbehave: (request) => (request.headers.authorization === `Bearer ${TOKEN}-wrong` ? { status: 401, body: { detail: `Invalid token ${String(request.headers.authorization)}` } } : undefined),
    error: /Sentry refused the token \(sentry-token\): HTTP 401/,
  },
  {
    name: 'Sentry down mid-watch (503 on every read after the first): inconclusive, never promote',
    inputs: { duration: '5s' },
    misbehave: (request, state) => (sessionsRead(request) && ++state.reads > 2 ? { status: 503, body: { detail: `upstream down, token ${String(request.headers.authorization)}` } } : undefined),
    decision: 'inconclusive',
    log: /Sentry \(sentry-url\) is failing: HTTP 503: upstream down, token Bearer \*\*\*/,
  },
  {
    name: 'a 429 with Retry-After 1 once: waited for within the look’s budget, then promote',
    inputs: { interval: '2s', duration: '6s' },
    misbehave: (request, state) => (sessionsRead(request) && state.reads++ === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: { detail: 'Request was throttled.' } } : undefined),
    decision: 'promote',
  },
  {
    name: 'a 429 whose Retry-After is past the budget: a failed look, named',
    misbehave: (request) => (sessionsRead(request) ? { status: 429, headers: { 'retry-after': '120' }, body: { detail: 'Request was throttled.' } } : undefined),
    decision: 'inconclusive',
    log: /Sentry \(sentry-url\) is rate limiting: HTTP 429 \(Retry-After 120\)/,
  },
  {
    name: 'garbage counts (a negative and a fraction) are refused, never judged',
    misbehave: (request) => (sessionsRead(request) ? { body: { intervals: ['2026-01-01T00:00:00Z'], groups: [{ by: { release: CANARY, 'session.status': 'errored' }, series: { 'sum(session)': [-3] } }] } } : undefined),
    decision: 'inconclusive',
    log: /answered sessions with a count that is not a whole number of sessions: -3/,
  },
  { name: 'a query naming no release is the metric’s mistake', inputs: { metrics: '- name: e\n  type: error-rate\n  errors: "session.status:errored"\n  requests: "release:{{target}}"\n' }, error: /input 'metrics'.*the Sentry query names no release/ },
  { name: 'sentry without a token', inputs: { 'sentry-token': '' }, error: /input 'sentry-token'.*provider sentry needs sentry-token/ },
  // sentry-source: events, where no sessions are collected: error events over transactions, from events-stats.
  {
    name: 'events: a healthy canary, error events per transaction read from events-stats: promote',
    inputs: EVENTS,
    decision: 'promote',
    check: (_run, fake) => {
      const reads = fake.requests.filter(eventsRead);
      expect(reads.length).toBeGreaterThan(0);
      expect(fake.requests.some(sessionsRead)).toBe(false);
      for (const read of reads) expect([read.params.get('yAxis'), read.params.get('interval'), read.params.get('environment')]).toEqual(['count()', '1s', 'production']);
      expect(new Set(reads.map((read) => read.params.get('query')))).toEqual(new Set([`release:"${CANARY}" event.type:error`, `release:"${CANARY}" event.type:transaction`, `release:"${STABLE}" event.type:error`, `release:"${STABLE}" event.type:transaction`]));
    },
  },
  { name: 'events: one request in five errors: rollback', inputs: EVENTS, rates: { ...healthy, [CANARY]: { perSecond: 5000, errored: 0.2 } }, decision: 'rollback', log: /event-error-rate failed 1 look in a row/ },
  { name: 'events: a project without transactions: one error naming sentry-project', inputs: EVENTS, rates: {}, error: /input 'sentry-project'.*has no transactions in the last 24 hours in environment 'production'/ },
  { name: 'events: a canary release Sentry does not know: one error naming canary-label', inputs: EVENTS, releases: [STABLE], error: /input 'canary-label'.*Sentry knows no release '3f2a9c1d0b7e'/ },
  {
    name: 'events: Sentry down mid-watch, the token echoed: inconclusive, redacted',
    inputs: { ...EVENTS, duration: '5s' },
    misbehave: (request, state) => (eventsRead(request) && ++state.reads > 4 ? { status: 503, body: { detail: `upstream down, token ${String(request.headers.authorization)}` } } : undefined),
    decision: 'inconclusive',
    log: /Sentry \(sentry-url\) is failing: HTTP 503: upstream down, token Bearer \*\*\*/,
  },
];

describe('canary-watch with provider sentry (the built action)', () => {
  let folder: string;
  let fake: SentryFake;
  let rates: Rates = healthy;
  const began = Date.now() - 3_600_000;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'roadstop-canary-sentry-'));
    fake = await startSentryFake({ token: TOKEN });
    fake.traffic = steadySessions(() => rates, began);
    // The same load as events: every session a transaction, its errored and crashed ones also an error event each.
    const sessions = steadySessions(() => rates, began);
    fake.eventTraffic = (release, fromMs, toMs) => {
      const { healthy: ok = 0, errored = 0, crashed = 0 } = sessions(release, fromMs, toMs);
      return { transaction: ok + errored + crashed, error: errored + crashed };
    };
  });
  afterAll(async () => {
    await fake?.close();
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it.each(CASES)('$name', async (hostile) => {
    rates = hostile.rates ?? healthy;
    fake.releases = new Set(hostile.releases ?? [CANARY, STABLE]);
    const state = { reads: 0 };
    fake.misbehave = hostile.misbehave ? (request) => hostile.misbehave!(request, state) : undefined;
    const report = join(folder, `${CASES.indexOf(hostile)}.json`);
    const inputs: Record<string, string> = {
      provider: 'sentry',
      'sentry-url': fake.url,
      'sentry-org': 'acme',
      'sentry-project': 'webapp',
      'sentry-environment': 'production',
      'sentry-token': TOKEN,
      'canary-label': CANARY,
      'baseline-label': STABLE,
      interval: '1s',
      duration: '3s',
      report,
      upload: 'never',
      ...hostile.inputs,
    };
    const run = await runAction({ action: 'canary-watch', workspace: folder, inputs, timeoutMs: 30_000 });
    expectOutcome(run, hostile);
    if (inputs['sentry-token'] !== '') expect(run.masked).toContain(inputs['sentry-token']);
    const outside = textOutsideMasks(run, report);
    expect(outside).not.toContain(TOKEN);
    hostile.check?.(run, fake);
  });
});
