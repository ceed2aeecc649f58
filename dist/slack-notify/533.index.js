export const id = 533;
export const ids = [533];
export const modules = {

/***/ 6533:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DECISION_SCORE: () => (/* binding */ DECISION_SCORE),
  canaryResult: () => (/* binding */ canaryResult),
  canaryScore: () => (/* binding */ canaryScore),
  runCanaryWatch: () => (/* binding */ runCanaryWatch)
});

// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(95758);
// EXTERNAL MODULE: ./packages/canary/src/options.ts
var src_options = __webpack_require__(56404);
// EXTERNAL MODULE: ./packages/canary/src/jsonpath-package.cjs
var jsonpath_package = __webpack_require__(5285);
;// CONCATENATED MODULE: ./packages/canary/src/evidence.ts
/** A provider answered something that is not evidence (a negative count, +Inf, several series unasked): a failed look, never a pass. */
class EvidenceError extends Error {
    name = 'EvidenceError';
}
/**
 * Check a query's answer and put it on the watch's interval grid (`window.start + k\u00b7step`): each point goes to
 * its nearest grid time, so errors and requests read a few hundred milliseconds apart still meet. NaN is a
 * missing point (Prometheus's answer for 0/0), never zero; \u00b1Inf, and a negative count or latency (a counter
 * reset), are refused. Several series need the metric's `aggregate`.
 */
function checkedPoints(metric, field, target, series, window) {
    const what = `metric '${metric.name}' ${field} for ${target}`;
    if (series.length > 1 && metric.aggregate === undefined) {
        const labels = series.slice(0, 3).map((one) => one.labels).join(', ');
        throw new EvidenceError(`${what}: the query returned ${series.length} series (${labels}${series.length > 3 ? ', \u2026' : ''}), not one: aggregate it in the query (sum, max) or set aggregate: sum | max | mean on the metric`);
    }
    const mustBeNonNegative = metric.type !== 'value';
    const last = Math.round((window.end - window.start) / window.stepSeconds);
    const buckets = new Map();
    for (const one of series) {
        const own = new Map();
        for (const [t, value] of one.points) {
            if (Number.isNaN(value))
                continue;
            if (!Number.isFinite(value))
                throw new EvidenceError(`${what}: the value at ${isoTime(t)} is ${value > 0 ? '+Inf' : '-Inf'}, not a finite number`);
            if (mustBeNonNegative && value < 0) {
                throw new EvidenceError(`${what}: the value at ${isoTime(t)} is negative (${value})${field === 'query' ? '' : ': a counter reset? count with increase() or rate(), which handle resets'}`);
            }
            const k = Math.round((t - window.start) / window.stepSeconds);
            // A point of the interval before the window (Datadog's from) or past its end is not this watch's.
            if (k < 0 || k > last)
                continue;
            own.set(k, value);
        }
        for (const [k, value] of own)
            buckets.set(k, [...(buckets.get(k) ?? []), value]);
    }
    const grid = new Map();
    for (const [k, values] of buckets)
        grid.set(window.start + k * window.stepSeconds, combine(values, metric.aggregate ?? 'sum'));
    return grid;
}
function combine(values, aggregate) {
    if (aggregate === 'max')
        return Math.max(...values);
    const total = values.reduce((sum, value) => sum + value, 0);
    return aggregate === 'mean' ? total / values.length : total;
}
function isoTime(seconds) {
    const date = new Date(seconds * 1000);
    return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}

// EXTERNAL MODULE: ./node_modules/jstat/dist/jstat.js
var jstat = __webpack_require__(32453);
var jstat_default = /*#__PURE__*/__webpack_require__.n(jstat);
;// CONCATENATED MODULE: ./packages/canary/src/sequential.ts

// jstat is CommonJS: its named export reaches ESM through the default.
const { jStat } = (jstat_default());
/**
 * Anytime-valid confidence sequences for the rate of a count metric (errors or slow requests out of requests).
 *
 * The beta-binomial conjugate mixture of Howard, Ramdas, McAuliffe and Sekhon, "Time-uniform, nonparametric,
 * nonasymptotic confidence sequences" (Annals of Statistics 2021), section 3 / Robbins (1970): for a rate p0, the
 * likelihood ratio of a Beta(a, b) mixture against p0 after x events in n trials,
 *
 *   M_n(p0) = B(a + x, b + n \u2212 x) / B(a, b) / (p0^x \u00b7 (1 \u2212 p0)^(n \u2212 x)),
 *
 * is a nonnegative martingale with mean 1 while the true rate is p0, so by Ville's inequality
 * P(some n with M_n(p0) \u2265 1/\u03b1) \u2264 \u03b1. The set {p0 : M_n(p0) < 1/\u03b1} therefore covers the true rate at every look at
 * once with probability 1 \u2212 \u03b1: a watch may look as often as it likes and stop at any look, without alpha spending.
 * log M_n is convex in p0 (the log-likelihood is concave), so the set is an interval around x/n, found by bisection.
 * Assumptions: the trials are independent with one rate over the window the sequence covers.
 */
/**
 * The mixture's prior. Validity holds for any prior fixed before the data; the prior only moves where the sequence
 * is tight. Beta(0.5, 12) puts its weight on rates of a few percent, where error rates and slow shares live, so
 * the bound is tightest there (tuned on bench/canary: 1%\u21928% at 1% of 50 req/s rolls back in about 3 looks).
 */
const PRIOR = { a: 0.5, b: 12 };
/** log M_n(p0), the log of the mixture's likelihood ratio against the rate p0 after x events in n trials. */
function logMixtureRatio(x, n, p0, prior = PRIOR) {
    const failures = n - x;
    const logNull = (x > 0 ? x * Math.log(p0) : 0) + (failures > 0 ? failures * Math.log1p(-p0) : 0);
    return jStat.betaln(prior.a + x, prior.b + failures) - jStat.betaln(prior.a, prior.b) - logNull;
}
/** The confidence sequence for a rate after x events in n trials, at error \u03b1 over all looks: {p0 : M_n(p0) < 1/\u03b1}. */
function rateConfidenceSequence(x, n, alpha, prior = PRIOR) {
    if (!(n > 0) || !(x >= 0) || x > n || !(alpha > 0 && alpha < 1))
        return { lower: 0, upper: 1 };
    const inside = insideAt(x, n, alpha, prior);
    return { lower: x === 0 ? 0 : edge(inside, x / n, 0), upper: x === n ? 1 : edge(inside, x / n, 1) };
}
/** The upper end of the sequence alone (the baseline's, which the rollback test needs at every window). */
function rateUpperBound(x, n, alpha, prior = PRIOR) {
    if (!(n > 0) || !(x >= 0) || x > n || !(alpha > 0 && alpha < 1))
        return 1;
    return x === n ? 1 : edge(insideAt(x, n, alpha, prior), x / n, 1);
}
function insideAt(x, n, alpha, prior) {
    const level = Math.log(1 / alpha);
    return (p0) => logMixtureRatio(x, n, p0, prior) < level;
}
/** Where the sequence ends between `from` (inside: the estimate) and `to` (0 or 1, returned when inside), by bisection. */
function edge(inside, from, to) {
    if (inside(to))
        return to;
    let a = from;
    let b = to;
    // To 1e-10 of the rate, far finer than any level a user writes (0.01% at most), in ~34 steps.
    for (let i = 0; i < 60 && Math.abs(b - a) > 1e-10; i++) {
        const middle = (a + b) / 2;
        if (inside(middle))
            a = middle;
        else
            b = middle;
    }
    return a;
}
/**
 * Whether the lower bound of the sequence is above `threshold`, without finding the bound: the threshold is below
 * the estimate and outside the sequence (log M is convex, so left of the estimate it is outside exactly when it is
 * below the lower bound). One evaluation where the bound would take a bisection: the watch asks it for every window.
 */
function lowerBoundAbove(x, n, alpha, threshold, prior = PRIOR) {
    if (!(n > 0) || !(x >= 0) || x > n || !(alpha > 0 && alpha < 1))
        return false;
    if (threshold < 0)
        return true;
    return x / n > threshold && logMixtureRatio(x, n, threshold, prior) >= Math.log(1 / alpha);
}
/**
 * Bounds on the canary's rate against the baseline's: each version's sequence at \u03b1/2, so both cover their rates at
 * every look with probability 1 \u2212 \u03b1, and then so does the difference [L_c \u2212 U_b, U_c \u2212 L_b] (or the ratio
 * [L_c / U_b, U_c / L_b]).
 */
function differenceBounds(canary, baseline, alpha, relative, prior = PRIOR) {
    const c = rateConfidenceSequence(canary.events, canary.requests, alpha / 2, prior);
    const b = rateConfidenceSequence(baseline.events, baseline.requests, alpha / 2, prior);
    if (relative)
        return { canary: c, baseline: b, lower: b.upper > 0 ? c.lower / b.upper : c.lower > 0 ? Infinity : 0, upper: b.lower > 0 ? c.upper / b.lower : Infinity };
    return { canary: c, baseline: b, lower: c.lower - b.upper, upper: c.upper - b.lower };
}
/**
 * What n trials can decide at error \u03b1, typical case (events at their expected count): the lowest rate whose lower
 * bound clears `above` (a rollback can be confirmed past it), and the highest rate whose upper bound stays under
 * `below` (a pass can be confirmed under it); undefined when no rate can.
 */
function decidableRates(n, alpha, above, below, prior = PRIOR) {
    const result = {};
    if (!(n > 0))
        return result;
    const search = (ok, increasing) => {
        // ok is monotone in the rate: find its edge on a 0.01-point grid by bisection.
        let a = 0;
        let b = 1;
        if (increasing ? !ok(1) : !ok(0))
            return undefined;
        for (let i = 0; i < 40; i++) {
            const middle = (a + b) / 2;
            if (ok(middle) === increasing)
                b = middle;
            else
                a = middle;
        }
        return increasing ? b : a;
    };
    if (above !== undefined) {
        const rate = search((r) => rateConfidenceSequence(r * n, n, alpha, prior).lower > above, true);
        if (rate !== undefined)
            result.confirmAbove = rate;
    }
    if (below !== undefined) {
        const rate = search((r) => rateConfidenceSequence(r * n, n, alpha, prior).upper < below, false);
        if (rate !== undefined)
            result.confirmBelow = rate;
    }
    return result;
}

;// CONCATENATED MODULE: ./packages/canary/src/stats.ts

// jstat is CommonJS: its named export reaches ESM through the default.
const { jStat: stats_jStat } = (jstat_default());
function median(values) {
    if (values.length === 0)
        return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
/**
 * The share of the false-alarm budget `alpha` spent by time `t` (0\u20131 of the
 * window): Lan and DeMets' Pocock-type function \u03b1\u00b7ln(1 + (e \u2212 1)\u00b7t). It spends
 * more early than O'Brien-Fleming's, so a bad canary is caught in the first
 * looks, and never more than `alpha` over the whole window however often the
 * watch looks.
 */
function alphaSpent(alpha, t) {
    const clamped = Math.min(1, Math.max(0, t));
    return alpha * Math.log(1 + (Math.E - 1) * clamped);
}
/** The alpha of one look at time t after a look at time `previous`: the increment of the spending function (a union bound, so conservative). */
function alphaForLook(alpha, previous, t) {
    return Math.max(alphaSpent(alpha, t) - alphaSpent(alpha, previous), alpha * 1e-6);
}
/**
 * Per-interval values (p95s from a query, a JSON endpoint's numbers) are estimates, paired in time with the
 * baseline's and autocorrelated, so they are not independent samples. The test pairs them by interval, takes the
 * excess d = canary \u2212 (1 + margin)\u00b7baseline (for lower-is-worse, (1 \u2212 margin)\u00b7baseline \u2212 canary), and judges its
 * mean with a t statistic whose sample size is shrunk for the lag-1 autocorrelation, n\u00b7(1 \u2212 \u03c1)/(1 + \u03c1) (the AR(1)
 * variance inflation of a mean): shared swings of both versions cancel in the pairing, and runs of similar
 * intervals count for fewer samples.
 */
function pairedNotWorse(canary, baseline, margin, higherIsWorse, alpha) {
    const n = Math.min(canary.length, baseline.length);
    const excess = [];
    for (let i = 0; i < n; i++) {
        const c = canary[canary.length - n + i];
        const b = baseline[baseline.length - n + i];
        excess.push(higherIsWorse ? c - (1 + margin) * b : (1 - margin) * b - c);
    }
    const mean = excess.reduce((total, value) => total + value, 0) / Math.max(1, n);
    if (n < 3)
        return { mean, p: 1, upper: Infinity, n, rho: 0, nEffective: n };
    const centred = excess.map((value) => value - mean);
    const variance = centred.reduce((total, value) => total + value * value, 0) / (n - 1);
    let lagged = 0;
    for (let i = 1; i < n; i++)
        lagged += centred[i] * centred[i - 1];
    const rho = variance > 0 ? Math.min(0.95, Math.max(0, lagged / ((n - 1) * variance))) : 0;
    const nEffective = Math.max(2, (n * (1 - rho)) / (1 + rho));
    const se = Math.sqrt(variance / nEffective);
    if (se === 0)
        return { mean, p: mean > 0 ? 0 : 1, upper: mean, n, rho, nEffective };
    const dof = Math.max(1, nEffective - 1);
    const p = 1 - stats_jStat.studentt.cdf(mean / se, dof);
    const upper = mean + studentQuantileUpper(alpha, dof) * se;
    return { mean, p, upper, n, rho, nEffective };
}
/** The t with P(T > t) = alpha for Student's t with `dof` degrees of freedom (bisection on jstat's cdf). */
function studentQuantileUpper(alpha, dof) {
    let low = 0;
    let high = 1e6;
    for (let i = 0; i < 200 && high - low > 1e-9 * Math.max(1, low); i++) {
        const middle = (low + high) / 2;
        if (1 - stats_jStat.studentt.cdf(middle, dof) > alpha)
            low = middle;
        else
            high = middle;
    }
    return high;
}

;// CONCATENATED MODULE: ./packages/canary/src/judge.ts


const pct = (value) => `${(value * 100).toFixed(value < 0.01 ? 2 : 1)}%`;
/** A difference of two rates, in percentage points. */
const points = (value) => `${(value * 100).toFixed(Math.abs(value) < 0.01 ? 2 : 1)} percentage points`;
/** Judge one metric on the data so far. */
function judgeMetric(spec, data, budget) {
    return data.type === 'error-rate' ? judgeErrorRate(spec, data, budget) : judgeValues(spec, data, budget.lookAlpha);
}
/**
 * The windows a count metric is tested over at this look, and their shares of the budget: half to the whole window
 * so far, half split evenly among the `looks \u2212 1` later starts (a regression that begins at minute 8 is judged on
 * the intervals from minute 8 on, undiluted by the healthy minutes before). A union bound over the starts keeps the
 * total at `alpha`; each start's sequence is itself valid at every look.
 */
function countWindows(intervals, budget) {
    const later = Math.max(0, budget.looks - 1);
    if (later === 0)
        return [{ from: 0, alpha: budget.alpha }];
    const tests = [{ from: 0, alpha: budget.alpha / 2 }];
    for (let from = 1; from < Math.min(intervals, budget.looks); from++)
        tests.push({ from, alpha: budget.alpha / 2 / later });
    return tests;
}
/**
 * A count metric (errors, or requests slower than a latency threshold, out of requests): rollback when, over the
 * whole window or a recent one, the canary's rate is shown above the baseline's plus `max-increase` (the lower bound
 * of the difference past the margin) or above `rollback`; "not worse" only when the upper bound of the difference
 * is under the margin, or the canary's upper bound under its level; anything between is "not yet clear".
 */
function judgeErrorRate(spec, data, budget) {
    const total = (points) => ({ events: sum(points.map((point) => point.errors)), requests: sum(points.map((point) => point.requests)) });
    const all = total(data.canary);
    const { events: errors, requests } = all;
    const what = spec.threshold !== undefined ? `share slower than ${spec.threshold} ${spec.unit === 'seconds' ? 's' : 'ms'}` : 'error rate';
    const base = data.baseline ? total(data.baseline) : undefined;
    const judgement = { name: spec.name, verdict: 'insufficient', reason: '', n: requests };
    if (base)
        judgement.baselineN = base.requests;
    if (requests > 0)
        judgement.canary = errors / requests;
    if (base && base.requests > 0)
        judgement.baseline = base.events / base.requests;
    if (requests < Math.max(1, spec.minSamples)) {
        judgement.reason = `${requests} requests, fewer than the ${Math.max(1, spec.minSamples)} needed: not evidence either way`;
        return judgement;
    }
    const relative = spec.relativeIncrease === true;
    const margin = spec.maxIncrease;
    const withBaseline = base !== undefined && base.requests > 0;
    const tests = countWindows(data.canary.length, budget);
    const showMargin = relative ? `${Number((1 + margin).toFixed(2))}\u00d7 the baseline's rate` : points(margin);
    let cumulative;
    for (const test of tests) {
        const canary = test.from === 0 ? all : total(data.canary.slice(test.from));
        if (canary.requests === 0)
            continue;
        const span = test.from === 0 ? 'over the whole window' : `over the last ${data.canary.length - test.from} intervals`;
        const estimate = canary.events / canary.requests;
        let canaryBounds;
        let difference;
        // The canary's own sequence gets half a window's budget when the baseline's takes the other half.
        const canaryAlpha = withBaseline ? test.alpha / 2 : test.alpha;
        if (withBaseline) {
            // A fixed baseline (baseline-window) is the same counts for every window; otherwise the baseline over the same
            // latest intervals (counted from the end: both lists end at this look, though one may miss an interval the other has).
            const recent = data.canary.length - test.from;
            const baseline = data.fixedBaseline || test.from === 0 ? base : total(data.baseline.slice(Math.max(0, data.baseline.length - recent)));
            if (baseline.requests === 0)
                continue;
            // A bound is never past its estimate: a later window whose estimates are within the margin and the level cannot fail.
            const baseEstimate = baseline.events / baseline.requests;
            const canFail = relative ? estimate > (1 + margin) * baseEstimate : estimate - baseEstimate > margin;
            if (test.from > 0 && !canFail && !(spec.rollback !== undefined && estimate > spec.rollback))
                continue;
            const baseUpper = rateUpperBound(baseline.events, baseline.requests, test.alpha / 2);
            if (canFail && lowerBoundAbove(canary.events, canary.requests, canaryAlpha, relative ? (1 + margin) * baseUpper : baseUpper + margin)) {
                const bounds = differenceBounds(canary, baseline, test.alpha, relative);
                const shown = relative ? `at least ${bounds.lower.toFixed(2)}\u00d7 the baseline's` : `at least ${points(bounds.lower)} above the baseline's`;
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
        }
        else if (test.from > 0 && !(spec.rollback !== undefined && estimate > spec.rollback)) {
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
                reason: `${what} ${pct(canary.events / canary.requests)} ${span} (${pct(bounds.lower)}\u2013${pct(bounds.upper)}): even its lower bound is above the rollback level ${pct(spec.rollback)}`,
            };
        }
        if (test.from === 0)
            canaryBounds ??= rateConfidenceSequence(canary.events, canary.requests, canaryAlpha);
        if (test.from === 0 && canaryBounds)
            cumulative = { canary: canaryBounds, ...(difference ? { difference } : {}) };
    }
    if (!cumulative)
        return { ...judgement, reason: 'no interval with requests for both versions yet' };
    const { lower, upper } = cumulative.canary;
    judgement.lower = lower;
    judgement.upper = upper;
    judgement.test = 'confidence sequence';
    const bounds = `${pct(errors / requests)} (${pct(lower)}\u2013${pct(upper)})`;
    let notWorse;
    let unclear;
    if (cumulative.difference && base) {
        judgement.effect = relative ? errors / requests / (base.events / base.requests) : errors / requests - base.events / base.requests;
        const { upper: worst } = cumulative.difference;
        const against = `the baseline's ${pct(base.events / base.requests)}`;
        if (worst < (relative ? 1 + margin : margin))
            notWorse = `not worse than ${against} by more than ${showMargin} (upper bound ${relative ? `${worst.toFixed(2)}\u00d7` : points(worst)})`;
        else
            unclear = `not yet clear against ${against}: the difference may still be up to ${relative ? `${Number.isFinite(worst) ? worst.toFixed(2) : '\u221e'}\u00d7` : points(worst)}, the margin is ${showMargin}`;
    }
    if (spec.alert !== undefined && lower > spec.alert) {
        return { ...judgement, verdict: 'alert', reason: `${what} ${bounds}: its lower bound is above the alert level ${pct(spec.alert)}${notWorse ? `; ${notWorse}` : ''}` };
    }
    const level = spec.alert ?? spec.rollback;
    if (level !== undefined && upper < level) {
        return { ...judgement, verdict: 'pass', reason: `${what} ${bounds}: its upper bound is below ${pct(level)}${notWorse ? `; ${notWorse}` : ''}` };
    }
    if (notWorse)
        return { ...judgement, verdict: 'pass', reason: `${what} ${bounds}, ${notWorse}` };
    return { ...judgement, reason: `${what} ${bounds}: ${unclear ?? `not yet clear of ${pct(level ?? 0)}`}` };
}
const RECENT = 3;
function judgeValues(spec, data, alpha) {
    const scale = spec.type === 'latency' && spec.unit === 'seconds' ? 1000 : 1;
    const canary = data.canary.filter(Number.isFinite).map((value) => value * scale);
    const baseline = data.baseline?.filter(Number.isFinite).map((value) => value * scale);
    const unit = spec.type === 'latency' ? ' ms' : '';
    const show = (value) => `${Number(value.toPrecision(4))}${unit}`;
    const judgement = { name: spec.name, verdict: 'insufficient', reason: '', n: canary.length };
    if (baseline) {
        judgement.baselineN = baseline.length;
        if (baseline.length > 0)
            judgement.baseline = median(baseline);
    }
    if (canary.length > 0)
        judgement.canary = median(canary.slice(-RECENT));
    if (canary.length < spec.minSamples) {
        judgement.reason = `${canary.length} intervals with a value, fewer than the ${spec.minSamples} needed`;
        return judgement;
    }
    const recent = judgement.canary;
    const worse = (value, limit) => (spec.direction === 'higher-is-worse' ? value > limit : value < limit);
    if (spec.rollback !== undefined && worse(recent, spec.rollback)) {
        return { ...judgement, verdict: 'fail', reason: `${show(recent)} over the last ${Math.min(RECENT, canary.length)} intervals (median) is past the rollback level ${show(spec.rollback)}` };
    }
    let notWorse;
    if (baseline && baseline.length >= spec.minSamples) {
        const result = pairedNotWorse(canary, baseline, spec.maxIncrease, spec.direction === 'higher-is-worse', alpha);
        judgement.p = result.p;
        judgement.effect = result.mean;
        judgement.test = `paired t, autocorrelation-corrected (\u03c1 ${result.rho.toFixed(2)}, ${result.nEffective.toFixed(1)} effective of ${result.n})`;
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
        const within = limits.length > 0 ? `${show(recent)} within ${show(limits[0])}` : show(recent);
        return { ...judgement, verdict: 'pass', reason: [within, notWorse].filter(Boolean).join('; ') };
    }
    return { ...judgement, reason: `${show(recent)}, but there is neither a limit nor enough baseline data to judge it against` };
}
function formatP(p) {
    return p < 1e-4 ? p.toExponential(1) : Number(p.toPrecision(2)).toString();
}
function sum(values) {
    return values.reduce((total, value) => total + value, 0);
}

;// CONCATENATED MODULE: ./packages/canary/src/watch.ts




/** The longest a single request may take; the watch shortens it to its interval and to what is left of its deadline. */
const REQUEST_TIMEOUT_MS = 10_000;
/** `{{target}}` is the label; `{{interval}}` the interval as Prometheus writes it (60s), `{{interval_seconds}}` as a number (Datadog's rollup). */
function substitute(query, target, intervalMs) {
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
async function watchCanary(options, deps) {
    const start = deps.now();
    const stepSeconds = options.intervalMs / 1000;
    const looksTotal = Math.floor(options.durationMs / options.intervalMs);
    // The whole watch has a deadline: slow answers count against it, and the last look gets one request timeout at most.
    const requestTimeoutMs = Math.min(REQUEST_TIMEOUT_MS, options.intervalMs);
    const deadline = start + options.durationMs + requestTimeoutMs;
    // The false-rollback budget is shared by the critical metrics (Bonferroni), each spending its share over the window.
    const criticalCount = Math.max(1, options.metrics.filter((metric) => metric.critical).length);
    const budget = options.falseRollbackRate / criticalCount;
    const store = new Map();
    const looks = [];
    const failStreak = new Map();
    let passStreak = 0;
    let errorStreak = 0;
    let providerErrors = 0;
    let judgements = [];
    let decision;
    let reason = '';
    for (const notice of options.notices ?? [])
        deps.log(`canary-watch: ${notice}`);
    if (options.baselineWindowMs !== undefined) {
        // The stable version's own series before the watch (before traffic moved, at the 100% step): read once, a fixed baseline.
        const window = { start: (start - options.baselineWindowMs + options.intervalMs) / 1000, end: start / 1000, stepSeconds };
        try {
            await readAll(options, deps.provider, window, store, requestTimeoutMs, 'baseline-window');
        }
        catch (error) {
            providerErrors++;
            deps.log(`canary-watch: the baseline window could not be read (${error instanceof Error ? error.message : String(error)}); the count metrics have no baseline`);
        }
    }
    for (let look = 1; look <= looksTotal; look++) {
        const due = start + look * options.intervalMs;
        const wait = due - deps.now();
        if (wait > 0)
            await deps.sleep(wait);
        if (deps.now() >= deadline) {
            deps.log(`canary-watch: the watch is past its deadline after ${look - 1} of ${looksTotal} looks (slow answers); deciding on what was read`);
            break;
        }
        const elapsed = (deps.now() - start) / 1000;
        const window = { start: (start + options.intervalMs) / 1000, end: due / 1000, stepSeconds };
        try {
            await readAll(options, deps.provider, window, store, Math.max(1, Math.min(requestTimeoutMs, deadline - deps.now())));
            errorStreak = 0;
        }
        catch (error) {
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
        if (look === 1)
            for (const [index, metric] of options.metrics.entries())
                sayWhatTrafficDecides(metric, data[index], options, budget, (text) => deps.log(text));
        judgements = options.metrics.map((metric, index) => judgeMetric(metric, data[index], { alpha: budget, lookAlpha, looks: looksTotal }));
        looks.push({ elapsed, verdicts: Object.fromEntries(judgements.map((judgement) => [judgement.name, judgement.verdict])) });
        const samples = judgements.map((judgement) => `${judgement.name} ${judgement.verdict} (n ${judgement.n})`).join(', ');
        deps.log(`canary-watch ${elapsed.toFixed(0)}s of ${options.durationMs / 1000}s, look ${look}/${looksTotal}: ${samples}`);
        for (const [index, metric] of options.metrics.entries()) {
            const judgement = judgements[index];
            const streak = judgement.verdict === 'fail' ? (failStreak.get(metric.name) ?? 0) + 1 : 0;
            failStreak.set(metric.name, streak);
            if (metric.critical && streak >= options.failureLimit) {
                decision = 'rollback';
                reason = `${metric.name} failed ${streak} look${streak === 1 ? '' : 's'} in a row: ${judgement.reason}`;
            }
        }
        if (decision)
            break;
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
        }
        else if (pending.length > 0 || silent.length > 0) {
            decision = 'inconclusive';
            const reasons = [];
            if (pending.length > 0)
                reasons.push(`at the end of the window ${pending.map((judgement) => `${judgement.name} is ${judgement.verdict}`).join(', ')}: not enough evidence to promote`);
            if (silent.length > 0)
                reasons.push(`no data over the whole watch from ${silent.join('; ')}: a missing series is not zero (check the labels, or add "or vector(0)" where no series means none)`);
            reason = reasons.join('; ');
        }
        else {
            decision = 'promote';
            reason = `every metric passed over the whole window${judgements.some((judgement) => judgement.verdict === 'alert') ? ' (some at their alert level)' : ''}`;
            if (silentBaseline.length > 0)
                reason += `; the baseline gave no data from ${silentBaseline.join('; ')}: judged on the limits alone there`;
        }
    }
    const series = {};
    for (const metric of options.metrics) {
        const read = (target) => {
            if (!counted(metric))
                return watch_points(store.get(key(metric, 'query', target)));
            const errors = store.get(key(metric, eventsField(metric), target));
            return watch_points(store.get(key(metric, 'requests', target))).map(([t, requests]) => [t, requests > 0 && errors?.has(t) ? errors.get(t) / requests : Number.NaN]);
        };
        series[metric.name] = { canary: read('canary'), ...(options.baselineLabel !== undefined ? { baseline: read('baseline') } : {}) };
    }
    return { decision, reason, judgements, looks, series, elapsedMs: deps.now() - start, providerErrors };
}
function key(metric, field, target) {
    return `${metric.name}\u0000${field}\u0000${target}`;
}
/** Error rates, and latency read from histogram buckets: judged as counts. */
function counted(metric) {
    return metric.type === 'error-rate' || metric.slower !== undefined;
}
function eventsField(metric) {
    return metric.type === 'error-rate' ? 'errors' : 'slower';
}
function fieldsOf(metric) {
    return counted(metric) ? [eventsField(metric), 'requests'] : ['query'];
}
/**
 * Said once, at the first look: what this traffic and window can decide for a count metric, from the requests of
 * the first interval extrapolated over the duration (e.g. "at 0.5 req/s over 15 min: can confirm an error rate
 * above 5.8%, cannot confirm any below 1%").
 */
function sayWhatTrafficDecides(metric, data, options, budget, log) {
    if (data.type !== 'error-rate' || data.canary.length === 0)
        return;
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
    const fmt = (rate) => `${Number((rate * 100).toPrecision(2))}%`;
    const parts = [];
    if (above !== undefined)
        parts.push(confirmAbove !== undefined ? `can confirm ${what} above ${fmt(confirmAbove)} (past ${fmt(above)})` : `cannot confirm any rate past ${fmt(above)}`);
    if (below !== undefined)
        parts.push(confirmBelow !== undefined ? `can confirm one below ${fmt(confirmBelow)} (under ${fmt(below)})` : `cannot confirm any below ${fmt(below)}`);
    if (parts.length === 0)
        return;
    const minutes = options.durationMs / 60_000;
    log(`canary-watch: metric '${metric.name}' at ${Number(perSecond.toPrecision(2))} req/s over ${Number(minutes.toPrecision(3))} min (${requests.toLocaleString('en-US')} requests): ${parts.join('; ')}`);
}
/** The target's queries that gave not one point over the whole watch, named with their metric and field. */
function silentQueries(options, store, target, label) {
    const silent = [];
    for (const metric of options.metrics) {
        // The baseline window is read for the count metrics alone.
        if (target === 'baseline-window' && !counted(metric))
            continue;
        for (const field of fieldsOf(metric)) {
            if ((store.get(key(metric, field, target))?.size ?? 0) === 0)
                silent.push(`metric '${metric.name}' ${field} (${substitute(metric[field], label, options.intervalMs)})`);
        }
    }
    return silent;
}
async function readAll(options, provider, window, store, timeoutMs, only) {
    const targets = only ? [] : [['canary', options.canaryLabel]];
    if (options.baselineLabel !== undefined && (only !== undefined || options.baselineWindowMs === undefined))
        targets.push([only ?? 'baseline', options.baselineLabel]);
    const reads = [];
    for (const metric of options.metrics) {
        if (only && !counted(metric))
            continue;
        for (const field of fieldsOf(metric)) {
            for (const [target, label] of targets) {
                reads.push(provider.range(substitute(metric[field], label, options.intervalMs), window, timeoutMs).then((series) => {
                    const map = store.get(key(metric, field, target)) ?? new Map();
                    for (const [t, value] of checkedPoints(metric, field, target, series, window))
                        map.set(t, value);
                    store.set(key(metric, field, target), map);
                }));
            }
        }
    }
    await Promise.all(reads);
}
function watch_points(map) {
    return map ? [...map.entries()].sort((a, b) => a[0] - b[0]) : [];
}
function dataOf(metric, options, store) {
    const withBaseline = options.baselineLabel !== undefined;
    if (counted(metric)) {
        // A range selector spanning several intervals counts each request that often (allow-overlap): divide it out.
        const factor = metric.overlapFactor ?? 1;
        const counts = (target) => {
            const errors = store.get(key(metric, eventsField(metric), target));
            // Counts from increase() are extrapolated: round them. An interval counts only with both counts: a missing errors point is missing, not zero.
            return watch_points(store.get(key(metric, 'requests', target)))
                .filter(([t]) => errors?.has(t) === true)
                .map(([t, requests]) => ({ requests: Math.round(requests / factor), errors: Math.min(Math.round(requests / factor), Math.round(errors.get(t) / factor)) }));
        };
        if (withBaseline && options.baselineWindowMs !== undefined) {
            const before = counts('baseline-window');
            const total = { requests: before.reduce((sum, point) => sum + point.requests, 0), errors: before.reduce((sum, point) => sum + point.errors, 0) };
            return { type: 'error-rate', canary: counts('canary'), baseline: [total], fixedBaseline: true };
        }
        return { type: 'error-rate', canary: counts('canary'), ...(withBaseline ? { baseline: counts('baseline') } : {}) };
    }
    const values = (target) => watch_points(store.get(key(metric, 'query', target))).map(([, value]) => value);
    return { type: metric.type, canary: values('canary'), ...(withBaseline && options.baselineWindowMs === undefined ? { baseline: values('baseline') } : {}) };
}

;// CONCATENATED MODULE: ./packages/canary/src/sentry.ts



/**
 * Sentry's release health as a metrics provider. The sessions endpoint,
 * https://docs.sentry.io/api/releases/retrieve-release-health-session-statistics/ :
 * `GET /api/0/organizations/{organization_id_or_slug}/sessions/` with `field=sum(session)`, `groupBy=release`,
 * `groupBy=session.status`, `interval`, `start`/`end` (ISO-8601), `project` (IDs), `environment`, `query`; it answers
 * `{"start","end","intervals":[ISO start of each interval],"groups":[{"by":{"release","session.status"},
 * "totals":{"sum(session)":n},"series":{"sum(session)":[n per interval]}}]}`, a group only for what was seen.
 * Session statuses: healthy, errored, crashed, abnormal (mutually exclusive).
 *
 * A query is a small part of Sentry's search syntax: `release:<version>` (required) and optionally
 * `session.status:<status>,<status>`; its value per interval is the sum of those sessions (all statuses when none
 * is named). Sentry documents its interval as at least one hour and rounds the range to it: the watch's interval is
 * passed through as given, so a self-hosted or stand-in Sentry answering finer intervals is read at its own grain.
 *
 * With `sentry-source: events` (where the SDK collects no sessions) the provider counts events instead, from the
 * events time series, https://docs.sentry.io/api/explore/ ("Query Explore Events in Timeseries Format"):
 * `GET /api/0/organizations/{organization_id_or_slug}/events-stats/` with `yAxis=count()`, `query` (Sentry's search
 * syntax: `release:"<v>" event.type:error`), `interval`, `start`/`end`, `project`, `environment`; it answers
 * `{"data":[[<unix seconds of the interval's start>,[{"count":n}]],...],"start","end"}`. A query there is
 * `release:<version> event.type:error` or `event.type:transaction`: error events and transactions (the requests the
 * SDK traced) of the release per interval, so that an error-rate metric divides errors by requests, as the judge
 * does for any provider. Error events alone are no rate: their count per minute moves with the release's share of
 * the traffic.
 */
const SESSION_STATUSES = ['healthy', 'errored', 'crashed', 'abnormal'];
const FIELD = 'sum(session)';
/** Retries of one read after a 429, each only when its Retry-After fits in what is left of the read's budget. */
const MAX_RATE_LIMIT_RETRIES = 3;
/** A query's `key:value` tokens; a value may be quoted ("1.0 beta"). */
function searchTokens(query) {
    return (query.match(/[\w.]+:(?:"[^"]*"|\S+)|\S+/g) ?? []).map((token) => {
        const colon = token.indexOf(':');
        return { token, key: colon > 0 ? token.slice(0, colon) : '', value: token.slice(colon + 1).replace(/^"(.*)"$/, '$1') };
    });
}
/** `release:<v> session.status:a,b`. Anything else is the metric's mistake. */
function parseSentryQuery(query, where) {
    let release;
    let statuses = SESSION_STATUSES;
    for (const { token, key, value } of searchTokens(query)) {
        if (key === 'release' && value !== '')
            release = value;
        else if (key === 'session.status') {
            const named = value.split(',').filter((status) => status !== '');
            const unknown = named.filter((status) => !SESSION_STATUSES.includes(status));
            if (named.length === 0 || unknown.length > 0) {
                throw new src/* ConfigurationError */.j1(`${where}: '${serverText(unknown[0] ?? value)}' is not a session status`, { input: 'metrics' }, `one or more of ${SESSION_STATUSES.join(', ')}, comma-separated`);
            }
            statuses = named;
        }
        else {
            throw new src/* ConfigurationError */.j1(`${where}: '${serverText(token)}' is not part of a Sentry sessions query`, { input: 'metrics' }, 'write release:{{target}} and optionally session.status:errored,crashed,abnormal');
        }
    }
    if (release === undefined)
        throw new src/* ConfigurationError */.j1(`${where}: the Sentry query names no release`, { input: 'metrics' }, 'write release:{{target}}');
    return { release, statuses };
}
const EVENT_TYPES = ['error', 'transaction'];
/** `release:<v> event.type:error|transaction` (sentry-source: events); anything else is the metric's mistake. */
function parseSentryEventsQuery(query, where) {
    let release;
    let eventType;
    const hint = 'write release:{{target}} event.type:error (the errors) or release:{{target}} event.type:transaction (the requests)';
    for (const { token, key, value } of searchTokens(query)) {
        if (key === 'release' && value !== '')
            release = value;
        else if (key === 'event.type' && EVENT_TYPES.includes(value))
            eventType = value;
        else
            throw new src/* ConfigurationError */.j1(`${where}: '${serverText(token)}' is not part of a Sentry events query`, { input: 'metrics' }, hint);
    }
    if (release === undefined)
        throw new src/* ConfigurationError */.j1(`${where}: the Sentry query names no release`, { input: 'metrics' }, hint);
    if (eventType === undefined)
        throw new src/* ConfigurationError */.j1(`${where}: the Sentry events query names no event.type`, { input: 'metrics' }, hint);
    return { release, eventType };
}
function sentryProvider(options, headers, labels, cancel) {
    const service = { name: 'Sentry', input: 'sentry-url' };
    const api = `${options.url}/api/0`;
    const org = encodeURIComponent(options.org);
    let projectId;
    let projectHasSessions;
    const releasesChecked = new Map();
    // errors and requests of one release read one answer: one request per release and look, not two.
    let reads = new Map();
    let readsEnd = Number.NEGATIVE_INFINITY;
    const inputOf = (release) => (release === labels.canary ? 'canary-label' : release === labels.baseline ? 'baseline-label' : 'metrics');
    /**
     * One GET, 429 honoured while its Retry-After fits in the budget; 401/403 name the token; Sentry's `detail` is kept
     * for the caller. `cancel` ends the request and the wait at once.
     */
    const call = async (path, params, timeoutMs) => {
        const deadline = Date.now() + timeoutMs;
        for (let attempt = 0;; attempt++) {
            try {
                return await getJson(`${api}${path}${params.size > 0 ? `?${params.toString()}` : ''}`, headers, Math.max(1, deadline - Date.now()), service, cancel);
            }
            catch (error) {
                if (!(error instanceof ProviderError))
                    throw error;
                if (error.failure === 'refused')
                    throw new ProviderError(`Sentry refused the token (sentry-token): ${error.message.replace(/^.*refused the request: /, '')}`, 'refused');
                const waitMs = error.retryAfterMs;
                if (error.failure !== 'rate-limited' || waitMs === undefined)
                    throw error;
                await (0,src/* waitOutRateLimit */.pO)({
                    waitMs, leftMs: deadline - Date.now(), attempt, maxRetries: MAX_RATE_LIMIT_RETRIES, giveUp: () => error,
                    signal: cancel, cancelled: () => cancelledRequest(service),
                });
            }
        }
    };
    const detail = (body) => serverText((0,src/* isRecord */.u4)(body) ? (body.detail ?? 'no detail') : body);
    /** The body of the organization's sessions or events-stats endpoint, for the project and environment; its statuses named for what they mean. */
    const orgRead = async (endpoint, first, params, timeoutMs, groupBy = []) => {
        const search = new URLSearchParams({ ...first, project: await resolveProject(), ...params });
        for (const group of groupBy)
            search.append('groupBy', group);
        if (options.environment !== undefined)
            search.set('environment', options.environment);
        const { status, body } = await call(`/organizations/${org}/${endpoint}/`, search, timeoutMs);
        if (status === 404)
            throw new src/* ConfigurationError */.j1(`Sentry knows no organization '${options.org}' (HTTP 404: ${detail(body)})`, { input: 'sentry-org' }, 'the organization slug, as in https://sentry.io/organizations/<slug>/');
        if (status === 400)
            throw new ProviderError(`Sentry refused the ${endpoint.replace('-stats', '')} query: HTTP 400: ${detail(body)}`, 'query');
        if (status >= 500)
            throw new ProviderError(`${describe(service)} is failing: HTTP ${status}: ${detail(body)}`, 'outage');
        if (status >= 300)
            throw new ProviderError(`${describe(service)} answered HTTP ${status}: ${detail(body)}`, 'garbage');
        return body;
    };
    const resolveProject = () => {
        if (/^\d+$/.test(options.project))
            return Promise.resolve(options.project);
        // Retrieve a Project: https://docs.sentry.io/api/projects/retrieve-a-project/ answers {"id": "<numeric>", "slug", ...}.
        projectId ??= call(`/projects/${org}/${encodeURIComponent(options.project)}/`, new URLSearchParams(), REQUEST_TIMEOUT_MS).then(({ status, body }) => {
            if (status === 404)
                throw new src/* ConfigurationError */.j1(`Sentry knows no project '${options.project}' in organization '${options.org}' (HTTP 404: ${detail(body)})`, { input: 'sentry-project' }, 'the project slug as in its settings URL, or its numeric ID; and check sentry-org');
            const id = (0,src/* isRecord */.u4)(body) ? body.id : undefined;
            if (status >= 300 || (typeof id !== 'string' && typeof id !== 'number') || !/^\d+$/.test(String(id))) {
                throw new ProviderError(`${describe(service)} answered HTTP ${status} for the project without a numeric id: ${detail(body)}`, status >= 500 ? 'outage' : 'garbage');
            }
            return String(id);
        });
        return projectId;
    };
    const sessions = async (params, groupBy, timeoutMs) => checkedSessions(await orgRead('sessions', { field: FIELD }, params, timeoutMs, groupBy), service);
    const checkProject = () => {
        projectHasSessions ??= sessions({ statsPeriod: '24h', interval: '1h' }, [], REQUEST_TIMEOUT_MS).then(({ groups }) => {
            const total = groups.reduce((sum, group) => sum + group.series.reduce((a, b) => a + b, 0), 0);
            if (total === 0) {
                throw new src/* ConfigurationError */.j1(`Sentry project '${options.project}' has no sessions in the last 24 hours${options.environment ? ` in environment '${options.environment}'` : ''}: no release health to judge`, { input: 'sentry-project' }, 'enable session tracking in the SDK (autoSessionTracking), or watch error events with another provider');
            }
        });
        return projectHasSessions;
    };
    const checkRelease = (release) => {
        let checked = releasesChecked.get(release);
        if (!checked) {
            // Retrieve an Organization's Release: https://docs.sentry.io/api/releases/retrieve-an-organizations-release/ (404: no such version).
            checked = call(`/organizations/${org}/releases/${encodeURIComponent(release)}/`, new URLSearchParams(), REQUEST_TIMEOUT_MS).then(({ status, body }) => {
                if (status === 404)
                    throw new src/* ConfigurationError */.j1(`Sentry knows no release '${serverText(release)}' in organization '${options.org}'`, { input: inputOf(release) }, 'the label must be the SDK\u2019s release (e.g. the build\u2019s git SHA); create it at deploy time with sentry-cli releases new');
                if (status >= 500)
                    throw new ProviderError(`${describe(service)} is failing: HTTP ${status}: ${detail(body)}`, 'outage');
                if (status >= 300)
                    throw new ProviderError(`${describe(service)} answered HTTP ${status} for release '${serverText(release)}': ${detail(body)}`, 'garbage');
            });
            releasesChecked.set(release, checked);
        }
        return checked;
    };
    const readRelease = (release, window, timeoutMs) => {
        if (window.end !== readsEnd) {
            reads = new Map();
            readsEnd = window.end;
        }
        let read = reads.get(release);
        if (!read) {
            read = sessions(windowParams(window, release, ''), ['release', 'session.status'], timeoutMs).then(({ intervals, groups }) => {
                const own = groups.filter((group) => group.by.release === release);
                // No group for the release: Sentry saw none of its sessions. Missing, never zero.
                if (own.length === 0)
                    return undefined;
                const byStatus = new Map();
                for (const group of own) {
                    const status = group.by['session.status'];
                    if (typeof status !== 'string')
                        throw new ProviderError(`${describe(service)} answered a group without a session.status`, 'garbage');
                    byStatus.set(status, group.series);
                }
                return { intervals, byStatus };
            });
            reads.set(release, read);
        }
        return read;
    };
    /** The events time series of one query: per interval start (seconds), its count of events. */
    const eventsStats = async (params, timeoutMs) => checkedEventsStats(await orgRead('events-stats', { yAxis: 'count()' }, params, timeoutMs), service);
    let projectHasTransactions;
    const checkTransactions = () => {
        projectHasTransactions ??= eventsStats({ statsPeriod: '24h', interval: '1h', query: 'event.type:transaction' }, REQUEST_TIMEOUT_MS).then((points) => {
            if (points.reduce((sum, [, count]) => sum + count, 0) === 0) {
                throw new src/* ConfigurationError */.j1(`Sentry project '${options.project}' has no transactions in the last 24 hours${options.environment ? ` in environment '${options.environment}'` : ''}: no requests to count error events against`, { input: 'sentry-project' }, 'enable tracing in the SDK (tracesSampleRate), or collect sessions and use sentry-source: sessions');
            }
        });
        return projectHasTransactions;
    };
    if (options.source === 'events') {
        return {
            async validate(query, where) {
                const { release, eventType } = parseSentryEventsQuery(query, where);
                if (eventType === 'transaction')
                    await checkTransactions();
                await checkRelease(release);
            },
            async range(query, window, timeoutMs) {
                const { release, eventType } = parseSentryEventsQuery(query, 'the query');
                const points = await eventsStats(windowParams(window, release, ` event.type:${eventType}`), timeoutMs);
                // An interval is counted at its end, as the sessions are: the events that happened in it.
                return [{ labels: `release:${serverText(release)} event.type:${eventType}`, points: points.map(([start, count]) => [start + window.stepSeconds, count]) }];
            },
        };
    }
    return {
        async validate(query, where) {
            const { release } = parseSentryQuery(query, where);
            await checkProject();
            await checkRelease(release);
        },
        async range(query, window, timeoutMs) {
            const { release, statuses } = parseSentryQuery(query, 'the query');
            const answer = await readRelease(release, window, timeoutMs);
            if (answer === undefined)
                return [];
            const points = answer.intervals.map((start, index) => [start + window.stepSeconds, statuses.reduce((sum, status) => sum + (answer.byStatus.get(status)?.[index] ?? 0), 0)]);
            return [{ labels: `release:${serverText(release)} ${statuses.join(',')}`, points }];
        },
    };
}
/** The watch's window as Sentry's interval, start (one interval before the first end) and end, and the release's query. */
function windowParams(window, release, more) {
    return {
        interval: `${window.stepSeconds}s`,
        start: new Date((window.start - window.stepSeconds) * 1000).toISOString(),
        end: new Date(window.end * 1000).toISOString(),
        query: `release:"${release.replaceAll('"', '\\"')}"${more}`,
    };
}
/** The events-stats answer checked: `data` a list of [seconds, [{count}]], each count a whole number \u2265 0. */
function checkedEventsStats(body, service) {
    const garbage = (what) => new ProviderError(`${describe(service)} answered events-stats ${what}`, 'garbage');
    if (!(0,src/* isRecord */.u4)(body) || !Array.isArray(body.data))
        throw garbage('without data');
    return body.data.map((entry) => {
        if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'number' || !Number.isFinite(entry[0]) || !Array.isArray(entry[1]))
            throw garbage(`with an entry that is not [time, [{count}]]: ${serverText(entry)}`);
        const counts = entry[1];
        const count = counts.length === 1 && (0,src/* isRecord */.u4)(counts[0]) ? counts[0].count : undefined;
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
            throw garbage(`with a count that is not a whole number of events: ${serverText(counts)}`);
        return [entry[0], count];
    });
}
/** The sessions answer checked: intervals ISO times, each group's series one count (a whole number \u2265 0) per interval. */
function checkedSessions(body, service) {
    const garbage = (what) => new ProviderError(`${describe(service)} answered sessions ${what}`, 'garbage');
    if (!(0,src/* isRecord */.u4)(body) || !Array.isArray(body.intervals) || !Array.isArray(body.groups))
        throw garbage('without intervals and groups');
    const intervals = body.intervals.map((text) => {
        const time = typeof text === 'string' ? Date.parse(text) : Number.NaN;
        if (Number.isNaN(time))
            throw garbage(`with an interval that is not a time: ${serverText(text)}`);
        return time / 1000;
    });
    const groups = body.groups.map((group) => {
        if (!(0,src/* isRecord */.u4)(group) || !(0,src/* isRecord */.u4)(group.by) || !(0,src/* isRecord */.u4)(group.series))
            throw garbage('with a group without by and series');
        const series = group.series[FIELD];
        if (!Array.isArray(series) || series.length !== intervals.length)
            throw garbage(`with a ${FIELD} series that is not one count per interval`);
        for (const value of series) {
            if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
                throw garbage(`with a count that is not a whole number of sessions: ${serverText(value)}`);
        }
        return { by: group.by, series: series };
    });
    return { intervals, groups };
}

;// CONCATENATED MODULE: ./packages/canary/src/providers.ts




/** The largest answer read: a range query of a few metrics over 6 hours is far below it. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** How much of a server's own error text is shown (it is redacted as well, by the run). */
const MAX_SERVER_TEXT = 300;
/** A provider's failure while watching: counted toward max-consecutive-errors, never a pass. */
class ProviderError extends Error {
    name = 'ProviderError';
    failure;
    /** rate-limited: how long the service asked to wait (its Retry-After), when it said. */
    retryAfterMs;
    constructor(message, failure, retryAfterMs) {
        super(message);
        this.failure = failure;
        this.retryAfterMs = retryAfterMs;
    }
}
/** A server's own words, fit for one log line: no control characters, bounded. */
function serverText(value) {
    const text = (typeof value === 'string' ? value : JSON.stringify(value) ?? '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
    return text.length > MAX_SERVER_TEXT ? `${text.slice(0, MAX_SERVER_TEXT)}\u2026` : text;
}
function describe(service) {
    return `${service.name} (${service.input})`;
}
/**
 * GET a JSON answer. Redirects follow edgeFetch's same-origin policy: within the origin they are followed, one to
 * another origin is refused before the token or a custom header is sent there. A status the service uses for
 * refusal, rate limits or outages throws here; other statuses are returned with the body for the provider to read
 * its own error format. `cancel` (a SIGINT/SIGTERM of canary-release) ends the request at once.
 */
async function getJson(url, headers, timeoutMs, service, cancel) {
    const timeout = AbortSignal.timeout(Math.max(1, Math.round(timeoutMs)));
    const signal = cancel ? AbortSignal.any([timeout, cancel]) : timeout;
    let response;
    try {
        response = await (0,src/* edgeFetch */.aI)(url, { headers, signal, redirect: 'same-origin' });
    }
    catch (error) {
        if (cancel?.aborted)
            throw cancelledRequest(service);
        if (error instanceof src/* RedirectRefusedError */.jw) {
            if (error.refusal === 'cross-origin') {
                throw new ProviderError(`${describe(service)} redirected to another origin, ${error.targetOrigin}: refused, the credentials and headers are never sent there (point the input at the final URL)`, 'redirect');
            }
            throw new ProviderError(`${describe(service)} answered ${error.message}`, 'redirect');
        }
        const cause = error.cause;
        const why = signal.aborted ? `no answer within ${Math.round(timeoutMs / 100) / 10}s` : (cause?.code ?? cause?.message ?? error.message);
        throw new ProviderError(`cannot reach ${describe(service)} at ${new URL(url).origin} (${serverText(why)})`, 'unreachable');
    }
    const retryAfter = response.headers.get('retry-after');
    const text = await readBody(response, signal, service, timeoutMs, cancel);
    if (response.status === 401 || response.status === 403) {
        throw new ProviderError(`${describe(service)} refused the request: HTTP ${response.status} (check the token, keys or headers)`, 'refused');
    }
    if (response.status === 429) {
        const seconds = (0,src/* retryAfterSeconds */.C3)(retryAfter, Date.now());
        throw new ProviderError(`${describe(service)} is rate limiting: HTTP 429${retryAfter ? ` (Retry-After ${serverText(retryAfter)})` : ''}`, 'rate-limited', seconds === undefined ? undefined : seconds * 1000);
    }
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        if (response.status >= 500)
            throw new ProviderError(`${describe(service)} is failing: HTTP ${response.status}`, 'outage');
        throw new ProviderError(`${describe(service)} answered HTTP ${response.status} with something that is not JSON`, 'garbage');
    }
    return { status: response.status, body };
}
/** A request or a rate limit's wait ended by the cancel: no evidence, and the watch ends at its next wait. */
function cancelledRequest(service) {
    return new ProviderError(`the request to ${describe(service)} was stopped: the run was cancelled`, 'unreachable');
}
/**
 * Read a body up to MAX_BODY_BYTES: Response.text() reads whatever a server sends, and a watch must not be
 * held (or its memory filled) by an endless answer.
 */
async function readBody(response, signal, service, timeoutMs, cancel) {
    try {
        const reader = response.body?.getReader();
        if (!reader)
            return '';
        const chunks = [];
        let size = 0;
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                return Buffer.concat(chunks).toString('utf8');
            size += value.byteLength;
            if (size > MAX_BODY_BYTES) {
                await reader.cancel();
                throw new ProviderError(`${describe(service)} answered more than ${MAX_BODY_BYTES / 1024 / 1024} MB`, 'garbage');
            }
            chunks.push(value);
        }
    }
    catch (error) {
        if (error instanceof ProviderError)
            throw error;
        if (cancel?.aborted)
            throw cancelledRequest(service);
        if (signal.aborted)
            throw new ProviderError(`${describe(service)} did not finish its answer within ${Math.round(timeoutMs / 100) / 10}s`, 'unreachable');
        throw new ProviderError(`${describe(service)} broke off its answer (${serverText(error.message)})`, 'unreachable');
    }
}
/** Prometheus writes sample values as strings, with NaN, +Inf and -Inf spelled its own way. */
function promValue(text) {
    if (typeof text !== 'string')
        return undefined;
    if (text === 'NaN')
        return Number.NaN;
    if (text === '+Inf' || text === 'Inf')
        return Number.POSITIVE_INFINITY;
    if (text === '-Inf')
        return Number.NEGATIVE_INFINITY;
    return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : undefined;
}
function labelsOf(metric) {
    if (!(0,src/* isRecord */.u4)(metric))
        return '{}';
    return serverText(`{${Object.entries(metric).map(([name, value]) => `${name}="${String(value)}"`).join(', ')}}`);
}
/**
 * Prometheus's HTTP API (and Thanos, Mimir, VictoriaMetrics): range queries over the window, one point per
 * interval, every series kept apart. https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries:
 * `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{...},"values":[[<unix time>,"<value>"]]}]}}`;
 * errors `{"status":"error","errorType":"bad_data","error":"..."}` with 400 (bad parameters), 422 (cannot be
 * executed), 503 (timed out or aborted).
 */
function prometheusProvider(baseUrl, headers, cancel) {
    const service = { name: 'Prometheus', input: 'prometheus-url' };
    const call = async (path, params, timeoutMs) => {
        const { status, body } = await getJson(`${baseUrl}${path}?${new URLSearchParams(params).toString()}`, headers, timeoutMs, service, cancel);
        if (!(0,src/* isRecord */.u4)(body))
            throw new ProviderError(`${describe(service)} answered HTTP ${status} with JSON that is not an API answer`, 'garbage');
        if (body.status === 'success' && status < 300)
            return body.data;
        const detail = `${serverText(body.errorType ?? 'error')}: ${serverText(body.error ?? 'no message')}`;
        if (status === 400 || status === 422)
            throw new ProviderError(`Prometheus answered HTTP ${status}: ${detail}`, 'query');
        if (status >= 500)
            throw new ProviderError(`${describe(service)} is failing: HTTP ${status}: ${detail}`, 'outage');
        throw new ProviderError(`${describe(service)} answered HTTP ${status}: ${detail}`, 'garbage');
    };
    return {
        async validate(query) {
            await call('/api/v1/query', { query }, REQUEST_TIMEOUT_MS);
        },
        async range(query, window, timeoutMs) {
            const data = await call('/api/v1/query_range', { query, start: String(window.start), end: String(window.end), step: `${window.stepSeconds}s` }, timeoutMs);
            if (!(0,src/* isRecord */.u4)(data) || data.resultType !== 'matrix' || !Array.isArray(data.result)) {
                throw new ProviderError(`${describe(service)} answered a range query without a matrix`, 'garbage');
            }
            return data.result.map((entry) => {
                const values = (0,src/* isRecord */.u4)(entry) ? entry.values : undefined;
                if (!Array.isArray(values))
                    throw new ProviderError(`${describe(service)} answered a series without values`, 'garbage');
                const points = values.map((pair) => {
                    const value = Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'number' && Number.isFinite(pair[0]) ? promValue(pair[1]) : undefined;
                    if (value === undefined)
                        throw new ProviderError(`${describe(service)} answered a point that is not [time, "value"]: ${serverText(pair)}`, 'garbage');
                    return [pair[0], value];
                });
                return { labels: labelsOf((0,src/* isRecord */.u4)(entry) ? entry.metric : undefined), points };
            });
        },
    };
}
/**
 * Datadog's metrics query API, https://docs.datadoghq.com/api/latest/metrics/#query-timeseries-points
 * (GET /api/v1/query, from and to in seconds): `{"status":"ok","series":[{"pointlist":[[<ms>, <value or null>]],
 * "scope":"...","expression":"..."}]}`; errors `{"errors":["..."]}` with 400, 403, 429. The query should roll up by
 * the interval, e.g. `sum:trace.http.request.errors{version:{{target}}}.as_count().rollup(sum, {{interval_seconds}})`.
 */
function datadogProvider(baseUrl, headers, cancel) {
    const service = { name: 'Datadog', input: 'datadog-site' };
    const call = async (query, from, to, timeoutMs) => {
        const { status, body } = await getJson(`${baseUrl}/api/v1/query?${new URLSearchParams({ from: String(Math.floor(from)), to: String(Math.ceil(to)), query }).toString()}`, headers, timeoutMs, service, cancel);
        if (!(0,src/* isRecord */.u4)(body))
            throw new ProviderError(`${describe(service)} answered HTTP ${status} with JSON that is not an API answer`, 'garbage');
        if (status >= 400 || body.status === 'error') {
            const errors = Array.isArray(body.errors) ? body.errors.map(serverText).join('; ') : undefined;
            const detail = serverText(body.error ?? errors ?? 'no message');
            if (status >= 500)
                throw new ProviderError(`${describe(service)} is failing: HTTP ${status}: ${detail}`, 'outage');
            throw new ProviderError(`Datadog answered HTTP ${status}: ${detail}`, 'query');
        }
        if (body.series === undefined)
            return [];
        if (!Array.isArray(body.series))
            throw new ProviderError(`${describe(service)} answered series that are not a list`, 'garbage');
        return body.series;
    };
    return {
        async validate(query) {
            const now = Date.now() / 1000;
            await call(query, now - 300, now, REQUEST_TIMEOUT_MS);
        },
        async range(query, window, timeoutMs) {
            const series = await call(query, window.start - window.stepSeconds, window.end, timeoutMs);
            return series.map((entry) => {
                const pointlist = (0,src/* isRecord */.u4)(entry) ? entry.pointlist : undefined;
                if (!Array.isArray(pointlist))
                    throw new ProviderError(`${describe(service)} answered a series without a pointlist`, 'garbage');
                const points = [];
                for (const pair of pointlist) {
                    const good = Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'number' && Number.isFinite(pair[0]) && (pair[1] === null || typeof pair[1] === 'number');
                    if (!good)
                        throw new ProviderError(`${describe(service)} answered a point that is not [ms, value]: ${serverText(pair)}`, 'garbage');
                    // null is Datadog's missing point: missing, never zero.
                    if (pair[1] !== null)
                        points.push([pair[0] / 1000, pair[1]]);
                }
                return { labels: serverText((0,src/* isRecord */.u4)(entry) ? (entry.scope ?? entry.expression ?? '') : ''), points };
            });
        },
    };
}
/** A JSON number, or a string that is exactly one; anything else (null, [], false, "") is not a count. */
function jsonNumber(value) {
    if (typeof value === 'number')
        return value;
    if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value))
        return Number(value);
    return undefined;
}
/**
 * Any HTTP endpoint answering JSON: the query is a URL, the metric's `path` a JSONPath (scripts disabled) to the
 * number of the last interval; each match is a series of one point at the end of the window.
 */
function httpJsonProvider(headers, pathOf, cancel) {
    const read = async (url, timeoutMs) => {
        const { path, metric } = pathOf(url);
        const service = { name: `the endpoint ${new URL(url).origin}`, input: 'metrics' };
        const { status, body } = await getJson(url, headers, timeoutMs, service, cancel);
        if (status >= 500)
            throw new ProviderError(`${describe(service)} is failing: HTTP ${status}`, 'outage');
        if (status >= 400)
            throw new ProviderError(`${describe(service)} answered HTTP ${status}`, 'query');
        const matches = (0,jsonpath_package/* jsonPathPackage */.K)().JSONPath({ path, json: body, wrap: true, eval: false });
        return { matches, service, path, metric };
    };
    return {
        async validate(url, where) {
            const { matches, service, path } = await read(url, REQUEST_TIMEOUT_MS);
            if (matches.length === 0)
                throw new src/* ConfigurationError */.j1(`${where}: the JSONPath ${path} matches nothing in the answer of ${service.name}${new URL(url).pathname}`, { input: 'metrics' }, 'check the path against the endpoint\u2019s JSON');
        },
        async range(url, window, timeoutMs) {
            const { matches, service, path, metric } = await read(url, timeoutMs);
            return matches.map((match, index) => {
                const value = jsonNumber(match);
                if (value === undefined)
                    throw new ProviderError(`metric '${metric}': the JSONPath ${path} found ${serverText(match) || '""'} at ${service.name}, not a number`, 'garbage');
                return { labels: `match ${index + 1}`, points: [[window.end, value]] };
            });
        },
    };
}
/**
 * The provider the options name, with every query checked once (all at a time) before the watch starts. `cancel`: a
 * SIGINT/SIGTERM (canary-release) ends every request, and Sentry's rate-limit waits, at once.
 */
async function openProvider(options, cancel) {
    const headers = { ...options.headers };
    if (options.basicAuth !== undefined)
        headers.Authorization = `Basic ${Buffer.from(options.basicAuth).toString('base64')}`;
    if (options.token)
        headers.Authorization = `Bearer ${options.token}`;
    if (options.sentry)
        headers.Authorization = `Bearer ${options.sentry.token}`;
    const queries = [];
    for (const metric of options.metrics) {
        for (const field of ['errors', 'requests', 'query']) {
            const query = metric[field];
            if (query === undefined)
                continue;
            for (const label of [options.canaryLabel, ...(options.baselineLabel !== undefined ? [options.baselineLabel] : [])]) {
                queries.push({ query: substitute(query, label, options.intervalMs), where: `metric '${metric.name}' ${field}`, path: metric.path, metric: metric.name });
            }
        }
    }
    const provider = chooseProvider(options, headers, queries, cancel);
    if (options.provider === 'http') {
        for (const { query, where } of queries) {
            if (!isHttpUrl(query))
                throw new src/* ConfigurationError */.j1(`${where}: '${query}' is not an http or https URL`, { input: 'metrics' }, 'with provider http every query is the URL of a JSON endpoint');
        }
    }
    await Promise.all(queries.map(async ({ query, where }) => {
        try {
            await provider.validate(query, where);
        }
        catch (error) {
            throw beforeWatching(error, where, query);
        }
    }));
    return provider;
}
function chooseProvider(options, headers, queries, cancel) {
    if (options.provider === 'prometheus')
        return prometheusProvider(options.prometheusUrl, headers, cancel);
    if (options.provider === 'sentry')
        return sentryProvider(options.sentry, headers, { canary: options.canaryLabel, ...(options.baselineLabel !== undefined ? { baseline: options.baselineLabel } : {}) }, cancel);
    if (options.provider === 'datadog')
        return datadogProvider(options.datadog.url, { ...headers, 'DD-API-KEY': options.datadog.apiKey, 'DD-APPLICATION-KEY': options.datadog.appKey }, cancel);
    const paths = new Map(queries.map(({ query, path, metric }) => [query, { path, metric }]));
    return httpJsonProvider(headers, (url) => paths.get(url) ?? { path: '$', metric: url }, cancel);
}
function isHttpUrl(text) {
    try {
        const url = new URL(text);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
    }
    catch {
        return false;
    }
}
/** Before the watch: a query the service rejects is the user's to fix; the service failing is the environment's. */
function beforeWatching(error, where, query) {
    if (!(error instanceof Error))
        return new Error(String(error));
    if (!(error instanceof ProviderError))
        return error;
    if (error.failure === 'query')
        return new src/* ConfigurationError */.j1(`${where}: ${error.message}`, { input: 'metrics' }, `the query was: ${query}`);
    return new src/* EnvironmentError */.eG(`${where}: ${error.message}`);
}

;// CONCATENATED MODULE: ./packages/canary/src/run.ts




const VERDICT_STATUS = { pass: 'pass', alert: 'warn', fail: 'fail', insufficient: 'skipped' };
const DECISION_SCORE = { promote: 100, inconclusive: 50, rollback: 0 };
const SCORE_POINTS = { pass: 1, alert: 0.5, fail: 0, insufficient: 0 };
/** The gate's run: open the provider (every query checked first), watch, and write the decision as a result. */
async function runCanaryWatch(options, env) {
    // Servers echo what they were sent (an Authorization header in an error): every line out is redacted, not only the result.
    const secrets = [...(0,src_options/* secretsOf */.Fj)(options), ...env.secrets];
    const log = (text) => env.log((0,src/* redactText */.Rd)(text, secrets));
    const provider = await openProvider(options).catch((error) => {
        throw redactError(error, secrets);
    });
    log(`canary-watch: watching ${options.metrics.length} metric${options.metrics.length === 1 ? '' : 's'} of '${options.canaryLabel}'${options.baselineLabel ? ` against '${options.baselineLabel}'` : ''} every ${options.intervalMs / 1000}s for ${options.durationMs / 1000}s`);
    const outcome = await watchCanary(options, {
        provider,
        now: () => Date.now(),
        sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
        log,
    });
    return (0,src/* redactSecrets */.fp)(canaryResult(options, outcome, env), secrets);
}
/** The same error, its text redacted; anything that is not the user's or the environment's stays a bug. */
function redactError(error, secrets) {
    if (error instanceof src/* ConfigurationError */.j1)
        return new src/* ConfigurationError */.j1((0,src/* redactText */.Rd)(error.message, secrets), error.location, error.hint === undefined ? undefined : (0,src/* redactText */.Rd)(error.hint, secrets));
    if (error instanceof src/* EnvironmentError */.eG)
        return new src/* EnvironmentError */.eG((0,src/* redactText */.Rd)(error.message, secrets));
    if (error instanceof Error)
        error.message = (0,src/* redactText */.Rd)(error.message, secrets);
    return error;
}
function statusOf(options, outcome) {
    if (outcome.decision === 'rollback')
        return 'fail';
    if (outcome.decision === 'inconclusive')
        return options.decisionFailOn === 'inconclusive' ? 'fail' : 'warn';
    return outcome.judgements.some((judgement) => judgement.verdict === 'alert') ? 'warn' : 'pass';
}
/** Score: the share of metrics passing, 0\u2013100 (an alert counts half), as Kayenta scores a canary. */
function canaryScore(judgements) {
    if (judgements.length === 0)
        return 0;
    const points = judgements.reduce((total, judgement) => total + SCORE_POINTS[judgement.verdict], 0);
    return Math.round((100 * points) / judgements.length);
}
function canaryResult(options, outcome, env) {
    const status = statusOf(options, outcome);
    const checks = outcome.judgements.map((judgement) => {
        const spec = options.metrics.find((metric) => metric.name === judgement.name);
        // Rates are fractions in the judgement and percent in the result.
        const shown = (value) => (spec.type === 'error-rate' ? value * 100 : value);
        const details = { verdict: judgement.verdict, n: judgement.n, type: spec.type };
        const check = {
            name: judgement.name,
            status: VERDICT_STATUS[judgement.verdict],
            value: judgement.canary === undefined ? 0 : shown(judgement.canary),
            unit: spec.type === 'error-rate' ? 'percent' : spec.type === 'latency' ? 'ms' : 'count',
            message: judgement.reason,
            details,
        };
        // The contract needs a number: with no data the value is 0 and `measured: false` says it is not a measurement.
        if (judgement.canary === undefined)
            details.measured = false;
        if (judgement.baseline !== undefined)
            check.baseline = shown(judgement.baseline);
        if (spec.rollback !== undefined)
            check.limit = shown(spec.rollback);
        if (judgement.baselineN !== undefined)
            details.baselineN = judgement.baselineN;
        if (judgement.p !== undefined)
            details.p = judgement.p;
        if (judgement.effect !== undefined)
            details.effect = shown(judgement.effect);
        if (judgement.superiority !== undefined)
            details.superiority = judgement.superiority;
        if (judgement.test)
            details.test = judgement.test;
        return check;
    });
    const items = [];
    for (const [name, series] of Object.entries(outcome.series)) {
        const spec = options.metrics.find((metric) => metric.name === name);
        const scale = spec.type === 'error-rate' ? 100 : spec.type === 'latency' && spec.unit === 'seconds' ? 1000 : 1;
        const base = new Map(series.baseline ?? []);
        for (const [t, value] of series.canary) {
            const baseline = base.get(t);
            items.push({ id: `${name}@${t}`, metric: name, t, canary: Number.isFinite(value) ? value * scale : null, baseline: baseline !== undefined && Number.isFinite(baseline) ? baseline * scale : null });
        }
    }
    const messages = [...env.messages];
    if (outcome.decision !== 'promote')
        messages.push({ level: outcome.decision === 'rollback' || status === 'fail' ? 'error' : 'warning', text: `${outcome.decision}: ${outcome.reason}`, title: 'canary-watch' });
    const score = canaryScore(outcome.judgements);
    return (0,src/* createResult */.kF)({
        gate: 'canary-watch',
        status,
        headline: `${outcome.decision}: ${outcome.reason}`,
        ...(env.commit ? { commit: env.commit } : {}),
        ...(env.ref ? { ref: env.ref } : {}),
        metrics: { score, decision: DECISION_SCORE[outcome.decision], elapsedSeconds: Math.round(outcome.elapsedMs / 1000), looks: outcome.looks.length, providerErrors: outcome.providerErrors },
        checks,
        items,
        messages,
        settings: { decision: outcome.decision, provider: options.provider, interval: options.intervalMs / 1000, duration: options.durationMs / 1000, canary: options.canaryLabel, ...(options.baselineLabel ? { baseline: options.baselineLabel } : {}), falseRollbackRate: options.falseRollbackRate, failOn: options.decisionFailOn },
    });
}


/***/ })

};
