import { describe, expect, it } from 'vitest';
import { judgeMetric, type Budget, type MetricData } from '../src/judge.js';
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
    { what: 'worse than the baseline beyond the margin', spec: errorRate, data: { type: 'error-rate', canary: counts(1000, 60), baseline: counts(9000, 90) }, verdict: 'fail', reason: /error rate 6.0% against the baseline's 1.0% over the whole window: at least 1\.\d percentage points above .* more than the 1.0 percentage points allowed/ },
    { what: 'worse, but maybe within the margin', spec: { ...errorRate, alert: undefined, rollback: undefined }, data: { type: 'error-rate', canary: counts(1000, 25), baseline: counts(9000, 90) }, verdict: 'insufficient', reason: /not yet clear against the baseline's 1.0%/ },
    { what: 'within the margin, shown', spec: { ...errorRate, alert: undefined }, data: { type: 'error-rate', canary: counts(6000, 60), baseline: counts(54000, 540) }, verdict: 'pass', reason: /not worse than the baseline's 1.0% by more than 1.0 percentage points \(upper bound 0\.\d+ percentage points\)/ },
    { what: 'the ratio form', spec: { ...errorRate, alert: undefined, rollback: undefined, maxIncrease: 0.5, relativeIncrease: true }, data: { type: 'error-rate', canary: counts(3000, 150), baseline: counts(27000, 270) }, verdict: 'fail', reason: /at least \d\.\d\d× the baseline's .* more than the 1.5× the baseline's rate allowed/ },
    { what: 'a late onset, seen in the recent window', spec: { ...errorRate, alert: undefined, rollback: undefined }, data: { type: 'error-rate', canary: [...counts(600, 6, 13), ...counts(600, 60, 2)], baseline: counts(5400, 54, 15) }, budget: { alpha: 0.005, lookAlpha: 0.001, looks: 15 }, verdict: 'fail', reason: /error rate 3.6% against the baseline's 1.0% over the last 7 intervals/ },
    { what: 'a fixed baseline (baseline-window)', spec: { ...errorRate, alert: undefined, rollback: undefined }, data: { type: 'error-rate', canary: [...counts(600, 6, 13), ...counts(600, 60, 2)], baseline: counts(60000, 600), fixedBaseline: true }, budget: { alpha: 0.005, lookAlpha: 0.001, looks: 15 }, verdict: 'fail', reason: /over the last \d+ intervals/ },
    { what: 'latency from buckets: the share slower than the threshold', spec: { ...errorRate, type: 'latency', slower: 's', threshold: 200, alert: undefined, rollback: 0.2, maxIncrease: 0.05 }, data: { type: 'error-rate', canary: counts(300, 120), baseline: counts(2700, 135) }, verdict: 'fail', reason: /^share slower than 200 ms 40.0%/ },
    { what: 'latency past rollback', spec: latency, data: { type: 'latency', canary: [0.2, 0.6, 0.7, 0.8] }, verdict: 'fail', reason: /700 ms over the last 3 intervals \(median\) is past the rollback level 500 ms/ },
    { what: 'latency worse than the baseline beyond the margin, paired by interval', spec: { ...latency, alert: undefined, rollback: undefined }, data: { type: 'latency', canary: [0.3, 0.34, 0.31, 0.35, 0.3, 0.34, 0.31, 0.35], baseline: [0.1, 0.12, 0.1, 0.12, 0.1, 0.12, 0.1, 0.12] }, verdict: 'fail', reason: /worse than the baseline's 110 ms beyond the 20.0% allowed/ },
    { what: 'latency swinging in both versions alike is not worse (the pairing cancels it)', spec: { ...latency, alert: undefined, rollback: undefined }, data: { type: 'latency', canary: [0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2], baseline: [0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2] }, verdict: 'pass', reason: /not worse than the baseline's 150 ms beyond the 20.0% allowed/ },
    { what: 'a late onset does not pass as a lucky early stretch: the whole window and the recent ones agree', spec: { ...errorRate, alert: undefined, rollback: undefined }, data: { type: 'error-rate', canary: counts(600, 6, 15), baseline: counts(5400, 54, 15) }, budget: { alpha: 0.005, lookAlpha: 0.001, looks: 15 }, verdict: 'pass', reason: /not worse than the baseline's 1.0%/ },
    { what: 'frames per second falling under rollback', spec: fps, data: { type: 'value', canary: [60, 25, 20, 22] }, verdict: 'fail', reason: /22 over the last 3 intervals/ },
    { what: 'frames per second within limits', spec: fps, data: { type: 'value', canary: [60, 58, 59], baseline: [60, 59, 58] }, verdict: 'pass', reason: /59 within 50/ },
  ] as { what: string; spec: MetricSpec; data: MetricData; budget?: Budget; verdict: string; reason: RegExp }[])('$what: $verdict', ({ spec, data, budget, verdict, reason }) => {
    const judgement = judgeMetric(spec, data, budget ?? { alpha: 0.001, lookAlpha: 0.001, looks: 1 });
    expect(judgement.verdict).toBe(verdict);
    expect(judgement.reason).toMatch(reason);
  });
});
