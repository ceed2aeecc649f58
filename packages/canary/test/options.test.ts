import { ConfigurationError, parseConfig } from '@roadstop/core';
import { describe, expect, it } from 'vitest';
import { INPUT_DEFINITIONS, resolveCanaryWatchOptions, secretsOf, type RawInputs } from '../src/options.js';
import { secretInputValues } from '@roadstop/core';

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
      ['error-rate', 0.01, 0.05, 1],
      ['p95', undefined, 500, 3],
    ]);
    expect([options.intervalMs, options.durationMs, options.failureLimit, options.maxConsecutiveErrors, options.onProviderError, options.decisionFailOn]).toEqual([60_000, 900_000, 1, 3, 'inconclusive', 'rollback']);
  });

  it('reads latency from histogram buckets, a ratio margin, an allowed overlap and a baseline window', () => {
    const metrics = `- name: slow
  type: latency
  slower: sum(increase(d_count[{{interval}}])) - sum(increase(d_bucket{le="0.3"}[{{interval}}]))
  requests: sum(increase(d_count[{{interval}}]))
  threshold: 300ms
  rollback: 20%
- name: errors
  type: error-rate
  errors: sum(increase(e[2m]))
  requests: sum(increase(r[2m]))
  max-increase: 1.5x
  allow-overlap: true
- name: p95
  type: latency
  query: histogram_quantile(0.95, sum by (le)(rate(d_bucket[5m])))
`;
    const options = resolveCanaryWatchOptions(empty, { ...base, metrics, 'baseline-label': 'stable', 'baseline-window': '30m' }, '/w');
    const [slow, errors] = options.metrics;
    expect([slow!.threshold, slow!.rollback, slow!.maxIncrease, slow!.minSamples]).toEqual([0.3, 0.2, 0.02, 1]);
    expect([errors!.maxIncrease, errors!.relativeIncrease, errors!.overlapFactor]).toEqual([0.5, true, 2]);
    expect(options.baselineWindowMs).toBe(1_800_000);
    expect(options.notices).toEqual([
      "metric 'errors': its range selector spans 2 intervals, so each look counts each request 2 times: the counts are divided by 2.0 (allow-overlap)",
      "metric 'p95': its range selector spans 5 intervals, so each look counts each request 5 times: its intervals are not independent (the judge corrects for autocorrelation)",
    ]);
  });

  it('reads the metrics from the config, located by line', () => {
    const config = `canary-watch:\n  prometheus-url: http://127.0.0.1:9090\n  metrics:\n    - name: errors\n      type: error-rate\n      errors: e\n`;
    expect(problem({}, config)).toBe(".github/roadstop.yml:4, key 'canary-watch.metrics[0]': metric 'errors' of type error-rate needs 'requests' (an error rate is judged from two counts, errors and requests, never from a ratio alone)");
  });

  it.each([
    { inputs: { provider: 'newrelic' }, error: "input 'provider': unknown provider 'newrelic' (use prometheus, http, datadog or sentry)" },
    { inputs: { interval: '60s', duration: '30s' }, error: "input 'duration': duration 30s is shorter than interval 60s" },
    { inputs: { metrics: '- name: e\n  type: error-rate\n  errors: x\n  requests: y\n  alert: 6%\n  rollback: 5%\n' }, error: "input 'metrics':5, key 'metrics[0].alert': metric 'e': alert 6% is above rollback 5%" },
    { inputs: { metrics: '- name: e\n  type: error-rate\n  errors: x\n' }, error: "input 'metrics':1, key 'metrics[0]': metric 'e' of type error-rate needs 'requests'" },
    { inputs: { metrics: '- name: e\n  type: latency\n  query: q\n  rollback: fast\n' }, error: "input 'metrics':4, key 'metrics[0].rollback': 'fast' is not a duration" },
    { inputs: { metrics: '- name: fps\n  type: value\n  query: q\n' }, error: "input 'metrics':1, key 'metrics[0]': metric 'fps' of type value needs a direction" },
    { inputs: { metrics: 'name: e' }, error: "input 'metrics': must be a YAML list of metrics" },
    { inputs: { 'fail-on': 'fail' }, error: "input 'fail-on': 'fail' is not one of rollback, inconclusive" },
    { inputs: { 'prometheus-url': '' }, error: "needs prometheus-url" },
    { inputs: { interval: '1ms', duration: '20ms' }, error: "input 'interval': '1ms' is shorter than 1s" },
    { inputs: { interval: '1s', duration: '999ms' }, error: "input 'duration': '999ms' is shorter than 1s" },
    { inputs: { interval: '1s', duration: '6h1s' }, error: "input 'duration': '6h1s' is not a duration" },
    { inputs: { interval: '1s', duration: '361m' }, error: "input 'duration': '361m' is longer than 6h" },
    { inputs: { interval: '2400000000ms', duration: '2400000000ms' }, error: "input 'interval': '2400000000ms' is longer than 6h" },
    { inputs: { token: 'abc\ndef' }, error: "input 'token': holds a line break or a control character" },
    { inputs: { 'http-headers': 'X Key: v' }, error: "input 'http-headers': line 1: 'X Key' is not a header name" },
    { inputs: { 'http-headers': 'X-Ok: v\nX-Bad: a\u0000b' }, error: "input 'http-headers': line 2: the value of X-Bad holds a control character" },
    { inputs: { provider: 'datadog', 'datadog-api-key': 'a\rb', 'datadog-app-key': 'c' }, error: "input 'datadog-api-key': holds a line break" },
    { inputs: { provider: 'http', metrics: '- name: e\n  type: value\n  direction: higher-is-worse\n  query: http://x/\n  path: $..[?(@.v)]\n' }, error: "metric 'e': the JSONPath $..[?(@.v)] holds a script" },
    { inputs: { provider: 'http', metrics: '- name: e\n  type: value\n  direction: higher-is-worse\n  query: http://x/\n  path: $.a[(@.length-1)]\n' }, error: "metric 'e': the JSONPath $.a[(@.length-1)] holds a script" },
    { inputs: { metrics: '- name: e\n  type: latency\n  query: q\n  aggregate: median\n' }, error: "key 'metrics[0].aggregate'" },
    { inputs: { metrics: '- name: e\n  type: error-rate\n  errors: increase(e[5m])\n  requests: increase(r[5m])\n' }, error: "key 'metrics[0].errors': metric 'e': its range selector spans 5 intervals, so each look counts each request 5 times, and the counts would claim that much more evidence than there is (write the range as [{{interval}}], or set allow-overlap: true" },
    { inputs: { metrics: '- name: s\n  type: latency\n  slower: s\n  requests: r\n' }, error: "metric 's': slower needs the threshold it counts past" },
    { inputs: { metrics: '- name: s\n  type: latency\n  requests: r\n  slower: s\n  threshold: 200ms\n  query: q\n' }, error: "metric 's' read from buckets takes slower and requests, not query" },
    { inputs: { metrics: '- name: e\n  type: error-rate\n  errors: e\n  requests: r\n  max-increase: 0.5x\n' }, error: "'0.5x' is below 1x" },
    { inputs: { 'baseline-window': '30m' }, error: "input 'baseline-window': baseline-window needs baseline-label" },
  ])('$error', ({ inputs, error }) => {
    expect(problem({ ...base, ...inputs })).toContain(error);
  });
});

describe('secrets of canary-watch', () => {
  it('masks the keys whole, the headers by value and a URL by its credentials', () => {
    const inputs = { token: 'tok-1234\nline-two', 'http-headers': 'X-Api-Key: key-5678\nX-Team: web-team', 'prometheus-url': 'http://me:p%40ss-999@prom:9090', 'datadog-api-key': 'dd-api-1111' };
    expect(secretInputValues(INPUT_DEFINITIONS, inputs).sort()).toEqual(['dd-api-1111', 'key-5678', 'line-two', 'p%40ss-999', 'p@ss-999', 'tok-1234', 'tok-1234\nline-two', 'web-team'].sort());
  });

  it('sends a URL’s credentials as Basic auth, not in the URL, and keeps them among the secrets', () => {
    const options = resolveCanaryWatchOptions(empty, { ...base, 'prometheus-url': 'http://me:p%40ss-999@prom:9090/', token: 'tok-1234' }, '/w');
    expect([options.prometheusUrl, options.basicAuth]).toEqual(['http://prom:9090', 'me:p@ss-999']);
    expect(secretsOf(options)).toEqual(expect.arrayContaining(['tok-1234', 'me:p@ss-999', Buffer.from('me:p@ss-999').toString('base64'), 'p@ss-999']));
  });

  it('accepts the bounds themselves: 1s and 6h', () => {
    const options = resolveCanaryWatchOptions(empty, { ...base, interval: '1s', duration: '6h' }, '/w');
    expect([options.intervalMs, options.durationMs]).toEqual([1000, 21_600_000]);
  });
});
