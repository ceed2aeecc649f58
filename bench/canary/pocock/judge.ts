// canary-watch's judge before issue 19 (Pocock-type alpha spending, Wilson bounds, two-proportion/Fisher and
// Mann-Whitney tests of "no worse at all"), kept unchanged as the `pocock` rule of bench/canary for comparison. Its
// statistics (Wilson, Fisher, two-proportion, Mann-Whitney) are in ./stats.ts, the spending function and the median
// in packages/canary/src/stats.ts, all checked against R by packages/canary/test/stats.test.ts; its types are the judge's own.
import type { MetricSpec } from '../../../packages/canary/src/options.ts';
import { median } from '../../../packages/canary/src/stats.ts';
import { fisherGreater, mannWhitneyGreater, twoProportionGreater, wilsonInterval } from './stats.ts';

export type { MetricData, MetricJudgement, Verdict } from '../../../packages/canary/src/judge.ts';
import type { MetricData, MetricJudgement } from '../../../packages/canary/src/judge.ts';

const pct = (value: number): string => `${(value * 100).toFixed(value < 0.01 ? 2 : 1)}%`;
/** A difference of two rates, in percentage points. */
const points = (value: number): string => `${(value * 100).toFixed(Math.abs(value) < 0.01 ? 2 : 1)} percentage points`;

/** Judge one metric on the data so far, at a look whose false-alarm budget is `alpha`. */
export function judgeMetric(spec: MetricSpec, data: MetricData, alpha: number): MetricJudgement {
  return data.type === 'error-rate' ? judgeErrorRate(spec, data, alpha) : judgeValues(spec, data, alpha);
}

export function judgeErrorRate(spec: MetricSpec, data: Extract<MetricData, { type: 'error-rate' }>, alpha: number): MetricJudgement {
  const errors = sum(data.canary.map((point) => point.errors));
  const requests = sum(data.canary.map((point) => point.requests));
  const base = data.baseline ? { errors: sum(data.baseline.map((point) => point.errors)), requests: sum(data.baseline.map((point) => point.requests)) } : undefined;
  const judgement: MetricJudgement = { name: spec.name, verdict: 'insufficient', reason: '', n: requests };
  if (base) judgement.baselineN = base.requests;
  if (requests > 0) judgement.canary = errors / requests;
  if (base && base.requests > 0) judgement.baseline = base.errors / base.requests;
  if (requests < spec.minSamples) {
    judgement.reason = `${requests} requests, fewer than the ${spec.minSamples} needed: not evidence either way`;
    return judgement;
  }
  const { lower, upper } = wilsonInterval(errors, requests, alpha);
  judgement.lower = lower;
  judgement.upper = upper;
  const bounds = `${pct(errors / requests)} (${pct(lower)}–${pct(upper)})`;
  if (spec.rollback !== undefined && lower > spec.rollback) {
    return { ...judgement, verdict: 'fail', reason: `error rate ${bounds}: even its lower bound is above the rollback level ${pct(spec.rollback)}` };
  }
  let notWorse: string | undefined;
  if (base && base.requests > 0) {
    const rateBase = base.errors / base.requests;
    const difference = errors / requests - rateBase;
    const expectedSmallest = Math.min(errors + base.errors, requests + base.requests - errors - base.errors) * (Math.min(requests, base.requests) / (requests + base.requests));
    const fisher = expectedSmallest < 5;
    const p = fisher ? fisherGreater(errors, requests, base.errors, base.requests) : twoProportionGreater(errors, requests, base.errors, base.requests).p;
    judgement.p = p;
    judgement.effect = difference;
    judgement.test = fisher ? "Fisher's exact" : 'two-proportion';
    if (p < alpha && difference > spec.maxIncrease) {
      return { ...judgement, verdict: 'fail', reason: `error rate ${pct(errors / requests)} against the baseline's ${pct(rateBase)}: ${points(difference)} higher (p ${formatP(p)} < ${formatP(alpha)}; more than the ${points(spec.maxIncrease)} allowed)` };
    }
    notWorse = `not worse than the baseline's ${pct(rateBase)} by more than ${points(spec.maxIncrease)} (p ${formatP(p)})`;
  }
  if (spec.alert !== undefined && lower > spec.alert) {
    return { ...judgement, verdict: 'alert', reason: `error rate ${bounds}: its lower bound is above the alert level ${pct(spec.alert)}` };
  }
  const level = spec.alert ?? spec.rollback;
  if (level !== undefined && upper < level) {
    return { ...judgement, verdict: 'pass', reason: `error rate ${bounds}: its upper bound is below ${pct(level)}${notWorse ? `; ${notWorse}` : ''}` };
  }
  if (notWorse) return { ...judgement, verdict: 'pass', reason: `error rate ${bounds}, ${notWorse}` };
  return { ...judgement, reason: `error rate ${bounds}: not yet clear of ${pct(level ?? 0)}` };
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
    const sign = spec.direction === 'higher-is-worse' ? 1 : -1;
    const result = mannWhitneyGreater(canary.map((value) => sign * value), baseline.map((value) => sign * value));
    const reference = Math.abs(median(baseline));
    const shift = sign * result.shift;
    judgement.p = result.p;
    judgement.effect = shift;
    judgement.superiority = result.effect;
    judgement.test = 'Mann-Whitney U';
    const allowed = spec.maxIncrease * reference;
    if (result.p < alpha && sign * shift > allowed) {
      return {
        ...judgement,
        verdict: 'fail',
        reason: `shifted ${show(shift)} from the baseline's ${show(median(baseline))} (Hodges-Lehmann; worse in ${(result.effect * 100).toFixed(0)}% of pairs; p ${formatP(result.p)} < ${formatP(alpha)}), more than the ${pct(spec.maxIncrease)} allowed`,
      };
    }
    notWorse = `not worse than the baseline's ${show(median(baseline))} beyond ${pct(spec.maxIncrease)} (shift ${show(shift)}, p ${formatP(result.p)})`;
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
