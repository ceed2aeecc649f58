import type { MetricSpec } from './options.js';

/** One series as a provider read it: its labels (for messages) and its [unix seconds, value] points, unchecked. */
export interface ProviderSeries {
  labels: string;
  points: [number, number][];
}

/** The watch's window: its first and last interval end, in unix seconds, and the interval. */
export interface Window {
  start: number;
  end: number;
  stepSeconds: number;
}

/** A provider answered something that is not evidence (a negative count, +Inf, several series unasked): a failed look, never a pass. */
export class EvidenceError extends Error {
  override readonly name = 'EvidenceError';
}

export type Field = 'errors' | 'requests' | 'query' | 'slower';

/**
 * Check a query's answer and put it on the watch's interval grid (`window.start + k·step`): each point goes to
 * its nearest grid time, so errors and requests read a few hundred milliseconds apart still meet. NaN is a
 * missing point (Prometheus's answer for 0/0), never zero; ±Inf, and a negative count or latency (a counter
 * reset), are refused. Several series need the metric's `aggregate`.
 */
export function checkedPoints(metric: MetricSpec, field: Field, target: string, series: readonly ProviderSeries[], window: Window): Map<number, number> {
  const what = `metric '${metric.name}' ${field} for ${target}`;
  if (series.length > 1 && metric.aggregate === undefined) {
    const labels = series.slice(0, 3).map((one) => one.labels).join(', ');
    throw new EvidenceError(`${what}: the query returned ${series.length} series (${labels}${series.length > 3 ? ', …' : ''}), not one: aggregate it in the query (sum, max) or set aggregate: sum | max | mean on the metric`);
  }
  const mustBeNonNegative = metric.type !== 'value';
  const last = Math.round((window.end - window.start) / window.stepSeconds);
  const buckets = new Map<number, number[]>();
  for (const one of series) {
    const own = new Map<number, number>();
    for (const [t, value] of one.points) {
      if (Number.isNaN(value)) continue;
      if (!Number.isFinite(value)) throw new EvidenceError(`${what}: the value at ${isoTime(t)} is ${value > 0 ? '+Inf' : '-Inf'}, not a finite number`);
      if (mustBeNonNegative && value < 0) {
        throw new EvidenceError(`${what}: the value at ${isoTime(t)} is negative (${value})${field === 'query' ? '' : ': a counter reset? count with increase() or rate(), which handle resets'}`);
      }
      const k = Math.round((t - window.start) / window.stepSeconds);
      // A point of the interval before the window (Datadog's from) or past its end is not this watch's.
      if (k < 0 || k > last) continue;
      own.set(k, value);
    }
    for (const [k, value] of own) buckets.set(k, [...(buckets.get(k) ?? []), value]);
  }
  const grid = new Map<number, number>();
  for (const [k, values] of buckets) grid.set(window.start + k * window.stepSeconds, combine(values, metric.aggregate ?? 'sum'));
  return grid;
}

function combine(values: number[], aggregate: NonNullable<MetricSpec['aggregate']>): number {
  if (aggregate === 'max') return Math.max(...values);
  const total = values.reduce((sum, value) => sum + value, 0);
  return aggregate === 'mean' ? total / values.length : total;
}

function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}
