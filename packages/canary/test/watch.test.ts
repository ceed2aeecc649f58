import { describe, expect, it } from 'vitest';
import { resolveCanaryWatchOptions } from '../src/options.js';
import { parseConfig } from '@roadstop/core';
import { watchCanary, type Provider } from '../src/watch.js';

const section = parseConfig('', 'x.yml').section('canary-watch');
const metrics = `- name: errors
  type: error-rate
  errors: errors {{target}}
  requests: requests {{target}}
  alert: 1%
  rollback: 5%
- name: latency
  type: latency
  unit: milliseconds
  query: latency {{target}}
  max-increase: 20%
`;

/** A synthetic provider: per target, errors and requests and latency per interval, from a function of the look. */
function provider(model: (target: string, look: number) => { requests: number; errors: number; latency: number } | Error): Provider {
  return {
    range: (query, window) => {
      const [field, target] = query.split(' ') as [string, string];
      const series: [number, number][] = [];
      for (let t = window.start, look = 1; t <= window.end + 1e-9; t += window.stepSeconds, look++) {
        const value = model(target, look);
        if (value instanceof Error) return Promise.reject(value);
        series.push([t, value[field as 'requests']]);
      }
      return Promise.resolve([{ labels: '{}', points: series }]);
    },
  };
}

async function run(model: Parameters<typeof provider>[0], extra: Record<string, string> = {}) {
  const options = resolveCanaryWatchOptions(section, { 'prometheus-url': 'http://p', metrics, interval: '60s', duration: '15m', 'baseline-label': 'stable', ...extra }, '/w');
  let clock = 0;
  const log: string[] = [];
  const outcome = await watchCanary(options, { provider: provider(model), now: () => clock, sleep: (ms) => {
      clock += ms;
      return Promise.resolve();
    }, log: (text) => log.push(text) });
  return { outcome, log };
}

const healthy = (target: string) => (target === 'canary' ? { requests: 600, errors: 6, latency: 100 } : { requests: 5400, errors: 54, latency: 100 });

describe('watchCanary', () => {
  it('promotes a healthy canary at the end of the window, logging every look', async () => {
    const { outcome, log } = await run((target, look) => ({ ...healthy(target), latency: 100 + (look % 3) }));
    expect(outcome.decision).toBe('promote');
    expect(outcome.looks).toHaveLength(15);
    expect(log.filter((line) => line.includes('look '))).toHaveLength(15);
  });

  it('rolls back an 8% error rate at the first look', async () => {
    const { outcome } = await run((target) => (target === 'canary' ? { requests: 600, errors: 48, latency: 100 } : healthy(target)));
    expect(outcome.decision).toBe('rollback');
    expect(outcome.looks).toHaveLength(1);
    expect(outcome.reason).toMatch(/^errors failed 1 look in a row: error rate 8.0% against the baseline's 1.0% over the whole window: at least .* percentage points above/);
  });

  it('a healthy canary with too little traffic to show it is within the margin is inconclusive, not promoted', async () => {
    const { outcome } = await run((target, look) => (target === 'canary' ? { requests: 100, errors: 1, latency: 100 + (look % 3) } : { requests: 900, errors: 9, latency: 100 + (look % 3) }));
    expect(outcome.decision).toBe('inconclusive');
    expect(outcome.judgements.find((judgement) => judgement.name === 'errors')?.reason).toMatch(/not yet clear against the baseline's 1.0%/);
  });

  it('catches a regression that starts at minute 8 within three looks of its onset (the recent windows)', async () => {
    const { outcome } = await run((target, look) => (target === 'canary' && look >= 8 ? { requests: 600, errors: 48, latency: 100 } : healthy(target)));
    expect(outcome.decision).toBe('rollback');
    expect(outcome.looks.length).toBeGreaterThanOrEqual(8);
    expect(outcome.looks.length).toBeLessThanOrEqual(10);
  });

  it('allow-overlap: a range selector of two intervals counts each request twice, so the counts are halved and the evidence with them', async () => {
    const overlapping = metrics.replace('errors: errors {{target}}', 'errors: errors {{target}} [2m]').replace('requests: requests {{target}}', 'requests: requests {{target}} [2m]\n  allow-overlap: true');
    const bad = (target: string) => (target === 'canary' ? { requests: 600, errors: 48, latency: 100 } : healthy(target));
    const { outcome, log } = await run(bad, { metrics: overlapping });
    expect(log[0]).toBe("canary-watch: metric 'errors': its range selector spans 2 intervals, so each look counts each request 2 times: the counts are divided by 2.0 (allow-overlap)");
    expect(outcome.decision).toBe('rollback');
    // Counted once, the same answers roll back at the first look (above); halved, 300 requests and 24 errors a look need a second.
    expect(outcome.looks.length).toBeGreaterThan(1);
    expect(outcome.judgements.find((judgement) => judgement.name === 'errors')?.n).toBe(300 * outcome.looks.length);
  });

  it('says at the first look what the traffic can decide', async () => {
    const { log } = await run((target) => (target === 'canary' ? { requests: 30, errors: 0, latency: 100 } : healthy(target)));
    expect(log.find((line) => line.includes("metric 'errors' at 0.5 req/s over 15 min (450 requests)"))).toMatch(/can confirm an error rate above \d+(\.\d+)?% \(past 5%\); cannot confirm any below 1%/);
  });

  it('baseline-window: judges against the stable version read once before the watch (the 100% step)', async () => {
    const reads: { start: number; end: number; query: string }[] = [];
    const model = (target: string) => (target === 'canary' ? { requests: 600, errors: 48, latency: 100 } : { requests: 6000, errors: 60, latency: 100 });
    const base = provider(model);
    const options = resolveCanaryWatchOptions(section, { 'prometheus-url': 'http://p', metrics, interval: '60s', duration: '5m', 'baseline-label': 'stable', 'baseline-window': '30m' }, '/w');
    let clock = 1_000_000_000;
    const outcome = await watchCanary(options, {
      provider: { range: (query, window, timeout) => (reads.push({ start: window.start, end: window.end, query }), base.range(query, window, timeout)) },
      now: () => clock,
      sleep: (ms) => ((clock += ms), Promise.resolve()),
      log: () => {},
    });
    const before = reads.filter((read) => read.end === 1_000_000);
    expect(before.map((read) => read.query).sort()).toEqual(['errors stable', 'requests stable']);
    expect(before[0]!.start).toBe(1_000_000 - 1800 + 60);
    expect(reads.some((read) => read.query.includes('stable') && read.end > 1_000_000)).toBe(false);
    expect(outcome.decision).toBe('rollback');
  });

  it('rolls back tripled latency once the rank test has the samples', async () => {
    const { outcome } = await run((target, look) => (target === 'canary' ? { requests: 300, errors: 3, latency: 300 + look } : { ...healthy(target), latency: 100 + look }));
    expect(outcome.decision).toBe('rollback');
    expect(outcome.judgements.find((judgement) => judgement.name === 'latency')?.verdict).toBe('fail');
    expect(outcome.looks.length).toBeLessThanOrEqual(8);
  });

  it('never promotes without traffic', async () => {
    const { outcome } = await run((target) => (target === 'canary' ? { requests: 0, errors: 0, latency: Number.NaN } : healthy(target)));
    expect(outcome.decision).toBe('inconclusive');
    expect(outcome.reason).toContain('errors is insufficient');
  });

  it('stops inconclusive after max-consecutive-errors provider errors, or rolls back when told to', async () => {
    const failing = (target: string, look: number) => (look >= 3 ? new Error('connection refused') : healthy(target));
    const first = await run(failing);
    expect([first.outcome.decision, first.outcome.providerErrors]).toEqual(['inconclusive', 3]);
    const second = await run(failing, { 'on-provider-error': 'rollback' });
    expect(second.outcome.decision).toBe('rollback');
  });

  it('promotes early after consecutive-successes', async () => {
    const { outcome } = await run((target, look) => ({ ...healthy(target), latency: 100 + (look % 2) }), { 'consecutive-successes': '4' });
    expect(outcome.decision).toBe('promote');
    expect(outcome.looks.length).toBeLessThan(15);
  });
});

describe('watchCanary: evidence and the deadline', () => {
  const options = (extra: Record<string, string> = {}) => resolveCanaryWatchOptions(section, { 'prometheus-url': 'http://p', metrics, interval: '60s', duration: '5m', ...extra }, '/w');

  /** A provider whose every read costs `msPerRead` of the watch's (fake) time; the timeouts it was given. */
  async function slowWatch(extra: Record<string, string>, msPerRead: number) {
    let clock = 0;
    const timeouts: number[] = [];
    const slow: Provider = {
      range: (_query, _window, timeoutMs) => {
        timeouts.push(timeoutMs);
        clock += msPerRead;
        return Promise.resolve([]);
      },
    };
    const outcome = await watchCanary(options(extra), { provider: slow, now: () => clock, sleep: (ms) => ((clock += ms), Promise.resolve()), log: () => {} });
    return { outcome, timeouts, clock };
  }

  it('a slow provider: each read gets at most one request timeout, and the watch stops looking at its deadline', async () => {
    const { outcome, timeouts, clock } = await slowWatch({}, 45_000);
    expect(Math.max(...timeouts)).toBeLessThanOrEqual(10_000);
    // The fake reads cannot be aborted: the last look starts before duration + 10 s and its three reads add 135 s.
    expect(clock).toBeLessThan(5 * 60_000 + 10_000 + 3 * 45_000);
    expect(outcome.decision).toBe('inconclusive');
  });

  it('the last look gets only what is left of the deadline', async () => {
    // Three reads a look of 2.5 s each; interval 5s: the request timeout is 5s, and look 2 starts at 12.5 s with 2.5 s left of duration + 5 s.
    const { timeouts } = await slowWatch({ interval: '5s', duration: '10s' }, 2500);
    expect(timeouts).toEqual([5000, 5000, 5000, 2500, 2500, 2500]);
  });

  it('errors that answer NaN (or nothing) every interval never promote: inconclusive, naming the query', async () => {
    const { outcome } = await run((target) => ({ ...healthy(target), errors: Number.NaN }));
    expect(outcome.decision).toBe('inconclusive');
    expect(outcome.reason).toContain("no data over the whole watch from metric 'errors' errors (errors canary)");
    expect(outcome.series.errors!.canary.every(([, value]) => Number.isNaN(value))).toBe(true);
  });

  it('an interval without an errors point is left out, not counted as 0 errors', async () => {
    // Errors only every other interval at 50%: judged on those intervals alone, the rate is 50%, a rollback.
    const { outcome } = await run((target, look) => (target === 'canary' ? { requests: 1000, errors: look % 2 === 0 ? 500 : Number.NaN, latency: 100 } : healthy(target)));
    expect(outcome.decision).toBe('rollback');
    expect(outcome.judgements.find((judgement) => judgement.name === 'errors')?.n).toBe(1000);
  });

  it('a counter reset fails the look instead of being summed', async () => {
    const { outcome, log } = await run((target, look) => (target === 'canary' ? { requests: 1000, errors: look === 2 ? -300 : 3, latency: 100 } : healthy(target)));
    expect(outcome.decision).not.toBe('promote');
    expect(log.join('\n')).toMatch(/provider error 1 of 3 in a row: metric 'errors' errors for canary: the value at \S+ is negative \(-300\)/);
  });
});

describe('watchCanary: a silent baseline', () => {
  it('takes the comparison away, not the canary’s evidence: promote on the limits, saying so', async () => {
    const { outcome } = await run((target, look) => (target === 'canary' ? { requests: 300, errors: 0, latency: 100 + (look % 3) } : { requests: 0, errors: 0, latency: Number.NaN }), { metrics: `${metrics}  rollback: 500ms\n` });
    expect(outcome.decision, outcome.reason).toBe('promote');
    expect(outcome.reason).toContain("the baseline gave no data from metric 'latency' query (latency stable): judged on the limits alone there");
  });
});
