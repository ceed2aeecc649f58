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

const healthy = (target: string) => (target === 'canary' ? { requests: 300, errors: 3, latency: 100 } : { requests: 2700, errors: 27, latency: 100 });

describe('watchCanary', () => {
  it('promotes a healthy canary at the end of the window, logging every look', async () => {
    const { outcome, log } = await run((target, look) => ({ ...healthy(target), latency: 100 + (look % 3) }));
    expect(outcome.decision).toBe('promote');
    expect(outcome.looks).toHaveLength(15);
    expect(log.filter((line) => line.includes('look '))).toHaveLength(15);
  });

  it('rolls back an 8% error rate at the first look', async () => {
    const { outcome } = await run((target) => (target === 'canary' ? { requests: 300, errors: 24, latency: 100 } : healthy(target)));
    expect(outcome.decision).toBe('rollback');
    expect(outcome.looks).toHaveLength(1);
    expect(outcome.reason).toMatch(/^errors failed 1 look in a row/);
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
