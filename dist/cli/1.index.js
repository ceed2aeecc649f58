export const id = 1;
export const ids = [1];
export const modules = {

/***/ 9001:
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

// EXTERNAL MODULE: ./packages/core/src/index.ts + 20 modules
var src = __webpack_require__(606);
// EXTERNAL MODULE: ./packages/canary/src/options.ts
var src_options = __webpack_require__(6404);
// EXTERNAL MODULE: ./node_modules/jsonpath-plus/dist/index-node-esm.js
var index_node_esm = __webpack_require__(6229);
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
var jstat = __webpack_require__(2453);
var jstat_default = /*#__PURE__*/__webpack_require__.n(jstat);
;// CONCATENATED MODULE: ./packages/canary/src/stats.ts

// jstat is CommonJS: its named export reaches ESM through the default.
const { jStat } = (jstat_default());
/** P(Z > z) for a standard normal Z. */
function normalUpperTail(z) {
    return jStat.normal.cdf(-z, 0, 1);
}
/** The z with P(Z > z) = alpha. */
function normalQuantileUpper(alpha) {
    return jStat.normal.inv(1 - alpha, 0, 1);
}
/** Wilson score interval of x successes in n trials at two-sided confidence 1 - 2\u00b7alpha (each side alpha). */
function wilsonInterval(x, n, alpha) {
    if (n <= 0)
        return { lower: 0, upper: 1 };
    const z = normalQuantileUpper(alpha);
    const p = x / n;
    const z2 = z * z;
    const denominator = 1 + z2 / n;
    const center = (p + z2 / (2 * n)) / denominator;
    const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
    return { lower: Math.max(0, center - half), upper: Math.min(1, center + half) };
}
/**
 * One-sided two-proportion test that the first rate is greater, as R's
 * `prop.test(c(x1, x2), c(n1, n2), alternative = "greater")` computes it:
 * the chi-squared statistic of the 2\u00d72 table with Yates' continuity
 * correction, signed by the difference.
 */
function twoProportionGreater(x1, n1, x2, n2) {
    const p1 = x1 / n1;
    const p2 = x2 / n2;
    const delta = p1 - p2;
    const pooled = (x1 + x2) / (n1 + n2);
    if (pooled === 0 || pooled === 1)
        return { z: 0, p: 1 };
    const yates = Math.min(0.5, Math.abs(delta) / (1 / n1 + 1 / n2));
    let chi = 0;
    for (const [observed, n] of [
        [x1, n1],
        [x2, n2],
    ]) {
        for (const [o, e] of [
            [observed, n * pooled],
            [n - observed, n * (1 - pooled)],
        ]) {
            chi += (Math.abs(o - e) - yates) ** 2 / e;
        }
    }
    const z = Math.sign(delta) * Math.sqrt(chi);
    return { z, p: normalUpperTail(z) };
}
/**
 * Fisher's exact test, one-sided (the first group's rate greater), as R's
 * `fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2), alternative = "greater")`:
 * P(X \u2265 x1) for X hypergeometric with the table's margins.
 */
function fisherGreater(x1, n1, x2, n2) {
    const population = n1 + n2;
    const successes = x1 + x2;
    const top = Math.min(successes, n1);
    let p = 0;
    for (let k = x1; k <= top; k++)
        p += jStat.hypgeom.pdf(k, population, successes, n1);
    return Math.min(1, p);
}
/**
 * Mann-Whitney U (Wilcoxon rank-sum), one-sided "first greater", as R's
 * `wilcox.test(x, y, alternative = "greater")`: the exact distribution when
 * both samples are under 50 and there are no ties, else the normal
 * approximation with tie and continuity corrections.
 */
function mannWhitneyGreater(x, y) {
    const n1 = x.length;
    const n2 = y.length;
    if (n1 === 0 || n2 === 0)
        return { u: 0, p: 1, method: 'exact', shift: 0, effect: 0.5 };
    const all = [...x.map((value) => ({ value, first: true })), ...y.map((value) => ({ value, first: false }))].sort((a, b) => a.value - b.value);
    const ranks = new Array(all.length);
    const tieSizes = [];
    for (let i = 0; i < all.length;) {
        let j = i;
        while (j + 1 < all.length && all[j + 1].value === all[i].value)
            j++;
        const rank = (i + j + 2) / 2;
        for (let k = i; k <= j; k++)
            ranks[k] = rank;
        if (j > i)
            tieSizes.push(j - i + 1);
        i = j + 1;
    }
    let rankSum = 0;
    all.forEach((entry, index) => {
        if (entry.first)
            rankSum += ranks[index];
    });
    const u = rankSum - (n1 * (n1 + 1)) / 2;
    const shift = hodgesLehmannShift(x, y);
    const effect = u / (n1 * n2);
    if (n1 < 50 && n2 < 50 && tieSizes.length === 0) {
        return { u, p: exactUpperTail(n1, n2, u), method: 'exact', shift, effect };
    }
    const n = n1 + n2;
    const tieTerm = tieSizes.reduce((sum, t) => sum + (t ** 3 - t), 0);
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const centered = u - (n1 * n2) / 2;
    if (sigma === 0)
        return { u, p: 1, method: 'normal', shift, effect };
    const z = (centered - 0.5) / sigma;
    return { u, p: normalUpperTail(z), method: 'normal', shift, effect };
}
/** P(U \u2265 u) under the null, by counting arrangements (the recursion of Mann and Whitney, 1947). */
function exactUpperTail(n1, n2, u) {
    // counts[j][k]: arrangements of i firsts and j seconds with U = k, built up over i.
    const maxU = n1 * n2;
    let previous = Array.from({ length: n2 + 1 }, () => [1]);
    for (let i = 1; i <= n1; i++) {
        const current = [];
        for (let j = 0; j <= n2; j++) {
            const size = i * j + 1;
            const row = new Array(size).fill(0);
            // The largest value is a first (adds j to U) or a second.
            const withFirst = previous[j];
            for (let k = 0; k < withFirst.length; k++)
                row[k + j] += withFirst[k];
            if (j > 0) {
                const withSecond = current[j - 1];
                for (let k = 0; k < withSecond.length; k++)
                    row[k] += withSecond[k];
            }
            current.push(row);
        }
        previous = current;
    }
    const distribution = previous[n2];
    let total = 0;
    let tail = 0;
    for (let k = 0; k <= maxU; k++) {
        total += distribution[k] ?? 0;
        if (k >= u - 1e-9)
            tail += distribution[k] ?? 0;
    }
    return tail / total;
}
function hodgesLehmannShift(x, y) {
    const differences = [];
    for (const a of x)
        for (const b of y)
            differences.push(a - b);
    return median(differences);
}
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

;// CONCATENATED MODULE: ./packages/canary/src/judge.ts

const pct = (value) => `${(value * 100).toFixed(value < 0.01 ? 2 : 1)}%`;
/** A difference of two rates, in percentage points. */
const points = (value) => `${(value * 100).toFixed(Math.abs(value) < 0.01 ? 2 : 1)} percentage points`;
/** Judge one metric on the data so far, at a look whose false-alarm budget is `alpha`. */
function judgeMetric(spec, data, alpha) {
    return data.type === 'error-rate' ? judgeErrorRate(spec, data, alpha) : judgeValues(spec, data, alpha);
}
function judgeErrorRate(spec, data, alpha) {
    const errors = sum(data.canary.map((point) => point.errors));
    const requests = sum(data.canary.map((point) => point.requests));
    const base = data.baseline ? { errors: sum(data.baseline.map((point) => point.errors)), requests: sum(data.baseline.map((point) => point.requests)) } : undefined;
    const judgement = { name: spec.name, verdict: 'insufficient', reason: '', n: requests };
    if (base)
        judgement.baselineN = base.requests;
    if (requests > 0)
        judgement.canary = errors / requests;
    if (base && base.requests > 0)
        judgement.baseline = base.errors / base.requests;
    if (requests < spec.minSamples) {
        judgement.reason = `${requests} requests, fewer than the ${spec.minSamples} needed: not evidence either way`;
        return judgement;
    }
    const { lower, upper } = wilsonInterval(errors, requests, alpha);
    judgement.lower = lower;
    judgement.upper = upper;
    const bounds = `${pct(errors / requests)} (${pct(lower)}\u2013${pct(upper)})`;
    if (spec.rollback !== undefined && lower > spec.rollback) {
        return { ...judgement, verdict: 'fail', reason: `error rate ${bounds}: even its lower bound is above the rollback level ${pct(spec.rollback)}` };
    }
    let notWorse;
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
    if (notWorse)
        return { ...judgement, verdict: 'pass', reason: `error rate ${bounds}, ${notWorse}` };
    return { ...judgement, reason: `error rate ${bounds}: not yet clear of ${pct(level ?? 0)}` };
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



/** The longest one request may take during the watch (shortened to the interval, and to what is left of the deadline). */
const WATCH_REQUEST_TIMEOUT_MS = 10_000;
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
    const requestTimeoutMs = Math.min(WATCH_REQUEST_TIMEOUT_MS, options.intervalMs);
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
        const alpha = alphaForLook(budget, previous, look / looksTotal);
        judgements = options.metrics.map((metric) => judgeMetric(metric, dataOf(metric, options, store), alpha));
        const verdicts = {};
        for (const judgement of judgements)
            verdicts[judgement.name] = judgement.verdict;
        looks.push({ elapsed, verdicts });
        const samples = judgements.map((judgement) => `${judgement.name} ${judgement.verdict} (n ${judgement.n})`).join(', ');
        deps.log(`canary-watch ${elapsed.toFixed(0)}s of ${options.durationMs / 1000}s, look ${look}/${looksTotal}: ${samples}`);
        for (const [index, metric] of options.metrics.entries()) {
            const judgement = judgements[index];
            failStreak.set(metric.name, judgement.verdict === 'fail' ? (failStreak.get(metric.name) ?? 0) + 1 : 0);
            if (metric.critical && failStreak.get(metric.name) >= options.failureLimit) {
                decision = 'rollback';
                reason = `${metric.name} failed ${failStreak.get(metric.name)} look${failStreak.get(metric.name) === 1 ? '' : 's'} in a row: ${judgement.reason}`;
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
        const silentBaseline = options.baselineLabel === undefined ? [] : silentQueries(options, store, 'baseline', options.baselineLabel);
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
            if (metric.type !== 'error-rate')
                return watch_points(store.get(key(metric, 'query', target)));
            const errors = store.get(key(metric, 'errors', target));
            return watch_points(store.get(key(metric, 'requests', target))).map(([t, requests]) => [t, requests > 0 && errors?.has(t) ? errors.get(t) / requests : Number.NaN]);
        };
        series[metric.name] = { canary: read('canary'), ...(options.baselineLabel !== undefined ? { baseline: read('baseline') } : {}) };
    }
    return { decision, reason, judgements, looks, series, elapsedMs: deps.now() - start, providerErrors };
}
function key(metric, field, target) {
    return `${metric.name}\u0000${field}\u0000${target}`;
}
function fieldsOf(metric) {
    return metric.type === 'error-rate' ? ['errors', 'requests'] : ['query'];
}
/** The target's queries that gave not one point over the whole watch, named with their metric and field. */
function silentQueries(options, store, target, label) {
    const silent = [];
    for (const metric of options.metrics) {
        for (const field of fieldsOf(metric)) {
            if ((store.get(key(metric, field, target))?.size ?? 0) === 0)
                silent.push(`metric '${metric.name}' ${field} (${substitute(metric[field], label, options.intervalMs)})`);
        }
    }
    return silent;
}
async function readAll(options, provider, window, store, timeoutMs) {
    const targets = [['canary', options.canaryLabel]];
    if (options.baselineLabel !== undefined)
        targets.push(['baseline', options.baselineLabel]);
    const reads = [];
    for (const metric of options.metrics) {
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
    if (metric.type === 'error-rate') {
        const counts = (target) => {
            const errors = store.get(key(metric, 'errors', target));
            // Counts from increase() are extrapolated: round them. An interval counts only with both counts: a missing errors point is missing, not zero.
            return watch_points(store.get(key(metric, 'requests', target)))
                .filter(([t]) => errors?.has(t) === true)
                .map(([t, requests]) => ({ requests: Math.round(requests), errors: Math.min(Math.round(requests), Math.round(errors.get(t))) }));
        };
        return { type: 'error-rate', canary: counts('canary'), ...(withBaseline ? { baseline: counts('baseline') } : {}) };
    }
    const values = (target) => watch_points(store.get(key(metric, 'query', target))).map(([, value]) => value);
    return { type: metric.type, canary: values('canary'), ...(withBaseline ? { baseline: values('baseline') } : {}) };
}

;// CONCATENATED MODULE: ./packages/canary/src/providers.ts



/** The longest a single request may take; the watch shortens it to its interval and to what is left of its deadline. */
const REQUEST_TIMEOUT_MS = 10_000;
/** The largest answer read: a range query of a few metrics over 6 hours is far below it. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/** How much of a server's own error text is shown (it is redacted as well, by the run). */
const MAX_SERVER_TEXT = 300;
/** A provider's failure while watching: counted toward max-consecutive-errors, never a pass. */
class ProviderError extends Error {
    name = 'ProviderError';
    failure;
    constructor(message, failure) {
        super(message);
        this.failure = failure;
    }
}
/** A server's own words, fit for one log line: no control characters, bounded. */
function serverText(value) {
    const text = (typeof value === 'string' ? value : JSON.stringify(value) ?? '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
    return text.length > MAX_SERVER_TEXT ? `${text.slice(0, MAX_SERVER_TEXT)}\u2026` : text;
}
/**
 * Read a body up to MAX_BODY_BYTES: Response.text() reads whatever a server sends, and a watch must not be
 * held (or its memory filled) by an endless answer.
 */
async function boundedText(response, service) {
    const reader = response.body?.getReader();
    if (!reader)
        return '';
    const chunks = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        size += value.byteLength;
        if (size > MAX_BODY_BYTES) {
            await reader.cancel();
            throw new ProviderError(`${describe(service)} answered more than ${MAX_BODY_BYTES / 1024 / 1024} MB`, 'garbage');
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
}
function describe(service) {
    return `${service.name} (${service.input})`;
}
/**
 * GET a JSON answer. Redirects are followed by hand within the origin only: fetch would carry the token and the
 * custom headers to any host a redirect names. A status the service uses for refusal, rate limits or outages
 * throws here; other statuses are returned with the body for the provider to read its own error format.
 */
async function getJson(url, headers, timeoutMs, service) {
    const signal = AbortSignal.timeout(Math.max(1, Math.round(timeoutMs)));
    let current = new URL(url);
    for (let hop = 0;; hop++) {
        let response;
        try {
            response = await (0,src/* edgeFetch */.aI)(current, { headers, signal, redirect: 'manual' });
        }
        catch (error) {
            const cause = error.cause;
            const why = signal.aborted ? `no answer within ${Math.round(timeoutMs / 100) / 10}s` : (cause?.code ?? cause?.message ?? error.message);
            throw new ProviderError(`cannot reach ${describe(service)} at ${current.origin} (${serverText(why)})`, 'unreachable');
        }
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location !== null) {
            await response.body?.cancel();
            const next = new URL(location, current);
            if (next.origin !== current.origin) {
                throw new ProviderError(`${describe(service)} redirected to another origin, ${next.origin}: refused, the credentials and headers are never sent there (point the input at the final URL)`, 'redirect');
            }
            if (hop >= MAX_REDIRECTS)
                throw new ProviderError(`${describe(service)} redirected more than ${MAX_REDIRECTS} times`, 'redirect');
            current = next;
            continue;
        }
        const retryAfter = response.headers.get('retry-after');
        const text = await readBody(response, signal, service, timeoutMs);
        if (response.status === 401 || response.status === 403) {
            throw new ProviderError(`${describe(service)} refused the request: HTTP ${response.status} (check the token, keys or headers)`, 'refused');
        }
        if (response.status === 429) {
            throw new ProviderError(`${describe(service)} is rate limiting: HTTP 429${retryAfter ? ` (Retry-After ${serverText(retryAfter)})` : ''}`, 'rate-limited');
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
}
async function readBody(response, signal, service, timeoutMs) {
    try {
        return await boundedText(response, service);
    }
    catch (error) {
        if (error instanceof ProviderError)
            throw error;
        if (signal.aborted)
            throw new ProviderError(`${describe(service)} did not finish its answer within ${Math.round(timeoutMs / 100) / 10}s`, 'unreachable');
        throw new ProviderError(`${describe(service)} broke off its answer (${serverText(error.message)})`, 'unreachable');
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
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
    if (!isRecord(metric))
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
function prometheusProvider(baseUrl, headers, service = { name: 'Prometheus', input: 'prometheus-url' }) {
    const call = async (path, params, timeoutMs) => {
        const { status, body } = await getJson(`${baseUrl}${path}?${new URLSearchParams(params).toString()}`, headers, timeoutMs, service);
        if (!isRecord(body))
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
            if (!isRecord(data) || data.resultType !== 'matrix' || !Array.isArray(data.result)) {
                throw new ProviderError(`${describe(service)} answered a range query without a matrix`, 'garbage');
            }
            return data.result.map((entry) => {
                const values = isRecord(entry) ? entry.values : undefined;
                if (!Array.isArray(values))
                    throw new ProviderError(`${describe(service)} answered a series without values`, 'garbage');
                const points = values.map((pair) => {
                    const value = Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'number' && Number.isFinite(pair[0]) ? promValue(pair[1]) : undefined;
                    if (value === undefined)
                        throw new ProviderError(`${describe(service)} answered a point that is not [time, "value"]: ${serverText(pair)}`, 'garbage');
                    return [pair[0], value];
                });
                return { labels: labelsOf(isRecord(entry) ? entry.metric : undefined), points };
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
function datadogProvider(baseUrl, headers, service = { name: 'Datadog', input: 'datadog-site' }) {
    const call = async (query, from, to, timeoutMs) => {
        const { status, body } = await getJson(`${baseUrl}/api/v1/query?${new URLSearchParams({ from: String(Math.floor(from)), to: String(Math.ceil(to)), query }).toString()}`, headers, timeoutMs, service);
        if (!isRecord(body))
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
                const pointlist = isRecord(entry) ? entry.pointlist : undefined;
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
                return { labels: serverText(isRecord(entry) ? (entry.scope ?? entry.expression ?? '') : ''), points };
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
function httpJsonProvider(headers, pathOf) {
    const read = async (url, timeoutMs) => {
        const { path, metric } = pathOf(url);
        const service = { name: `the endpoint ${new URL(url).origin}`, input: 'metrics' };
        const { status, body } = await getJson(url, headers, timeoutMs, service);
        if (status >= 500)
            throw new ProviderError(`${describe(service)} is failing: HTTP ${status}`, 'outage');
        if (status >= 400)
            throw new ProviderError(`${describe(service)} answered HTTP ${status}`, 'query');
        const matches = (0,index_node_esm/* JSONPath */.E)({ path, json: body, wrap: true, eval: false });
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
/** The provider the options name, with every query checked once (all at a time) before the watch starts. */
async function openProvider(options) {
    const headers = { ...options.headers };
    if (options.basicAuth !== undefined)
        headers.Authorization = `Basic ${Buffer.from(options.basicAuth).toString('base64')}`;
    if (options.token)
        headers.Authorization = `Bearer ${options.token}`;
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
    const provider = chooseProvider(options, headers, queries);
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
function chooseProvider(options, headers, queries) {
    if (options.provider === 'prometheus')
        return prometheusProvider(options.prometheusUrl, headers);
    if (options.provider === 'datadog')
        return datadogProvider(options.datadog.url, { ...headers, 'DD-API-KEY': options.datadog.apiKey, 'DD-APPLICATION-KEY': options.datadog.appKey });
    const paths = new Map(queries.map(({ query, path, metric }) => [query, { path, metric }]));
    return httpJsonProvider(headers, (url) => paths.get(url) ?? { path: '$', metric: url });
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
async function runCanaryWatch(options, env, overrides = {}) {
    // Servers echo what they were sent (an Authorization header in an error): every line out is redacted, not only the result.
    const secrets = [...(0,src_options/* secretsOf */.Fj)(options), ...env.secrets];
    const log = (text) => env.log((0,src/* redactText */.Rd)(text, secrets));
    let provider;
    try {
        provider = overrides.provider ?? (await openProvider(options));
    }
    catch (error) {
        throw redactError(error, secrets);
    }
    log(`canary-watch: watching ${options.metrics.length} metric${options.metrics.length === 1 ? '' : 's'} of '${options.canaryLabel}'${options.baselineLabel ? ` against '${options.baselineLabel}'` : ''} every ${options.intervalMs / 1000}s for ${options.durationMs / 1000}s`);
    const outcome = await watchCanary(options, {
        provider,
        now: overrides.now ?? (() => Date.now()),
        sleep: overrides.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms))),
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
    const anyAlert = outcome.judgements.some((judgement) => judgement.verdict === 'alert');
    return anyAlert ? 'warn' : 'pass';
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
        const rate = spec.type === 'error-rate';
        const check = {
            name: judgement.name,
            status: VERDICT_STATUS[judgement.verdict],
            value: judgement.canary === undefined ? 0 : rate ? judgement.canary * 100 : judgement.canary,
            unit: rate ? 'percent' : spec.type === 'latency' ? 'ms' : 'count',
            message: judgement.reason,
            details: { verdict: judgement.verdict, n: judgement.n, type: spec.type },
        };
        // The contract needs a number: with no data the value is 0 and `measured: false` says it is not a measurement.
        if (judgement.canary === undefined)
            check.details.measured = false;
        if (judgement.baseline !== undefined)
            check.baseline = rate ? judgement.baseline * 100 : judgement.baseline;
        if (spec.rollback !== undefined)
            check.limit = rate ? spec.rollback * 100 : spec.rollback;
        const details = check.details;
        if (judgement.baselineN !== undefined)
            details.baselineN = judgement.baselineN;
        if (judgement.p !== undefined)
            details.p = judgement.p;
        if (judgement.effect !== undefined)
            details.effect = rate ? judgement.effect * 100 : judgement.effect;
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
