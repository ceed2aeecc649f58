import { ConfigurationError, parseConfig } from '@roadstop/core';
import { describe, expect, it } from 'vitest';
import { resolveCanaryWatchOptions, type RawInputs } from '../src/options.js';

const empty = parseConfig('', '.github/roadstop.yml').section('canary-watch');
const METRICS = `- name: error-rate
  type: error-rate
  errors: sum(increase(errors{v="{{target}}"}[{{interval}}]))
  requests: sum(increase(requests{v="{{target}}"}[{{interval}}]))
  alert: 1%
  rollback: 5%
- name: p95
  type: latency
  query: histogram_quantile(0.95, x)
  rollback: 500ms
  max-increase: 20%
`;
const base: RawInputs = { 'prometheus-url': 'http://127.0.0.1:9090', metrics: METRICS };

function problem(inputs: RawInputs, config = ''): string {
  try {
    resolveCanaryWatchOptions(parseConfig(config, '.github/roadstop.yml').section('canary-watch'), inputs, '/w');
  } catch (error) {
    if (error instanceof ConfigurationError) return error.describe();
    throw error;
  }
  return 'no error';
}

describe('resolveCanaryWatchOptions', () => {
  it('reads the issue’s shape with its defaults', () => {
    const options = resolveCanaryWatchOptions(empty, { ...base, interval: '60s', duration: '15m', 'baseline-label': 'stable' }, '/w');
    expect(options.metrics.map((metric) => [metric.name, metric.alert, metric.rollback, metric.minSamples])).toEqual([
      ['error-rate', 0.01, 0.05, 300],
      ['p95', undefined, 500, 3],
    ]);
    expect([options.intervalMs, options.durationMs, options.failureLimit, options.maxConsecutiveErrors, options.onProviderError, options.decisionFailOn]).toEqual([60_000, 900_000, 1, 3, 'inconclusive', 'rollback']);
  });

  it('reads the metrics from the config, located by line', () => {
    const config = `canary-watch:\n  prometheus-url: http://127.0.0.1:9090\n  metrics:\n    - name: errors\n      type: error-rate\n      errors: e\n`;
    expect(problem({}, config)).toBe(".github/roadstop.yml:4, key 'canary-watch.metrics[0]': metric 'errors' of type error-rate needs 'requests' (an error rate is judged from two counts, errors and requests, never from a ratio alone)");
  });

  it.each([
    { inputs: { provider: 'newrelic' }, error: "input 'provider': unknown provider 'newrelic' (use prometheus, http or datadog)" },
    { inputs: { interval: '60s', duration: '30s' }, error: "input 'duration': duration 30s is shorter than interval 60s" },
    { inputs: { metrics: '- name: e\n  type: error-rate\n  errors: x\n  requests: y\n  alert: 6%\n  rollback: 5%\n' }, error: "input 'metrics':5, key 'metrics[0].alert': metric 'e': alert 6% is above rollback 5%" },
    { inputs: { metrics: '- name: e\n  type: error-rate\n  errors: x\n' }, error: "input 'metrics':1, key 'metrics[0]': metric 'e' of type error-rate needs 'requests'" },
    { inputs: { metrics: '- name: e\n  type: latency\n  query: q\n  rollback: fast\n' }, error: "input 'metrics':4, key 'metrics[0].rollback': 'fast' is not a duration" },
    { inputs: { metrics: '- name: fps\n  type: value\n  query: q\n' }, error: "input 'metrics':1, key 'metrics[0]': metric 'fps' of type value needs a direction" },
    { inputs: { metrics: 'name: e' }, error: "input 'metrics': must be a YAML list of metrics" },
    { inputs: { 'fail-on': 'fail' }, error: "input 'fail-on': 'fail' is not one of rollback, inconclusive" },
    { inputs: { 'prometheus-url': '' }, error: "needs prometheus-url" },
  ])('$error', ({ inputs, error }) => {
    expect(problem({ ...base, ...inputs })).toContain(error);
  });
});
