import { describe, expect, it } from 'vitest';
import { judgeMetric, type MetricData } from '../src/judge.js';
import type { MetricSpec } from '../src/options.js';

const errorRate: MetricSpec = { name: 'errors', type: 'error-rate', errors: 'e', requests: 'r', path: '$', alert: 0.01, rollback: 0.05, maxIncrease: 0.01, direction: 'higher-is-worse', minSamples: 300, critical: true, unit: 'milliseconds', where: {} };
const latency: MetricSpec = { ...errorRate, name: 'p95', type: 'latency', unit: 'seconds', maxIncrease: 0.2, minSamples: 3, alert: 300, rollback: 500 };
const fps: MetricSpec = { ...latency, name: 'fps', type: 'value', unit: 'milliseconds', direction: 'lower-is-worse', alert: 50, rollback: 30 };
const counts = (requests: number, errors: number, looks = 1) => Array.from({ length: looks }, () => ({ requests, errors }));

describe('judgeMetric', () => {
  it.each([
    { what: 'too few requests', spec: errorRate, data: { type: 'error-rate', canary: counts(299, 30) }, verdict: 'insufficient', reason: /299 requests, fewer than the 300 needed/ },
    { what: 'lower bound over rollback', spec: errorRate, data: { type: 'error-rate', canary: counts(600, 60) }, verdict: 'fail', reason: /lower bound is above the rollback level 5.0%/ },
    { what: 'lower bound over alert', spec: errorRate, data: { type: 'error-rate', canary: counts(3000, 90) }, verdict: 'alert', reason: /above the alert level 1.0%/ },
    { what: 'upper bound under alert', spec: errorRate, data: { type: 'error-rate', canary: counts(3000, 3) }, verdict: 'pass', reason: /upper bound is below 1.0%/ },
    { what: 'thin data, no baseline', spec: errorRate, data: { type: 'error-rate', canary: counts(300, 2) }, verdict: 'insufficient', reason: /not yet clear of 1.0%/ },
    { what: 'worse than the baseline', spec: errorRate, data: { type: 'error-rate', canary: counts(1000, 35), baseline: counts(9000, 90) }, verdict: 'fail', reason: /2.5 percentage points higher/ },
    { what: 'as the baseline', spec: errorRate, data: { type: 'error-rate', canary: counts(1000, 12), baseline: counts(9000, 90) }, verdict: 'pass', reason: /not worse than the baseline's 1.0%/ },
    { what: 'latency past rollback', spec: latency, data: { type: 'latency', canary: [0.2, 0.6, 0.7, 0.8] }, verdict: 'fail', reason: /700 ms over the last 3 intervals \(median\) is past the rollback level 500 ms/ },
    { what: 'latency shifted from the baseline', spec: { ...latency, alert: undefined, rollback: undefined }, data: { type: 'latency', canary: [0.3, 0.31, 0.32, 0.33, 0.34, 0.35, 0.36, 0.37], baseline: [0.1, 0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17] }, verdict: 'fail', reason: /shifted 200 ms from the baseline's 135 ms/ },
    { what: 'frames per second falling under rollback', spec: fps, data: { type: 'value', canary: [60, 25, 20, 22] }, verdict: 'fail', reason: /22 over the last 3 intervals/ },
    { what: 'frames per second within limits', spec: fps, data: { type: 'value', canary: [60, 58, 59], baseline: [60, 59, 58] }, verdict: 'pass', reason: /59 within 50/ },
  ] as { what: string; spec: MetricSpec; data: MetricData; verdict: string; reason: RegExp }[])('$what: $verdict', ({ spec, data, verdict, reason }) => {
    const judgement = judgeMetric(spec, data, 0.001);
    expect(judgement.verdict).toBe(verdict);
    expect(judgement.reason).toMatch(reason);
  });
});
