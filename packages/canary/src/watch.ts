import { checkedPoints, type Field, type ProviderSeries, type Window } from './evidence.js';
import { judgeMetric, type MetricData, type MetricJudgement, type Verdict } from './judge.js';
import type { CanaryWatchOptions, Decision, MetricSpec } from './options.js';
import { decidableRates } from './sequential.js';
import { alphaForLook } from './stats.js';

/** One checked series: [unix seconds, value] at the end of each interval. */
export type Series = [number, number][];

/** The longest a single request may take; the watch shortens it to its interval and to what is left of its deadline. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface Provider {
  /** The query's series over the window so far, unchecked; the answer must come within `timeoutMs`. */
  range(query: string, window: Window, timeoutMs: number): Promise<ProviderSeries[]>;
}

export interface WatchDeps {
  provider: Provider;
  now(): number;
  sleep(ms: number): Promise<void>;
  log(text: string): void;
}

export interface Look {
  /** Seconds since the start. */
  elapsed: number;
  verdicts: Record<string, Verdict | 'error'>;
  error?: string;
}

export interface WatchOutcome {
  decision: Decision;
  /** Why, in one sentence. */
  reason: string;
  judgements: MetricJudgement[];
  looks: Look[];
  /** Per metric: the canary's (and baseline's) value per interval, for the charts. */
  series: Record<string, { canary: Series; baseline?: Series }>;
  elapsedMs: number;
  providerErrors: number;
}

/** `{{target}}` is the label; `{{interval}}` the interval as Prometheus writes it (60s), `{{interval_seconds}}` as a number (Datadog's rollup). */
export function substitute(query: string, target: string, intervalMs: number): string {
  const seconds = Math.round(intervalMs / 1000);
  return query.replaceAll('{{target}}', target).replaceAll('{{interval_seconds}}', String(seconds)).replaceAll('{{interval}}', `${seconds}s`);
}

/**
 * The watch: every interval over the duration, read every metric for the
 * canary and the baseline, judge each on the window so far, and decide.
 * Rollback as soon as a critical metric fails `failureLimit` looks in a row;
 * promote early only after `consecutiveSuccesses` looks where every metric
 * passed; provider errors count up to `maxConsecutiveErrors`, then the
 * decision is `onProviderError`, never a silent pass.
 */
export async function watchCanary(options: CanaryWatchOptions, deps: WatchDeps): Promise<WatchOutcome> {
  const start = deps.now();
  const stepSeconds = options.intervalMs / 1000;
  const looksTotal = Math.floor(options.durationMs / options.intervalMs);
  // The whole watch has a deadline: slow answers count against it, and the last look gets one request timeout at most.
  const requestTimeoutMs = Math.min(REQUEST_TIMEOUT_MS, options.intervalMs);
  const deadline = start + options.durationMs + requestTimeoutMs;
  // The false-rollback budget is shared by the critical metrics (Bonferroni), each spending its share over the window.
  const criticalCount = Math.max(1, options.metrics.filter((metric) => metric.critical).length);
  const budget = options.falseRollbackRate / criticalCount;
  const store = new Map<string, Map<number, number>>();
  const looks: Look[] = [];
  const failStreak = new Map<string, number>();
  let passStreak = 0;
  let errorStreak = 0;
  let providerErrors = 0;
  let judgements: MetricJudgement[] = [];
  let decision: Decision | undefined;
  let reason = '';
  for (const notice of options.notices ?? []) deps.log(`canary-watch: ${notice}`);
  if (options.baselineWindowMs !== undefined) {
    // The stable version's own series before the watch (before traffic moved, at the 100% step): read once, a fixed baseline.
    const window = { start: (start - options.baselineWindowMs + options.intervalMs) / 1000, end: start / 1000, stepSeconds };
    try {
      await readAll(options, deps.provider, window, store, requestTimeoutMs, 'baseline-window');
    } catch (error) {
      providerErrors++;
      deps.log(`canary-watch: the baseline window could not be read (${error instanceof Error ? error.message : String(error)}); the count metrics have no baseline`);
    }
  }

  for (let look = 1; look <= looksTotal; look++) {
    const due = start + look * options.intervalMs;
    const wait = due - deps.now();
    if (wait > 0) await deps.sleep(wait);
    if (deps.now() >= deadline) {
      deps.log(`canary-watch: the watch is past its deadline after ${look - 1} of ${looksTotal} looks (slow answers); deciding on what was read`);
      break;
    }
    const elapsed = (deps.now() - start) / 1000;
    const window = { start: (start + options.intervalMs) / 1000, end: due / 1000, stepSeconds };
    try {
      await readAll(options, deps.provider, window, store, Math.max(1, Math.min(requestTimeoutMs, deadline - deps.now())));
      errorStreak = 0;
    } catch (error) {
      providerErrors++;
      errorStreak++;
      const message = error instanceof Error ? error.message : String(error);
      looks.push({ elapsed, verdicts: {}, error: message });
      deps.log(`canary-watch ${elapsed.toFixed(0)}s: provider error ${errorStreak} of ${options.maxConsecutiveErrors} in a row: ${message}`);
      if (errorStreak >= options.maxConsecutiveErrors) {
        decision = options.onProviderError;
        reason = `the metrics provider failed ${errorStreak} looks in a row (last: ${message}); on-provider-error: ${options.onProviderError}`;
        break;
      }
      continue;
    }
    const previous = (look - 1) / looksTotal;
    const lookAlpha = alphaForLook(budget, previous, look / looksTotal);
    const data = options.metrics.map((metric) => dataOf(metric, options, store));
    if (look === 1) for (const [index, metric] of options.metrics.entries()) sayWhatTrafficDecides(metric, data[index]!, options, budget, (text) => deps.log(text));
    judgements = options.metrics.map((metric, index) => judgeMetric(metric, data[index]!, { alpha: budget, lookAlpha, looks: looksTotal }));
    looks.push({ elapsed, verdicts: Object.fromEntries(judgements.map((judgement) => [judgement.name, judgement.verdict])) });
    const samples = judgements.map((judgement) => `${judgement.name} ${judgement.verdict} (n ${judgement.n})`).join(', ');
    deps.log(`canary-watch ${elapsed.toFixed(0)}s of ${options.durationMs / 1000}s, look ${look}/${looksTotal}: ${samples}`);

    for (const [index, metric] of options.metrics.entries()) {
      const judgement = judgements[index]!;
      const streak = judgement.verdict === 'fail' ? (failStreak.get(metric.name) ?? 0) + 1 : 0;
      failStreak.set(metric.name, streak);
      if (metric.critical && streak >= options.failureLimit) {
        decision = 'rollback';
        reason = `${metric.name} failed ${streak} look${streak === 1 ? '' : 's'} in a row: ${judgement.reason}`;
      }
    }
    if (decision) break;
    passStreak = judgements.every((judgement) => judgement.verdict === 'pass' || judgement.verdict === 'alert') ? passStreak + 1 : 0;
    if (options.consecutiveSuccesses > 0 && passStreak >= options.consecutiveSuccesses) {
      decision = 'promote';
      reason = `every metric passed ${passStreak} looks in a row (consecutive-successes ${options.consecutiveSuccesses}), after its minimum samples`;
      break;
    }
  }
  if (!decision) {
    const pending = judgements.filter((judgement) => judgement.verdict === 'insufficient' || judgement.verdict === 'fail');
    // The canary's silence is no evidence; the baseline's (no traffic left on stable at 100%) only takes the comparison away.
    const silent = silentQueries(options, store, 'canary', options.canaryLabel);
    const silentBaseline = options.baselineLabel === undefined ? [] : silentQueries(options, store, options.baselineWindowMs === undefined ? 'baseline' : 'baseline-window', options.baselineLabel);
    if (judgements.length === 0) {
      decision = 'inconclusive';
      reason = 'no look succeeded';
    } else if (pending.length > 0 || silent.length > 0) {
      decision = 'inconclusive';
      const reasons: string[] = [];
      if (pending.length > 0) reasons.push(`at the end of the window ${pending.map((judgement) => `${judgement.name} is ${judgement.verdict}`).join(', ')}: not enough evidence to promote`);
      if (silent.length > 0) reasons.push(`no data over the whole watch from ${silent.join('; ')}: a missing series is not zero (check the labels, or add "or vector(0)" where no series means none)`);
      reason = reasons.join('; ');
    } else {
      decision = 'promote';
      reason = `every metric passed over the whole window${judgements.some((judgement) => judgement.verdict === 'alert') ? ' (some at their alert level)' : ''}`;
      if (silentBaseline.length > 0) reason += `; the baseline gave no data from ${silentBaseline.join('; ')}: judged on the limits alone there`;
    }
  }
  const series: WatchOutcome['series'] = {};
  for (const metric of options.metrics) {
    const read = (target: 'canary' | 'baseline'): Series => {
      if (!counted(metric)) return points(store.get(key(metric, 'query', target)));
      const errors = store.get(key(metric, eventsField(metric), target));
      return points(store.get(key(metric, 'requests', target))).map(([t, requests]) => [t, requests > 0 && errors?.has(t) ? errors.get(t)! / requests : Number.NaN]);
    };
    series[metric.name] = { canary: read('canary'), ...(options.baselineLabel !== undefined ? { baseline: read('baseline') } : {}) };
  }
  return { decision, reason, judgements, looks, series, elapsedMs: deps.now() - start, providerErrors };
}

type Target = 'canary' | 'baseline' | 'baseline-window';

function key(metric: MetricSpec, field: Field, target: Target): string {
  return `${metric.name}\u0000${field}\u0000${target}`;
}

/** Error rates, and latency read from histogram buckets: judged as counts. */
function counted(metric: MetricSpec): boolean {
  return metric.type === 'error-rate' || metric.slower !== undefined;
}

function eventsField(metric: MetricSpec): Field {
  return metric.type === 'error-rate' ? 'errors' : 'slower';
}

function fieldsOf(metric: MetricSpec): readonly Field[] {
  return counted(metric) ? [eventsField(metric), 'requests'] : ['query'];
}

/**
 * Said once, at the first look: what this traffic and window can decide for a count metric, from the requests of
 * the first interval extrapolated over the duration (e.g. "at 0.5 req/s over 15 min: can confirm an error rate
 * above 5.8%, cannot confirm any below 1%").
 */
function sayWhatTrafficDecides(metric: MetricSpec, data: MetricData, options: CanaryWatchOptions, budget: number, log: (text: string) => void): void {
  if (data.type !== 'error-rate' || data.canary.length === 0) return;
  const perInterval = data.canary.reduce((total, point) => total + point.requests, 0) / data.canary.length;
  const requests = Math.round((perInterval * options.durationMs) / options.intervalMs);
  const perSecond = perInterval / (options.intervalMs / 1000);
  // The canary's own sequence gets half the budget of the whole window when a baseline shares it.
  const alpha = (options.baselineLabel !== undefined ? budget / 4 : budget / 2);
  const baselineRate = data.baseline && data.baseline.length > 0 ? data.baseline.reduce((total, point) => total + point.errors, 0) / Math.max(1, data.baseline.reduce((total, point) => total + point.requests, 0)) : undefined;
  const margin = baselineRate !== undefined && !metric.relativeIncrease ? baselineRate + metric.maxIncrease : undefined;
  const above = metric.rollback ?? margin;
  const below = metric.alert ?? above;
  const { confirmAbove, confirmBelow } = decidableRates(requests, alpha, above, below);
  const what = metric.type === 'error-rate' ? 'an error rate' : 'a share of slow requests';
  const fmt = (rate: number): string => `${Number((rate * 100).toPrecision(2))}%`;
  const parts: string[] = [];
  if (above !== undefined) parts.push(confirmAbove !== undefined ? `can confirm ${what} above ${fmt(confirmAbove)} (past ${fmt(above)})` : `cannot confirm any rate past ${fmt(above)}`);
  if (below !== undefined) parts.push(confirmBelow !== undefined ? `can confirm one below ${fmt(confirmBelow)} (under ${fmt(below)})` : `cannot confirm any below ${fmt(below)}`);
  if (parts.length === 0) return;
  const minutes = options.durationMs / 60_000;
  log(`canary-watch: metric '${metric.name}' at ${Number(perSecond.toPrecision(2))} req/s over ${Number(minutes.toPrecision(3))} min (${requests.toLocaleString('en-US')} requests): ${parts.join('; ')}`);
}

/** The target's queries that gave not one point over the whole watch, named with their metric and field. */
function silentQueries(options: CanaryWatchOptions, store: Map<string, Map<number, number>>, target: Target, label: string): string[] {
  const silent: string[] = [];
  for (const metric of options.metrics) {
    // The baseline window is read for the count metrics alone.
    if (target === 'baseline-window' && !counted(metric)) continue;
    for (const field of fieldsOf(metric)) {
      if ((store.get(key(metric, field, target))?.size ?? 0) === 0) silent.push(`metric '${metric.name}' ${field} (${substitute(metric[field]!, label, options.intervalMs)})`);
    }
  }
  return silent;
}

async function readAll(options: CanaryWatchOptions, provider: Provider, window: Window, store: Map<string, Map<number, number>>, timeoutMs: number, only?: 'baseline-window'): Promise<void> {
  const targets: [Target, string][] = only ? [] : [['canary', options.canaryLabel]];
  if (options.baselineLabel !== undefined && (only !== undefined || options.baselineWindowMs === undefined)) targets.push([only ?? 'baseline', options.baselineLabel]);
  const reads: Promise<void>[] = [];
  for (const metric of options.metrics) {
    if (only && !counted(metric)) continue;
    for (const field of fieldsOf(metric)) {
      for (const [target, label] of targets) {
        reads.push(
          provider.range(substitute(metric[field]!, label, options.intervalMs), window, timeoutMs).then((series) => {
            const map = store.get(key(metric, field, target)) ?? new Map<number, number>();
            for (const [t, value] of checkedPoints(metric, field, target, series, window)) map.set(t, value);
            store.set(key(metric, field, target), map);
          }),
        );
      }
    }
  }
  await Promise.all(reads);
}

function points(map: Map<number, number> | undefined): Series {
  return map ? [...map.entries()].sort((a, b) => a[0] - b[0]) : [];
}

function dataOf(metric: MetricSpec, options: CanaryWatchOptions, store: Map<string, Map<number, number>>): MetricData {
  const withBaseline = options.baselineLabel !== undefined;
  if (counted(metric)) {
    // A range selector spanning several intervals counts each request that often (allow-overlap): divide it out.
    const factor = metric.overlapFactor ?? 1;
    const counts = (target: Target) => {
      const errors = store.get(key(metric, eventsField(metric), target));
      // Counts from increase() are extrapolated: round them. An interval counts only with both counts: a missing errors point is missing, not zero.
      return points(store.get(key(metric, 'requests', target)))
        .filter(([t]) => errors?.has(t) === true)
        .map(([t, requests]) => ({ requests: Math.round(requests / factor), errors: Math.min(Math.round(requests / factor), Math.round(errors!.get(t)! / factor)) }));
    };
    if (withBaseline && options.baselineWindowMs !== undefined) {
      const before = counts('baseline-window');
      const total = { requests: before.reduce((sum, point) => sum + point.requests, 0), errors: before.reduce((sum, point) => sum + point.errors, 0) };
      return { type: 'error-rate', canary: counts('canary'), baseline: [total], fixedBaseline: true };
    }
    return { type: 'error-rate', canary: counts('canary'), ...(withBaseline ? { baseline: counts('baseline') } : {}) };
  }
  const values = (target: Target) => points(store.get(key(metric, 'query', target))).map(([, value]) => value);
  return { type: metric.type as 'latency' | 'value', canary: values('canary'), ...(withBaseline && options.baselineWindowMs === undefined ? { baseline: values('baseline') } : {}) };
}
