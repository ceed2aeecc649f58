import type { MetricSpec } from './options.js';
import { differenceBounds, lowerBoundAbove, rateConfidenceSequence, rateUpperBound, type Counts } from './sequential.js';
import { median, pairedNotWorse } from './stats.js';

export type Verdict = 'pass' | 'alert' | 'fail' | 'insufficient';

/** What the provider gave for one metric over the window so far, per interval. */
export type MetricData =
  /** error-rate, and latency read as counts (`errors` then counts the requests slower than the threshold). `fixedBaseline`: the baseline is one window read before the watch (baseline-window), not the same intervals. */
  | { type: 'error-rate'; canary: { errors: number; requests: number }[]; baseline?: { errors: number; requests: number }[]; fixedBaseline?: boolean }
  | { type: 'latency' | 'value'; canary: number[]; baseline?: number[] };

export interface MetricJudgement {
  name: string;
  verdict: Verdict;
  /** Why, in one sentence a reader can check. */
  reason: string;
  /** error-rate: the rate (fraction); latency: ms (median of the recent intervals); value: its unit. */
  canary?: number;
  baseline?: number;
  /** Requests (error-rate) or intervals with a value. */
  n: number;
  baselineN?: number;
  /** p of the comparison with the baseline, when one was made. */
  p?: number;
  /** error-rate: difference in rate; latency and value: Hodges-Lehmann shift. */
  effect?: number;
  /** Probability of superiority (Mann-Whitney U / n1·n2), latency and value. */
  superiority?: number;
  lower?: number;
  upper?: number;
  test?: string;
}

const pct = (value: number): string => `${(value * 100).toFixed(value < 0.01 ? 2 : 1)}%`;
/** A difference of two rates, in percentage points. */
const points = (value: number): string => `${(value * 100).toFixed(Math.abs(value) < 0.01 ? 2 : 1)} percentage points`;

/**
 * The false-rollback budget of one metric at one look. Count metrics use `alpha`, the metric's whole budget over the
 * watch (their confidence sequences hold at every look at once, no spending); sample-valued metrics use `lookAlpha`,
 * their Pocock-type share of it at this look. `looks` is how many looks the watch makes: the recent windows split
 * their half of the budget among that many starts.
 */
export interface Budget {
  alpha: number;
  lookAlpha: number;
  looks: number;
}

/** Judge one metric on the data so far. */
export function judgeMetric(spec: MetricSpec, data: MetricData, budget: Budget): MetricJudgement {
  return data.type === 'error-rate' ? judgeErrorRate(spec, data, budget) : judgeValues(spec, data, budget.lookAlpha);
}

/** A window of the watch a count test covers: all of it (from the first interval), or from a later start. */
interface WindowTest {
  from: number;
  alpha: number;
}

/**
 * The windows a count metric is tested over at this look, and their shares of the budget: half to the whole window
 * so far, half split evenly among the `looks − 1` later starts (a regression that begins at minute 8 is judged on
 * the intervals from minute 8 on, undiluted by the healthy minutes before). A union bound over the starts keeps the
 * total at `alpha`; each start's sequence is itself valid at every look.
 */
export function countWindows(intervals: number, budget: Budget): WindowTest[] {
  const later = Math.max(0, budget.looks - 1);
  if (later === 0) return [{ from: 0, alpha: budget.alpha }];
  const tests: WindowTest[] = [{ from: 0, alpha: budget.alpha / 2 }];
  for (let from = 1; from < Math.min(intervals, budget.looks); from++) tests.push({ from, alpha: budget.alpha / 2 / later });
  return tests;
}

/**
 * A count metric (errors, or requests slower than a latency threshold, out of requests): rollback when, over the
 * whole window or a recent one, the canary's rate is shown above the baseline's plus `max-increase` (the lower bound
 * of the difference past the margin) or above `rollback`; "not worse" only when the upper bound of the difference
 * is under the margin, or the canary's upper bound under its level; anything between is "not yet clear".
 */
export function judgeErrorRate(spec: MetricSpec, data: Extract<MetricData, { type: 'error-rate' }>, budget: Budget): MetricJudgement {
  const total = (points: readonly { errors: number; requests: number }[]): Counts => ({ events: sum(points.map((point) => point.errors)), requests: sum(points.map((point) => point.requests)) });
  const all = total(data.canary);
  const { events: errors, requests } = all;
  const what = spec.threshold !== undefined ? `share slower than ${spec.threshold} ${spec.unit === 'seconds' ? 's' : 'ms'}` : 'error rate';
  const base = data.baseline ? total(data.baseline) : undefined;
  const judgement: MetricJudgement = { name: spec.name, verdict: 'insufficient', reason: '', n: requests };
  if (base) judgement.baselineN = base.requests;
  if (requests > 0) judgement.canary = errors / requests;
  if (base && base.requests > 0) judgement.baseline = base.events / base.requests;
  if (requests < Math.max(1, spec.minSamples)) {
    judgement.reason = `${requests} requests, fewer than the ${Math.max(1, spec.minSamples)} needed: not evidence either way`;
    return judgement;
  }
  const relative = spec.relativeIncrease === true;
  const margin = spec.maxIncrease;
  const withBaseline = base !== undefined && base.requests > 0;
  const tests = countWindows(data.canary.length, budget);
  const showMargin = relative ? `${Number((1 + margin).toFixed(2))}× the baseline's rate` : points(margin);
  let cumulative: { canary: { lower: number; upper: number }; difference?: { lower: number; upper: number } } | undefined;
  for (const test of tests) {
    const canary = test.from === 0 ? all : total(data.canary.slice(test.from));
    if (canary.requests === 0) continue;
    const span = test.from === 0 ? 'over the whole window' : `over the last ${data.canary.length - test.from} intervals`;
    const estimate = canary.events / canary.requests;
    let canaryBounds;
    let difference: { lower: number; upper: number } | undefined;
    // The canary's own sequence gets half a window's budget when the baseline's takes the other half.
    const canaryAlpha = withBaseline ? test.alpha / 2 : test.alpha;
    if (withBaseline) {
      // A fixed baseline (baseline-window) is the same counts for every window; otherwise the baseline over the same
      // latest intervals (counted from the end: both lists end at this look, though one may miss an interval the other has).
      const recent = data.canary.length - test.from;
      const baseline = data.fixedBaseline || test.from === 0 ? base : total(data.baseline!.slice(Math.max(0, data.baseline!.length - recent)));
      if (baseline.requests === 0) continue;
      // A bound is never past its estimate: a later window whose estimates are within the margin and the level cannot fail.
      const baseEstimate = baseline.events / baseline.requests;
      const canFail = relative ? estimate > (1 + margin) * baseEstimate : estimate - baseEstimate > margin;
      if (test.from > 0 && !canFail && !(spec.rollback !== undefined && estimate > spec.rollback)) continue;
      const baseUpper = rateUpperBound(baseline.events, baseline.requests, test.alpha / 2);
      if (canFail && lowerBoundAbove(canary.events, canary.requests, canaryAlpha, relative ? (1 + margin) * baseUpper : baseUpper + margin)) {
        const bounds = differenceBounds(canary, baseline, test.alpha, relative);
        const shown = relative ? `at least ${bounds.lower.toFixed(2)}× the baseline's` : `at least ${points(bounds.lower)} above the baseline's`;
        return {
          ...judgement,
          lower: bounds.canary.lower,
          upper: bounds.canary.upper,
          effect: bounds.lower,
          test: test.from === 0 ? 'confidence sequence' : 'confidence sequence, recent window',
          verdict: 'fail',
          reason: `${what} ${pct(canary.events / canary.requests)} against the baseline's ${pct(baseline.events / baseline.requests)} ${span}: ${shown} (confidence sequence at ${formatP(test.alpha)}), more than the ${showMargin} allowed`,
        };
      }
      if (test.from === 0) {
        const bounds = differenceBounds(canary, baseline, test.alpha, relative);
        canaryBounds = bounds.canary;
        difference = { lower: bounds.lower, upper: bounds.upper };
      }
    } else if (test.from > 0 && !(spec.rollback !== undefined && estimate > spec.rollback)) {
      continue;
    }
    if (spec.rollback !== undefined && lowerBoundAbove(canary.events, canary.requests, canaryAlpha, spec.rollback)) {
      const bounds = rateConfidenceSequence(canary.events, canary.requests, canaryAlpha);
      return {
        ...judgement,
        lower: bounds.lower,
        upper: bounds.upper,
        test: 'confidence sequence',
        verdict: 'fail',
        reason: `${what} ${pct(canary.events / canary.requests)} ${span} (${pct(bounds.lower)}–${pct(bounds.upper)}): even its lower bound is above the rollback level ${pct(spec.rollback)}`,
      };
    }
    if (test.from === 0) canaryBounds ??= rateConfidenceSequence(canary.events, canary.requests, canaryAlpha);
    if (test.from === 0 && canaryBounds) cumulative = { canary: canaryBounds, ...(difference ? { difference } : {}) };
  }
  if (!cumulative) return { ...judgement, reason: 'no interval with requests for both versions yet' };
  const { lower, upper } = cumulative.canary;
  judgement.lower = lower;
  judgement.upper = upper;
  judgement.test = 'confidence sequence';
  const bounds = `${pct(errors / requests)} (${pct(lower)}–${pct(upper)})`;
  let notWorse: string | undefined;
  let unclear: string | undefined;
  if (cumulative.difference && base) {
    judgement.effect = relative ? errors / requests / (base.events / base.requests) : errors / requests - base.events / base.requests;
    const { upper: worst } = cumulative.difference;
    const against = `the baseline's ${pct(base.events / base.requests)}`;
    if (worst < (relative ? 1 + margin : margin)) notWorse = `not worse than ${against} by more than ${showMargin} (upper bound ${relative ? `${worst.toFixed(2)}×` : points(worst)})`;
    else unclear = `not yet clear against ${against}: the difference may still be up to ${relative ? `${Number.isFinite(worst) ? worst.toFixed(2) : '∞'}×` : points(worst)}, the margin is ${showMargin}`;
  }
  if (spec.alert !== undefined && lower > spec.alert) {
    return { ...judgement, verdict: 'alert', reason: `${what} ${bounds}: its lower bound is above the alert level ${pct(spec.alert)}${notWorse ? `; ${notWorse}` : ''}` };
  }
  const level = spec.alert ?? spec.rollback;
  if (level !== undefined && upper < level) {
    return { ...judgement, verdict: 'pass', reason: `${what} ${bounds}: its upper bound is below ${pct(level)}${notWorse ? `; ${notWorse}` : ''}` };
  }
  if (notWorse) return { ...judgement, verdict: 'pass', reason: `${what} ${bounds}, ${notWorse}` };
  return { ...judgement, reason: `${what} ${bounds}: ${unclear ?? `not yet clear of ${pct(level ?? 0)}`}` };
}

const RECENT = 3;

export function judgeValues(spec: MetricSpec, data: Extract<MetricData, { type: 'latency' | 'value' }>, alpha: number): MetricJudgement {
  const scale = spec.type === 'latency' && spec.unit === 'seconds' ? 1000 : 1;
  const canary = data.canary.filter(Number.isFinite).map((value) => value * scale);
  const baseline = data.baseline?.filter(Number.isFinite).map((value) => value * scale);
  const unit = spec.type === 'latency' ? ' ms' : '';
  const show = (value: number): string => `${Number(value.toPrecision(4))}${unit}`;
  const judgement: MetricJudgement = { name: spec.name, verdict: 'insufficient', reason: '', n: canary.length };
  if (baseline) {
    judgement.baselineN = baseline.length;
    if (baseline.length > 0) judgement.baseline = median(baseline);
  }
  if (canary.length > 0) judgement.canary = median(canary.slice(-RECENT));
  if (canary.length < spec.minSamples) {
    judgement.reason = `${canary.length} intervals with a value, fewer than the ${spec.minSamples} needed`;
    return judgement;
  }
  const recent = judgement.canary!;
  const worse = (value: number, limit: number): boolean => (spec.direction === 'higher-is-worse' ? value > limit : value < limit);
  if (spec.rollback !== undefined && worse(recent, spec.rollback)) {
    return { ...judgement, verdict: 'fail', reason: `${show(recent)} over the last ${Math.min(RECENT, canary.length)} intervals (median) is past the rollback level ${show(spec.rollback)}` };
  }
  let notWorse: string | undefined;
  if (baseline && baseline.length >= spec.minSamples) {
    const result = pairedNotWorse(canary, baseline, spec.maxIncrease, spec.direction === 'higher-is-worse', alpha);
    judgement.p = result.p;
    judgement.effect = result.mean;
    judgement.test = `paired t, autocorrelation-corrected (ρ ${result.rho.toFixed(2)}, ${result.nEffective.toFixed(1)} effective of ${result.n})`;
    const beyond = `beyond the ${pct(spec.maxIncrease)} allowed`;
    if (result.p < alpha) {
      return {
        ...judgement,
        verdict: 'fail',
        reason: `worse than the baseline's ${show(median(baseline))} ${beyond}: ${show(Math.abs(result.mean))} past it on average over ${result.n} paired intervals (p ${formatP(result.p)} < ${formatP(alpha)}, ${result.nEffective.toFixed(1)} effective intervals)`,
      };
    }
    notWorse =
      result.upper < 0
        ? `not worse than the baseline's ${show(median(baseline))} ${beyond} (paired, p ${formatP(result.p)})`
        : undefined;
  }
  if (spec.alert !== undefined && worse(recent, spec.alert)) {
    return { ...judgement, verdict: 'alert', reason: `${show(recent)} (median of the last intervals) is past the alert level ${show(spec.alert)}` };
  }
  const limits = [spec.alert, spec.rollback].filter((limit) => limit !== undefined);
  if (notWorse || limits.length > 0) {
    const within = limits.length > 0 ? `${show(recent)} within ${show(limits[0]!)}` : show(recent);
    return { ...judgement, verdict: 'pass', reason: [within, notWorse].filter(Boolean).join('; ') };
  }
  return { ...judgement, reason: `${show(recent)}, but there is neither a limit nor enough baseline data to judge it against` };
}

export function formatP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : Number(p.toPrecision(2)).toString();
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
