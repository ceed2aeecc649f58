import { parseConfig } from '@roadstop/core';
import { describe, expect, it } from 'vitest';
import { checkedPoints, EvidenceError, type ProviderSeries } from '../src/evidence.js';
import { resolveCanaryWatchOptions, type MetricSpec } from '../src/options.js';

const section = parseConfig('', 'x.yml').section('canary-watch');
function metric(yaml: string): MetricSpec {
  return resolveCanaryWatchOptions(section, { 'prometheus-url': 'http://p', metrics: yaml }, '/w').metrics[0]!;
}
const rate = metric('- name: errors\n  type: error-rate\n  errors: e\n  requests: r\n');
const latency = metric('- name: p95\n  type: latency\n  query: q\n');
const pods = (aggregate: string) => metric(`- name: p95\n  type: latency\n  query: q\n  aggregate: ${aggregate}\n`);
const level = metric('- name: delta\n  type: value\n  direction: higher-is-worse\n  query: q\n');
const window = { start: 1000, end: 1180, stepSeconds: 60 };
const pod = (labels: string, ...points: [number, number][]): ProviderSeries[] => [{ labels, points }];
const one = (...points: [number, number][]): ProviderSeries[] => pod('{pod="a"}', ...points);

describe('checkedPoints', () => {
  it.each([
    { name: 'points on the grid stay', spec: rate, series: one([1000, 1], [1060, 2]), grid: [[1000, 1], [1060, 2]] },
    { name: 'points 0.5 s and 29 s off go to the nearest grid time', spec: rate, series: one([1000.5, 1], [1089, 2]), grid: [[1000, 1], [1060, 2]] },
    { name: 'NaN is a missing point, never 0', spec: rate, series: one([1000, Number.NaN], [1060, 3]), grid: [[1060, 3]] },
    { name: 'a point before the window (Datadog’s from) or past its end is dropped', spec: rate, series: one([940, 5], [1180, 1], [1240, 9]), grid: [[1180, 1]] },
    { name: 'a value metric may be negative', spec: level, series: one([1000, -2]), grid: [[1000, -2]] },
    { name: 'no series: nothing, not zero', spec: rate, series: [], grid: [] },
    { name: 'aggregate max', spec: pods('max'), series: [...one([1000, 300]), ...pod('{pod="b"}', [1000, 310])], grid: [[1000, 310]] },
    { name: 'aggregate mean', spec: pods('mean'), series: [...one([1000, 300]), ...pod('{pod="b"}', [1000, 310])], grid: [[1000, 305]] },
    { name: 'aggregate sum, over the pods that have the point', spec: pods('sum'), series: [...one([1000, 300], [1060, 1]), ...pod('{pod="b"}', [1000, 310])], grid: [[1000, 610], [1060, 1]] },
  ])('$name', ({ spec, series, grid }) => {
    expect([...checkedPoints(spec, spec.type === 'error-rate' ? 'errors' : 'query', 'canary', series, window)]).toEqual(grid);
  });

  it.each([
    { name: '+Inf', spec: rate, series: one([1000, Number.POSITIVE_INFINITY]), error: /^metric 'errors' errors for canary: the value at 1970-01-01T00:16:40.000Z is \+Inf, not a finite number$/ },
    { name: '-Inf', spec: latency, series: one([1000, Number.NEGATIVE_INFINITY]), error: /is -Inf, not a finite number/ },
    { name: 'a counter reset', spec: rate, series: one([1000, 5], [1060, -300]), error: /errors for canary: the value at \S+ is negative \(-300\): a counter reset\? count with increase\(\)/ },
    { name: 'a negative latency', spec: latency, series: one([1000, -5]), error: /^metric 'p95' query for canary: the value at \S+ is negative \(-5\)$/ },
    { name: 'two series unasked', spec: latency, series: [...one([1000, 300]), ...pod('{pod="b"}', [1000, 300])], error: /^metric 'p95' query for canary: the query returned 2 series \(\{pod="a"\}, \{pod="b"\}\), not one: .*aggregate: sum \| max \| mean/ },
  ])('refuses $name', ({ spec, series, error }) => {
    const check = () => checkedPoints(spec, spec.type === 'error-rate' ? 'errors' : 'query', 'canary', series, window);
    expect(check).toThrow(EvidenceError);
    expect(check).toThrow(error);
  });
});
