export const id = 192;
export const ids = [192];
export const modules = {

/***/ 8870:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $i: () => (/* binding */ resolveOptions),
/* harmony export */   Eg: () => (/* binding */ BUNDLE_BUDGET_OPTIONS),
/* harmony export */   Qh: () => (/* binding */ INPUT_NAMES),
/* harmony export */   k6: () => (/* binding */ GATE)
/* harmony export */ });
/* unused harmony export COMPRESSIONS */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5758);

const GATE = 'bundle-budget';
const COMPRESSIONS = ['gzip', 'brotli', 'raw'];
/** The inputs both edges (action and CLI) accept, as raw strings; absent or empty means "not given". */
const INPUT_NAMES = [
    'path',
    'name',
    'max',
    'compression',
    'max-increase',
    'gzip-level',
    'brotli-quality',
    'baseline',
    'fail-on',
    'allow-empty',
];
const LIMITS = {
    path: { type: 'string-list', description: 'Globs of the files measured together (! excludes).' },
    max: { type: 'string-or-number', description: 'Largest allowed size, e.g. 400 kB, 1.5 MB, 512 KiB or bytes.' },
    warn: { type: 'string-or-number', description: 'Size above which the budget warns without failing.' },
    compression: { type: 'string', enum: COMPRESSIONS, description: 'gzip, brotli or raw; default: the section\'s compression.' },
    'max-increase': { type: 'string-or-number', description: 'How much it may grow against the baseline, e.g. 2% or 5 kB.' },
};
/** The `bundle-budget:` section's keys: checked by the config file, written into the JSON Schema. */
const BUNDLE_BUDGET_OPTIONS = {
    budgets: { type: 'list', description: 'The budgets: each a name, globs and limits.', keys: { name: { type: 'string', description: 'Shown in tables; default: its globs.' }, ...LIMITS } },
    total: { type: 'map', description: 'Limits of the whole output (every file any budget measured, or path when set).', keys: LIMITS },
    compression: { type: 'string', enum: COMPRESSIONS, default: 'gzip' },
    'max-increase': { type: 'string-or-number' },
    'gzip-level': { type: 'number', minimum: 1, maximum: 9, integer: true, default: 9 },
    'brotli-quality': { type: 'number', minimum: 0, maximum: 11, integer: true, default: 11 },
    'allow-empty': { type: 'boolean', default: false },
    ..._roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .COMMON_GATE_OPTIONS */ .L8,
};
/**
 * Merge the config file's `bundle-budget:` section with the inputs: an input,
 * when given, wins over the file. `path` (with `max`, `name`) replaces the
 * file's budgets with one budget, the quick one-budget case.
 */
function resolveOptions(section, inputs, workspace) {
    section.rejectUnknown(Object.keys(BUNDLE_BUDGET_OPTIONS));
    const given = (name) => (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, name);
    const input = (name) => ({ input: name });
    const from = (name) => (given(name) ? input(name) : section.locate(name));
    const compression = given('compression')
        ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(given('compression'), COMPRESSIONS, input('compression'))
        : (section.oneOf('compression', COMPRESSIONS) ?? 'gzip');
    const maxIncreaseText = given('max-increase') ?? section.stringOrNumber('max-increase');
    const maxIncrease = maxIncreaseText === undefined ? undefined : (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseIncrease */ .KW)(maxIncreaseText, from('max-increase'));
    // Range and default from the option's definition: the schema says the same.
    const level = (name) => {
        const definition = BUNDLE_BUDGET_OPTIONS[name];
        const text = given(name);
        return text ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(text, input(name), (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rangeOf */ .uB)(definition)) : (section.number(name, (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rangeOf */ .uB)(definition)) ?? definition.default);
    };
    const gzipLevel = level('gzip-level');
    const brotliQuality = level('brotli-quality');
    const defaults = { compression, ...(maxIncrease ? { maxIncrease } : {}) };
    let budgets;
    if (given('path')) {
        const patterns = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .splitList */ .ry)(given('path'));
        budgets = [
            {
                name: given('name') ?? 'bundle',
                patterns,
                ...defaults,
                ...(given('max') ? { max: (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB)(given('max'), input('max')) } : {}),
                origin: input('path'),
            },
        ];
    }
    else {
        budgets = section.sections('budgets').map((entry) => readBudget(entry, defaults));
        if (given('max')) {
            if (budgets.length !== 1) {
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(budgets.length === 0 ? 'there is no budget for it to limit' : `the config has ${budgets.length} budgets and one max cannot apply to all`, input('max'), budgets.length === 0 ? "give the input 'path' too" : 'set max on each budget in the config');
            }
            budgets[0].max = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB)(given('max'), input('max'));
        }
    }
    if (given('name') && !given('path'))
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1("'name' names the budget given by 'path'", input('name'), "give 'path' too");
    if (budgets.length === 0) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('nothing to measure', section.file ? section.locate() : input('path'), `give the input 'path' (globs of the build output) or a list under bundle-budget.budgets in ${section.file ?? '.github/roadstop.yml'}`);
    }
    const names = new Set();
    for (const budget of budgets) {
        if (names.has(budget.name))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`two budgets are named '${budget.name}'`, budget.origin, 'names must be unique');
        names.add(budget.name);
    }
    const totalSection = section.section('total');
    totalSection.rejectUnknown(Object.keys(LIMITS));
    const totalPatterns = totalSection.stringList('path');
    const total = {
        ...readLimits(totalSection, defaults),
        patterns: totalPatterns ?? [...new Set(budgets.flatMap((budget) => budget.patterns))],
        origin: totalSection.locate(),
    };
    const baseline = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseBaselineSpec */ .gz)(given('baseline') ?? section.string('baseline'), from('baseline'));
    const failOn = given('fail-on') ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseFailOn */ .XV)(given('fail-on'), input('fail-on')) : (section.oneOf('fail-on', _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .FAIL_ON */ .d$) ?? 'fail');
    const allowEmpty = given('allow-empty') ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseBoolean */ .yG)(given('allow-empty'), input('allow-empty')) : (section.boolean('allow-empty') ?? false);
    return { workspace, budgets, total, gzipLevel, brotliQuality, allowEmpty, baseline, failOn };
}
function readBudget(entry, defaults) {
    entry.rejectUnknown(Object.keys(BUNDLE_BUDGET_OPTIONS.budgets.keys));
    const patterns = entry.stringList('path');
    if (!patterns || patterns.length === 0) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('a budget needs a path (a glob or a list of globs)', entry.locate());
    }
    return { name: entry.string('name') ?? patterns.join(', '), patterns, ...readLimits(entry, defaults), origin: entry.locate() };
}
function readLimits(entry, defaults) {
    const max = entry.stringOrNumber('max');
    const warn = entry.stringOrNumber('warn');
    const increase = entry.stringOrNumber('max-increase');
    const limits = {
        compression: entry.oneOf('compression', COMPRESSIONS) ?? defaults.compression,
    };
    if (max !== undefined)
        limits.max = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB)(max, entry.locate('max'));
    if (warn !== undefined)
        limits.warn = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB)(warn, entry.locate('warn'));
    if (increase !== undefined)
        limits.maxIncrease = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseIncrease */ .KW)(increase, entry.locate('max-increase'));
    else if (defaults.maxIncrease)
        limits.maxIncrease = defaults.maxIncrease;
    if (limits.warn !== undefined && limits.max !== undefined && limits.warn > limits.max) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('warn is larger than max, so it could never warn', entry.locate('warn'));
    }
    return limits;
}


/***/ }),

/***/ 8749:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mg: () => (/* binding */ judgeMetric)
/* harmony export */ });
/* unused harmony exports countWindows, judgeErrorRate, judgeValues, formatP */
/* harmony import */ var _sequential_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1903);
/* harmony import */ var _stats_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7301);


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
            const baseUpper = (0,_sequential_js__WEBPACK_IMPORTED_MODULE_0__/* .rateUpperBound */ .bc)(baseline.events, baseline.requests, test.alpha / 2);
            if (canFail && (0,_sequential_js__WEBPACK_IMPORTED_MODULE_0__/* .lowerBoundAbove */ .xh)(canary.events, canary.requests, canaryAlpha, relative ? (1 + margin) * baseUpper : baseUpper + margin)) {
                const bounds = (0,_sequential_js__WEBPACK_IMPORTED_MODULE_0__/* .differenceBounds */ .db)(canary, baseline, test.alpha, relative);
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
                const bounds = (0,_sequential_js__WEBPACK_IMPORTED_MODULE_0__/* .differenceBounds */ .db)(canary, baseline, test.alpha, relative);
                canaryBounds = bounds.canary;
                difference = { lower: bounds.lower, upper: bounds.upper };
            }
        }
        else if (test.from > 0 && !(spec.rollback !== undefined && estimate > spec.rollback)) {
            continue;
        }
        if (spec.rollback !== undefined && (0,_sequential_js__WEBPACK_IMPORTED_MODULE_0__/* .lowerBoundAbove */ .xh)(canary.events, canary.requests, canaryAlpha, spec.rollback)) {
            const bounds = (0,_sequential_js__WEBPACK_IMPORTED_MODULE_0__/* .rateConfidenceSequence */ .aj)(canary.events, canary.requests, canaryAlpha);
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
            canaryBounds ??= (0,_sequential_js__WEBPACK_IMPORTED_MODULE_0__/* .rateConfidenceSequence */ .aj)(canary.events, canary.requests, canaryAlpha);
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
            judgement.baseline = (0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .median */ .JZ)(baseline);
    }
    if (canary.length > 0)
        judgement.canary = (0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .median */ .JZ)(canary.slice(-RECENT));
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
        const result = (0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .pairedNotWorse */ .Fl)(canary, baseline, spec.maxIncrease, spec.direction === 'higher-is-worse', alpha);
        judgement.p = result.p;
        judgement.effect = result.mean;
        judgement.test = `paired t, autocorrelation-corrected (\u03c1 ${result.rho.toFixed(2)}, ${result.nEffective.toFixed(1)} effective of ${result.n})`;
        const beyond = `beyond the ${pct(spec.maxIncrease)} allowed`;
        if (result.p < alpha) {
            return {
                ...judgement,
                verdict: 'fail',
                reason: `worse than the baseline's ${show((0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .median */ .JZ)(baseline))} ${beyond}: ${show(Math.abs(result.mean))} past it on average over ${result.n} paired intervals (p ${formatP(result.p)} < ${formatP(alpha)}, ${result.nEffective.toFixed(1)} effective intervals)`,
            };
        }
        notWorse =
            result.upper < 0
                ? `not worse than the baseline's ${show((0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .median */ .JZ)(baseline))} ${beyond} (paired, p ${formatP(result.p)})`
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


/***/ }),

/***/ 6404:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   Fj: () => (/* binding */ secretsOf),
/* harmony export */   Qh: () => (/* binding */ INPUT_NAMES),
/* harmony export */   Y_: () => (/* binding */ INPUT_DEFINITIONS),
/* harmony export */   k6: () => (/* binding */ GATE),
/* harmony export */   qo: () => (/* binding */ CANARY_WATCH_OPTIONS),
/* harmony export */   wX: () => (/* binding */ resolveCanaryWatchOptions)
/* harmony export */ });
/* unused harmony exports PROVIDERS, METRIC_TYPES, AGGREGATES, MIN_INTERVAL_MS, MAX_DURATION_MS, SENTRY_SOURCES, defaultMinSamples, overlapOf, parseFraction */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5758);
/* harmony import */ var _jsonpath_package_cjs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5285);


const GATE = 'canary-watch';
const INPUT_NAMES = [
    'provider',
    'prometheus-url',
    'http-headers',
    'token',
    'datadog-site',
    'datadog-api-key',
    'datadog-app-key',
    'sentry-url',
    'sentry-org',
    'sentry-project',
    'sentry-environment',
    'sentry-source',
    'sentry-token',
    'interval',
    'duration',
    'canary-label',
    'baseline-label',
    'baseline-window',
    'metrics',
    'failure-limit',
    'consecutive-successes',
    'max-consecutive-errors',
    'on-provider-error',
    'false-rollback-rate',
    'fail-on',
];
const PROVIDERS = ['prometheus', 'http', 'datadog', 'sentry'];
const METRIC_TYPES = ['error-rate', 'latency', 'value'];
const AGGREGATES = ['sum', 'max', 'mean'];
/** Shortest interval: a look a second is already more than any metrics backend resolves. */
const MIN_INTERVAL_MS = 1000;
/** Longest watch: GitHub ends a job after 6 hours, and 6 h is well inside setTimeout's 2^31-1 ms. */
const MAX_DURATION_MS = 6 * 3_600_000;
/** What the sentry provider counts: release health's sessions (the default), or error events where sessions are not collected. */
const SENTRY_SOURCES = ['sessions', 'events'];
/**
 * With provider sentry and no metrics, per sentry-source, at alert 1%, rollback 5%, 1 percentage point over stable.
 * sessions: the playbook's one metric, the sessions' error rate per release (errored + crashed + abnormal over all
 * sessions). events: error events per transaction of the release (errors per request, from the performance data the
 * SDK sends). Error events are not a rate on their own, and a count per minute would move with the canary's share of
 * traffic; transactions are the requests they happened in.
 */
const SENTRY_DEFAULT_METRICS = {
    sessions: { name: 'session-error-rate', errors: 'release:{{target}} session.status:errored,crashed,abnormal', requests: 'release:{{target}}' },
    events: { name: 'event-error-rate', errors: 'release:{{target}} event.type:error', requests: 'release:{{target}} event.type:transaction' },
};
const TEXT = { type: 'string-or-number' };
/** A metric's keys, in the config's list or the `metrics` input. */
const METRIC_OPTIONS = {
    name: { type: 'string', description: 'Unique name of the metric, shown in the report.' },
    type: { type: 'string', enum: METRIC_TYPES, description: 'error-rate (errors and requests), latency (query, or slower, requests and threshold from histogram buckets) or value (query).' },
    errors: { type: 'string', description: 'error-rate: the query counting failed requests.' },
    requests: { type: 'string', description: 'error-rate, and latency from buckets: the query counting all requests.' },
    slower: { type: 'string', description: 'latency from histogram buckets: the query counting requests slower than threshold (the count minus the bucket le=threshold).' },
    threshold: { ...TEXT, description: 'latency from buckets: the duration slower counts past, e.g. 300ms.' },
    'allow-overlap': { type: 'boolean', default: false, description: 'A count query whose range selector is longer than interval: divide the counts by the overlap instead of refusing the query.' },
    query: { type: 'string', description: 'latency and value: the query; {{label}} and {{window}} are filled in.' },
    path: { type: 'string', default: '$', description: 'http provider: JSONPath of the number in the answer.' },
    aggregate: { type: 'string', enum: AGGREGATES, description: 'How several series of one query combine: sum, max or mean; absent, several series are an error.' },
    alert: { ...TEXT, description: 'Warns above this (error-rate: a fraction or %, latency: a duration).' },
    rollback: { ...TEXT, description: 'Rolls back above this (error-rate: a fraction or %, latency: a duration).' },
    'max-increase': { ...TEXT, description: 'Largest increase against the baseline: percentage points for rates (1%), or a ratio such as 1.5x.' },
    direction: { type: 'string', enum: ['higher-is-worse', 'lower-is-worse'], default: 'higher-is-worse', description: 'Which way is worse (value metrics must say).' },
    'min-samples': { type: 'number', minimum: 1, integer: true, description: 'Samples needed before the metric is judged.' },
    critical: { type: 'boolean', default: true, description: 'Whether breaching it rolls back (false: only warns).' },
    unit: { type: 'string', enum: ['seconds', 'milliseconds'], description: 'The unit the query answers in (latency: default seconds).' },
};
/** The `canary-watch:` section's keys (every input but the secrets): checked by the config file, written into the JSON Schema. */
const CANARY_WATCH_OPTIONS = {
    provider: { type: 'string', enum: PROVIDERS, default: 'prometheus' },
    'prometheus-url': TEXT,
    'http-headers': TEXT,
    'datadog-site': TEXT,
    interval: { ...TEXT, default: '60s' },
    duration: { ...TEXT, default: '15m' },
    'canary-label': { ...TEXT, default: 'canary' },
    'baseline-label': TEXT,
    'baseline-window': TEXT,
    metrics: { type: 'list', keys: METRIC_OPTIONS },
    'failure-limit': TEXT,
    'consecutive-successes': TEXT,
    'max-consecutive-errors': TEXT,
    'on-provider-error': { type: 'string', enum: ['inconclusive', 'rollback'], default: 'inconclusive' },
    'false-rollback-rate': TEXT,
    'fail-on': { type: 'string', enum: ['rollback', 'inconclusive'], default: 'rollback' },
    'sentry-url': { ...TEXT, default: 'https://sentry.io' },
    'sentry-org': TEXT,
    'sentry-project': TEXT,
    'sentry-environment': TEXT,
    'sentry-source': { type: 'string', enum: SENTRY_SOURCES, default: 'sessions' },
    'artifact-name': { type: 'string' },
};
/** The inputs the edge masks before anything runs: the keys whole, of the headers their values, of a URL its credentials. */
const INPUT_DEFINITIONS = {
    token: { secret: true },
    'datadog-api-key': { secret: true },
    'datadog-app-key': { secret: true },
    'http-headers': { secret: true, secretParts: headerValues },
    'prometheus-url': { secret: true, secretParts: urlCredentials },
    'datadog-site': { secret: true, secretParts: urlCredentials },
    'sentry-token': { secret: true },
    'sentry-url': { secret: true, secretParts: urlCredentials },
};
/** Every secret the options hold, to be kept out of the log, the errors and the result. */
function secretsOf(options) {
    const secrets = Object.values(options.headers);
    if (options.token !== undefined)
        secrets.push(options.token);
    if (options.datadog)
        secrets.push(options.datadog.apiKey, options.datadog.appKey);
    if (options.sentry)
        secrets.push(options.sentry.token);
    if (options.basicAuth !== undefined) {
        secrets.push(options.basicAuth, Buffer.from(options.basicAuth).toString('base64'));
        secrets.push(...options.basicAuth.split(':'));
    }
    return secrets;
}
/** Merge the config's `canary-watch:` section with the inputs; an input, when given, wins. Every mistake is found here, before any watching. */
function resolveCanaryWatchOptions(section, inputs, workspace) {
    section.rejectUnknown(Object.keys(CANARY_WATCH_OPTIONS));
    const given = (name) => (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, name);
    const from = (name) => (given(name) !== undefined ? { input: name } : section.locate(name));
    // An input, else the config's key, else the key's default in CANARY_WATCH_OPTIONS.
    const text = (name) => {
        const value = given(name) ?? section.stringOrNumber(name) ?? CANARY_WATCH_OPTIONS[name]?.default;
        return value === undefined ? undefined : String(value);
    };
    const choice = (name, allowed, message, hint) => {
        const value = text(name);
        if (!allowed.includes(value)) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(message?.(value) ?? `'${value}' is not one of ${allowed.join(', ')}`, from(name), hint);
        }
        return value;
    };
    const provider = choice('provider', PROVIDERS, (value) => `unknown provider '${value}'`, 'use prometheus, http, datadog or sentry');
    const prometheusUrl = text('prometheus-url');
    if (provider === 'prometheus') {
        if (prometheusUrl === undefined)
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('provider prometheus needs prometheus-url', from('prometheus-url'), 'e.g. http://prometheus:9090 (Thanos, Mimir and VictoriaMetrics serve the same API)');
        checkUrl(prometheusUrl, from('prometheus-url'));
    }
    const prometheus = prometheusUrl === undefined ? undefined : withoutCredentials(prometheusUrl);
    let datadog;
    if (provider === 'datadog') {
        const site = text('datadog-site') ?? 'datadoghq.com';
        const url = site.includes('://') ? site.replace(/\/+$/, '') : `https://api.${site}`;
        const { username, password } = checkUrl(url, from('datadog-site'));
        if (username !== '' || password !== '')
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('the Datadog site takes no credentials in its URL', from('datadog-site'), 'give the keys as datadog-api-key and datadog-app-key');
        const apiKey = given('datadog-api-key');
        const appKey = given('datadog-app-key');
        if (apiKey === undefined || appKey === undefined) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('provider datadog needs datadog-api-key and datadog-app-key', { input: apiKey === undefined ? 'datadog-api-key' : 'datadog-app-key' }, 'pass them from secrets: ${{ secrets.DD_API_KEY }}');
        }
        checkHeaderValue(apiKey, 'datadog-api-key');
        checkHeaderValue(appKey, 'datadog-app-key');
        datadog = { url, apiKey, appKey };
    }
    let sentry;
    if (provider === 'sentry') {
        const url = text('sentry-url').replace(/\/+$/, '');
        const { username, password } = checkUrl(url, from('sentry-url'));
        if (username !== '' || password !== '')
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('the Sentry URL takes no credentials', from('sentry-url'), 'give the auth token as sentry-token');
        const slug = (name) => {
            const value = text(name);
            if (value === undefined)
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`provider sentry needs ${name}`, from(name), name === 'sentry-org' ? 'the organization slug, as in https://sentry.io/organizations/<slug>/' : 'the project slug or its numeric ID');
            if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(value))
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${value.slice(0, 100)}' is not a Sentry slug or ID`, from(name), 'letters, digits, - _ and .');
            return value;
        };
        const org = slug('sentry-org');
        const project = slug('sentry-project');
        const token = given('sentry-token');
        if (token === undefined)
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('provider sentry needs sentry-token', { input: 'sentry-token' }, 'an auth token with the org:read and project:read scopes, from secrets: ${{ secrets.SENTRY_TOKEN }}');
        checkHeaderValue(token, 'sentry-token');
        const source = choice('sentry-source', SENTRY_SOURCES, (value) => `'${value.slice(0, 40)}' is not a Sentry source`, 'sessions (release health, the default) or events (error events per transaction, where sessions are not collected)');
        sentry = { url, org, project, token, source };
        const environment = text('sentry-environment');
        if (environment !== undefined)
            sentry.environment = environment;
    }
    const intervalMs = boundedDuration(text('interval'), from('interval'));
    const durationMs = boundedDuration(text('duration'), from('duration'));
    if (durationMs < intervalMs) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`duration ${text('duration')} is shorter than interval ${text('interval')}`, from('duration'), 'the watch looks once every interval over the duration: make the duration at least one interval');
    }
    const metricsInput = given('metrics');
    const metricSections = metricsInput !== undefined ? inputMetricSections(metricsInput) : section.sections('metrics');
    if (metricSections.length === 0 && sentry)
        metricSections.push(...inputMetricSections(sentryDefaultMetric(sentry.source)));
    if (metricSections.length === 0) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('no metrics to watch', metricsInput !== undefined ? { input: 'metrics' } : { input: 'metrics', ...section.locate() }, 'give the input metrics (a YAML list) or canary-watch.metrics in the config');
    }
    const notices = [];
    const metrics = metricSections.map((metric) => parseMetric(metric, provider, intervalMs, notices));
    const twin = metrics.find((metric, index) => metrics.findIndex((other) => other.name === metric.name) !== index);
    if (twin)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`two metrics are named '${twin.name}'`, twin.where);
    const headers = parseHeaders(text('http-headers'), from('http-headers'));
    const token = given('token');
    if (token !== undefined)
        checkHeaderValue(token, 'token');
    const rate = text('false-rollback-rate');
    const falseRollbackRate = rate === undefined ? 0.005 : parseFraction(rate, from('false-rollback-rate'));
    if (falseRollbackRate <= 0 || falseRollbackRate >= 0.5)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('must be above 0% and below 50%', from('false-rollback-rate'), 'e.g. 0.5%');
    const onProviderError = choice('on-provider-error', CANARY_WATCH_OPTIONS['on-provider-error'].enum);
    const failOn = choice('fail-on', CANARY_WATCH_OPTIONS['fail-on'].enum, undefined, 'rollback (default) fails the step on a rollback; inconclusive fails it on anything but promote');
    const baselineLabel = text('baseline-label');
    const baselineWindow = text('baseline-window');
    const baselineWindowMs = baselineWindow === undefined ? undefined : boundedDuration(baselineWindow, from('baseline-window'));
    if (baselineWindowMs !== undefined && baselineLabel === undefined) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('baseline-window needs baseline-label', from('baseline-window'), "baseline-label names the stable version whose series are read over the window before the watch");
    }
    const options = {
        workspace,
        failOn: 'fail',
        baseline: { kind: 'none' },
        provider,
        headers,
        intervalMs,
        durationMs,
        canaryLabel: text('canary-label'),
        metrics,
        failureLimit: count(text('failure-limit'), from('failure-limit'), 1, 1),
        consecutiveSuccesses: count(text('consecutive-successes'), from('consecutive-successes'), 0, 0),
        maxConsecutiveErrors: count(text('max-consecutive-errors'), from('max-consecutive-errors'), 3, 1),
        onProviderError,
        falseRollbackRate,
        decisionFailOn: failOn,
    };
    if (prometheus !== undefined)
        options.prometheusUrl = prometheus.url.replace(/\/+$/, '');
    if (prometheus?.credentials !== undefined)
        options.basicAuth = prometheus.credentials;
    if (token !== undefined)
        options.token = token;
    if (datadog)
        options.datadog = datadog;
    if (sentry)
        options.sentry = sentry;
    if (baselineLabel !== undefined)
        options.baselineLabel = baselineLabel;
    if (baselineWindowMs !== undefined)
        options.baselineWindowMs = baselineWindowMs;
    if (notices.length > 0)
        options.notices = notices;
    return options;
}
/** The default metric as the metrics input would write it, so it is parsed (and its minimum samples derived) like any other. */
function sentryDefaultMetric(source) {
    const metric = SENTRY_DEFAULT_METRICS[source];
    return `- name: ${metric.name}\n  type: error-rate\n  errors: '${metric.errors}'\n  requests: '${metric.requests}'\n  alert: 0.01\n  rollback: 0.05\n  max-increase: 0.01\n`;
}
/** The `metrics` input: a YAML list, its errors located by line in the input. */
function inputMetricSections(text) {
    return (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSectionList */ .HK)(text, { key: 'metrics', file: "input 'metrics'", where: { input: 'metrics' }, expected: 'must be a YAML list of metrics (- name: ...)' });
}
function parseMetric(metric, provider, intervalMs, notices) {
    metric.rejectUnknown(Object.keys(METRIC_OPTIONS));
    const name = metric.string('name');
    if (name === undefined || name.trim() === '')
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('a metric needs a name', metric.locate());
    const type = metric.oneOf('type', METRIC_TYPES);
    if (type === undefined)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}' needs a type`, metric.locate('name'), `type: ${METRIC_TYPES.join(' | ')}`);
    const where = metric.locate('name');
    const spec = {
        name,
        type,
        path: metric.string('path') ?? '$',
        maxIncrease: 0,
        direction: metric.oneOf('direction', ['higher-is-worse', 'lower-is-worse']) ?? 'higher-is-worse',
        minSamples: 0,
        critical: metric.boolean('critical') ?? true,
        unit: metric.oneOf('unit', ['seconds', 'milliseconds']) ?? (type === 'latency' ? 'seconds' : 'milliseconds'),
        where,
    };
    const counted = type === 'latency' && metric.has('slower');
    const counts = type === 'error-rate' || counted;
    if (counts) {
        for (const key of [counted ? 'slower' : 'errors', 'requests']) {
            const query = metric.string(key);
            if (query === undefined) {
                const hint = counted
                    ? 'slower: the count of requests slower than the threshold (count minus the bucket le=threshold); requests: the count of all'
                    : 'an error rate is judged from two counts, errors and requests, never from a ratio alone';
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}' of type ${counted ? 'latency read from buckets' : type} needs '${key}'`, metric.locate(), hint);
            }
            spec[key] = query;
        }
    }
    if (counted) {
        const threshold = metric.stringOrNumber('threshold');
        if (threshold === undefined)
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}': slower needs the threshold it counts past`, metric.locate('slower'), 'threshold: 300ms (the le of the bucket the query subtracts)');
        spec.threshold = parseDuration(String(threshold), metric.locate('threshold'), true) / (spec.unit === 'seconds' ? 1000 : 1);
    }
    if (counts && metric.has('query')) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}' ${counted ? 'read from buckets' : 'of type error-rate'} takes ${counted ? 'slower' : 'errors'} and requests, not query`, metric.locate('query'));
    }
    else if (!counts) {
        if (metric.has('threshold'))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}': threshold goes with slower (latency from histogram buckets)`, metric.locate('threshold'));
        const query = metric.string('query');
        if (query === undefined)
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}' of type ${type} needs 'query'`, metric.locate());
        spec.query = query;
        if (type === 'value' && !metric.has('direction'))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}' of type value needs a direction`, metric.locate(), 'direction: higher-is-worse | lower-is-worse');
    }
    const threshold = (key) => {
        const value = metric.stringOrNumber(key);
        if (value === undefined)
            return undefined;
        if (counts)
            return parseFraction(String(value), metric.locate(key));
        if (type === 'latency')
            return parseDuration(String(value), metric.locate(key), true);
        return (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(value, metric.locate(key), {});
    };
    const alert = threshold('alert');
    const rollback = threshold('rollback');
    if (alert !== undefined && rollback !== undefined) {
        const wrong = spec.direction === 'higher-is-worse' ? alert > rollback : alert < rollback;
        if (wrong) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}': alert ${metric.stringOrNumber('alert')} is ${spec.direction === 'higher-is-worse' ? 'above' : 'below'} rollback ${metric.stringOrNumber('rollback')}`, metric.locate('alert'), 'the alert level comes before the rollback level');
        }
    }
    if (alert !== undefined)
        spec.alert = alert;
    if (rollback !== undefined)
        spec.rollback = rollback;
    const increase = metric.stringOrNumber('max-increase');
    const ratio = increase === undefined ? undefined : /^\s*(\d+(?:\.\d+)?)\s*x\s*$/.exec(String(increase));
    if (ratio && counts) {
        const factor = Number(ratio[1]);
        if (!(factor >= 1))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${increase}' is below 1x`, metric.locate('max-increase'), 'a ratio form allows the canary up to that many times the baseline\'s rate, e.g. 1.5x');
        spec.maxIncrease = factor - 1;
        spec.relativeIncrease = true;
    }
    else {
        spec.maxIncrease = increase === undefined ? (type === 'error-rate' ? 0.01 : counted ? 0.02 : 0.2) : parseFraction(String(increase), metric.locate('max-increase'));
    }
    const overlap = provider === 'prometheus' ? overlapOf(counts ? [spec.errors ?? spec.slower, spec.requests] : [spec.query], intervalMs) : 1;
    if (overlap > 1) {
        const allowed = metric.boolean('allow-overlap') === true;
        const said = `metric '${name}': its range selector spans ${overlap.toFixed(overlap % 1 === 0 ? 0 : 1)} intervals, so each look counts each request ${overlap.toFixed(overlap % 1 === 0 ? 0 : 1)} times`;
        if (counts && !allowed) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${said}, and the counts would claim that much more evidence than there is`, metric.locate(spec.errors !== undefined ? 'errors' : 'slower'), 'write the range as [{{interval}}], or set allow-overlap: true to have the counts divided by the factor');
        }
        if (counts)
            spec.overlapFactor = overlap;
        notices.push(counts ? `${said}: the counts are divided by ${overlap.toFixed(1)} (allow-overlap)` : `${said}: its intervals are not independent (the judge corrects for autocorrelation)`);
    }
    const aggregate = metric.oneOf('aggregate', AGGREGATES);
    if (aggregate !== undefined)
        spec.aggregate = aggregate;
    const minSamples = metric.number('min-samples', (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rangeOf */ .uB)(METRIC_OPTIONS['min-samples']));
    spec.minSamples = minSamples ?? defaultMinSamples(spec);
    if (provider === 'http' && !spec.path.startsWith('$'))
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${spec.path}' is not a JSONPath`, metric.locate('path'), 'start it with $, e.g. $.data.value');
    if (provider === 'http' && hasScript(spec.path)) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}': the JSONPath ${spec.path} holds a script (?(...) or (...)), which canary-watch does not run`, metric.locate('path'), 'select by names, indexes and wildcards only, e.g. $.data.canary.errors');
    }
    return spec;
}
/**
 * Count metrics need no minimum: their confidence sequences are valid from the
 * first request, and with few requests they are simply wide (zero errors in 50
 * requests confirms nothing). Sample-valued metrics need 3 intervals with a
 * value, the least a paired test with an autocorrelation estimate can use.
 */
function defaultMinSamples(spec) {
    if (spec.type === 'error-rate' || spec.slower !== undefined)
        return 1;
    return 3;
}
/**
 * How many intervals the longest range selector of a PromQL query spans (`increase(x[5m])` looked at every 60 s:
 * 5): above 1, consecutive looks count the same requests again. `{{interval}}` is one interval; subqueries
 * (`[5m:1m]`) count by their range.
 */
function overlapOf(queries, intervalMs) {
    let longest = 0;
    for (const query of queries) {
        for (const match of query.replaceAll('{{interval}}', `${Math.round(intervalMs / 1000)}s`).matchAll(/\[\s*((?:\d+(?:ms|s|m|h|d|w|y))+)\s*(?::[^\]]*)?\]/g)) {
            let ms = 0;
            for (const part of match[1].matchAll(/(\d+)(ms|s|m|h|d|w|y)/g))
                ms += Number(part[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 }[part[2]];
            longest = Math.max(longest, ms);
        }
    }
    return longest > intervalMs ? longest / intervalMs : 1;
}
/** `60s`, `15m`, `1h`, `500ms`; a bare number is seconds (milliseconds for latency thresholds). */
function parseDuration(text, where, bareIsMs = false) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
    if (!match)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is not a duration`, where, 'write e.g. 500ms, 60s, 15m or 1h');
    const value = Number(match[1]);
    const unit = match[2] ?? (bareIsMs ? 'ms' : 's');
    const ms = value * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit];
    if (ms <= 0)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' must be above zero`, where);
    return ms;
}
/** `5%` or a fraction such as 0.05. */
function parseFraction(text, where) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(text);
    if (!match)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is not a percentage`, where, 'write e.g. 5% or 0.05');
    const value = match[2] ? Number(match[1]) / 100 : Number(match[1]);
    if (value > 1)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is above 100%`, where, 'write a percentage such as 5%');
    return value;
}
/** A duration between MIN_INTERVAL_MS and MAX_DURATION_MS. */
function boundedDuration(text, where) {
    const ms = parseDuration(text, where);
    if (ms < MIN_INTERVAL_MS)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is shorter than 1s`, where, 'metrics backends resolve seconds at best: use 1s or more');
    if (ms > MAX_DURATION_MS)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is longer than 6h`, where, 'GitHub ends a job after 6 hours: watch for 6h at most');
    return ms;
}
/** JSONPath filter and script expressions, `[?(...)]` and `[(...)]`: code the answer's author would choose to run. */
function hasScript(path) {
    try {
        return (0,_jsonpath_package_cjs__WEBPACK_IMPORTED_MODULE_1__/* .jsonPathPackage */ .K)().JSONPath.toPathArray(path).some((segment) => /^\??\(/.test(segment));
    }
    catch {
        return true;
    }
}
function count(text, where, fallback, min) {
    if (text === undefined)
        return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' must be a whole number of at least ${min}`, where);
    return value;
}
function checkUrl(url, where) {
    (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rejectUnsafeUrlText */ .G1)(url, where);
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${url}' is not a URL`, where);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${url}' is not an http or https URL`, where);
    return parsed;
}
/** An HTTP field name (RFC 9110 section 5.1: a token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** An HTTP field value as fetch sends it: visible Latin-1, spaces and tabs; no CR, LF or NUL. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
function checkHeaderValue(value, input) {
    if (!HEADER_VALUE.test(value))
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('holds a line break or a control character', { input }, 'paste the secret alone, without a newline');
}
/** `Name: value` per line, each name an HTTP token and each value sendable. The values are never quoted in an error. */
function parseHeaders(text, where) {
    const headers = {};
    if (text === undefined)
        return headers;
    for (const [index, line] of text.split(/\r?\n/).entries()) {
        if (line.trim() === '')
            continue;
        const colon = line.indexOf(':');
        if (colon <= 0)
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`line ${index + 1} is not 'Name: value'`, where);
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (!HEADER_NAME.test(name))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`line ${index + 1}: '${name.replace(/[^\x20-\x7e]/g, '?')}' is not a header name`, where, 'a name is letters, digits and !#$%&\'*+-.^_`|~');
        if (!HEADER_VALUE.test(value))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`line ${index + 1}: the value of ${name} holds a control character`, where);
        headers[name] = value;
    }
    return headers;
}
/** The values of `Name: value` lines, leniently (the edge masks them before parseHeaders judges them). */
function headerValues(text) {
    return text
        .split(/\r?\n/)
        .filter((line) => line.indexOf(':') > 0)
        .map((line) => line.slice(line.indexOf(':') + 1).trim());
}
/** The user name and password of a URL, as written and decoded; none when the URL does not parse. */
function urlCredentials(text) {
    try {
        const { username, password } = new URL(text.trim());
        return [username, password, safeDecode(username), safeDecode(password)].filter((part) => part !== '');
    }
    catch {
        return [];
    }
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** fetch refuses a URL with credentials: they travel as Authorization: Basic instead. */
function withoutCredentials(text) {
    const url = new URL(text);
    if (url.username === '' && url.password === '')
        return { url: text };
    const credentials = `${safeDecode(url.username)}:${safeDecode(url.password)}`;
    url.username = '';
    url.password = '';
    return { url: url.toString(), credentials };
}


/***/ }),

/***/ 8252:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $N: () => (/* binding */ cancelledRequest),
/* harmony export */   C2: () => (/* binding */ openProvider),
/* harmony export */   Tn: () => (/* binding */ serverText),
/* harmony export */   Tt: () => (/* binding */ getJson),
/* harmony export */   mZ: () => (/* binding */ ProviderError),
/* harmony export */   q0: () => (/* binding */ describe)
/* harmony export */ });
/* unused harmony exports prometheusProvider, datadogProvider, httpJsonProvider */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5758);
/* harmony import */ var _jsonpath_package_cjs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5285);
/* harmony import */ var _sentry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5883);
/* harmony import */ var _watch_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3168);




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
        response = await (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .edgeFetch */ .aI)(url, { headers, signal, redirect: 'same-origin' });
    }
    catch (error) {
        if (cancel?.aborted)
            throw cancelledRequest(service);
        if (error instanceof _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .RedirectRefusedError */ .jw) {
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
        const seconds = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .retryAfterSeconds */ .C3)(retryAfter, Date.now());
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
    if (!(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(metric))
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
        if (!(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(body))
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
            await call('/api/v1/query', { query }, _watch_js__WEBPACK_IMPORTED_MODULE_3__/* .REQUEST_TIMEOUT_MS */ .j2);
        },
        async range(query, window, timeoutMs) {
            const data = await call('/api/v1/query_range', { query, start: String(window.start), end: String(window.end), step: `${window.stepSeconds}s` }, timeoutMs);
            if (!(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(data) || data.resultType !== 'matrix' || !Array.isArray(data.result)) {
                throw new ProviderError(`${describe(service)} answered a range query without a matrix`, 'garbage');
            }
            return data.result.map((entry) => {
                const values = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(entry) ? entry.values : undefined;
                if (!Array.isArray(values))
                    throw new ProviderError(`${describe(service)} answered a series without values`, 'garbage');
                const points = values.map((pair) => {
                    const value = Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'number' && Number.isFinite(pair[0]) ? promValue(pair[1]) : undefined;
                    if (value === undefined)
                        throw new ProviderError(`${describe(service)} answered a point that is not [time, "value"]: ${serverText(pair)}`, 'garbage');
                    return [pair[0], value];
                });
                return { labels: labelsOf((0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(entry) ? entry.metric : undefined), points };
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
        if (!(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(body))
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
            await call(query, now - 300, now, _watch_js__WEBPACK_IMPORTED_MODULE_3__/* .REQUEST_TIMEOUT_MS */ .j2);
        },
        async range(query, window, timeoutMs) {
            const series = await call(query, window.start - window.stepSeconds, window.end, timeoutMs);
            return series.map((entry) => {
                const pointlist = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(entry) ? entry.pointlist : undefined;
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
                return { labels: serverText((0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(entry) ? (entry.scope ?? entry.expression ?? '') : ''), points };
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
        const matches = (0,_jsonpath_package_cjs__WEBPACK_IMPORTED_MODULE_1__/* .jsonPathPackage */ .K)().JSONPath({ path, json: body, wrap: true, eval: false });
        return { matches, service, path, metric };
    };
    return {
        async validate(url, where) {
            const { matches, service, path } = await read(url, _watch_js__WEBPACK_IMPORTED_MODULE_3__/* .REQUEST_TIMEOUT_MS */ .j2);
            if (matches.length === 0)
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${where}: the JSONPath ${path} matches nothing in the answer of ${service.name}${new URL(url).pathname}`, { input: 'metrics' }, 'check the path against the endpoint\u2019s JSON');
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
                queries.push({ query: (0,_watch_js__WEBPACK_IMPORTED_MODULE_3__/* .substitute */ .V2)(query, label, options.intervalMs), where: `metric '${metric.name}' ${field}`, path: metric.path, metric: metric.name });
            }
        }
    }
    const provider = chooseProvider(options, headers, queries, cancel);
    if (options.provider === 'http') {
        for (const { query, where } of queries) {
            if (!isHttpUrl(query))
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${where}: '${query}' is not an http or https URL`, { input: 'metrics' }, 'with provider http every query is the URL of a JSON endpoint');
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
        return (0,_sentry_js__WEBPACK_IMPORTED_MODULE_2__/* .sentryProvider */ .Ps)(options.sentry, headers, { canary: options.canaryLabel, ...(options.baselineLabel !== undefined ? { baseline: options.baselineLabel } : {}) }, cancel);
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
        return new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${where}: ${error.message}`, { input: 'metrics' }, `the query was: ${query}`);
    return new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .EnvironmentError */ .eG(`${where}: ${error.message}`);
}


/***/ }),

/***/ 7259:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DECISION_SCORE: () => (/* binding */ DECISION_SCORE),
/* harmony export */   canaryResult: () => (/* binding */ canaryResult),
/* harmony export */   canaryScore: () => (/* binding */ canaryScore),
/* harmony export */   runCanaryWatch: () => (/* binding */ runCanaryWatch)
/* harmony export */ });
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5758);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6404);
/* harmony import */ var _providers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8252);
/* harmony import */ var _watch_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3168);




const VERDICT_STATUS = { pass: 'pass', alert: 'warn', fail: 'fail', insufficient: 'skipped' };
const DECISION_SCORE = { promote: 100, inconclusive: 50, rollback: 0 };
const SCORE_POINTS = { pass: 1, alert: 0.5, fail: 0, insufficient: 0 };
/** The gate's run: open the provider (every query checked first), watch, and write the decision as a result. */
async function runCanaryWatch(options, env) {
    // Servers echo what they were sent (an Authorization header in an error): every line out is redacted, not only the result.
    const secrets = [...(0,_options_js__WEBPACK_IMPORTED_MODULE_1__/* .secretsOf */ .Fj)(options), ...env.secrets];
    const log = (text) => env.log((0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(text, secrets));
    const provider = await (0,_providers_js__WEBPACK_IMPORTED_MODULE_2__/* .openProvider */ .C2)(options).catch((error) => {
        throw redactError(error, secrets);
    });
    log(`canary-watch: watching ${options.metrics.length} metric${options.metrics.length === 1 ? '' : 's'} of '${options.canaryLabel}'${options.baselineLabel ? ` against '${options.baselineLabel}'` : ''} every ${options.intervalMs / 1000}s for ${options.durationMs / 1000}s`);
    const outcome = await (0,_watch_js__WEBPACK_IMPORTED_MODULE_3__/* .watchCanary */ .QH)(options, {
        provider,
        now: () => Date.now(),
        sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
        log,
    });
    return (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactSecrets */ .fp)(canaryResult(options, outcome, env), secrets);
}
/** The same error, its text redacted; anything that is not the user's or the environment's stays a bug. */
function redactError(error, secrets) {
    if (error instanceof _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1)
        return new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1((0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(error.message, secrets), error.location, error.hint === undefined ? undefined : (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(error.hint, secrets));
    if (error instanceof _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .EnvironmentError */ .eG)
        return new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .EnvironmentError */ .eG((0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(error.message, secrets));
    if (error instanceof Error)
        error.message = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(error.message, secrets);
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
    return (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .createResult */ .kF)({
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


/***/ }),

/***/ 5883:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ps: () => (/* binding */ sentryProvider)
/* harmony export */ });
/* unused harmony exports SESSION_STATUSES, parseSentryQuery, EVENT_TYPES, parseSentryEventsQuery */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5758);
/* harmony import */ var _providers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8252);
/* harmony import */ var _watch_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3168);



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
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${where}: '${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(unknown[0] ?? value)}' is not a session status`, { input: 'metrics' }, `one or more of ${SESSION_STATUSES.join(', ')}, comma-separated`);
            }
            statuses = named;
        }
        else {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${where}: '${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(token)}' is not part of a Sentry sessions query`, { input: 'metrics' }, 'write release:{{target}} and optionally session.status:errored,crashed,abnormal');
        }
    }
    if (release === undefined)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${where}: the Sentry query names no release`, { input: 'metrics' }, 'write release:{{target}}');
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
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${where}: '${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(token)}' is not part of a Sentry events query`, { input: 'metrics' }, hint);
    }
    if (release === undefined)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${where}: the Sentry query names no release`, { input: 'metrics' }, hint);
    if (eventType === undefined)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${where}: the Sentry events query names no event.type`, { input: 'metrics' }, hint);
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
                return await (0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .getJson */ .Tt)(`${api}${path}${params.size > 0 ? `?${params.toString()}` : ''}`, headers, Math.max(1, deadline - Date.now()), service, cancel);
            }
            catch (error) {
                if (!(error instanceof _providers_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ))
                    throw error;
                if (error.failure === 'refused')
                    throw new _providers_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ(`Sentry refused the token (sentry-token): ${error.message.replace(/^.*refused the request: /, '')}`, 'refused');
                const waitMs = error.retryAfterMs;
                if (error.failure !== 'rate-limited' || waitMs === undefined)
                    throw error;
                await (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .waitOutRateLimit */ .pO)({
                    waitMs, leftMs: deadline - Date.now(), attempt, maxRetries: MAX_RATE_LIMIT_RETRIES, giveUp: () => error,
                    signal: cancel, cancelled: () => (0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .cancelledRequest */ .$N)(service),
                });
            }
        }
    };
    const detail = (body) => (0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)((0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(body) ? (body.detail ?? 'no detail') : body);
    /** The body of the organization's sessions or events-stats endpoint, for the project and environment; its statuses named for what they mean. */
    const orgRead = async (endpoint, first, params, timeoutMs, groupBy = []) => {
        const search = new URLSearchParams({ ...first, project: await resolveProject(), ...params });
        for (const group of groupBy)
            search.append('groupBy', group);
        if (options.environment !== undefined)
            search.set('environment', options.environment);
        const { status, body } = await call(`/organizations/${org}/${endpoint}/`, search, timeoutMs);
        if (status === 404)
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Sentry knows no organization '${options.org}' (HTTP 404: ${detail(body)})`, { input: 'sentry-org' }, 'the organization slug, as in https://sentry.io/organizations/<slug>/');
        if (status === 400)
            throw new _providers_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ(`Sentry refused the ${endpoint.replace('-stats', '')} query: HTTP 400: ${detail(body)}`, 'query');
        if (status >= 500)
            throw new _providers_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ(`${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .describe */ .q0)(service)} is failing: HTTP ${status}: ${detail(body)}`, 'outage');
        if (status >= 300)
            throw new _providers_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ(`${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .describe */ .q0)(service)} answered HTTP ${status}: ${detail(body)}`, 'garbage');
        return body;
    };
    const resolveProject = () => {
        if (/^\d+$/.test(options.project))
            return Promise.resolve(options.project);
        // Retrieve a Project: https://docs.sentry.io/api/projects/retrieve-a-project/ answers {"id": "<numeric>", "slug", ...}.
        projectId ??= call(`/projects/${org}/${encodeURIComponent(options.project)}/`, new URLSearchParams(), _watch_js__WEBPACK_IMPORTED_MODULE_2__/* .REQUEST_TIMEOUT_MS */ .j2).then(({ status, body }) => {
            if (status === 404)
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Sentry knows no project '${options.project}' in organization '${options.org}' (HTTP 404: ${detail(body)})`, { input: 'sentry-project' }, 'the project slug as in its settings URL, or its numeric ID; and check sentry-org');
            const id = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(body) ? body.id : undefined;
            if (status >= 300 || (typeof id !== 'string' && typeof id !== 'number') || !/^\d+$/.test(String(id))) {
                throw new _providers_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ(`${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .describe */ .q0)(service)} answered HTTP ${status} for the project without a numeric id: ${detail(body)}`, status >= 500 ? 'outage' : 'garbage');
            }
            return String(id);
        });
        return projectId;
    };
    const sessions = async (params, groupBy, timeoutMs) => checkedSessions(await orgRead('sessions', { field: FIELD }, params, timeoutMs, groupBy), service);
    const checkProject = () => {
        projectHasSessions ??= sessions({ statsPeriod: '24h', interval: '1h' }, [], _watch_js__WEBPACK_IMPORTED_MODULE_2__/* .REQUEST_TIMEOUT_MS */ .j2).then(({ groups }) => {
            const total = groups.reduce((sum, group) => sum + group.series.reduce((a, b) => a + b, 0), 0);
            if (total === 0) {
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Sentry project '${options.project}' has no sessions in the last 24 hours${options.environment ? ` in environment '${options.environment}'` : ''}: no release health to judge`, { input: 'sentry-project' }, 'enable session tracking in the SDK (autoSessionTracking), or watch error events with another provider');
            }
        });
        return projectHasSessions;
    };
    const checkRelease = (release) => {
        let checked = releasesChecked.get(release);
        if (!checked) {
            // Retrieve an Organization's Release: https://docs.sentry.io/api/releases/retrieve-an-organizations-release/ (404: no such version).
            checked = call(`/organizations/${org}/releases/${encodeURIComponent(release)}/`, new URLSearchParams(), _watch_js__WEBPACK_IMPORTED_MODULE_2__/* .REQUEST_TIMEOUT_MS */ .j2).then(({ status, body }) => {
                if (status === 404)
                    throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Sentry knows no release '${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(release)}' in organization '${options.org}'`, { input: inputOf(release) }, 'the label must be the SDK\u2019s release (e.g. the build\u2019s git SHA); create it at deploy time with sentry-cli releases new');
                if (status >= 500)
                    throw new _providers_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ(`${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .describe */ .q0)(service)} is failing: HTTP ${status}: ${detail(body)}`, 'outage');
                if (status >= 300)
                    throw new _providers_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ(`${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .describe */ .q0)(service)} answered HTTP ${status} for release '${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(release)}': ${detail(body)}`, 'garbage');
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
                        throw new _providers_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ(`${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .describe */ .q0)(service)} answered a group without a session.status`, 'garbage');
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
        projectHasTransactions ??= eventsStats({ statsPeriod: '24h', interval: '1h', query: 'event.type:transaction' }, _watch_js__WEBPACK_IMPORTED_MODULE_2__/* .REQUEST_TIMEOUT_MS */ .j2).then((points) => {
            if (points.reduce((sum, [, count]) => sum + count, 0) === 0) {
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Sentry project '${options.project}' has no transactions in the last 24 hours${options.environment ? ` in environment '${options.environment}'` : ''}: no requests to count error events against`, { input: 'sentry-project' }, 'enable tracing in the SDK (tracesSampleRate), or collect sessions and use sentry-source: sessions');
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
                return [{ labels: `release:${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(release)} event.type:${eventType}`, points: points.map(([start, count]) => [start + window.stepSeconds, count]) }];
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
            return [{ labels: `release:${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(release)} ${statuses.join(',')}`, points }];
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
    const garbage = (what) => new _providers_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ(`${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .describe */ .q0)(service)} answered events-stats ${what}`, 'garbage');
    if (!(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(body) || !Array.isArray(body.data))
        throw garbage('without data');
    return body.data.map((entry) => {
        if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'number' || !Number.isFinite(entry[0]) || !Array.isArray(entry[1]))
            throw garbage(`with an entry that is not [time, [{count}]]: ${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(entry)}`);
        const counts = entry[1];
        const count = counts.length === 1 && (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(counts[0]) ? counts[0].count : undefined;
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
            throw garbage(`with a count that is not a whole number of events: ${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(counts)}`);
        return [entry[0], count];
    });
}
/** The sessions answer checked: intervals ISO times, each group's series one count (a whole number \u2265 0) per interval. */
function checkedSessions(body, service) {
    const garbage = (what) => new _providers_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ(`${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .describe */ .q0)(service)} answered sessions ${what}`, 'garbage');
    if (!(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(body) || !Array.isArray(body.intervals) || !Array.isArray(body.groups))
        throw garbage('without intervals and groups');
    const intervals = body.intervals.map((text) => {
        const time = typeof text === 'string' ? Date.parse(text) : Number.NaN;
        if (Number.isNaN(time))
            throw garbage(`with an interval that is not a time: ${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(text)}`);
        return time / 1000;
    });
    const groups = body.groups.map((group) => {
        if (!(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(group) || !(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(group.by) || !(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(group.series))
            throw garbage('with a group without by and series');
        const series = group.series[FIELD];
        if (!Array.isArray(series) || series.length !== intervals.length)
            throw garbage(`with a ${FIELD} series that is not one count per interval`);
        for (const value of series) {
            if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
                throw garbage(`with a count that is not a whole number of sessions: ${(0,_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(value)}`);
        }
        return { by: group.by, series: series };
    });
    return { intervals, groups };
}


/***/ }),

/***/ 1903:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aj: () => (/* binding */ rateConfidenceSequence),
/* harmony export */   bc: () => (/* binding */ rateUpperBound),
/* harmony export */   db: () => (/* binding */ differenceBounds),
/* harmony export */   rV: () => (/* binding */ decidableRates),
/* harmony export */   xh: () => (/* binding */ lowerBoundAbove)
/* harmony export */ });
/* unused harmony exports PRIOR, logMixtureRatio */
/* harmony import */ var jstat__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2453);
/* harmony import */ var jstat__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(jstat__WEBPACK_IMPORTED_MODULE_0__);

// jstat is CommonJS: its named export reaches ESM through the default.
const { jStat } = (jstat__WEBPACK_IMPORTED_MODULE_0___default());
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


/***/ }),

/***/ 7301:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $h: () => (/* binding */ alphaForLook),
/* harmony export */   Fl: () => (/* binding */ pairedNotWorse),
/* harmony export */   JZ: () => (/* binding */ median)
/* harmony export */ });
/* unused harmony export alphaSpent */
/* harmony import */ var jstat__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2453);
/* harmony import */ var jstat__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(jstat__WEBPACK_IMPORTED_MODULE_0__);

// jstat is CommonJS: its named export reaches ESM through the default.
const { jStat } = (jstat__WEBPACK_IMPORTED_MODULE_0___default());
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
    const p = 1 - jStat.studentt.cdf(mean / se, dof);
    const upper = mean + studentQuantileUpper(alpha, dof) * se;
    return { mean, p, upper, n, rho, nEffective };
}
/** The t with P(T > t) = alpha for Student's t with `dof` degrees of freedom (bisection on jstat's cdf). */
function studentQuantileUpper(alpha, dof) {
    let low = 0;
    let high = 1e6;
    for (let i = 0; i < 200 && high - low > 1e-9 * Math.max(1, low); i++) {
        const middle = (low + high) / 2;
        if (1 - jStat.studentt.cdf(middle, dof) > alpha)
            low = middle;
        else
            high = middle;
    }
    return high;
}


/***/ }),

/***/ 3168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j2: () => (/* binding */ REQUEST_TIMEOUT_MS),
  V2: () => (/* binding */ substitute),
  QH: () => (/* binding */ watchCanary)
});

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

// EXTERNAL MODULE: ./packages/canary/src/judge.ts
var judge = __webpack_require__(8749);
// EXTERNAL MODULE: ./packages/canary/src/sequential.ts
var sequential = __webpack_require__(1903);
// EXTERNAL MODULE: ./packages/canary/src/stats.ts
var stats = __webpack_require__(7301);
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
        const lookAlpha = (0,stats/* alphaForLook */.$h)(budget, previous, look / looksTotal);
        const data = options.metrics.map((metric) => dataOf(metric, options, store));
        if (look === 1)
            for (const [index, metric] of options.metrics.entries())
                sayWhatTrafficDecides(metric, data[index], options, budget, (text) => deps.log(text));
        judgements = options.metrics.map((metric, index) => (0,judge/* judgeMetric */.mg)(metric, data[index], { alpha: budget, lookAlpha, looks: looksTotal }));
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
                return points(store.get(key(metric, 'query', target)));
            const errors = store.get(key(metric, eventsField(metric), target));
            return points(store.get(key(metric, 'requests', target))).map(([t, requests]) => [t, requests > 0 && errors?.has(t) ? errors.get(t) / requests : Number.NaN]);
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
    const { confirmAbove, confirmBelow } = (0,sequential/* decidableRates */.rV)(requests, alpha, above, below);
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
function points(map) {
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
            return points(store.get(key(metric, 'requests', target)))
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
    const values = (target) => points(store.get(key(metric, 'query', target))).map(([, value]) => value);
    return { type: metric.type, canary: values('canary'), ...(withBaseline && options.baselineWindowMs === undefined ? { baseline: values('baseline') } : {}) };
}


/***/ }),

/***/ 9192:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// UNUSED EXPORTS: EXIT, HELP, VERSION

// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(5758);
;// CONCATENATED MODULE: ./packages/render/src/markdown.ts

const STATUS_ICON = { pass: '\u2705', warn: '\u26a0\ufe0f', fail: '\u274c', skipped: '\u23ed\ufe0f' };
/** Text safe inside a GitHub markdown table cell. */
function markdown_cell(text) {
    return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Text safe as inline code, whatever backticks it holds; control characters (a newline in a file name) written as escapes, so a table row stays one row. */
function code(given) {
    const text = (0,src/* escapeControlCharacters */.F7)(given);
    const fence = '`'.repeat((text.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0) + 1);
    return `${fence}${fence.length > 1 ? ' ' : ''}${text.replace(/\|/g, '\\|')}${fence.length > 1 ? ' ' : ''}${fence}`;
}
function markdown_table(headers, rows, align = []) {
    const rule = headers.map((_, index) => ({ left: ':---', right: '---:', center: ':---:' })[align[index] ?? 'left']);
    return [headers, rule, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}
/**
 * One gate's block: its parts apart by blank lines, and a blank line at the
 * end. GitHub reads markdown as CommonMark, where an HTML block (a closing
 * `</details>`) runs on to the next blank line: without one, the next gate's
 * `### heading`, appended to the same summary or comment, shows as raw text.
 */
function markdown_markdownBlock(parts) {
    return `${parts.filter((part) => part !== '').join('\n\n')}\n\n`;
}
function details(summary, body, open = false) {
    return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
/** A horizontal bar chart in Mermaid, which GitHub renders in summaries and comments. */
function mermaidBarChart(title, labels, values, unit) {
    const quote = (text) => `"${text.replace(/"/g, "'").replace(/[\r\n]/g, ' ')}"`;
    const top = Math.max(1, ...values);
    return [
        '```mermaid',
        'xychart-beta horizontal',
        `    title ${quote(title)}`,
        `    x-axis [${labels.map(quote).join(', ')}]`,
        `    y-axis ${quote(unit)} 0 --> ${Number((top * 1.05).toFixed(2))}`,
        `    bar [${values.map((value) => Number(value.toFixed(2))).join(', ')}]`,
        '```',
    ].join('\n');
}
/**
 * Markdown for a result whose gate has no renderer of its own (a newer gate's
 * file read by an older build): the headline and a checks table. Each gate's
 * own renderer is named by its descriptor in the registry (packages/gates).
 */
function markdown_renderResultMarkdown(result) {
    const rows = result.checks.map((check) => [markdown_cell(check.name), String(check.value), check.limit !== undefined ? String(check.limit) : '\u2014', `${STATUS_ICON[check.status]} ${check.status}`]);
    return markdown_markdownBlock([`### ${STATUS_ICON[result.status]} ${result.gate}: ${result.status}`, `**${markdown_cell(result.headline)}**`, rows.length ? markdown_table(['Check', 'Value', 'Limit', 'State'], rows) : '']);
}

;// CONCATENATED MODULE: ./packages/render/src/figures.ts

/** A check's value in its unit, as the gates' own tables print it. */
function formatFigure(value, unit) {
    switch (unit) {
        case 'bytes':
            return formatBytes(value);
        case 'percent':
            return `${trim(value)}%`;
        case 'ms':
            return `${trim(value)} ms`;
        case 'score':
        case 'ratio':
        case 'count':
            return trim(value);
    }
}
/** The change against the base: bytes with a percentage, percentages in points, the rest as plain differences. */
function formatChange(check) {
    const base = check.baseline;
    const delta = check.value - base;
    if (check.unit === 'bytes')
        return formatDelta(delta, base);
    const sign = delta > 0 ? '+' : delta < 0 ? '\u2212' : '\u00b1';
    const size = trim(Math.abs(delta));
    if (check.unit === 'percent')
        return `${sign}${size} pt`;
    if (check.unit === 'ms')
        return `${sign}${size} ms`;
    return `${sign}${size}`;
}
/**
 * A count that says what it counts, when the check tells (`details.counting`,
 * and `details.of` for the whole): `files under 30%: 0 of 12`, not a bare 0
 * a reader cannot place.
 */
function countText(check) {
    const counting = check.details?.counting;
    const of = check.details?.of;
    if (check.unit !== 'count' || typeof counting !== 'string')
        return undefined;
    return `${counting}: ${check.value}${typeof of === 'number' ? ` of ${of}` : ''}`;
}
function trim(value) {
    return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

;// CONCATENATED MODULE: ./packages/render/src/terminal.ts


const COLORS = { pass: 32, warn: 33, fail: 31, skipped: 90 };
const SYMBOL = { pass: '\u2714', warn: '!', fail: '\u2716', skipped: '-' };
/** The result as a person reads it in a terminal: a headline, a table, the problems. */
function terminal_renderResultTerminal(result, options, parts = {}) {
    const paint = (status, text) => (options.color ? `\u001b[${COLORS[status]}m${text}\u001b[39m` : text);
    const bold = (text) => (options.color ? `\u001b[1m${text}\u001b[22m` : text);
    const lines = [];
    lines.push(`${paint(result.status, `${SYMBOL[result.status]} ${result.gate}: ${result.status}`)}  ${bold(result.headline)}`, '');
    const rows = result.checks.map((check) => [
        check.name,
        // A skipped count counted nothing: a 0 there would read as a result.
        check.status === 'skipped' && check.unit === 'count' ? '\u2014' : (countText(check) ?? formatValue(check.value, check.unit, check.details?.compression)),
        check.limitText ?? (check.limit !== undefined ? formatValue(check.limit, check.unit) : '\u2014'),
        check.baseline !== undefined ? (check.unit === 'bytes' ? (0,src/* formatDelta */.CW)(check.value - check.baseline, check.baseline) : signed(check.value - check.baseline)) : '\u2014',
        check.status,
    ]);
    const headers = parts.headers ?? ['Check', 'Value', 'Limit', '\u0394 vs base', 'State'];
    lines.push(...columns([...headers], rows, (row, text) => (row ? paint(row[4], text) : text)));
    if (parts.after)
        lines.push(...parts.after({ bold, columns }));
    const notes = result.messages.filter((message) => message.level !== 'error');
    if (notes.length > 0)
        lines.push('', ...notes.map((message) => `${message.file ? `${message.file}${message.line ? `:${message.line}` : ''}: ` : ''}${message.level}: ${message.text}`));
    const problems = result.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
    if (problems.length > 0)
        lines.push('', ...problems.map((check) => paint(check.status, `${SYMBOL[check.status]} ${check.message ?? check.name}`)));
    return `${lines.join('\n')}\n`;
}
function columns(headers, rows, paintRow = (_, text) => text) {
    const widths = headers.map((header, index) => Math.max(width(header), ...rows.map((row) => width(row[index] ?? ''))));
    const format = (row) => row.map((text, index) => (index === 0 ? text.padEnd(widths[index]) : text.padStart(widths[index]))).join('  ');
    return [format(headers), widths.map((w) => '\u2500'.repeat(w)).join('  '), ...rows.map((row) => paintRow(row, format(row)))];
}
const width = (text) => [...text].length;
function formatValue(value, unit, compression) {
    if (unit === 'bytes')
        return `${(0,src/* formatBytes */.z3)(value)}${compression && compression !== 'raw' ? ` ${String(compression)}` : ''}`;
    if (unit === 'percent')
        return `${value}%`;
    return String(value);
}
function signed(value) {
    const rounded = Math.round(value * 100) / 100;
    return `${rounded > 0 ? '+' : ''}${rounded}`;
}

;// CONCATENATED MODULE: ./packages/render/src/bundle-budget.ts



const LARGEST_FILES = 10;
const CHANGED_FILES = 20;
/** The compression the result's first budget uses: the one tables and charts show. */
function primaryCompression(result) {
    const first = result.checks[0]?.details?.compression;
    return first === 'brotli' || first === 'raw' ? first : 'gzip';
}
function sizeOfItem(item, compression, base = false) {
    const value = item[base ? `base-${compression}` : compression];
    return typeof value === 'number' ? value : 0;
}
function renderBundleBudgetMarkdown(result, options = {}) {
    const compression = primaryCompression(result);
    const parts = [];
    parts.push(`${options.heading ?? '###'} ${STATUS_ICON[result.status]} Bundle budget: ${result.status}`);
    parts.push(`**${markdown_cell(result.headline)}**`);
    parts.push(markdown_table(['Budget', 'Size', 'Limit', '\u0394 vs base', 'State'], result.checks.map((check) => [
        markdown_cell(check.name),
        `${(0,src/* formatBytes */.z3)(check.value)}${check.details?.compression && check.details.compression !== 'raw' ? ` (${String(check.details.compression)})` : ''}`,
        check.limitText ? markdown_cell(check.limitText) : '\u2014',
        check.baseline !== undefined ? (0,src/* formatDelta */.CW)(check.value - check.baseline, check.baseline) : '\u2014',
        `${STATUS_ICON[check.status]} ${check.status}`,
    ]), ['left', 'right', 'right', 'right', 'center']));
    const problems = result.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
    const notes = problems.map((check) => `- ${STATUS_ICON[check.status]} ${markdown_cell(check.message ?? check.name)}`);
    for (const message of result.messages.filter((entry) => entry.title === src/* NOT_JUDGED */.Gv))
        notes.push(`- \u2139\ufe0f ${markdown_cell(message.text)}`);
    if (notes.length > 0)
        parts.push(notes.join('\n'));
    const largest = largestFiles(result, compression, LARGEST_FILES);
    if (options.chart !== false && largest.length > 1) {
        parts.push(mermaidBarChart(`Largest files (${compression})`, largest.map((item) => shortName(item.id)), largest.map((item) => sizeOfItem(item, compression) / 1000), 'kB'));
    }
    const changes = renderChanges(result, compression);
    if (changes)
        parts.push(changes);
    parts.push(renderFooter(result));
    return markdown_markdownBlock(parts);
}
function renderChanges(result, compression) {
    if (!result.baseline)
        return undefined;
    const moved = result.items
        .filter((item) => item.change === 'added' || item.change === 'removed' || item.change === 'changed')
        .map((item) => {
        const now = sizeOfItem(item, compression);
        const before = sizeOfItem(item, compression, true);
        return { item, now, before, delta: (item.change === 'removed' ? 0 : now) - (item.change === 'added' ? 0 : before) };
    })
        .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.item.id.localeCompare(b.item.id));
    if (moved.length === 0)
        return `No file changed against the base (${result.baseline.commit ? code(result.baseline.commit.slice(0, 7)) : result.baseline.source}).`;
    const rows = moved.slice(0, CHANGED_FILES).map(({ item, now, before, delta }) => [
        code(item.id) + (item.base && item.base !== item.id ? ` \u2190 ${code(String(item.base))}` : ''),
        item.change === 'removed' ? '\u2014' : (0,src/* formatBytes */.z3)(now),
        item.change === 'added' ? 'new' : item.change === 'removed' ? 'removed' : (0,src/* formatDelta */.CW)(delta, before),
    ]);
    const more = moved.length > CHANGED_FILES ? `\n\n\u2026and ${moved.length - CHANGED_FILES} more changed files.` : '';
    return details(`${moved.length} file${moved.length === 1 ? '' : 's'} changed against the base (${compression})`, markdown_table(['File', 'Size', '\u0394'], rows, ['left', 'right', 'right']) + more);
}
function renderFooter(result) {
    const facts = [`${result.metrics.files ?? result.items.length} files`];
    if (result.metrics['total-gzip'] !== undefined)
        facts.push(`${(0,src/* formatBytes */.z3)(result.metrics['total-gzip'])} gzip`);
    if (result.metrics['total-brotli'] !== undefined)
        facts.push(`${(0,src/* formatBytes */.z3)(result.metrics['total-brotli'])} brotli`);
    facts.push(`${(0,src/* formatBytes */.z3)(result.metrics['total-raw'] ?? 0)} raw`);
    if (result.baseline)
        facts.push(`base: ${result.baseline.commit ? code(result.baseline.commit.slice(0, 7)) : markdown_cell(result.baseline.source)}`);
    if ((result.metrics.reused ?? 0) > 0)
        facts.push(`${result.metrics.reused} unchanged files not recompressed`);
    return `<sub>${facts.join(' \u00b7 ')}</sub>`;
}
function largestFiles(result, compression, count) {
    const files = result.items.filter((item) => item.change !== 'removed');
    return files.sort((a, b) => sizeOfItem(b, compression) - sizeOfItem(a, compression)).slice(0, count);
}
function shortName(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return name.length > 40 ? `\u2026${name.slice(-39)}` : name;
}
/** The CLI's report of bundle-budget: the budgets as a table, then the largest files and the totals. */
function renderBundleBudgetTerminal(result, options) {
    const count = options.files ?? LARGEST_FILES;
    return terminal_renderResultTerminal(result, options, {
        headers: ['Budget', 'Size', 'Limit', '\u0394 vs base', 'State'],
        after: ({ bold, columns }) => {
            if (count <= 0)
                return [];
            const compression = primaryCompression(result);
            const largest = largestFiles(result, compression, count);
            const totals = [
                `${result.metrics.files ?? 0} files \u00b7 ${(0,src/* formatBytes */.z3)(result.metrics['total-raw'] ?? 0)} raw`,
                ...['gzip', 'brotli'].flatMap((kind) => (result.metrics[`total-${kind}`] !== undefined ? [`${(0,src/* formatBytes */.z3)(result.metrics[`total-${kind}`])} ${kind}`] : [])),
            ];
            return [
                '',
                bold(`Largest files (${compression})`),
                ...columns(['File', 'Raw', compression, 'Change'], largest.map((item) => [item.id, (0,src/* formatBytes */.z3)(Number(item.raw)), (0,src/* formatBytes */.z3)(sizeOfItem(item, compression)), String(item.change ?? '')])),
                '',
                totals.join(' \u00b7 '),
            ];
        },
    });
}

;// CONCATENATED MODULE: ./packages/render/src/coverage-gate.ts



const METRICS = ['lines', 'statements', 'functions', 'branches'];
const WORST_CHANGED = 10;
const UNCOVERED_LISTED = 100;
const percent = (value) => (value === undefined ? '\u2014' : `${value}%`);
const delta = (now, before) => {
    if (now === undefined || before === undefined)
        return '\u2014';
    const change = Math.round((now - before) * 100) / 100;
    return `${change > 0 ? '+' : ''}${change}`;
};
function renderCoverageGateMarkdown(result, options = {}) {
    const parts = [`${options.heading ?? '###'} ${STATUS_ICON[result.status]} Coverage: ${result.status}`, `**${markdown_cell(result.headline)}**`];
    const thresholds = new Map(result.checks.map((check) => [check.name, check]));
    const base = new Map(result.baseline ? result.checks.filter((check) => check.name.endsWith(' vs base')).map((check) => [check.name.replace(' vs base', ''), check.baseline]) : []);
    const rows = METRICS.filter((metric) => result.metrics[metric] !== undefined).map((metric) => {
        const check = thresholds.get(metric);
        return [
            metric,
            `${percent(result.metrics[metric])} (${result.metrics[`${metric}-covered`]}/${result.metrics[`${metric}-total`]})`,
            check?.limitText ?? '\u2014',
            delta(result.metrics[metric], base.get(metric)),
            check ? `${STATUS_ICON[check.status]} ${check.status}` : '',
        ];
    });
    const patch = thresholds.get('patch');
    if (result.metrics.patch !== undefined || patch) {
        rows.push([
            'changed lines',
            result.metrics.patch === undefined ? '\u2014' : `${percent(result.metrics.patch)} (${result.metrics['patch-covered']}/${result.metrics['patch-total']})`,
            patch?.limitText ?? '\u2014',
            '\u2014',
            patch ? `${STATUS_ICON[patch.status]} ${patch.status}` : '',
        ]);
    }
    // Per-file thresholds, as what they count: `files under 30%: 0 of 12`.
    for (const check of result.checks.filter((entry) => entry.name.startsWith('per-file ') && entry.status !== 'skipped')) {
        rows.push([`${check.name.slice('per-file '.length)}, per file`, markdown_cell(countText(check) ?? String(check.value)), check.limitText ? markdown_cell(check.limitText) : '\u2014', '\u2014', `${STATUS_ICON[check.status]} ${check.status}`]);
    }
    parts.push(markdown_table(['Metric', 'Coverage', 'Threshold', '\u0394 vs base', 'State'], rows, ['left', 'right', 'right', 'right', 'center']));
    const other = result.checks.filter((check) => !METRICS.includes(check.name) && check.name !== 'patch' && check.status !== 'pass');
    const notes = other.map((check) => `- ${STATUS_ICON[check.status]} ${markdown_cell(check.message ?? check.name)}`);
    for (const message of result.messages.filter((entry) => entry.title === 'Incomplete report' || entry.title === 'Coverage paths'))
        notes.push(`- \u26a0\ufe0f ${markdown_cell(message.text)}`);
    for (const message of result.messages.filter((entry) => entry.title === src/* NOT_JUDGED */.Gv))
        notes.push(`- \u2139\ufe0f ${markdown_cell(message.text)}`);
    if (notes.length > 0)
        parts.push(notes.join('\n'));
    const changed = result.items.filter((item) => typeof item['patch-total'] === 'number' && Number(item['patch-total']) > 0);
    if (changed.length > 0) {
        const worst = [...changed].sort((a, b) => ratio(a) - ratio(b) || a.id.localeCompare(b.id)).slice(0, WORST_CHANGED);
        parts.push(`**Worst-covered changed files**\n\n` +
            markdown_table(['File', 'Changed lines covered', 'Not covered'], worst.map((item) => [code(item.id), `${item['patch-covered']}/${item['patch-total']}`, item['uncovered-changed'] ? markdown_cell(String(item['uncovered-changed'])) : '\u2014']), ['left', 'right', 'left']));
        const uncovered = changed.filter((item) => item['uncovered-changed']);
        if (uncovered.length > WORST_CHANGED) {
            const listed = uncovered.slice(0, UNCOVERED_LISTED).map((item) => `- ${code(item.id)}: ${markdown_cell(String(item['uncovered-changed']))}`);
            parts.push(details(`All ${uncovered.length} files with uncovered changed lines`, listed.join('\n') + (uncovered.length > UNCOVERED_LISTED ? `\n- \u2026and ${uncovered.length - UNCOVERED_LISTED} more` : '')));
        }
    }
    const carried = METRICS.filter((metric) => result.metrics[metric] !== undefined);
    parts.push(details(`Coverage of ${result.items.length} files`, markdown_table(['File', ...carried], result.items.map((item) => [code(item.id), ...carried.map((metric) => percent(item[metric]))]), ['left', ...carried.map(() => 'right')])));
    return markdown_markdownBlock(parts);
}
function ratio(item) {
    return Number(item['patch-covered']) / Math.max(1, Number(item['patch-total']));
}

;// CONCATENATED MODULE: ./packages/render/src/index.ts







// EXTERNAL MODULE: ./packages/bundle/src/options.ts
var options = __webpack_require__(8870);
;// CONCATENATED MODULE: ./packages/bundle/src/gate.ts


const BUNDLE_BUDGET_HELP = `Usage: roadstop bundle-budget [options] [globs...]

Measure build output (raw, gzip, brotli) against the budgets of the roadstop
config (.github/roadstop.yml) or of the options, and against a baseline result.

Options:
  --config FILE          config file (default: .github/roadstop.yml, optional)
  --cwd DIR              workspace the globs and config are relative to (default: .)
  --path GLOB            files of one budget; repeatable; replaces the config's budgets
  --name NAME            name of that budget (default: bundle)
  --max SIZE             its largest allowed size, e.g. "400 kB"
  --compression KIND     gzip (default), brotli or raw
  --max-increase X       allowed growth against the baseline, e.g. 2% or "5 kB"
  --gzip-level N         1-9 (default 9)   --brotli-quality N  0-11 (default 11)
  --baseline FILE        a bundle-budget result to compare with ("none" to ignore the config's)
  --fail-on MODE         fail (default) | warn | never
  --allow-empty          pass a budget whose globs match nothing
  --report FILE          also write the result JSON to FILE
  --json                 print the result JSON instead of the table
  --no-color             plain text
  -h, --help             this help

Exit codes: 0 pass, warn or skipped; 1 a budget failed; 2 a mistake in the
options or config; 3 an internal error.`;
/** Sizes read back from a baseline are whole bytes, never negative. */
const SIZE = { min: 0, integer: true };
/** bundle-budget, as the registry, the edges and the renderers know it. */
const bundleBudgetGate = {
    name: options/* GATE */.k6,
    title: 'Bundle budget',
    summary: 'build output sizes against budgets and the base branch',
    inputs: options/* INPUT_NAMES */.Qh,
    outputs: ['total-raw', 'total-gzip', 'total-brotli'],
    options: options/* BUNDLE_BUDGET_OPTIONS */.Eg,
    resultRanges: {
        item: (field) => (/^(?:base-)?(?:raw|gzip|brotli)$/.test(field) ? SIZE : undefined),
        metric: (name) => (/^total-(?:raw|gzip|brotli)$|^files/.test(name) ? SIZE : undefined),
        check: (unit) => (unit === 'bytes' ? SIZE : undefined),
    },
    resolveOptions: options/* resolveOptions */.$i,
    // The baseline may still be read while the workers start and the globs run.
    // Measuring is loaded when the gate runs: a step that stops at its options never parses it.
    run: async (options, env) => (await __webpack_require__.e(/* import() */ 149).then(__webpack_require__.bind(__webpack_require__, 2149))).runBundleBudget(options, env.baseline, env),
    outputValues: (result) => ({ 'total-raw': result.metrics['total-raw'], 'total-gzip': result.metrics['total-gzip'], 'total-brotli': result.metrics['total-brotli'] }),
    renderMarkdown: renderBundleBudgetMarkdown,
    renderTerminal: renderBundleBudgetTerminal,
    cli: { help: BUNDLE_BUDGET_HELP, positional: 'path', repeatable: ['path'], flags: ['allow-empty'] },
};

// EXTERNAL MODULE: ./packages/canary/src/options.ts
var src_options = __webpack_require__(6404);
;// CONCATENATED MODULE: ./packages/canary/src/render.ts

const figure = (value, unit) => (value === undefined ? '\u2013' : `${Number(value.toPrecision(4))}${unit}`);
/** The decision, then each metric: canary against baseline, n, p, effect, verdict and why; a chart of each over the window. */
function renderCanaryMarkdown(result) {
    const decision = String(result.settings.decision ?? 'inconclusive');
    const parts = [`### ${STATUS_ICON[result.status]} Canary watch: ${decision} (score ${result.metrics.score ?? 0})`, `**${markdown_cell(result.headline)}**`];
    const rows = result.checks.map((check) => {
        const unit = check.unit === 'percent' ? '%' : check.unit === 'ms' ? ' ms' : '';
        const d = check.details ?? {};
        const n = `${d.n ?? ''}${d.baselineN !== undefined ? ` / ${d.baselineN}` : ''}`;
        const p = typeof d.p === 'number' ? (d.p < 1e-4 ? d.p.toExponential(1) : String(Number(d.p.toPrecision(2)))) : '\u2013';
        const effect = typeof d.effect === 'number' ? `${d.effect >= 0 ? '+' : ''}${figure(d.effect, check.unit === 'percent' ? ' pp' : unit)}` : '\u2013';
        return [markdown_cell(check.name), figure(d.measured === false ? undefined : check.value, unit), figure(check.baseline, unit), n, p, effect, `${STATUS_ICON[check.status]} ${String(d.verdict ?? check.status)}`, markdown_cell(check.message ?? '')];
    });
    parts.push(markdown_table(['metric', 'canary', 'baseline', 'n (canary / baseline)', 'p', 'effect', 'verdict', 'why'], rows));
    for (const check of result.checks) {
        const points = result.items.filter((item) => item.metric === check.name);
        if (points.length < 2)
            continue;
        // Each point closes an interval: the watch started one interval before the first.
        const start = Number(points[0].t) - Number(result.settings.interval ?? 0);
        const unit = check.unit === 'percent' ? '%' : check.unit === 'ms' ? 'ms' : '';
        const values = (field) => points.map((item) => (typeof item[field] === 'number' ? Number((item[field]).toFixed(3)) : 0));
        const top = Math.max(1e-9, ...values('canary'), ...values('baseline'), check.limit ?? 0);
        const lines = ['```mermaid', 'xychart-beta', `    title "${check.name.replace(/"/g, "'")} (canary${points.some((item) => typeof item.baseline === 'number') ? ', then baseline' : ''})"`, `    x-axis "seconds" [${points.map((item) => Math.round(Number(item.t) - start)).join(', ')}]`, `    y-axis "${unit}" 0 --> ${Number((top * 1.1).toPrecision(3))}`, `    line [${values('canary').join(', ')}]`];
        if (points.some((item) => typeof item.baseline === 'number'))
            lines.push(`    line [${values('baseline').join(', ')}]`);
        lines.push('```');
        parts.push(lines.join('\n'));
    }
    const messages = result.messages.map((message) => `- ${message.level}: ${markdown_cell(message.text)}`);
    if (messages.length > 0)
        parts.push(messages.join('\n'));
    return markdown_markdownBlock(parts);
}
function renderCanaryTerminal(result, options) {
    const paint = (code, text) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
    const decision = String(result.settings.decision ?? 'inconclusive');
    const lines = [paint(decision === 'promote' ? 32 : decision === 'rollback' ? 31 : 33, `canary-watch: ${result.headline}`)];
    for (const check of result.checks)
        lines.push(`  ${check.name}: ${String(check.details?.verdict ?? check.status)}: ${check.message ?? ''}`);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./packages/canary/src/gate.ts


const CANARY_WATCH_HELP = `Usage: roadstop canary-watch [options]

Watch a canary's metrics (Prometheus, Datadog, Sentry or any JSON endpoint) every interval over
a duration, judge each against its limits and the baseline with confidence
bounds and rank tests, and decide promote, rollback or inconclusive.

Options:
  --config FILE                 config file (default: .github/roadstop.yml); metrics under canary-watch:
  --provider NAME               prometheus (default) | http | datadog | sentry
  --prometheus-url URL          e.g. http://127.0.0.1:9090
  --http-headers TEXT           'Name: value' lines for every request (values never printed)
  --token TOKEN                 sent as Authorization: Bearer (never printed)
  --datadog-site SITE           datadoghq.com (default), datadoghq.eu, ... or a URL
  --datadog-api-key KEY         with --datadog-app-key KEY: Datadog's keys (never printed)
  --sentry-url URL              provider sentry: https://sentry.io (default) or self-hosted
  --sentry-org SLUG             with --sentry-project SLUG|ID and --sentry-token TOKEN (never printed)
  --sentry-environment ENV      only this environment's sessions
  --interval D                  between looks, 1s to 6h (default 60s)
  --duration D                  the whole watch, 1s to 6h (default 15m)
  --canary-label L              replaces {{target}} for the canary (default canary)
  --baseline-label L            ... and for the baseline; leave out to judge on limits alone
  --metrics YAML                the metrics list (or canary-watch.metrics in the config)
  --failure-limit N             failing looks in a row that roll back (default 1)
  --consecutive-successes N     passing looks in a row that promote early (default: none)
  --max-consecutive-errors N    provider errors in a row before on-provider-error (default 3)
  --on-provider-error D         inconclusive (default) | rollback
  --false-rollback-rate P       false-rollback budget over the watch (default 0.5%)
  --fail-on D                   rollback (default) | inconclusive
  --report FILE                 also write the result JSON to FILE
  --json                        print the result JSON instead of the report
  --no-color                    plain text
  -h, --help                    this help

Exit codes: 0 promote (or inconclusive with --fail-on rollback); 1 rollback; 2 a
mistake in the options or config; 3 an internal error.`;
/**
 * canary-watch, as the registry knows it. It owns its step: a 15-minute watch
 * is not run by the root action or `roadstop run`.
 */
const canaryWatchGate = {
    name: src_options/* GATE */.k6,
    title: 'Canary watch',
    summary: 'watch a canary\u2019s metrics and decide promote, rollback or inconclusive',
    inputs: src_options/* INPUT_NAMES */.Qh,
    inputDefinitions: src_options/* INPUT_DEFINITIONS */.Y_,
    outputs: ['decision', 'score'],
    options: src_options/* CANARY_WATCH_OPTIONS */.qo,
    ownStep: true,
    resolveOptions: src_options/* resolveCanaryWatchOptions */.wX,
    secretsOf: src_options/* secretsOf */.Fj,
    run: async (options, env) => (await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 7259))).runCanaryWatch(options, env),
    outputValues: (result) => ({ decision: String(result.settings.decision ?? ''), score: result.metrics.score }),
    renderMarkdown: renderCanaryMarkdown,
    renderTerminal: renderCanaryTerminal,
    cli: { help: CANARY_WATCH_HELP },
};

// EXTERNAL MODULE: ./packages/coverage/src/gate-options.ts
var gate_options = __webpack_require__(3362);
;// CONCATENATED MODULE: ./packages/coverage/src/gate-descriptor.ts


const COVERAGE_GATE_HELP = `Usage: roadstop coverage-gate [options] [reports...]

Check coverage reports (lcov, istanbul JSON, Cobertura, Clover; detected from
content, several files merged) against thresholds, the changed lines of the
branch, and a baseline result, with the config's coverage-gate section.

Options:
  --config FILE          config file (default: .github/roadstop.yml, optional)
  --cwd DIR              repository root (default: .)
  --files GLOB           coverage reports; repeatable (or give them as arguments)
  --preset NAME          launch (60% lines), harden (70%), strict (85%)
  --min-lines N          least coverage in percent; also --min-statements,
                         --min-functions, --min-branches
  --min-patch N          least coverage of the lines changed since --base
  --base REF             commit or branch the changed lines are taken against (e.g. origin/main)
  --max-drop N           largest drop against --baseline, in percentage points
  --baseline FILE        a coverage-gate result to compare with
  --fail-on MODE         fail (default) | warn | never
  --report FILE          also write the result JSON to FILE
  --json                 print the result JSON instead of the table
  --no-color             plain text
  -h, --help             this help

Exit codes: 0 pass, warn or skipped; 1 a check failed; 2 a mistake in the
options or config; 3 an internal error.`;
/** What a baseline's coverage figures may be: percentages, and whole counts of lines. */
const PERCENT = { min: 0, max: 100 };
const COUNT = { min: 0, integer: true };
const OUTPUTS = ['lines', 'statements', 'functions', 'branches', 'patch'];
/** coverage-gate, as the registry, the edges and the renderers know it. */
const coverageGate = {
    name: gate_options/* GATE */.k6,
    title: 'Coverage',
    summary: 'coverage reports against thresholds, changed lines and a baseline',
    inputs: gate_options/* INPUT_NAMES */.Qh,
    outputs: OUTPUTS,
    options: gate_options/* COVERAGE_GATE_OPTIONS */.Yw,
    resultRanges: {
        item: (field) => (/^(?:lines|statements|functions|branches)$/.test(field) ? PERCENT : /-(?:covered|total)$/.test(field) ? COUNT : undefined),
        metric: (name) => (/^(?:lines|statements|functions|branches|patch)$/.test(name) ? PERCENT : /-(?:covered|total)$|^files$|^report-files$/.test(name) ? COUNT : undefined),
        check: (unit) => (unit === 'percent' ? PERCENT : undefined),
    },
    resolveOptions: gate_options/* resolveCoverageOptions */.Hf,
    run: async (options, env) => {
        // In a workflow the pull request gives the base; on a laptop the diff is taken only when asked for.
        const wantsChanges = env.where === 'action' || options.base !== undefined || options.minPatch !== undefined;
        // The parsers and git are loaded when the gate runs: a step that stops at its options never parses them.
        const [{ runCoverageGate }, { repositoryFiles }] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(800), __webpack_require__.e(48)]).then(__webpack_require__.bind(__webpack_require__, 8048)), Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 630))]);
        // A folder that is not a git checkout is listed instead, and the result says so in a notice.
        const notes = [];
        const listed = repositoryFiles(options.workspace, (text) => notes.push({ level: 'notice', title: 'Repository files', text }));
        const [tracked, changes, baseline] = await Promise.all([listed, wantsChanges ? env.changes(options.base) : undefined, env.baseline]);
        return runCoverageGate(options, {
            repositoryFiles: tracked,
            ...(changes ? { changes } : {}),
            ...(baseline ? { baseline } : {}),
            messages: [...env.messages, ...notes],
            ...(env.commit ? { commit: env.commit } : {}),
            ...(env.ref ? { ref: env.ref } : {}),
        });
    },
    outputValues: (result) => Object.fromEntries(OUTPUTS.map((name) => [name, result.metrics[name]])),
    renderMarkdown: (result) => renderCoverageGateMarkdown(result),
    renderTerminal: (result, options) => terminal_renderResultTerminal(result, options),
    cli: { help: COVERAGE_GATE_HELP, positional: 'files', repeatable: ['files'] },
};

// EXTERNAL MODULE: ./packages/lighthouse/src/options.ts
var lighthouse_src_options = __webpack_require__(9636);
// EXTERNAL MODULE: ./packages/lighthouse/src/judge.ts
var judge = __webpack_require__(3693);
;// CONCATENATED MODULE: ./packages/lighthouse/src/render.ts



const VITAL_KEYS = Object.keys(lighthouse_src_options/* VITALS */.gA);
/** A score with the spread of its runs: `92 (88\u201394)`. */
function scoreText(item, category) {
    const score = item[category];
    if (typeof score !== 'number')
        return '\u2014';
    const min = item[`${category}-min`];
    const max = item[`${category}-max`];
    return typeof min === 'number' && typeof max === 'number' && min !== max ? `${score} (${min}\u2013${max})` : String(score);
}
function checkFor(result, page, name) {
    return result.checks.find((check) => check.name === `${page} ${name}`);
}
/** Job summary and PR comment: a table of pages (scores, vitals), the failing assertions with the audits that cost most. */
function renderLighthouseMarkdown(result, options = {}) {
    const parts = [`${options.heading ?? '###'} ${STATUS_ICON[result.status]} Lighthouse: ${result.status}`, `**${markdown_cell(result.headline)}**`];
    if (result.items.length > 0) {
        const rows = result.items.map((item) => [
            code(item.id),
            ...lighthouse_src_options/* CATEGORIES */.R6.map((category) => {
                const check = checkFor(result, item.id, judge/* CATEGORY_LABEL */.gh[category]);
                return `${check && check.status !== 'pass' ? `${STATUS_ICON[check.status]} ` : ''}${scoreText(item, category)}${check?.limitText ? ` / ${check.limitText}` : ''}`;
            }),
            ...VITAL_KEYS.map((vital) => {
                const value = item[vital];
                const check = checkFor(result, item.id, lighthouse_src_options/* VITALS */.gA[vital].label);
                return typeof value === 'number' ? `${check && check.status !== 'pass' ? `${STATUS_ICON[check.status]} ` : ''}${(0,judge/* formatVital */.Ev)(vital, value)}` : '\u2014';
            }),
            String(item.runs ?? ''),
        ]);
        parts.push(markdown_table(['Page', ...lighthouse_src_options/* CATEGORIES */.R6.map((category) => capitalize(judge/* CATEGORY_LABEL */.gh[category])), ...VITAL_KEYS.map((vital) => lighthouse_src_options/* VITALS */.gA[vital].label), 'Runs'], rows, ['left', ...lighthouse_src_options/* CATEGORIES */.R6.map(() => 'right'), ...VITAL_KEYS.map(() => 'right'), 'right']));
    }
    const problems = result.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
    if (problems.length > 0) {
        parts.push(problems
            .map((check) => {
            const audits = typeof check.details?.audits === 'string' ? check.details.audits.split('; ') : [];
            const head = `- ${STATUS_ICON[check.status]} ${markdown_cell(check.message?.split('; cost the most:')[0] ?? check.name)}`;
            return audits.length > 0 ? `${head}; cost the most:\n${audits.map((audit) => `  - ${markdown_cell(audit)}`).join('\n')}` : head;
        })
            .join('\n'));
    }
    const budgets = result.checks.filter((check) => check.unit === 'bytes');
    if (budgets.length > 0) {
        parts.push(details('Resource budgets', markdown_table(['Page', 'Resource', 'Transfer', 'Budget', 'State'], budgets.map((check) => [code(String(check.details?.page ?? '')), String(check.details?.resource ?? ''), `${Math.round(check.value / 100) / 10} kB`, check.limitText ?? '', `${STATUS_ICON[check.status]} ${check.status}`]), ['left', 'left', 'right', 'right', 'center'])));
    }
    const notes = result.messages.filter((message) => message.level !== 'error').map((message) => `- ${message.level === 'warning' ? '\u26a0\ufe0f' : '\u2139\ufe0f'} ${markdown_cell(message.text)}`);
    if (result.status === 'fail' && result.items.length === 0)
        notes.unshift(...result.messages.filter((message) => message.level === 'error').map((message) => `- \u274c ${markdown_cell(message.text)}`));
    if (notes.length > 0)
        parts.push(notes.join('\n'));
    const facts = [];
    if (result.metrics.runs !== undefined)
        facts.push(`${result.metrics.runs} run${result.metrics.runs === 1 ? '' : 's'} per page, the median run judged`);
    if (result.baseline)
        facts.push(`base: ${result.baseline.commit ? code(result.baseline.commit.slice(0, 7)) : markdown_cell(result.baseline.source)}`);
    facts.push('nothing uploaded to public storage');
    parts.push(`<sub>${facts.join(' \u00b7 ')}</sub>`);
    // A blank line after the closing HTML, so a block concatenated after this one still renders as markdown on GitHub.
    return `${parts.join('\n\n')}\n\n`;
}
/** The CLI's report: the checks table and problems as every gate prints them, then the pages with their scores. */
function renderLighthouseTerminal(result, options) {
    const lines = [terminal_renderResultTerminal(result, options).trimEnd()];
    if (result.items.length > 0) {
        lines.push('', 'Pages (median run; the spread of the runs in brackets)');
        for (const item of result.items) {
            const scores = lighthouse_src_options/* CATEGORIES */.R6.map((category) => `${judge/* CATEGORY_LABEL */.gh[category]} ${scoreText(item, category)}`).join(' \u00b7 ');
            const vitals = VITAL_KEYS.filter((vital) => typeof item[vital] === 'number')
                .map((vital) => `${lighthouse_src_options/* VITALS */.gA[vital].label} ${(0,judge/* formatVital */.Ev)(vital, item[vital])}`)
                .join(' \u00b7 ');
            lines.push(`  ${item.id}`, `    ${scores}`, ...(vitals ? [`    ${vitals}`] : []));
            if (typeof item['report-html'] === 'string')
                lines.push(`    report: ${item['report-html']}`);
        }
    }
    return `${lines.join('\n')}\n`;
}
function capitalize(text) {
    return text === 'SEO' ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./packages/lighthouse/src/gate.ts


const LIGHTHOUSE_GATE_HELP = `Usage: roadstop lighthouse-gate [options] [urls...]

Run Lighthouse (through lhci collect, with Chrome or Chromium) on a static
build folder served locally or on URLs, several runs per page, and judge each
page's median run against least scores, Core Web Vitals limits, resource
budgets and a baseline result, with the config's lighthouse-gate section.
Nothing is uploaded to any public storage.

Options:
  --config FILE            config file (default: .github/roadstop.yml, optional)
  --cwd DIR                repository root (default: .)
  --static-dir DIR         build folder to serve and measure, e.g. dist
  --urls URL               pages already served; repeatable (or give them as arguments)
  --runs N                 Lighthouse runs per page, 1-20 (default 3)
  --preset NAME            launch (every category \u2265 80), harden (85), strict (90)
  --min-performance N      least score 0-100; also --min-accessibility,
                           --min-best-practices, --min-seo
  --max-lcp MS             largest LCP, e.g. 2500 or 2.5s; also --max-tbt MS, --max-cls 0.1
  --max-drop N             largest drop of a score against --baseline, in points
  --chrome-path FILE       Chrome or Chromium (default: CHROME_PATH, then PATH)
  --baseline FILE          a lighthouse-gate result to compare with
  --fail-on MODE           fail (default) | warn | never
  --report FILE            also write the result JSON to FILE
  --json                   print the result JSON instead of the table
  --no-color               plain text
  -h, --help               this help

Exit codes: 0 pass, warn or skipped (no browser); 1 a check failed; 2 a mistake
in the options or config; 3 an internal error.`;
/** lighthouse-gate, as the registry, the edges and the renderers know it. */
const lighthouseGate = {
    name: lighthouse_src_options/* GATE */.k6,
    title: 'Lighthouse',
    summary: 'Lighthouse scores, Core Web Vitals and resource budgets of a build or a preview URL',
    inputs: lighthouse_src_options/* INPUT_NAMES */.Qh,
    outputs: lighthouse_src_options/* CATEGORIES */.R6,
    options: lighthouse_src_options/* LIGHTHOUSE_GATE_OPTIONS */.ms,
    resolveOptions: lighthouse_src_options/* resolveLighthouseOptions */.Xw,
    // lhci, Chrome discovery and the judge are loaded when the gate runs, not when a step stops at its options.
    run: async (options, env) => (await __webpack_require__.e(/* import() */ 920).then(__webpack_require__.bind(__webpack_require__, 1920))).runLighthouseGate(options, env),
    outputValues: (result) => Object.fromEntries(lighthouse_src_options/* CATEGORIES */.R6.map((category) => [category, result.metrics[category]])),
    renderMarkdown: renderLighthouseMarkdown,
    renderTerminal: renderLighthouseTerminal,
    cli: { help: LIGHTHOUSE_GATE_HELP, positional: 'urls', repeatable: ['urls'] },
};

;// CONCATENATED MODULE: ./packages/gates/src/registry.ts





/**
 * Every gate roadstop has, once, in the order a pipeline runs them (tests
 * before build output). The root action, `roadstop run`, the CLI's commands,
 * the config file's sections, the result check, the PR comment and Slack
 * iterate this list; adding a gate is one package exporting a descriptor, one
 * line here and one thin action folder.
 */
const GATES = [coverageGate, bundleBudgetGate, lighthouseGate, canaryWatchGate];
/**
 * Config sections of the steps that are not gates: reserved names, any map,
 * read by nothing yet (their actions take inputs only).
 */
const STEP_SECTIONS = {
    'pr-staging-comment': { description: 'Reserved for pr-staging-comment (which takes its settings as inputs); any map.' },
    'slack-notify': { description: 'Reserved for slack-notify (which takes its settings as inputs); any map.' },
};
/** Every section a config may hold: each gate's, from its descriptor, then the steps'. */
function configSections(gates = GATES) {
    const sections = {};
    for (const gate of gates)
        sections[gate.name] = { description: `${gate.title}: ${gate.summary}.`, options: gate.options };
    return { ...sections, ...STEP_SECTIONS };
}
function gateNamed(name) {
    return GATES.find((gate) => gate.name === name);
}
/** The result ranges of a result file's gate, for reading results back. */
function resultRangesOf(gate) {
    return gateNamed(gate)?.resultRanges;
}
/** A result file's markdown: its gate's own renderer, or the generic checks table for a gate this build does not know. */
function renderGateMarkdown(result) {
    return gateNamed(result.gate)?.renderMarkdown(result) ?? renderResultMarkdown(result);
}
function renderGateTerminal(result, options) {
    return gateNamed(result.gate)?.renderTerminal(result, options) ?? renderResultTerminal(result, options);
}

;// CONCATENATED MODULE: ./packages/gates/src/index.ts


// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./packages/git/src/index.ts + 3 modules
var git_src = __webpack_require__(630);
;// CONCATENATED MODULE: ./packages/cli/src/common.ts



/** Options every gate command takes, beside its own. */
const COMMON_OPTIONS = {
    config: { type: 'string' },
    cwd: { type: 'string' },
    baseline: { type: 'string' },
    'fail-on': { type: 'string' },
    report: { type: 'string' },
    json: { type: 'boolean' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
};
/**
 * A baseline file read as the action reads it; `auto` is an Actions thing, said
 * in a notice. A path given on the command line is relative to the shell's
 * directory, as --report is; one from the config file, to the workspace.
 */
async function commandBaseline(spec, io, workspace, gate, messages) {
    if (spec.kind === 'file') {
        const fromCommandLine = spec.origin.input !== undefined;
        return (0,src/* readBaselineFile */.s$)(spec.path, { workspace: fromCommandLine ? io.cwd : workspace, gate: gate.name, origin: fromCommandLine ? { input: '--baseline' } : spec.origin, ranges: () => gate.resultRanges });
    }
    if (spec.kind === 'auto')
        messages.push({ level: 'notice', text: 'baseline: auto finds the base branch result in GitHub Actions; locally, pass --baseline FILE' });
    return undefined;
}
/**
 * --report, relative to the shell's folder and kept inside it (as every path
 * a user names stays in its workspace), never over the baseline it is compared with.
 */
async function prepareCommandReport(path, io, gate, baseline, workspace) {
    if (!path)
        return undefined;
    const baselinePath = baseline.kind === 'file' ? (0,external_node_path_.resolve)(baseline.origin.input !== undefined ? io.cwd : workspace, baseline.path) : undefined;
    return (0,src/* prepareReportPath */.tk)(path, { workspace: io.cwd, gate, temp: '', input: '--report', ...(baselinePath ? { baseline: baselinePath } : {}) });
}
/** Write --report, print the table or --json, and give the exit code. */
async function finishCommand(result, gate, options, io) {
    const text = options.reportPath || options.json ? (0,src/* serializeResult */.sf)(result) : '';
    if (options.reportPath)
        await (0,src/* writeResult */.Zk)(options.reportPath, result, text);
    if (options.json)
        io.stdout(text);
    else
        io.stdout(gate.renderTerminal(result, { color: options.color }));
    return options.blocking ? 1 : 0;
}
/** --config on the command line is relative to the shell's directory; the default one lives in the workspace. */
function commandConfigPath(given, io) {
    return given ? (0,external_node_path_.resolve)(io.cwd, given) : undefined;
}
function wantsColor(values, io) {
    return values['no-color'] ? false : (values.color ?? io.color);
}
/** The folder the gates run in: --cwd against the shell's directory, which must be a folder that exists. */
async function commandWorkspace(given, io) {
    const workspace = (0,external_node_path_.resolve)(io.cwd, given ?? '.');
    const found = await (0,promises_.stat)(workspace).catch(() => undefined);
    if (!found)
        throw new src/* ConfigurationError */.j1(`no such folder: ${workspace}`, { input: '--cwd' });
    if (!found.isDirectory())
        throw new src/* ConfigurationError */.j1(`${workspace} is a file; --cwd takes the folder to run in (the repository root)`, { input: '--cwd' });
    return workspace;
}

;// CONCATENATED MODULE: ./packages/cli/src/gate-command.ts








/** The command line of a gate: the common options, then each of its inputs as --<input>, as the descriptor says. */
function gateCliOptions(gate) {
    const options = { ...COMMON_OPTIONS };
    for (const input of gate.inputs) {
        if (input in options || gate.cli.hidden?.includes(input))
            continue;
        if (gate.cli.flags?.includes(input))
            options[input] = { type: 'boolean' };
        else
            options[input] = { type: 'string', ...(gate.cli.repeatable?.includes(input) ? { multiple: true } : {}) };
    }
    return options;
}
/** Map parsed arguments onto the action's inputs, so both edges resolve options the same way. */
function cliInputs(gate, values, positionals) {
    const inputs = {};
    for (const input of gate.inputs) {
        const value = values[input];
        if (typeof value === 'string')
            inputs[input] = value;
        else if (Array.isArray(value) && value.length > 0)
            inputs[input] = value.join('\n');
        else if (value === true)
            inputs[input] = 'true';
    }
    if (positionals.length > 0) {
        if (!gate.cli.positional)
            throw new src/* ConfigurationError */.j1(`takes no arguments, got '${positionals[0]}'`, { input: gate.name });
        inputs[gate.cli.positional] = [inputs[gate.cli.positional], ...positionals].filter(Boolean).join('\n');
    }
    return inputs;
}
/** `roadstop <gate> [options]`: the gate on a laptop, from the same config file and the same descriptor as the action. */
async function runGateCommand(gate, args, io) {
    const { values, positionals } = (0,external_node_util_.parseArgs)({ args, allowPositionals: true, strict: true, options: gateCliOptions(gate) });
    if (values.help) {
        io.stdout(`${gate.cli.help}\n`);
        return 0;
    }
    const workspace = await commandWorkspace(typeof values.cwd === 'string' ? values.cwd : undefined, io);
    const inputs = cliInputs(gate, values, positionals);
    // --config is the user's own file on their own machine: the shell's folder is as good as the workspace.
    const config = (0,src/* loadConfig */.Z9)(commandConfigPath(values.config, io), { workspace, input: '--config', also: [io.cwd], sections: configSections() });
    for (const warning of config.warnings.filter((each) => each.key.startsWith(`${gate.name}.`)))
        io.stderr(`${warning.file ?? ''}${warning.line ? `:${warning.line}` : ''}: warning: ${warning.text}\n`);
    const options = gate.resolveOptions(config.section(gate.name), inputs, workspace);
    const messages = [];
    const reportPath = await prepareCommandReport(values.report, io, gate.name, options.baseline, workspace);
    // Read while the gate starts: a large baseline takes a while to parse.
    const baseline = commandBaseline(options.baseline, io, workspace, gate, messages);
    baseline.catch(() => undefined);
    const env = {
        where: 'cli',
        workspace,
        scratch: await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), `roadstop-${gate.name}-`)),
        baseline,
        messages,
        log: (text) => io.stderr(`${text}\n`),
        changes: async (base) => {
            if (!base)
                return { unavailable: 'give --base (e.g. origin/main) to measure the changed lines' };
            try {
                const found = await (0,git_src.changedLines)({ cwd: workspace, base, remote: false });
                return { lines: found.lines, base: found.mergeBase, via: 'git' };
            }
            catch (error) {
                return { unavailable: error.message };
            }
        },
        uploadArtifact: (name, files, root) => Promise.resolve(`${files.length} file${files.length === 1 ? '' : 's'} kept in ${root} (artifact '${name}' is uploaded in GitHub Actions)`),
        secrets: [],
    };
    const result = await gate.run(options, env);
    return finishCommand(result, gate, { reportPath, json: values.json, color: wantsColor(values, io), blocking: (0,src/* isBlocking */.Us)(result, options.failOn) }, io);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./packages/release/src/platforms.ts
var platforms = __webpack_require__(2153);
;// CONCATENATED MODULE: ./packages/release/src/options.ts





/** The canary-watch inputs canary-release passes through to each step's watch (fail-on is the ramp's own business). */
const WATCH_INPUT_NAMES = src_options/* INPUT_NAMES */.Qh.filter((name) => name !== 'fail-on');
const RELEASE_INPUT_NAMES = ['platform', 'steps', 'on-inconclusive', 'deploy', 'rollback', 'promote', 'command-timeout', 'vercel-token', 'vercel-project', 'vercel-team', 'deployment', 'vercel-api-url', 'timeout-minutes', 'working-directory'];
/** The Slack inputs that are secrets: read with the others so that they are masked by their one declaration below. */
const RELEASE_SLACK_SECRET_INPUTS = (/* unused pure expression or super */ null && (['slack-token', 'slack-webhook-url']));
/** Masked before anything else runs: the watch's secrets, the Vercel token, the Slack token and each webhook URL. */
const RELEASE_INPUT_DEFINITIONS = {
    ...src_options/* INPUT_DEFINITIONS */.Y_,
    'vercel-token': { secret: true },
    'slack-token': { secret: true },
    // Several webhooks, one a line or comma-separated, as slack-notify reads them: each URL masked on its own.
    'slack-webhook-url': { secret: true, secretParts: (value) => value.split(/[\s,]+/).filter((url) => url !== '') },
};
/** What a timeout must leave beyond the watches: the traffic moves, the promotion, a rollback. */
const MOVE_MINUTES = 10;
/** At most this many steps: each is a watch of at least a second, and a ramp of 20 is already unusual (Argo's examples use 3 to 6). */
const MAX_STEPS = 20;
/** `10,25,50,100` (commas or spaces; a trailing % allowed): rising whole percentages ending at 100. */
function parseSteps(text) {
    const where = { input: 'steps' };
    const parts = text.split(/[\s,]+/).filter((part) => part !== '');
    if (parts.length === 0)
        throw new src/* ConfigurationError */.j1('no steps', where, 'e.g. 10,25,50,100');
    if (parts.length > MAX_STEPS)
        throw new src/* ConfigurationError */.j1(`${parts.length} steps: at most ${MAX_STEPS}`, where);
    const steps = parts.map((part) => {
        const match = /^(\d{1,3})%?$/.exec(part);
        const value = match ? Number(match[1]) : Number.NaN;
        if (!Number.isInteger(value) || value < 1 || value > 100)
            throw new src/* ConfigurationError */.j1(`'${part.slice(0, 20)}' is not a whole percentage from 1 to 100`, where, 'e.g. 10,25,50,100');
        return value;
    });
    for (let index = 1; index < steps.length; index++) {
        if (steps[index] <= steps[index - 1])
            throw new src/* ConfigurationError */.j1(`the steps must rise: ${steps[index]} comes after ${steps[index - 1]}`, where, 'e.g. 10,25,50,100');
    }
    if (steps.at(-1) !== 100)
        throw new src/* ConfigurationError */.j1(`the last step is ${steps.at(-1)}, not 100`, where, 'end the ramp at 100: the canary then takes all traffic before it is promoted');
    return steps;
}
/** Every input checked, nothing run: a mistake is found before any traffic moves. */
function resolveReleaseOptions(section, inputs, workspace) {
    const given = (name) => (0,src/* givenInput */.CB)(inputs, name);
    const platformName = given('platform') ?? 'command';
    if (!platforms/* PLATFORMS */.P4.includes(platformName))
        throw new src/* ConfigurationError */.j1(`unknown platform '${platformName.slice(0, 40)}'`, { input: 'platform' }, `use ${platforms/* PLATFORMS */.P4.join(' or ')}`);
    const steps = parseSteps(given('steps') ?? '10,25,50,100');
    const onInconclusive = given('on-inconclusive') ?? 'rollback';
    if (onInconclusive !== 'rollback' && onInconclusive !== 'continue')
        throw new src/* ConfigurationError */.j1(`'${onInconclusive.slice(0, 40)}' is not one of rollback, continue`, { input: 'on-inconclusive' });
    const platform = resolvePlatform(platformName, given, workspace);
    const watchInputs = Object.fromEntries(WATCH_INPUT_NAMES.flatMap((name) => (inputs[name] !== undefined ? [[name, inputs[name]]] : [])));
    // The labels may come from the platform (the deployments' SHAs, the deploy command's labels file) once traffic moves.
    const canary = given('canary-label');
    const baseline = given('baseline-label');
    const watch = (0,src_options/* resolveCanaryWatchOptions */.wX)(section, { ...watchInputs, 'fail-on': 'rollback' }, workspace);
    const timeout = given('timeout-minutes');
    if (timeout !== undefined)
        checkTimeout(timeout, steps.length, watch.durationMs);
    return { platform, steps, onInconclusive, watch, explicitLabels: { ...(canary !== undefined ? { canary } : {}), ...(baseline !== undefined ? { baseline } : {}) } };
}
/**
 * The job's timeout must hold every step's watch plus MOVE_MINUTES, or the runner kills the ramp halfway and only
 * the post step's rollback is left: refused before anything moves, with the timeout it needs.
 */
function checkTimeout(text, stepCount, durationMs) {
    const where = { input: 'timeout-minutes' };
    if (!/^\d{1,5}$/.test(text) || Number(text) < 1)
        throw new src/* ConfigurationError */.j1(`'${text.slice(0, 20)}' is not a whole number of minutes`, where, 'e.g. 120');
    const needed = Math.ceil((stepCount * durationMs) / 60_000) + MOVE_MINUTES;
    const duration = durationMs % 60_000 === 0 ? `${durationMs / 60_000}m` : `${Math.ceil(durationMs / 1000)}s`;
    if (Number(text) < needed) {
        throw new src/* ConfigurationError */.j1(`${text} is shorter than ${stepCount} steps \u00d7 ${duration} of watching + ${MOVE_MINUTES} minutes for the moves`, where, `set it to ${needed} or more, or shorten duration`);
    }
}
function resolvePlatform(name, given, workspace) {
    if (name === 'command') {
        const deploy = given('deploy');
        const rollback = given('rollback');
        if (deploy === undefined)
            throw new src/* ConfigurationError */.j1('platform command needs deploy', { input: 'deploy' }, 'a shell command that gives the canary $CANARY_WEIGHT percent of the traffic');
        if (rollback === undefined)
            throw new src/* ConfigurationError */.j1('platform command needs rollback', { input: 'rollback' }, 'a shell command that sends all traffic back to the stable version');
        const timeoutText = given('command-timeout') ?? '10m';
        const timeoutMs = (0,src_options/* parseDuration */.E9)(timeoutText, { input: 'command-timeout' });
        if (timeoutMs > 3_600_000)
            throw new src/* ConfigurationError */.j1(`'${timeoutText}' is longer than 1h`, { input: 'command-timeout' });
        const promote = given('promote');
        return { kind: 'command', deploy, rollback, timeoutMs, cwd: commandFolder(given('working-directory') ?? '.', workspace), ...(promote !== undefined ? { promote } : {}) };
    }
    const token = given('vercel-token');
    if (token === undefined)
        throw new src/* ConfigurationError */.j1('platform vercel needs vercel-token', { input: 'vercel-token' }, 'a Vercel access token from secrets: ${{ secrets.VERCEL_TOKEN }}');
    if (!/^[\x21-\x7e]+$/.test(token))
        throw new src/* ConfigurationError */.j1('holds a space, a line break or a control character', { input: 'vercel-token' }, 'paste the token alone');
    const project = given('vercel-project');
    if (project === undefined)
        throw new src/* ConfigurationError */.j1('platform vercel needs vercel-project', { input: 'vercel-project' }, 'the project\u2019s ID (prj_\u2026) or name');
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(project))
        throw new src/* ConfigurationError */.j1(`'${project.slice(0, 100)}' is not a Vercel project ID or name`, { input: 'vercel-project' });
    const team = given('vercel-team');
    if (team !== undefined && !/^[A-Za-z0-9_-]{1,100}$/.test(team))
        throw new src/* ConfigurationError */.j1(`'${team.slice(0, 100)}' is not a Vercel team ID`, { input: 'vercel-team' });
    const deploymentText = given('deployment');
    if (deploymentText === undefined)
        throw new src/* ConfigurationError */.j1('platform vercel needs deployment', { input: 'deployment' }, 'the canary deployment\u2019s ID (dpl_\u2026) or URL, e.g. from vercel deploy --prod --skip-domain');
    const deployment = deploymentId(deploymentText);
    const apiUrl = (given('vercel-api-url') ?? 'https://api.vercel.com').replace(/\/+$/, '');
    let parsed;
    try {
        parsed = new URL(apiUrl);
    }
    catch {
        throw new src/* ConfigurationError */.j1(`'${apiUrl.slice(0, 200)}' is not a URL`, { input: 'vercel-api-url' });
    }
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username !== '' || parsed.password !== '')
        throw new src/* ConfigurationError */.j1('must be an http(s) URL without credentials', { input: 'vercel-api-url' });
    return { kind: 'vercel', token, project, deployment, apiUrl, ...(team !== undefined ? { team } : {}) };
}
/** The commands' folder: relative to the workspace, inside it, and there. */
function commandFolder(text, workspace) {
    const where = { input: 'working-directory' };
    const root = (0,external_node_path_.resolve)(workspace);
    const folder = (0,external_node_path_.resolve)(root, text);
    if ((0,external_node_path_.isAbsolute)(text) || (folder !== root && !folder.startsWith(`${root}${external_node_path_.sep}`)))
        throw new src/* ConfigurationError */.j1(`'${text.slice(0, 200)}' is not a folder inside the workspace`, where, 'a path relative to the repository root, e.g. apps/web');
    if (!(0,external_node_fs_.existsSync)(folder) || !(0,external_node_fs_.statSync)(folder).isDirectory())
        throw new src/* ConfigurationError */.j1(`'${text.slice(0, 200)}' is not a folder of the workspace`, where);
    return folder;
}
/** `dpl_\u2026`, or a deployment URL (https://app-abc123.vercel.app), which Vercel's API also takes as the idOrUrl. */
function deploymentId(text) {
    if (/^dpl_[A-Za-z0-9]{1,64}$/.test(text))
        return text;
    const host = /^(?:https?:\/\/)?([a-z0-9.-]{1,253})\/?$/i.exec(text)?.[1];
    if (host !== undefined && host.includes('.'))
        return host.toLowerCase();
    throw new src/* ConfigurationError */.j1(`'${text.slice(0, 100)}' is not a deployment ID or URL`, { input: 'deployment' }, 'dpl_\u2026 or the URL vercel deploy printed');
}

// EXTERNAL MODULE: ./packages/canary/src/judge.ts
var src_judge = __webpack_require__(8749);
// EXTERNAL MODULE: ./packages/canary/src/providers.ts
var providers = __webpack_require__(8252);
// EXTERNAL MODULE: ./packages/canary/src/run.ts
var run = __webpack_require__(7259);
// EXTERNAL MODULE: ./packages/canary/src/sentry.ts
var sentry = __webpack_require__(5883);
// EXTERNAL MODULE: ./packages/canary/src/stats.ts
var stats = __webpack_require__(7301);
// EXTERNAL MODULE: ./packages/canary/src/watch.ts + 1 modules
var watch = __webpack_require__(3168);
;// CONCATENATED MODULE: ./packages/canary/src/index.ts











;// CONCATENATED MODULE: ./packages/release/src/ramp.ts



/** A SIGINT/SIGTERM (a cancel, the job's timeout) during the ramp. */
class CancelledError extends src/* EnvironmentError */.eG {
}
/**
 * The ramp: for each weight, move the traffic, watch for the duration, decide. A rollback, an inconclusive watch
 * (unless on-inconclusive: continue), a failed move or a cancel rolls back and stops; after the last step, promote.
 */
async function runRamp(options, deps) {
    const steps = [];
    let moved = false;
    let weight = 0;
    const log = (text) => deps.log((0,src/* redactText */.Rd)(text, deps.secrets));
    const stopWith = async (decision, reason, error) => {
        let rolledBack = false;
        if (moved) {
            try {
                await deps.platform.rollback();
                rolledBack = true;
                weight = 0;
                log(`canary-release: rolled back: all traffic on stable (${reason})`);
            }
            catch (rollbackError) {
                const text = `${reason}; and the rollback failed: ${rollbackError.message}`;
                return { decision, weight, reason: text, steps, rolledBack, error: new platforms/* PlatformError */.Wk((0,src/* redactText */.Rd)(text, deps.secrets)) };
            }
        }
        return { decision, weight, reason, steps, rolledBack, ...(error ? { error } : {}) };
    };
    for (const [index, target] of options.steps.entries()) {
        const step = index + 1;
        if (deps.cancelled?.aborted)
            return stopWith('rollback', 'the run was cancelled', new CancelledError('the run was cancelled'));
        let labels;
        try {
            if (!moved)
                deps.onMoved?.();
            moved = true;
            labels = await deps.platform.move(target, step);
            weight = target;
        }
        catch (error) {
            const text = deps.cancelled?.aborted ? 'the run was cancelled' : `step ${step} (${target}%): the traffic move failed: ${error.message}`;
            // A platform that would not act (rate limited past the budget) judged nothing: inconclusive, not a rollback decision.
            return stopWith(error instanceof platforms/* PlatformUnavailableError */.Sd ? 'inconclusive' : 'rollback', text, deps.cancelled?.aborted ? new CancelledError(text) : error);
        }
        const canary = options.explicitLabels.canary ?? labels.canary ?? options.watch.canaryLabel;
        const baseline = options.explicitLabels.baseline ?? labels.baseline ?? options.watch.baselineLabel;
        const watchOptions = { ...options.watch, canaryLabel: canary };
        if (baseline !== undefined)
            watchOptions.baselineLabel = baseline;
        else
            delete watchOptions.baselineLabel;
        log(`canary-release: step ${step} of ${options.steps.length}: ${target}% on '${canary}'${baseline !== undefined ? ` against '${baseline}'` : ''}; watching for ${options.watch.durationMs / 1000}s`);
        const record = { step, weight: target, canary, ...(baseline !== undefined ? { baseline } : {}), reason: '', reasons: [], elapsedMs: 0 };
        steps.push(record);
        let outcome;
        try {
            const provider = await (deps.provider ?? providers/* openProvider */.C2)(watchOptions, deps.cancelled);
            outcome = await (0,watch/* watchCanary */.QH)(watchOptions, { provider, now: deps.now, sleep: deps.sleep, log });
            // A cancel that ended a request can end the watch as provider errors: still a cancel, not a decision.
            if (deps.cancelled?.aborted)
                throw new CancelledError('the run was cancelled');
        }
        catch (error) {
            const cancelled = error instanceof CancelledError || deps.cancelled?.aborted === true;
            record.reason = cancelled ? 'cancelled during the watch' : (0,src/* redactText */.Rd)(error.message, deps.secrets);
            await deps.onStep?.(record, undefined);
            if (cancelled)
                return stopWith('rollback', 'the run was cancelled during the watch', new CancelledError('the run was cancelled'));
            // A metric the provider refuses, or the provider out before the watch began: no evidence, never a pass.
            return stopWith(error instanceof src/* ConfigurationError */.j1 ? 'rollback' : 'inconclusive', `step ${step}: the watch could not start: ${record.reason}`, error);
        }
        record.decision = outcome.decision;
        record.reason = (0,src/* redactText */.Rd)(outcome.reason, deps.secrets);
        record.reasons = outcome.judgements.map((judgement) => ({ name: judgement.name, verdict: judgement.verdict, reason: (0,src/* redactText */.Rd)(judgement.reason, deps.secrets) }));
        record.elapsedMs = outcome.elapsedMs;
        await deps.onStep?.(record, outcome);
        if (outcome.decision === 'rollback')
            return stopWith('rollback', `step ${step} (${target}%): ${record.reason}`);
        if (outcome.decision === 'inconclusive') {
            if (options.onInconclusive === 'rollback')
                return stopWith('inconclusive', `step ${step} (${target}%) was inconclusive: ${record.reason}`);
            log(`canary-release: step ${step} inconclusive, continuing (on-inconclusive: continue): ${record.reason}`);
        }
    }
    try {
        await deps.platform.promote();
    }
    catch (error) {
        return stopWith(error instanceof platforms/* PlatformUnavailableError */.Sd ? 'inconclusive' : 'rollback', `the promotion failed: ${error.message}`, error);
    }
    return { decision: 'promote', weight: 100, reason: `every step of ${options.steps.join(' \u2192 ')}% passed; promoted`, steps, rolledBack: false };
}

;// CONCATENATED MODULE: ./packages/release/src/render.ts

const ICON = { promote: '\u2705', rollback: '\u274c', inconclusive: '\u26a0\ufe0f' };
/** The job summary: the outcome, then a row per step with its watch's decision and each metric's reason. */
function renderReleaseMarkdown(outcome, steps) {
    const title = `### ${ICON[outcome.decision]} Canary release: ${outcome.decision}${outcome.rolledBack ? ' (rolled back: all traffic on stable)' : ''}`;
    const rows = steps.map((weight, index) => {
        const record = outcome.steps[index];
        if (!record)
            return [String(index + 1), `${weight}%`, '\u2013', '\u2013', 'not reached'];
        const reasons = record.reasons.map((one) => `${one.name}: ${one.verdict}: ${one.reason}`).join('; ');
        return [String(record.step), `${record.weight}%`, cell(record.canary) + (record.baseline !== undefined ? ` vs ${cell(record.baseline)}` : ''), record.decision ?? 'stopped', cell(`${record.reason}${reasons ? ` \u2014 ${reasons}` : ''}`)];
    });
    return markdownBlock([title, `**${cell(outcome.reason)}**`, table(['step', 'weight', 'canary vs stable', 'watch', 'why'], rows)]);
}
function renderReleaseTerminal(outcome) {
    const lines = [`canary-release: ${outcome.decision}: ${outcome.reason}`];
    for (const record of outcome.steps)
        lines.push(`  step ${record.step} ${record.weight}%: ${record.decision ?? 'stopped'}: ${record.reason}`);
    return `${lines.join('\n')}\n`;
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./packages/release/src/release.ts





/** Every secret of the options, for redaction. */
function releaseSecrets(options) {
    return [...(0,src_options/* secretsOf */.Fj)(options.watch), ...(options.platform.kind === 'vercel' ? [options.platform.token] : [])];
}
/**
 * The release, as the action and the CLI run it: SIGINT and SIGTERM (a cancel, the job's timeout) end the watch
 * at once and roll back before the process ends; the post step covers what a harder kill leaves behind.
 */
async function runRelease(options, edge) {
    const cancel = new AbortController();
    const onSignal = (signal) => {
        if (cancel.signal.aborted)
            return;
        edge.log(`canary-release: ${signal} received: stopping the watch and rolling back`);
        cancel.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
        const platform = await (0,platforms/* openPlatform */.WN)(options, { scratch: edge.scratch, log: edge.log, signal: cancel.signal });
        await platform.prepare();
        return await runRamp(options, {
            platform,
            log: edge.log,
            now: () => Date.now(),
            sleep: (ms) => cancellableSleep(ms, cancel.signal),
            onMoved: edge.onMoved,
            ...(edge.onStep ? { onStep: edge.onStep } : {}),
            secrets: [...releaseSecrets(options), ...(edge.secrets ?? [])],
            cancelled: cancel.signal,
        });
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}
/** The post step: roll back a ramp the main step did not finish (killed, or its rollback failed). Idempotent. */
async function rollbackUnfinished(options, edge) {
    const platform = await openPlatform(options, { scratch: edge.scratch, log: edge.log });
    await platform.rollback();
}
/** A wait that a cancel ends at once, as a CancelledError (the timer's only rejection is the abort). */
function cancellableSleep(ms, signal) {
    return (0,external_node_timers_promises_.setTimeout)(ms, undefined, { signal }).catch(() => {
        throw new CancelledError('cancelled');
    });
}
/**
 * What stopped the ramp, as the one error the edge reports: the user's mistake as it was (its input named); anything
 * else as the environment's, with the step it happened at and whether the traffic is back on stable.
 */
function throwRampError(outcome, secrets) {
    if (!outcome.error)
        return;
    // Servers echo what they were sent (an Authorization header in an error): redacted before it is reported.
    if ((0,src/* isConfigurationError */.p0)(outcome.error)) {
        const { message, location, hint } = outcome.error;
        throw new src/* ConfigurationError */.j1((0,src/* redactText */.Rd)(message, secrets), location, hint === undefined ? undefined : (0,src/* redactText */.Rd)(hint, secrets));
    }
    throw new src/* EnvironmentError */.eG((0,src/* redactText */.Rd)(`${outcome.reason}${outcome.rolledBack ? '; rolled back: all traffic on stable' : ''}`, secrets));
}
/** An Error is {} to JSON: the report and --json carry its message. */
const releaseJson = ({ error, ...rest }, secrets) => (0,src/* redactText */.Rd)(JSON.stringify({ ...rest, ...(error ? { error: error.message } : {}) }, null, 2), secrets);

;// CONCATENATED MODULE: ./packages/release/src/index.ts






;// CONCATENATED MODULE: ./packages/cli/src/release-command.ts








const CANARY_RELEASE_SUMMARY = 'the whole canary ramp: move traffic step by step, watch, roll back or promote';
const CANARY_RELEASE_HELP = `Usage: roadstop canary-release [options]

For each weight of --steps, move the traffic (--deploy with $CANARY_WEIGHT and
$CANARY_STEP), watch the metrics as canary-watch does for --duration every
--interval, and decide: a rollback, an inconclusive watch (unless
--on-inconclusive continue), a failed move or Ctrl-C runs --rollback and stops;
after the last step, --promote.

Options:
  --config FILE              config file (default: .github/roadstop.yml); metrics under canary-watch:
  --platform NAME            command (default)
  --steps LIST               rising weights ending at 100 (default 10,25,50,100)
  --on-inconclusive D        rollback (default) | continue
  --deploy CMD               gives the canary $CANARY_WEIGHT percent; may write canary=/baseline= lines to $CANARY_LABELS_FILE
  --rollback CMD             all traffic back on stable
  --promote CMD              after the last step (optional)
  --command-timeout D        the longest one command may take (default 10m)
  --timeout-minutes N        refuse to start unless N minutes hold steps \u00d7 duration + 10
  --json                     print the outcome as JSON
  -h, --help                 this help
  and every option of 'roadstop canary-watch' (--provider, --metrics, --interval, --duration, --sentry-*, ...)

Exit codes: 0 promoted; 1 rolled back or inconclusive; 2 a mistake in the options.`;
/** \`roadstop canary-release\`: the action's ramp, from the same package, on a laptop or another CI. */
async function runReleaseCommand(args, io) {
    const names = [...RELEASE_INPUT_NAMES, ...WATCH_INPUT_NAMES];
    const { values } = (0,external_node_util_.parseArgs)({
        args,
        strict: true,
        options: { config: { type: 'string' }, cwd: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...Object.fromEntries(names.map((name) => [name, { type: 'string' }])) },
    });
    if (values.help) {
        io.stdout(`${CANARY_RELEASE_HELP}\n`);
        return 0;
    }
    const workspace = await commandWorkspace(typeof values.cwd === 'string' ? values.cwd : undefined, io);
    // All string options: parseArgs (strict) gives a string or nothing.
    const given = values;
    const inputs = Object.fromEntries(names.filter((name) => given[name] !== undefined).map((name) => [name, given[name]]));
    const config = (0,src/* loadConfig */.Z9)(commandConfigPath(values.config, io), { workspace, input: '--config', also: [io.cwd], sections: configSections() });
    const options = resolveReleaseOptions(config.section('canary-watch'), inputs, workspace);
    const secrets = releaseSecrets(options);
    const outcome = await runRelease(options, { scratch: await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'roadstop-canary-release-')), log: (text) => io.stderr(`${(0,src/* redactText */.Rd)(text, secrets)}\n`), onMoved: () => undefined });
    io.stdout(values.json ? `${releaseJson(outcome, secrets)}\n` : (0,src/* redactText */.Rd)(renderReleaseTerminal(outcome), secrets));
    throwRampError(outcome, secrets);
    return outcome.decision === 'promote' ? 0 : 1;
}

;// CONCATENATED MODULE: ./packages/cli/src/run-all.ts





// As the root action: a gate that owns its step is not run.
const ROOT_GATES = GATES.filter((gate) => !gate.ownStep);
const NAMES = ROOT_GATES.map((gate) => gate.name).join(', ');
const RUN_HELP = `Usage: roadstop run [--cwd DIR] [--config FILE] [--no-color]

Run every gate the config names, as the root action does in a workflow, in
this order: ${NAMES}. Exits with the worst exit code.`;
async function runAllCommand(args, io) {
    const { values } = (0,external_node_util_.parseArgs)({
        args,
        strict: true,
        options: { cwd: { type: 'string' }, config: { type: 'string' }, 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
        io.stdout(`${RUN_HELP}\n`);
        return 0;
    }
    const workspace = await commandWorkspace(values.cwd, io);
    const configPath = commandConfigPath(values.config, io);
    const config = (0,src/* loadConfig */.Z9)(configPath, { workspace, input: '--config', also: [io.cwd], sections: configSections() });
    if (config.file === undefined) {
        throw new src/* ConfigurationError */.j1(`config file not found: ${src/* DEFAULT_CONFIG_PATH */.Bi} does not exist in ${workspace}`, { input: '--config' }, `roadstop run runs the gates a config file names (${NAMES})`);
    }
    const named = ROOT_GATES.filter((gate) => config.root.has(gate.name));
    if (named.length === 0)
        throw new src/* ConfigurationError */.j1(`names no gate (${NAMES})`, { file: config.file, input: '--config' });
    const passOn = ['--cwd', workspace, ...(configPath ? ['--config', configPath] : []), ...(values['no-color'] ? ['--no-color'] : [])];
    let worst = 0;
    for (const [index, gate] of named.entries()) {
        if (index > 0)
            io.stdout('\n');
        worst = Math.max(worst, await runGateCommand(gate, passOn, io));
    }
    return worst;
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./packages/cli/src/main.ts






const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 };
/** The version of the roadstop package this CLI was built from (ncc inlines the JSON). */
const VERSION = package_namespaceObject.rE;
const COMMANDS = {
    run: { run: runAllCommand, summary: 'every gate the config names, as the root action does' },
    ...Object.fromEntries(GATES.map((gate) => [gate.name, { run: (args, io) => runGateCommand(gate, args, io), summary: gate.summary }])),
    'canary-release': { run: runReleaseCommand, summary: CANARY_RELEASE_SUMMARY },
};
const HELP = `Usage: roadstop <command> [options]

Commands:
${Object.entries(COMMANDS)
    .map(([name, command]) => `  ${name.padEnd(16)}${command.summary}`)
    .join('\n')}

Run 'roadstop <command> --help' for a command's options; 'roadstop --version' for the version.`;
/** Run the CLI; returns the exit code. Mistakes print one line, never a stack trace. */
async function main(argv, io) {
    const [name, ...rest] = argv;
    if (!name || name === '-h' || name === '--help' || name === 'help') {
        io.stdout(`${HELP}\n`);
        return name ? EXIT.ok : EXIT.usage;
    }
    if (name === '--version' || name === '-V' || name === 'version') {
        io.stdout(`roadstop ${VERSION}\n`);
        return EXIT.ok;
    }
    const command = COMMANDS[name];
    if (!command) {
        io.stderr(`roadstop: unknown command '${name}'\n\n${HELP}\n`);
        return EXIT.usage;
    }
    try {
        return await command.run(rest, io);
    }
    catch (error) {
        if ((0,src/* isConfigurationError */.p0)(error) || (0,src/* isEnvironmentError */.oz)(error)) {
            io.stderr(`roadstop ${name}: ${(0,src/* describeFailure */.Ic)(error)}\n`);
            return EXIT.usage;
        }
        if (isUsageError(error)) {
            io.stderr(`roadstop ${name}: ${error.message}\nRun 'roadstop ${name} --help' for the options.\n`);
            return EXIT.usage;
        }
        io.stderr(`roadstop ${name}: ${(0,src/* describeFailure */.Ic)(error)}\n`);
        if (io.env.ROADSTOP_DEBUG)
            io.stderr(`${error.stack ?? ''}\n`);
        return EXIT.internal;
    }
}
// node:util parseArgs throws TypeErrors with these codes for unknown or malformed options.
function isUsageError(error) {
    const code = error?.code;
    return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}


/***/ }),

/***/ 5758:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L8: () => (/* reexport */ COMMON_GATE_OPTIONS),
  j1: () => (/* reexport */ errors_ConfigurationError),
  Bi: () => (/* reexport */ DEFAULT_CONFIG_PATH),
  eG: () => (/* reexport */ errors_EnvironmentError),
  d$: () => (/* reexport */ FAIL_ON),
  Gv: () => (/* reexport */ NOT_JUDGED),
  jw: () => (/* reexport */ RedirectRefusedError),
  m3: () => (/* reexport */ applyFailOn),
  Gu: () => (/* reexport */ checkGlobSize),
  cd: () => (/* reexport */ checkRange),
  OR: () => (/* reexport */ confinedPath),
  kF: () => (/* reexport */ createResult),
  Ic: () => (/* reexport */ describeFailure),
  j5: () => (/* reexport */ globs_describeSkippedLinks),
  aI: () => (/* reexport */ edgeFetch),
  F7: () => (/* reexport */ escapeControlCharacters),
  z3: () => (/* reexport */ formatBytes),
  CW: () => (/* reexport */ formatDelta),
  Gb: () => (/* reexport */ formatIncrease),
  CB: () => (/* reexport */ givenInput),
  CT: () => (/* reexport */ insideWorkspace),
  Us: () => (/* reexport */ isBlocking),
  p0: () => (/* reexport */ isConfigurationError),
  oz: () => (/* reexport */ isEnvironmentError),
  u4: () => (/* reexport */ isRecord),
  UO: () => (/* reexport */ isWithin),
  Z9: () => (/* reexport */ loadConfig),
  CZ: () => (/* reexport */ notJudgedWithoutBaseline),
  yL: () => (/* reexport */ input_values_oneOf),
  ZU: () => (/* reexport */ openRegularFile),
  gz: () => (/* reexport */ parseBaselineSpec),
  yG: () => (/* reexport */ parseBoolean),
  XV: () => (/* reexport */ parseFailOn),
  KW: () => (/* reexport */ parseIncrease),
  $J: () => (/* reexport */ parseNumber),
  HK: () => (/* reexport */ parseSectionList),
  DB: () => (/* reexport */ parseSize),
  tk: () => (/* reexport */ prepareReportPath),
  uB: () => (/* reexport */ rangeOf),
  s$: () => (/* reexport */ readBaselineFile),
  fp: () => (/* reexport */ redactSecrets),
  Rd: () => (/* reexport */ redactText),
  dE: () => (/* reexport */ redactUrlCredentials),
  G1: () => (/* reexport */ rejectUnsafeUrlText),
  C3: () => (/* reexport */ retryAfterSeconds),
  AL: () => (/* reexport */ globs_selectFiles),
  sf: () => (/* reexport */ serializeResult),
  ry: () => (/* reexport */ splitList),
  O4: () => (/* reexport */ urlCredentials),
  pO: () => (/* reexport */ waitOutRateLimit),
  A4: () => (/* reexport */ worstStatus),
  Zk: () => (/* reexport */ writeResult)
});

// UNUSED EXPORTS: ALLOW_SKIP, CONFIG_VERSION, ConfigSection, GATE_NAME, MAX_GLOB_EXPANSIONS, MAX_NESTING, MAX_PLAUSIBLE_BYTES, MAX_RESULT_BYTES, MAX_YAML_ALIASES, MAX_YAML_CHARACTERS, RESULT_SCHEMA_ID, RESULT_SCHEMA_VERSION, STEP_INPUTS, UPLOAD_MODES, YamlSyntaxError, checkNesting, checkSection, closest, configJsonSchema, confinedPathSync, countBraceExpansions, createEdgeFetch, findImplausibleResult, isLiteralPath, parseConfig, parseHttpUrlInput, parseResult, parseYamlData, parseYamlTree, readRegularFile, readRegularFileSync, readResult, readResultFiles, readRunnerContext, readStepInputs, realLocation, refuseLinkedBase, runUrlOf, secretInputValues, specialFileKind

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./packages/core/src/errors.ts
class errors_ConfigurationError extends Error {
    name = 'ConfigurationError';
    location;
    hint;
    constructor(message, location = {}, hint) {
        super(message);
        this.location = location;
        this.hint = hint;
    }
    /** One line a user can act on: where, what, how to fix it. */
    describe() {
        const where = [];
        const { input, file, key, line, column } = this.location;
        if (file)
            where.push(line ? `${file}:${line}${column ? `:${column}` : ''}` : file);
        if (key)
            where.push(`key '${key}'`);
        if (input)
            where.push(`input '${input}'`);
        const prefix = where.length > 0 ? `${where.join(', ')}: ` : '';
        return `${prefix}${this.message}${this.hint ? ` (${this.hint})` : ''}`;
    }
}
function isConfigurationError(error) {
    return error instanceof errors_ConfigurationError;
}
/**
 * The runner's or the machine's problem, not the user's config and not a bug:
 * a file the step must write or read that the environment refuses
 * (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, a report without read permission).
 */
class errors_EnvironmentError extends Error {
    name = 'EnvironmentError';
}
const ENVIRONMENT_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EISDIR', 'ENOTDIR', 'EMFILE', 'ENFILE', 'EIO']);
/** An error from the file system or the runner that a person fixes on the machine, not in roadstop. */
function isEnvironmentError(error) {
    if (error instanceof errors_EnvironmentError)
        return true;
    const code = error?.code;
    return typeof code === 'string' && ENVIRONMENT_CODES.has(code) && typeof error.syscall === 'string';
}
/** One line for any error: the user's mistake as located, the environment's as such, anything else as a bug. */
function describeFailure(error) {
    if (isConfigurationError(error))
        return error.describe();
    if (error instanceof errors_EnvironmentError)
        return error.message;
    if (isEnvironmentError(error)) {
        const { code, syscall, path } = error;
        return `the machine refused to ${syscall ?? 'access'} ${path ?? 'a file'} (${code}): check that the path exists and the step may use it`;
    }
    // Not the user's fault: say it is a bug, keep the cause.
    return `internal error (a bug in roadstop, please report it): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}

;// CONCATENATED MODULE: ./packages/core/src/confine.ts



/** Whether `target` is `root` or below it; both absolute and normalized. */
function isWithin(root, target) {
    const inside = (0,external_node_path_.relative)(root, target);
    return inside === '' || (inside !== '..' && !inside.startsWith(`..${external_node_path_.sep}`) && !(0,external_node_path_.isAbsolute)(inside));
}
/**
 * Where `path` really is once every symlink is resolved: its realpath, or, for
 * a file not written yet, the realpath of its nearest existing folder with the
 * rest appended. The text of a path says nothing about where it leads.
 */
function realLocation(path) {
    let current = (0,external_node_path_.resolve)(path);
    const rest = [];
    for (;;) {
        try {
            return (0,external_node_path_.join)((0,external_node_fs_.realpathSync)(current), ...rest.reverse());
        }
        catch (error) {
            const code = error.code;
            if (code !== 'ENOENT' && code !== 'ENOTDIR')
                throw error;
            const parent = (0,external_node_path_.dirname)(current);
            if (parent === current)
                return (0,external_node_path_.resolve)(path);
            rest.push((0,external_node_path_.basename)(current));
            current = parent;
        }
    }
}
/**
 * A path the user named (a config, a baseline, a report), resolved against the
 * workspace and refused unless it stays inside it (or inside `also`) after
 * symlinks are resolved. Returns the real absolute path, the one to open.
 */
function confinedPath(workspace, path, where, options = {}) {
    // A refusal is a rejection, as from any promise, not a throw at the call.
    return new Promise((done) => done(confinedPathSync(workspace, path, where, options)));
}
/** confinedPath, synchronously, for the start of a step (the config file). */
function confinedPathSync(workspace, path, where, options = {}) {
    const lexical = (0,external_node_path_.resolve)(workspace, path);
    const real = realLocation(lexical);
    const roots = [workspace, ...(options.also ?? []).filter((root) => root !== '')];
    for (const root of roots) {
        if (isWithin(realLocation(root), real))
            return real;
    }
    const through = real === lexical ? '' : ` (through a symlink, it leads to ${real})`;
    const allowed = roots.length > 1 ? 'the workspace or the runner temp folder' : `the workspace ${(0,external_node_path_.resolve)(workspace)}`;
    throw new errors_ConfigurationError(`${options.what ?? 'the path'} is outside ${allowed}${through}; roadstop reads and writes only inside it`, where, 'use a path inside the repository');
}
/** What a file that is not a regular file or a folder is, for the message: undefined for those two. */
function specialFileKind(stats) {
    if (stats.isFile() || stats.isDirectory())
        return undefined;
    if (stats.isFIFO())
        return 'a FIFO (named pipe)';
    if (stats.isCharacterDevice())
        return 'a character device';
    if (stats.isBlockDevice())
        return 'a block device';
    if (stats.isSocket())
        return 'a socket';
    return 'not a regular file';
}
/** Refuse an opened file that is not a regular one: a folder is the EISDIR the callers already tell apart. */
function checkRegular(stats, path, where, what) {
    if (stats.isDirectory()) {
        throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR', syscall: 'read', path });
    }
    const kind = specialFileKind(stats);
    if (kind)
        throw new errors_ConfigurationError(`${what} is ${kind}, not a regular file; roadstop reads only regular files, so a pipe or device never hangs the step`, where, 'point it at a file');
}
/**
 * Open a file the user named for reading, refusing FIFOs, devices and sockets
 * before a byte is read: opened non-blocking (a FIFO without a writer would
 * block the open itself), then its type is checked on the open descriptor, so
 * nothing can be swapped in between. A folder is an EISDIR error and other
 * errors (ENOENT, EACCES) are thrown as they are, for the caller to word.
 */
async function openRegularFile(path, where, what = 'the file') {
    const { open } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1455, 23));
    const handle = await open(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
    try {
        checkRegular(await handle.stat(), path, where, what);
        return handle;
    }
    catch (error) {
        await handle.close();
        throw error;
    }
}
/** A user-named regular file's text, with openRegularFile's checks. */
async function readRegularFile(path, where, what = 'the file') {
    const handle = await openRegularFile(path, where, what);
    try {
        return await handle.readFile('utf8');
    }
    finally {
        await handle.close();
    }
}
/** readRegularFile, synchronously: for the start of a step (the config file, the event payload). */
function confine_readRegularFileSync(path, where, what = 'the file') {
    const fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
    try {
        checkRegular((0,external_node_fs_.fstatSync)(fd), path, where, what);
        return (0,external_node_fs_.readFileSync)(fd, 'utf8');
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/**
 * Resolve a user path or glob against the workspace and refuse one that leaves
 * it, by its text (confinedPath also follows symlinks): gates read only what
 * the checkout holds.
 */
function insideWorkspace(workspace, path, where) {
    const base = (0,external_node_path_.resolve)(workspace);
    const target = (0,external_node_path_.resolve)(base, path.replace(/^!/, ''));
    if (!isWithin(base, target))
        throw new errors_ConfigurationError(`'${path}' is outside the workspace ${base}`, where, 'use a path inside the repository');
    return (0,external_node_path_.relative)(base, target).split(external_node_path_.sep).join('/');
}

;// CONCATENATED MODULE: ./packages/core/src/config-options.ts

/** The range a number option's definition allows, as ConfigSection.number and checkRange take it. */
function rangeOf(definition) {
    return { integer: definition.integer ?? false, ...(definition.minimum !== undefined ? { min: definition.minimum } : {}), ...(definition.maximum !== undefined ? { max: definition.maximum } : {}) };
}
/**
 * Check `section` against `options`: older key names renamed (each a warning),
 * then unknown keys, types, ranges and enums refused, every mistake located.
 */
function checkSection(section, options, warnings) {
    for (const [key, definition] of Object.entries(options)) {
        for (const old of definition.renamedFrom ?? []) {
            const where = section.renameKey(old, key);
            if (!where)
                continue;
            warnings.push({ key: where.key ?? old, text: `'${where.key}' is deprecated: it is now '${section.locate(key).key}' (the input's name); the old name still works for now`, ...(where.file ? { file: where.file } : {}), ...(where.line ? { line: where.line } : {}) });
        }
    }
    section.rejectUnknown(Object.keys(options));
    for (const key of section.keys())
        checkValue(section, key, options[key], warnings);
}
function checkValue(parent, key, definition, warnings) {
    if (!parent.has(key))
        return;
    switch (definition.type) {
        case 'string':
            if (definition.enum)
                parent.oneOf(key, definition.enum);
            else
                parent.string(key);
            return;
        case 'number':
            if (typeof parent.value(key) !== 'number')
                throw new errors_ConfigurationError('must be a number', parent.locate(key));
            parent.number(key, rangeOf(definition));
            return;
        case 'boolean':
            parent.boolean(key);
            return;
        case 'string-or-number':
            parent.stringOrNumber(key);
            return;
        case 'string-list':
            parent.stringList(key);
            return;
        case 'map':
            checkSection(parent.section(key), definition.keys, warnings);
            return;
        case 'map-of': {
            const map = parent.section(key);
            for (const name of map.keys())
                checkValue(map, name, definition.values, warnings);
            return;
        }
        case 'list':
            for (const item of parent.sections(key))
                checkSection(item, definition.keys, warnings);
            return;
        case 'scalar-or-map':
            checkValue(parent, key, parent.kind(key) === 'map' ? definition.map : definition.scalar, warnings);
            return;
    }
}
/**
 * The JSON Schema (draft-07) of a config made of `sections`: what checkSection
 * accepts, said for editors. An empty key reads as absent in roadstop, so
 * every value may also be null. `describe` supplies the description of a key
 * its definition leaves to the action input of the same name.
 */
function configJsonSchema(sections, options) {
    const properties = {
        version: { description: 'The config format version; this roadstop reads 1.', enum: [1, null] },
    };
    for (const [name, section] of Object.entries(sections)) {
        properties[name] = section.options
            ? { description: section.description, ...mapSchema(section.options, (key) => options.describe(name, key)) }
            : { description: section.description, type: ['object', 'null'] };
    }
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: options.id,
        title: 'roadstop config (.github/roadstop.yml)',
        type: ['object', 'null'],
        properties,
        additionalProperties: false,
    };
}
function mapSchema(options, describe) {
    const properties = {};
    for (const [key, definition] of Object.entries(options)) {
        const description = definition.description ?? describe(key);
        const schema = { ...(description ? { description } : {}), ...valueSchema(definition) };
        properties[key] = definition.deprecated ? { ...schema, deprecated: true } : schema;
        // An old name is still read: the schema takes it too, marked deprecated, so an editor flags it rather than refusing it.
        for (const old of definition.renamedFrom ?? [])
            if (!old.includes('.'))
                properties[old] = { ...schema, deprecated: true, description: `Deprecated: use '${key}'.` };
    }
    return { type: ['object', 'null'], properties, additionalProperties: false };
}
function valueSchema(definition) {
    switch (definition.type) {
        case 'string':
            // A plain scalar such as `base: 1234567` reads as a number and is taken as its text.
            return definition.enum
                ? { enum: [...definition.enum, null], ...defaultOf(definition.default) }
                : { type: ['string', 'number', 'boolean', 'null'], ...defaultOf(definition.default) };
        case 'number':
            return {
                type: [definition.integer ? 'integer' : 'number', 'null'],
                ...(definition.minimum !== undefined ? { minimum: definition.minimum } : {}),
                ...(definition.maximum !== undefined ? { maximum: definition.maximum } : {}),
                ...defaultOf(definition.default),
            };
        case 'boolean':
            return { type: ['boolean', 'null'], ...defaultOf(definition.default) };
        case 'string-or-number':
            return { type: ['string', 'number', 'null'], ...defaultOf(definition.default) };
        case 'string-list':
            return { anyOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array', items: { type: ['string', 'number'] } }] };
        case 'map':
            return mapSchema(definition.keys, () => undefined);
        case 'map-of':
            return { type: ['object', 'null'], additionalProperties: valueSchema(definition.values) };
        case 'list':
            return { type: ['array', 'null'], items: { ...mapSchema(definition.keys, () => undefined), type: 'object' } };
        case 'scalar-or-map': {
            const map = valueSchema(definition.map);
            return { anyOf: [{ ...map, type: 'object' }, valueSchema(definition.scalar)] };
        }
    }
}
function defaultOf(value) {
    return value === undefined ? {} : { default: value };
}

;// CONCATENATED MODULE: ./packages/core/src/input-values.ts
// Values of inputs and config keys as text: lists, booleans, choices.

/**
 * Split a multi-line input into items: one per line, and commas separate too,
 * except inside `{a,b}` brace sets where a comma belongs to the glob.
 */
function splitList(text) {
    if (!text)
        return [];
    const items = [];
    for (const line of text.split(/\r?\n/)) {
        let depth = 0;
        let current = '';
        for (const char of line) {
            if (char === '{')
                depth++;
            else if (char === '}')
                depth = Math.max(0, depth - 1);
            if (char === ',' && depth === 0) {
                items.push(current);
                current = '';
            }
            else {
                current += char;
            }
        }
        items.push(current);
    }
    return items.map((item) => item.trim()).filter((item) => item !== '' && !item.startsWith('#'));
}
/**
 * A boolean input, read as GitHub Actions' getBooleanInput and YAML 1.2 (the
 * config file) read one: true, True, TRUE, false, False, FALSE. `yes`, `on`
 * or `1` would mean true here and a string in the config file, so neither
 * place takes them.
 */
function parseBoolean(value, where) {
    const text = value.trim();
    if (['true', 'True', 'TRUE'].includes(text))
        return true;
    if (['false', 'False', 'FALSE'].includes(text))
        return false;
    throw new errors_ConfigurationError(`'${value}' is not true or false`, where, 'write true or false, as every GitHub Actions boolean input');
}
/** `value` when it is one of `allowed`, else the mistake, located and listing what is allowed. */
function input_values_oneOf(value, allowed, where) {
    if (allowed.includes(value))
        return value;
    throw new errors_ConfigurationError(`'${value}' is not one of ${allowed.join(', ')}`, where);
}
function checkRange(value, range, where) {
    if (range.integer && !Number.isInteger(value))
        throw new errors_ConfigurationError(`${value} must be a whole number`, where);
    if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
        const bounds = range.max === undefined ? `at least ${range.min}` : range.min === undefined ? `at most ${range.max}` : `from ${range.min} to ${range.max}`;
        throw new errors_ConfigurationError(`${value} is out of range: must be ${bounds}`, where);
    }
}
/** A finite number within `range`, or the mistake: `'x' is not <what>` and how to write one. */
function parseNumber(value, where, range, what = 'a number', hint) {
    const text = String(value).trim();
    const number = Number(text);
    if (text === '' || !Number.isFinite(number))
        throw new errors_ConfigurationError(`'${value}' is not ${what}`, where, hint);
    checkRange(number, range, where);
    return number;
}

;// CONCATENATED MODULE: ./packages/core/src/nesting.ts

/**
 * How deep roadstop reads the YAML and JSON a user gives it (a config, a metric
 * list, a Slack message, a result file): a few levels each, and far from the
 * depth at which a recursive reader (yaml's composer, a result check, a
 * message walk) runs out of stack.
 */
const MAX_NESTING = 100;
/** A parsed JSON object (not null, not an array): the one value whose fields a reader may look up. */
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * Refuse a parsed JSON value nested more than MAX_NESTING deep. JSON.parse
 * itself reads any depth; whatever walks the value afterwards recurses, so
 * the check walks with a stack of its own.
 */
function checkNesting(value, where, hint) {
    const stack = [[value, 0]];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
        const [node, depth] = top;
        if (typeof node !== 'object' || node === null)
            continue;
        if (depth >= MAX_NESTING)
            throw new errors_ConfigurationError(`JSON nested more than ${MAX_NESTING} levels deep`, where, hint);
        for (const child of Array.isArray(node) ? node : Object.values(node))
            stack.push([child, depth + 1]);
    }
}

// EXTERNAL MODULE: ./packages/core/src/yaml-package.cjs
var yaml_package = __webpack_require__(8180);
;// CONCATENATED MODULE: ./packages/core/src/yaml.ts



/** More YAML than this is not a config, a metric list or a message (a few kB each): it is refused before parsing. */
const MAX_YAML_CHARACTERS = 1024 * 1024;
/** How many aliases a document that may hold them (a Slack message) may resolve: yaml's own guard against alias bombs. */
const MAX_YAML_ALIASES = 100;
/** Text that is not YAML, as yaml's first error says (`detail`), at its line. */
class YamlSyntaxError extends errors_ConfigurationError {
    detail;
    constructor(detail, where) {
        super(`invalid YAML: ${detail}`, where);
        this.detail = detail;
    }
}
/**
 * Parse one YAML document with its limits checked: its size, its nesting
 * (before yaml composes it: yaml recurses per level and, at a few thousand,
 * reports a stack overflow as a YAML error at some column), and yaml's own
 * errors, each a ConfigurationError at its line of `where`.
 */
function parseBounded(text, where) {
    if (text.length > MAX_YAML_CHARACTERS) {
        throw new errors_ConfigurationError(`is ${text.length.toLocaleString('en-US')} characters of YAML, more than the ${MAX_YAML_CHARACTERS.toLocaleString('en-US')} roadstop reads`, where, 'a config, a metric list or a message is a few kB');
    }
    const yaml = (0,yaml_package/* yamlPackage */.A)();
    // Lines from the first pass's line starts: the text is the same for parseDocument.
    const lineCounter = new yaml.LineCounter();
    const tooDeep = deepestOffset(Array.from(new yaml.Parser(lineCounter.addNewLine).parse(text)), MAX_NESTING);
    if (tooDeep !== undefined) {
        throw new errors_ConfigurationError(`YAML nested more than ${MAX_NESTING} levels deep`, { ...where, line: lineCounter.linePos(tooDeep).line }, 'a config, a metric list or a message is a few levels deep');
    }
    const doc = yaml.parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    const problem = doc.errors[0];
    if (problem)
        throw new YamlSyntaxError(problem.message.split('\n')[0], { ...where, line: lineCounter.linePos(problem.pos[0]).line });
    const lineOf = (node) => {
        const offset = node?.range?.[0];
        return offset === undefined ? 1 : lineCounter.linePos(offset).line;
    };
    return { yaml, doc, lineOf };
}
/**
 * The offset of the first collection nested deeper than `max` in yaml's
 * concrete syntax tree, walked with a stack of its own (the tree may be
 * thousands deep), or undefined.
 */
function deepestOffset(tokens, max) {
    const stack = tokens.map((token) => [token, 0]);
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
        const [token, depth] = top;
        if (!token)
            continue;
        if (token.type === 'document') {
            stack.push([token.value, depth]);
        }
        else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
            if (depth >= max)
                return token.offset;
            for (const item of token.items) {
                stack.push([item.key, depth + 1], [item.value, depth + 1]);
            }
        }
    }
    return undefined;
}
/**
 * YAML (a config file, canary-watch's `metrics` input) as a tree. Its first
 * error, its first alias, a nesting too deep or a text too long is a
 * ConfigurationError at its line; `where` locates the text (a file, an input).
 */
function parseYamlTree(text, where) {
    const { yaml, doc, lineOf } = parseBounded(text, where);
    refuseAliases(yaml, doc, where, lineOf);
    const convert = (node, fallbackLine) => {
        if (yaml.isMap(node)) {
            const entries = node.items.map((pair) => {
                const key = yaml.isScalar(pair.key) ? pair.key.value : pair.key;
                const keyLine = pair.key ? lineOf(pair.key) : lineOf(node);
                return { key, name: String(key), line: keyLine, value: convert(pair.value, keyLine) };
            });
            return { kind: 'map', line: lineOf(node), entries };
        }
        if (yaml.isSeq(node)) {
            return { kind: 'list', line: lineOf(node), items: node.items.map((item) => convert(item, lineOf(node))) };
        }
        if (yaml.isScalar(node)) {
            return { kind: 'scalar', value: node.value, line: lineOf(node) };
        }
        // No node at all: a value `yaml` leaves out (`? key` with no `:`).
        return { kind: 'scalar', value: null, line: fallbackLine };
    };
    return doc.contents === null ? null : convert(doc.contents, 1);
}
/**
 * YAML data (a Slack message) as plain JavaScript, its limits checked as
 * parseYamlTree checks them. Aliases are read here, as a message may repeat a
 * block, but at most MAX_YAML_ALIASES of them: an alias bomb (each anchor a
 * list of aliases of the one before) is refused, not expanded.
 */
function parseYamlData(text, where) {
    const { doc } = parseBounded(text, where);
    try {
        return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    }
    catch (error) {
        // yaml's guard throws a ReferenceError ("Excessive alias count ..."); anything else is a bug, not the user's.
        if (!(error instanceof ReferenceError))
            throw error;
        throw new ConfigurationError(`YAML aliases expand to more than ${MAX_YAML_ALIASES} values`, where, 'write the message out without anchors and aliases');
    }
}
/**
 * Anchors and aliases (`&defaults`, `*defaults`, `<<: *defaults`) are refused
 * as such, wherever they stand (a key too), not read as a wrong type: an error
 * must point at the one line the user edits, and an alias makes one value live
 * on two; merge keys are YAML 1.1 only. A config of a few gates is short enough
 * to write out. This also keeps a config free of alias bombs.
 */
function refuseAliases(yaml, doc, where, lineOf) {
    let alias;
    yaml.visit(doc, {
        Alias(_, node) {
            alias = node;
            return yaml.visit.BREAK;
        },
    });
    if (alias) {
        throw new errors_ConfigurationError(`YAML aliases are not supported: *${alias.source} refers to an anchor (&${alias.source}) elsewhere`, { ...where, line: lineOf(alias) }, 'write the value out where it is used');
    }
}

;// CONCATENATED MODULE: ./packages/core/src/config.ts






const DEFAULT_CONFIG_PATH = '.github/roadstop.yml';
const CONFIG_VERSION = 1;
/** The key of every gate's section that lets the gate be skipped without failing gates.yml's summary. */
const ALLOW_SKIP = 'allow-skip';
/**
 * A map in the config file, read with types checked and every mistake located
 * by file, dotted key and line. An absent section reads as empty.
 */
class ConfigSection {
    path;
    node;
    source;
    constructor(node, path, source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }
    get file() {
        return this.source?.file;
    }
    keys() {
        return this.node ? this.node.entries.map((entry) => entry.name) : [];
    }
    has(key) {
        return this.raw(key) !== undefined;
    }
    /** What kind of value `key` holds, for keys that take either a scalar or a map. */
    kind(key) {
        return this.raw(key)?.kind;
    }
    /** Where `key` (or the section itself) is, for an error. */
    locate(key) {
        const line = key === undefined ? this.node?.line : (this.entry(key)?.line ?? this.node?.line);
        const location = { key: key === undefined ? this.path : this.join(key) };
        if (this.source) {
            location.file = this.source.file;
            if (line !== undefined)
                location.line = line;
        }
        return location;
    }
    /**
     * Reject keys this version does not know, naming the closest known one. Every gate's own section also takes
     * `allow-skip: true` (checked here, read by gates.yml's summary): a configured gate that did not run passes only then.
     */
    rejectUnknown(given) {
        // A section at the top (a gate's own; the top itself and `version` are not sections of a gate).
        const gateSection = this.path !== '' && this.path !== 'version' && !/[.[]/.test(this.path);
        const allowed = gateSection ? [...given, ALLOW_SKIP] : given;
        if (gateSection)
            this.boolean(ALLOW_SKIP);
        for (const key of this.keys()) {
            if (!allowed.includes(key)) {
                const close = closest(key, allowed);
                throw new errors_ConfigurationError(`unknown key '${key}'`, this.locate(key), close ? `did you mean '${close}'?` : `known keys: ${allowed.join(', ')}`);
            }
        }
    }
    /** The scalar under `key` as YAML read it (a map or list reads as an object). */
    value(key) {
        const node = this.raw(key);
        if (node === undefined)
            return undefined;
        if (node.kind !== 'scalar')
            return {};
        return node.value;
    }
    /**
     * Read an older spelling of a setting under its current name, in place:
     * `from` is a key of this map, or `parent.key` of a map inside it (the
     * entry moves up, and the map goes once it is empty). Returns where `from`
     * was, or undefined when it is not there; both set is a mistake.
     */
    renameKey(from, to) {
        const dot = from.indexOf('.');
        const parent = dot === -1 ? undefined : from.slice(0, dot);
        const child = from.slice(dot + 1);
        const holder = parent === undefined ? this : this.kind(parent) === 'map' ? this.section(parent) : undefined;
        const index = holder?.node?.entries.findIndex((entry) => entry.key === child) ?? -1;
        if (!this.node || !holder?.node || index === -1)
            return undefined;
        const where = holder.locate(child);
        if (this.keys().includes(to))
            throw new errors_ConfigurationError(`'${from}' is the old name of '${to}', and both are set`, where, `keep only '${to}'`);
        const [entry] = holder.node.entries.splice(index, 1);
        this.node.entries.push({ ...entry, key: to, name: to });
        if (parent !== undefined && holder.node.entries.length === 0)
            this.node.entries = this.node.entries.filter((each) => each.key !== parent);
        return where;
    }
    string(key) {
        const value = this.value(key);
        if (value === undefined)
            return undefined;
        if (typeof value === 'object')
            throw this.typeError(key, 'a string');
        return String(value);
    }
    /** A size or percentage that YAML may have read as a number (`max: 400000`). */
    stringOrNumber(key) {
        const value = this.value(key);
        if (value === undefined || typeof value === 'number')
            return value;
        if (typeof value === 'object' || typeof value === 'boolean')
            throw this.typeError(key, 'a string or a number');
        return String(value);
    }
    number(key, range = {}) {
        const value = this.value(key);
        if (value === undefined)
            return undefined;
        const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
        if (!Number.isFinite(number))
            throw this.typeError(key, 'a number');
        checkRange(number, range, this.locate(key));
        return number;
    }
    boolean(key) {
        const value = this.value(key);
        if (value === undefined)
            return undefined;
        if (typeof value !== 'boolean')
            throw this.typeError(key, 'true or false');
        return value;
    }
    oneOf(key, values) {
        const value = this.string(key);
        return value === undefined ? undefined : input_values_oneOf(value, values, this.locate(key));
    }
    /** A string or a list of strings. */
    stringList(key) {
        const node = this.raw(key);
        if (node === undefined)
            return undefined;
        if (node.kind === 'list') {
            return node.items.map((item, index) => {
                const value = item.kind === 'scalar' ? item.value : undefined;
                if (typeof value !== 'string' && typeof value !== 'number') {
                    throw new errors_ConfigurationError(`item ${index + 1} must be a string`, this.locate(key));
                }
                return String(value);
            });
        }
        const single = this.string(key);
        return single === undefined ? undefined : [single];
    }
    section(key) {
        const node = this.raw(key);
        if (node !== undefined && node.kind !== 'map')
            throw this.typeError(key, 'a map of keys');
        return new ConfigSection(node, this.join(key), this.source);
    }
    /** A list of maps, such as `budgets:`. */
    sections(key) {
        const node = this.raw(key);
        if (node === undefined)
            return [];
        if (node.kind !== 'list')
            throw this.typeError(key, 'a list');
        return listSections(node, this.join(key), this.source);
    }
    join(key) {
        return this.path ? `${this.path}.${key}` : key;
    }
    entry(key) {
        return this.node?.entries.find((entry) => entry.key === key);
    }
    raw(key) {
        const value = this.entry(key)?.value;
        if (value === undefined)
            return undefined;
        if (value.kind === 'scalar' && value.value === null)
            return undefined;
        return value;
    }
    typeError(key, expected) {
        return new errors_ConfigurationError(`must be ${expected}`, this.locate(key));
    }
}
/** The maps of a list, as sections named `path[index]`; an item that is not a map is an error at its line. */
function listSections(list, path, source) {
    return list.items.map((item, index) => {
        const itemPath = `${path}[${index}]`;
        if (item.kind !== 'map') {
            throw new errors_ConfigurationError('must be a map of keys', { key: itemPath, ...(source ? { file: source.file, line: item.line } : {}) });
        }
        return new ConfigSection(item, itemPath, source);
    });
}
/**
 * A YAML list of maps that is not part of the config file (an action input
 * such as canary-watch's `metrics`), read as the sections `key[0]`, `key[1]`\u2026
 * whose errors name `file` (e.g. "input 'metrics'") and lines counted from the
 * text's first; YAML mistakes are located at `where`, and anything but a list
 * is refused with `expected`.
 */
function parseSectionList(text, options) {
    const tree = parseYamlTree(text, options.where);
    if (tree === null || tree.kind !== 'list')
        throw new errors_ConfigurationError(options.expected, options.where);
    return listSections(tree, options.key, { file: options.file });
}
/**
 * Read the roadstop config. A missing file is fine at the default path and an
 * error at a path the user named; a mistake is thrown. Synchronous: every step
 * starts with a file of a few kB, and the promise API of node:fs (with the
 * streams it loads) cost more than the read.
 */
function loadConfig(path, options) {
    // The default path is optional even when spelled out (action.yml's default): every gate also works from inputs alone.
    const file = path !== undefined && path.trim() !== '' ? path.trim() : DEFAULT_CONFIG_PATH;
    const explicit = file !== DEFAULT_CONFIG_PATH;
    const absolute = (0,external_node_path_.resolve)(options.workspace, file);
    const shown = displayPath(absolute, options.workspace);
    const where = { file: shown, ...(options.input ? { input: options.input } : {}) };
    // Inside the workspace after symlinks (or in `also`, e.g. the CLI's shell folder for --config).
    const real = confinedPathSync(options.workspace, absolute, where, { what: 'the config file', ...(options.also ? { also: options.also } : {}) });
    let text;
    try {
        text = confine_readRegularFileSync(real, where, 'the config file');
    }
    catch (error) {
        if (error instanceof errors_ConfigurationError)
            throw error;
        const code = error.code;
        if (code === 'ENOENT' && !explicit)
            return loadedConfig(undefined, new ConfigSection(undefined, '', undefined), []);
        throw new errors_ConfigurationError(code === 'ENOENT' ? 'config file not found' : `cannot read the config file (${code ?? String(error)})`, where);
    }
    return parseConfig(text, shown, options.sections);
}
/**
 * Parse a config: sections not in `sections` are refused, and each section
 * present is checked against its option definitions. Without `sections` (a
 * gate's own unit tests), only the YAML and the version are checked.
 */
function parseConfig(text, file, sections) {
    const contents = parseYamlTree(text, { file });
    if (contents !== null && contents.kind !== 'map') {
        throw new errors_ConfigurationError('the config must be a map of sections such as bundle-budget:', { file, line: 1 });
    }
    const root = new ConfigSection(contents ?? undefined, '', { file });
    const version = root.number('version', { integer: true });
    if (version !== undefined && version !== CONFIG_VERSION) {
        throw new errors_ConfigurationError(`config version ${version} is not supported (this roadstop reads version ${CONFIG_VERSION})`, root.locate('version'));
    }
    const warnings = [];
    if (sections) {
        root.rejectUnknown(['version', ...Object.keys(sections)]);
        for (const [name, definition] of Object.entries(sections)) {
            if (definition.options)
                checkSection(root.section(name), definition.options, warnings);
            else
                root.section(name);
        }
    }
    return loadedConfig(file, root, warnings);
}
function loadedConfig(file, root, warnings) {
    return { file, root, section: (gate) => root.section(gate), warnings };
}
function displayPath(absolute, workspace) {
    const inside = (0,external_node_path_.relative)(workspace, absolute);
    return inside && !inside.startsWith('..') && !(0,external_node_path_.isAbsolute)(inside) ? inside : absolute;
}
/** The candidate a mistyped name most likely meant, or none close enough. */
function closest(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        if (word.startsWith(candidate) || candidate.startsWith(word))
            return candidate;
        const distance = editDistance(word, candidate);
        if (distance < bestDistance)
            [best, bestDistance] = [candidate, distance];
    }
    return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

;// CONCATENATED MODULE: ./packages/core/src/control-chars.ts
/**
 * `text` with its control characters written as `\xNN` escapes: a newline in a
 * file name (git allows one) would otherwise split a table row, a log line or
 * an annotation in two.
 */
function escapeControlCharacters(text) {
    return text.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

;// CONCATENATED MODULE: ./packages/core/src/gate-common.ts

/** What every gate does with its own failure: exit 1 (fail), report it as warnings (warn), or only report (never). */
const FAIL_ON = ['fail', 'warn', 'never'];
/** The keys every gate's config section takes (canary-watch reads its baseline live and says its own fail-on). */
const COMMON_GATE_OPTIONS = {
    baseline: { type: 'string' },
    'fail-on': { type: 'string', enum: FAIL_ON, default: 'fail' },
    'artifact-name': { type: 'string' },
    'allow-skip': { type: 'boolean', default: false, description: "A configured gate that did not run (e.g. no Chrome for lighthouse-gate) passes gates.yml's summary only with allow-skip: true." },
};
function parseFailOn(value, where) {
    return input_values_oneOf(value, FAIL_ON, where);
}
/** Nothing (the default), `none`, `auto`, or a path. */
function parseBaselineSpec(value, origin) {
    if (value === undefined || value === '')
        return { kind: 'default' };
    if (value === 'none' || value === 'auto')
        return { kind: value };
    return { kind: 'file', path: value, origin };
}
/**
 * `fail-on: warn` reports failures as warnings: the gate's status becomes
 * warn, so the exit code, the comment and Slack agree. The checks keep their
 * own status, so a reader still sees which one failed.
 */
function applyFailOn(result, failOn) {
    if (failOn !== 'warn' || result.status !== 'fail')
        return;
    result.status = 'warn';
    for (const message of result.messages)
        if (message.level === 'error')
            message.level = 'warning';
    result.messages.push({ level: 'notice', text: 'fail-on: warn \u2014 failures are reported as warnings' });
}
/** Whether the step should fail: the gate failed and fail-on says so. */
function isBlocking(result, failOn) {
    return result.status === 'fail' && failOn === 'fail';
}
/**
 * The notice for a growth or drop limit that had no baseline to hold against: the summary, the
 * annotations and the CLI say it, so that "+2% vs base" is never read as judged when nothing was.
 */
function notJudgedWithoutBaseline(text) {
    return { level: 'notice', title: NOT_JUDGED, text };
}
/** The title of those notices: renderers pick them out by it. */
const NOT_JUDGED = 'Not judged';

;// CONCATENATED MODULE: ./packages/core/src/globs.ts
// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.




/**
 * Brace sets a single glob may expand to. fast-glob (micromatch) expands
 * `{a,b}` into one pattern per combination before matching: twenty groups are a
 * million patterns, 40 s and 3 GB. No real build or report path needs 1,000.
 */
const MAX_GLOB_EXPANSIONS = 1000;
/**
 * Expand a budget's globs inside the workspace. `!pattern` excludes. A pattern
 * that leaves the workspace, by its text or through a symlinked folder, is
 * refused; symlinks a pattern matches are skipped and listed.
 */
async function globs_selectFiles(workspace, patterns, origin) {
    const include = [];
    const exclude = [];
    for (const pattern of patterns) {
        checkGlobSize(pattern, origin);
        const relative = insideWorkspace(workspace, pattern, origin);
        (pattern.startsWith('!') ? exclude : include).push(relative);
    }
    if (include.length === 0)
        throw new errors_ConfigurationError('only exclusions (!) were given', origin, 'add a glob that selects files');
    for (const pattern of include)
        refuseLinkedBase(workspace, pattern, origin);
    const files = [];
    const skippedLinks = [];
    const skippedSpecial = [];
    for (const entry of await matchEntries(workspace, include, exclude)) {
        const special = specialFileKind(entry.kind);
        if (entry.kind.isSymbolicLink())
            skippedLinks.push(entry.path);
        else if (entry.kind.isFile())
            files.push(entry.path);
        else if (special)
            skippedSpecial.push({ path: entry.path, kind: special });
    }
    files.sort();
    await refuseEscapes(workspace, files, patterns, origin);
    return { files, skippedLinks: skippedLinks.sort(), skippedSpecial: skippedSpecial.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
/**
 * Every entry the globs match, each once, files or not. Literal paths
 * (`coverage/lcov.info`) are an lstat each, selected as fast-glob selects
 * them (a missing path matching nothing) without loading it: fast-glob and its
 * helpers cost a step ~8 ms to load (bench/README.md), for a report path that
 * names one file.
 */
async function matchEntries(workspace, include, exclude) {
    if (exclude.length === 0 && include.every(isLiteralPath)) {
        return [...new Set(include)].flatMap((path) => {
            const kind = (0,external_node_fs_.lstatSync)((0,external_node_path_.join)(workspace, path), { throwIfNoEntry: false });
            return kind ? [{ path, kind }] : [];
        });
    }
    // Not onlyFiles: it would drop matched symlinks without a word. Entries are sorted out by their dirent instead.
    // Loaded when a glob is expanded, not with every step: a step that stops at its config never pays for it.
    const { default: fg } = await __webpack_require__.e(/* import() */ 648).then(__webpack_require__.t.bind(__webpack_require__, 5648, 23));
    const entries = await fg(include, { cwd: workspace, ignore: exclude, onlyFiles: false, dot: true, unique: true, followSymbolicLinks: false, objectMode: true });
    return entries.map((entry) => ({ path: entry.path, kind: entry.dirent }));
}
/**
 * A pattern with nothing a glob would expand (no wildcard, class, brace,
 * extglob or escape): a path, such as `coverage/lcov.info`. Conservative: any
 * of those characters, even where a glob would read it literally, goes to
 * fast-glob.
 */
function isLiteralPath(pattern) {
    return !/[*?[\]{}()!+@\\]/.test(pattern);
}
/** The warning for symlinks a selection skipped, or nothing. */
function globs_describeSkippedLinks(selection, examples = 3) {
    const links = selection.skippedLinks;
    const special = selection.skippedSpecial ?? [];
    const parts = [];
    if (links.length > 0) {
        const shown = links.slice(0, examples).join(', ') + (links.length > examples ? ', \u2026' : '');
        parts.push(`skipped ${links.length} symlink${links.length === 1 ? '' : 's'} the globs match (${shown}): symlinks are not followed, so nothing outside the workspace is read`);
    }
    if (special.length > 0) {
        const shown = special.slice(0, examples).map((entry) => `${entry.path} is ${entry.kind}`).join(', ') + (special.length > examples ? ', \u2026' : '');
        parts.push(`skipped ${special.length} match${special.length === 1 ? '' : 'es'} that ${special.length === 1 ? 'is' : 'are'} not a regular file (${shown}): roadstop reads only regular files, so a pipe or device never hangs the step`);
    }
    return parts.length > 0 ? parts.join('; ') : undefined;
}
/**
 * fast-glob does not follow symlinks while walking, but a symlinked folder in
 * a pattern's fixed part (`dist/link/*.js`) is read through. Resolve each
 * distinct folder once and refuse any that leads out.
 */
async function refuseEscapes(workspace, files, patterns, origin) {
    const root = await external_node_fs_.promises.realpath(workspace);
    const folders = new Map();
    for (const file of files) {
        const folder = external_node_path_.posix.dirname(file);
        if (!folders.has(folder))
            folders.set(folder, file);
    }
    await Promise.all([...folders].map(async ([folder, file]) => {
        const real = await external_node_fs_.promises.realpath((0,external_node_path_.join)(workspace, folder));
        if (!isWithin(root, real)) {
            throw new errors_ConfigurationError(`'${file}' (matched by ${patterns.map((pattern) => `'${pattern}'`).join(', ')}) is outside the workspace: the folder ${folder} leads to ${real} through a symlink`, origin, 'point the glob at the build output itself, not at a symlink to it');
        }
    }));
}
/**
 * The folders of a pattern's fixed part (`dist/link` of `dist/link/**\/*.js`)
 * are read by fast-glob through any symlink, so a `dist \u2192 /usr` would be
 * walked whole (142,000 entries) before refuseEscapes sees a file. Each one is
 * lstat'ed first: the walk stops at a symlink that leads out of the workspace,
 * and says so.
 */
function refuseLinkedBase(workspace, pattern, origin) {
    const parts = pattern.split('/');
    let root;
    let folder = '';
    // Every component of the fixed part; the last one too when the pattern is literal (a file, or a folder to walk).
    for (const part of parts) {
        if (part === '' || part === '.' || !isLiteralPath(part))
            break;
        folder = folder === '' ? part : `${folder}/${part}`;
        const kind = (0,external_node_fs_.lstatSync)((0,external_node_path_.join)(workspace, folder), { throwIfNoEntry: false });
        if (!kind)
            return;
        if (!kind.isSymbolicLink())
            continue;
        root ??= (0,external_node_fs_.realpathSync)(workspace);
        let real;
        try {
            real = (0,external_node_fs_.realpathSync)((0,external_node_path_.join)(workspace, folder));
        }
        catch {
            return; // a dangling link matches nothing
        }
        if (!isWithin(root, real)) {
            throw new errors_ConfigurationError(`the glob '${pattern}' goes through ${folder}, a symlink to ${real} outside the workspace; globs do not follow it`, origin, 'point the glob at the build output itself, not at a symlink to it');
        }
    }
}
/** Refuse a glob whose brace sets expand to more than MAX_GLOB_EXPANSIONS patterns, before anything expands it. */
function checkGlobSize(pattern, origin) {
    const count = countBraceExpansions(pattern);
    if (count > MAX_GLOB_EXPANSIONS) {
        throw new errors_ConfigurationError(`the glob '${pattern.length > 80 ? `${pattern.slice(0, 80)}\u2026` : pattern}' expands to more than ${MAX_GLOB_EXPANSIONS} patterns through its {\u2026} brace sets`, origin, 'use fewer {a,b} groups, or ** and a wildcard');
    }
}
/**
 * How many patterns brace expansion makes of `pattern` (an upper bound: a
 * set braces would leave literal may be counted). Hand-written because the
 * library's only way to count is to expand, which is the cost being avoided.
 */
function countBraceExpansions(pattern) {
    const cap = MAX_GLOB_EXPANSIONS + 1;
    let index = 0;
    // A sequence multiplies its brace sets; stops at a ',' or '}' of the enclosing set.
    const sequence = (nested) => {
        let product = 1;
        while (index < pattern.length) {
            const char = pattern[index];
            if (char === '\\')
                index += 2;
            else if (nested && (char === ',' || char === '}'))
                return product;
            else if (char === '{')
                product = Math.min(cap, product * set());
            else
                index++;
        }
        return product;
    };
    // A set sums its alternatives; `{1..100}` counts its range.
    const set = () => {
        const open = index++;
        const range = /^\{(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.(-?\d+))?\}/.exec(pattern.slice(open));
        if (range) {
            index = open + range[0].length;
            const value = (text) => (/^-?\d+$/.test(text) ? Number(text) : text.charCodeAt(0));
            const step = Math.abs(Number(range[3] ?? 1)) || 1;
            return Math.min(cap, Math.floor(Math.abs(value(range[2]) - value(range[1])) / step) + 1);
        }
        let sum = 0;
        for (;;) {
            sum = Math.min(cap, sum + sequence(true));
            if (index >= pattern.length)
                return 1; // never closed: literal
            if (pattern[index++] === '}')
                return Math.max(sum, 1);
        }
    };
    return sequence(false);
}

;// CONCATENATED MODULE: ./packages/core/src/result-check.ts
/**
 * A result read back (a baseline file, a downloaded artifact) is untrusted
 * input: a negative gzip size would make an over-budget file pass, a coverage
 * of 140% a drop vanish. This checks what result-v1.json says, by hand, plus
 * the ranges of the numbers each gate reads back from a baseline (from the
 * gate's descriptor), which the schema cannot say per gate.
 *
 * By hand rather than with ajv at run time: ajv would add its compiler to every
 * action bundle and its compile time to every step, for a schema of a dozen
 * fields; the tests hold this check and the schema (with ajv) to the same cases.
 */
const STATUSES = ['pass', 'warn', 'fail', 'skipped'];
const UNITS = ['bytes', 'percent', 'score', 'ratio', 'count', 'ms'];
const LEVELS = ['error', 'warning', 'notice'];
/** The first thing wrong with `data` as a result of its gate (whose `ranges` the caller gives), or undefined when it is sound. */
function findResultProblem(data, ranges = {}) {
    const problems = [];
    const fail = (text) => problems.push(text);
    const number = (value, at, range = {}) => {
        if (typeof value !== 'number' || !Number.isFinite(value))
            return void fail(`${at} is not a number`);
        if (range.integer && !Number.isInteger(value))
            fail(`${at} is ${value}, not a whole number`);
        else if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
            fail(`${at} is ${value}, outside ${range.min ?? '\u2026'} to ${range.max ?? '\u2026'}`);
        }
    };
    const string = (value, at, optional = false) => {
        if (value === undefined && optional)
            return;
        if (typeof value !== 'string')
            fail(`${at} is not a string`);
    };
    const oneOf = (value, allowed, at) => {
        if (typeof value !== 'string' || !allowed.includes(value))
            fail(`${at} is not one of ${allowed.join(', ')}`);
    };
    const flat = (value, at, allowNull = false) => {
        const ok = ['string', 'number', 'boolean'].includes(typeof value) || (allowNull && value === null);
        if (!ok)
            fail(`${at} is not a string, number or boolean`);
        else if (typeof value === 'number')
            number(value, at);
    };
    const record = (value, at) => {
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
            return true;
        fail(`${at} is not an object`);
        return false;
    };
    oneOf(data.status, STATUSES, 'status');
    string(data.headline, 'headline');
    string(data.createdAt, 'createdAt');
    string(data.commit, 'commit', true);
    string(data.ref, 'ref', true);
    if (record(data.metrics, 'metrics')) {
        for (const [name, value] of Object.entries(data.metrics))
            number(value, `metrics.${name}`, ranges.metric?.(name));
    }
    if (record(data.settings, 'settings')) {
        for (const [name, value] of Object.entries(data.settings))
            flat(value, `settings.${name}`);
    }
    data.checks.forEach((check, index) => {
        const at = `checks[${index}]`;
        if (!record(check, at))
            return;
        string(check.name, `${at}.name`);
        oneOf(check.status, STATUSES, `${at}.status`);
        oneOf(check.unit, UNITS, `${at}.unit`);
        const range = ranges.check?.(String(check.unit));
        number(check.value, `${at}.value`, range);
        if (check.baseline !== undefined)
            number(check.baseline, `${at}.baseline`, range);
        for (const field of ['limit', 'maxIncrease'])
            if (check[field] !== undefined)
                number(check[field], `${at}.${field}`);
        if (check.details !== undefined && record(check.details, `${at}.details`)) {
            for (const [name, value] of Object.entries(check.details))
                flat(value, `${at}.details.${name}`);
        }
    });
    data.items.forEach((item, index) => {
        const at = `items[${index}]`;
        if (!record(item, at))
            return;
        if (typeof item.id !== 'string' || item.id === '')
            return void fail(`${at}.id is not a path or name`);
        for (const [field, value] of Object.entries(item)) {
            const range = ranges.item?.(field);
            if (range && value !== null && value !== undefined)
                number(value, `items[${index}] (${item.id}).${field}`, range);
            else
                flat(value, `${at}.${field}`, true);
        }
    });
    data.messages.forEach((message, index) => {
        const at = `messages[${index}]`;
        if (!record(message, at))
            return;
        oneOf(message.level, LEVELS, `${at}.level`);
        string(message.text, `${at}.text`);
    });
    if (data.baseline !== undefined && record(data.baseline, 'baseline'))
        string(data.baseline.source, 'baseline.source');
    return problems[0];
}

;// CONCATENATED MODULE: ./packages/core/src/result-plausible.ts
/**
 * A result read back is checked against itself, beyond its shape
 * (findResultProblem): its status may not be better than its own checks say,
 * and no number may be out of any plausible range. A hand-edited or forged
 * file (`status: pass` over a failing check, a size of 1e308 bytes, which
 * Number.isInteger calls whole) is refused, never shown as "all good" or
 * compared with. Kept apart from the per-gate ranges of result-check.ts: these
 * hold for every gate.
 */
/** No file roadstop measures is a terabyte: a size beyond this is not a measurement. */
const MAX_PLAUSIBLE_BYTES = 2 ** 40;
/** Nor does a step run for a day. */
const MAX_PLAUSIBLE_MS = 24 * 60 * 60 * 1000;
/** What every number of a unit must be, whichever gate wrote it. */
const UNIT_BOUNDS = {
    bytes: { min: 0, max: MAX_PLAUSIBLE_BYTES, integer: true },
    percent: { min: 0, max: 100, integer: false },
    score: { min: 0, max: 100, integer: false },
    // Neither whole nor positive: canary-watch writes its `value` metrics (any Prometheus series) as counts.
    count: { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: false },
    ms: { min: 0, max: MAX_PLAUSIBLE_MS, integer: false },
    ratio: { min: 0, max: 1e9, integer: false },
};
/** Item fields and metrics that are sizes in bytes under any gate (bundle-budget's names). */
const BYTE_ITEM_FIELD = /^(?:base-)?(?:raw|gzip|brotli)$/;
const BYTE_METRIC = /^total-(?:raw|gzip|brotli)$/;
/** Any other number: finite and within what a double holds exactly, so no comparison is decided by rounding. */
const ANY = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: false };
const BYTES = UNIT_BOUNDS.bytes;
const RANK = { skipped: 0, pass: 1, warn: 2, fail: 3 };
/** The first way `data` contradicts itself or is implausible, or undefined. Assumes findResultProblem found nothing. */
function findImplausibleResult(data) {
    const checks = Array.isArray(data.checks) ? data.checks : [];
    const status = String(data.status);
    const worst = checks.reduce((rank, check) => Math.max(rank, RANK[String(check.status)] ?? 0), 0);
    // fail-on: warn reports a failing check as a warning, so warn over a failing check is what roadstop writes.
    const allowed = worst === RANK.fail ? ['fail', 'warn'] : worst === RANK.warn ? ['warn', 'fail'] : undefined;
    if (allowed && !allowed.includes(status)) {
        const named = checks.find((check) => RANK[String(check.status)] === worst);
        return `its status is ${status}, but its check '${String(named?.name)}' is ${String(named?.status)}`;
    }
    const outside = (value, bound, at) => {
        if (typeof value !== 'number')
            return undefined;
        if (!Number.isFinite(value) || value < bound.min || value > bound.max)
            return `${at} is ${value}, beyond any plausible value (${bound.min} to ${bound.max})`;
        if (bound.integer && !Number.isInteger(value))
            return `${at} is ${value}, not a whole number`;
        return undefined;
    };
    for (const [index, check] of checks.entries()) {
        const bound = UNIT_BOUNDS[String(check.unit)] ?? ANY;
        for (const field of ['value', 'baseline']) {
            const problem = outside(check[field], bound, `checks[${index}].${field}`);
            if (problem)
                return problem;
        }
        // A limit drawn from a baseline (`drop \u2264 3` under a score of 2) and an allowed increase may be negative.
        for (const field of ['limit', 'maxIncrease']) {
            const problem = outside(check[field], { ...bound, min: -bound.max }, `checks[${index}].${field}`);
            if (problem)
                return problem;
        }
    }
    for (const [name, value] of Object.entries(data.metrics ?? {})) {
        const problem = outside(value, BYTE_METRIC.test(name) ? BYTES : ANY, `metrics.${name}`);
        if (problem)
            return problem;
    }
    const items = Array.isArray(data.items) ? data.items : [];
    for (const [index, item] of items.entries()) {
        for (const [field, value] of Object.entries(item)) {
            const problem = outside(value, BYTE_ITEM_FIELD.test(field) ? BYTES : ANY, `items[${index}] (${String(item.id)}).${field}`);
            if (problem)
                return problem;
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/core/src/result.ts
// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.







/**
 * The result contract every gate writes and every renderer (job summary, PR
 * comment, Slack, CLI) reads. Bump RESULT_SCHEMA_VERSION on any change that an
 * older reader would misread; readers refuse other versions by name.
 */
const RESULT_SCHEMA_VERSION = 1;
const RESULT_SCHEMA_ID = 'https://roadstop.dev/schemas/result-v1.json';
const ORDER = ['skipped', 'pass', 'warn', 'fail'];
/** The worse of the statuses: fail > warn > pass > skipped. */
function worstStatus(statuses, empty = 'pass') {
    let worst;
    for (const status of statuses) {
        if (worst === undefined || ORDER.indexOf(status) > ORDER.indexOf(worst))
            worst = status;
    }
    return worst ?? empty;
}
function createResult(fields) {
    return {
        $schema: RESULT_SCHEMA_ID,
        schemaVersion: RESULT_SCHEMA_VERSION,
        createdAt: fields.createdAt ?? new Date().toISOString(),
        ...fields,
    };
}
/** Write atomically, so a reader never sees half a result and a failed write keeps the old one. */
async function writeResult(path, result, text = serializeResult(result)) {
    await external_node_fs_.promises.mkdir((0,external_node_path_.dirname)(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await external_node_fs_.promises.writeFile(temporary, text);
    await external_node_fs_.promises.rename(temporary, path);
}
/** The file's text: indented JSON and a final newline, as every reader and diff expects. */
function serializeResult(result) {
    return `${JSON.stringify(result, null, 2)}\n`;
}
const NOT_A_RESULT = 'point it at a file a roadstop gate wrote';
const NOT_WRITTEN_BY_ROADSTOP = 'a result roadstop wrote holds none of this; regenerate it, or compare with another run';
/** A result file larger than this is no result (the largest, coverage's, holds a line per file: a few MB). */
const MAX_RESULT_BYTES = 64 * 1024 * 1024;
/**
 * Read a result written by any gate, refusing files that are not roadstop
 * results or that another schema version wrote. `input` names the action
 * input or option the path came from, for the error.
 */
async function result_readResult(path, options = {}) {
    const where = { file: path, ...(options.input ? { input: options.input } : {}) };
    let text;
    try {
        const { size } = await external_node_fs_.promises.stat(path);
        if (size > MAX_RESULT_BYTES) {
            throw new errors_ConfigurationError(`not a roadstop result: ${size.toLocaleString('en-US')} bytes, more than the ${MAX_RESULT_BYTES.toLocaleString('en-US')} a result may be`, where, NOT_A_RESULT);
        }
        text = await readRegularFile(path, where, 'the result file');
    }
    catch (error) {
        if (error instanceof errors_ConfigurationError)
            throw error;
        throw new errors_ConfigurationError(`cannot read the result file: ${error.code ?? String(error)}`, where);
    }
    return parseResult(text, { ...options, file: path });
}
function parseResult(text, options = {}) {
    const where = { ...(options.file ? { file: options.file } : {}), ...(options.input ? { input: options.input } : {}) };
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        // Never the parser's message: it quotes the file's start, and the file may be anything (a key, /etc/passwd).
        const at = /line (\d+) column (\d+)/.exec(error.message);
        throw new errors_ConfigurationError(`not a roadstop result: invalid JSON${at ? ` at line ${at[1]}, column ${at[2]}` : ''}`, where, NOT_A_RESULT);
    }
    checkNesting(data, where, NOT_A_RESULT);
    if (typeof data !== 'object' || data === null || !('schemaVersion' in data) || !('gate' in data)) {
        throw new errors_ConfigurationError('not a roadstop result: it has no schemaVersion and gate', where, NOT_A_RESULT);
    }
    const record = data;
    if (record.schemaVersion !== RESULT_SCHEMA_VERSION) {
        throw new errors_ConfigurationError(`result schema version ${JSON.stringify(record.schemaVersion)} is not supported (this roadstop reads version ${RESULT_SCHEMA_VERSION})`, where, 'produce the baseline with the same major version of roadstop');
    }
    if (options.gate && record.gate !== options.gate) {
        throw new errors_ConfigurationError(`this is a ${String(record.gate)} result, not a ${options.gate} result`, where);
    }
    for (const key of ['status', 'headline', 'metrics', 'checks', 'items', 'messages', 'settings']) {
        if (!(key in record))
            throw new errors_ConfigurationError(`not a roadstop result: '${key}' is missing`, where);
    }
    if (!Array.isArray(record.items) || !Array.isArray(record.checks) || !Array.isArray(record.messages)) {
        throw new errors_ConfigurationError('not a roadstop result: items, checks and messages must be lists', where);
    }
    const problem = findResultProblem(record, options.ranges?.(String(record.gate)));
    if (problem)
        throw new errors_ConfigurationError(`not a valid ${String(record.gate)} result: ${problem}`, where, NOT_WRITTEN_BY_ROADSTOP);
    const implausible = findImplausibleResult(record);
    if (implausible)
        throw new errors_ConfigurationError(`not a result roadstop wrote: ${implausible}`, where, NOT_WRITTEN_BY_ROADSTOP);
    return data;
}
/**
 * Where a gate writes its result: the path the user gave (inside the
 * workspace, and never over a file that is not a result of this gate), or a
 * file in the runner's temp folder.
 */
async function prepareReportPath(given, options) {
    if (!given || given.trim() === '')
        return (0,external_node_path_.join)(options.temp, 'roadstop', `${options.gate}.json`);
    const where = { input: options.input ?? 'report', file: given };
    // Inside the workspace, or the runner's temp folder where the default lives; after symlinks, not by the text.
    const target = await confinedPath(options.workspace, given, where, { also: [options.temp], what: 'the report' });
    if (options.baseline !== undefined && realLocation(options.baseline) === target) {
        throw new errors_ConfigurationError('is the baseline file too: writing the result there would overwrite the baseline it is compared with', where, 'write the report to another path');
    }
    let existing;
    try {
        existing = await readRegularFile(target, where, 'the report');
    }
    catch (error) {
        if (error instanceof errors_ConfigurationError)
            throw error;
        const code = error.code;
        if (code === 'EISDIR')
            throw new errors_ConfigurationError('is a folder, not a file', where);
        if (code !== 'ENOENT')
            throw new errors_ConfigurationError(`cannot use it (${code ?? String(error)})`, where);
    }
    if (existing !== undefined) {
        try {
            parseResult(existing, { gate: options.gate });
        }
        catch {
            throw new errors_ConfigurationError('already exists and is not a result of this gate; refusing to overwrite it', where, 'choose another path');
        }
    }
    return target;
}
/**
 * A baseline result the user named (`baseline: path`): it must be a result of
 * this gate, and the error names the path as the user wrote it.
 */
async function readBaselineFile(path, options) {
    let result;
    try {
        const real = await confinedPath(options.workspace, path, { ...options.origin, file: path }, { what: 'the baseline' });
        result = await result_readResult(real, { gate: options.gate, ...(options.ranges ? { ranges: options.ranges } : {}) });
    }
    catch (error) {
        if (error instanceof errors_ConfigurationError)
            throw new errors_ConfigurationError(error.message, { ...options.origin, file: path }, error.hint);
        throw error;
    }
    return { result, info: { source: path, ...(result.commit ? { commit: result.commit } : {}), createdAt: result.createdAt } };
}

;// CONCATENATED MODULE: ./packages/core/src/result-files.ts




/** Gate names are identifiers, shown and keyed on: anything else is not a result of a roadstop gate. */
const GATE_NAME = /^[a-z][a-z0-9-]{0,63}$/;
/**
 * The roadstop results a `results` input names, for the steps that show
 * every gate (the PR comment, Slack). Globs under $RUNNER_TEMP are read from
 * there, everything else from the workspace; symlinks are never followed. A
 * file that is not a result is skipped with a warning, never the step's end:
 * it may come from another job, or a fork. `matched` counts the files the
 * globs found, results or not.
 */
async function readResultFiles(patterns, options) {
    if (patterns.length === 0)
        return { results: [], matched: 0 };
    const { workspace, input, warn } = options;
    const temp = options.runnerTemp ? `${options.runnerTemp.replace(/\/+$/, '')}/` : undefined;
    const inTemp = (pattern) => !!temp && pattern.replace(/^!/, '').startsWith(temp);
    const roots = [
        [workspace, patterns.filter((pattern) => !inTemp(pattern))],
        ...(temp ? [[temp, patterns.filter(inTemp).map((pattern) => pattern.replace(temp, ''))]] : []),
    ];
    const paths = [];
    for (const [root, selected] of roots) {
        if (!selected.some((pattern) => !pattern.startsWith('!')))
            continue;
        const selection = await selectFiles(root, selected, { input });
        const links = describeSkippedLinks(selection);
        if (links)
            warn(`input '${input}': ${links}`);
        paths.push(...selection.files.map((file) => join(root, file)));
    }
    const results = [];
    for (const path of paths) {
        const file = path.startsWith(`${workspace}/`) ? path.slice(workspace.length + 1) : path;
        try {
            const result = await readResult(path, { input, ...(options.ranges ? { ranges: options.ranges } : {}) });
            if (!GATE_NAME.test(result.gate))
                throw new ConfigurationError('not a roadstop result: its gate is not a gate name');
            results.push({ file, result });
        }
        catch (error) {
            if (!(error instanceof ConfigurationError))
                throw error;
            warn(`input '${input}': skipped ${file}: ${error.message}`);
        }
    }
    return { results, matched: paths.length };
}

;// CONCATENATED MODULE: ./packages/core/src/runner-context.ts


/** Events whose payload carries the pull request: without it, changed lines and baselines would be silently skipped. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);
function readRunnerContext(env = process.env, cwd = process.cwd()) {
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const payload = readEvent(env.GITHUB_EVENT_PATH, PULL_REQUEST_EVENTS.has(eventName) ? eventName : undefined);
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    const repository = payload.repository;
    const pr = (payload.pull_request ?? undefined);
    const defaultBranch = repository?.default_branch;
    const context = {
        workspace: env.GITHUB_WORKSPACE || cwd,
        eventName,
        apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
        isDefaultBranchPush: env.GITHUB_EVENT_NAME === 'push' && !!defaultBranch && env.GITHUB_REF === `refs/heads/${defaultBranch}`,
        payload,
    };
    if (env.GITHUB_SHA)
        context.sha = env.GITHUB_SHA;
    if (env.GITHUB_REF)
        context.ref = env.GITHUB_REF;
    if (owner && repo)
        [context.owner, context.repo] = [owner, repo];
    if (env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID))
        context.runId = Number(env.GITHUB_RUN_ID);
    if (env.GITHUB_WORKFLOW_REF)
        context.workflowRef = env.GITHUB_WORKFLOW_REF;
    if (defaultBranch)
        context.defaultBranch = defaultBranch;
    if (pr?.base?.ref && pr.head?.sha) {
        context.pullRequest = {
            number: pr.number,
            baseRef: pr.base.ref,
            headSha: pr.head.sha,
            fromFork: !!pr.head.repo?.full_name && pr.head.repo.full_name !== pr.base.repo?.full_name,
            ...(pr.base.sha ? { baseSha: pr.base.sha } : {}),
            ...(pr.head.ref ? { headRef: pr.head.ref } : {}),
        };
    }
    return context;
}
/** The run's page at this attempt: a link that outlives a re-run still shows the attempt that wrote it. */
function runUrlOf(context, env) {
    if (!context.owner || !context.repo || !context.runId)
        return undefined;
    // A number, as GITHUB_RUN_ID is read: anything else in the variable stays out of the link.
    const given = env.GITHUB_RUN_ATTEMPT ?? '';
    const attempt = /^\d+$/.test(given) && given !== '1' ? `/attempts/${given}` : '';
    return `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}${attempt}`;
}
/**
 * The event payload. Outside a pull request a missing file is an empty
 * payload (a local run); on a pull request event it is the runner's failure,
 * said as such rather than read as "not a pull request".
 */
function readEvent(path, pullRequestEvent) {
    if (!path) {
        if (pullRequestEvent)
            throw new EnvironmentError(`this is a ${pullRequestEvent} run, but GITHUB_EVENT_PATH is not set: the pull request's payload cannot be read`);
        return {};
    }
    let text;
    try {
        text = readRegularFileSync(path, { file: path }, 'the event file');
    }
    catch (error) {
        if (pullRequestEvent) {
            throw new EnvironmentError(`this is a ${pullRequestEvent} run, but its event file ${path} cannot be read (${error.code ?? error.message})`);
        }
        return {};
    }
    try {
        const data = JSON.parse(text);
        return typeof data === 'object' && data !== null ? data : {};
    }
    catch (error) {
        throw new ConfigurationError(`the event file is not JSON (${error.message})`, { file: path });
    }
}

;// CONCATENATED MODULE: ./packages/core/src/sizes.ts

// Decimal units as size-limit, bundlewatch and browsers' devtools show them; binary units when asked for by name.
const sizes_UNITS = {
    b: 1,
    byte: 1,
    bytes: 1,
    kb: 1000,
    mb: 1000 ** 2,
    gb: 1000 ** 3,
    kib: 1024,
    mib: 1024 ** 2,
    gib: 1024 ** 3,
};
const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i;
/** `"400 kB"`, `"1.5 MB"`, `"512 KiB"`, `"2048"`, `2048` \u2192 bytes. */
function parseSize(value, where = {}) {
    if (typeof value === 'number') {
        if (Number.isFinite(value) && value >= 0)
            return Math.round(value);
        throw new errors_ConfigurationError(`'${value}' is not a size`, where, 'use bytes or a size such as "400 kB"');
    }
    const match = SIZE_PATTERN.exec(value);
    const unit = match ? sizes_UNITS[(match[2] ?? '').toLowerCase() || 'b'] : undefined;
    if (!match || unit === undefined) {
        throw new errors_ConfigurationError(`'${value}' is not a size`, where, 'write a number with B, kB, MB, GB (1000) or KiB, MiB, GiB (1024), e.g. "400 kB"');
    }
    return Math.round(Number(match[1]) * unit);
}
/** `"2%"` or `"5 kB"`: how much a measured size may grow against its baseline. */
function parseIncrease(value, where = {}) {
    if (typeof value === 'string' && value.trim().endsWith('%')) {
        const number = Number(value.trim().slice(0, -1));
        if (!Number.isFinite(number) || number < 0 || value.trim() === '%') {
            throw new errors_ConfigurationError(`'${value}' is not a percentage`, where, 'write e.g. "2%"');
        }
        return { kind: 'percent', value: number };
    }
    return { kind: 'bytes', value: parseSize(value, where) };
}
function formatIncrease(increase) {
    return increase.kind === 'percent' ? `${increase.value}%` : formatBytes(increase.value);
}
/** Bytes as a person reads them, in the same decimal units `parseSize` reads by default. */
function formatBytes(bytes) {
    const sign = bytes < 0 ? '-' : '';
    const abs = Math.abs(bytes);
    if (abs < 1000)
        return `${sign}${abs} B`;
    if (abs < 1000 ** 2)
        return `${sign}${trim(abs / 1000)} kB`;
    if (abs < 1000 ** 3)
        return `${sign}${trim(abs / 1000 ** 2)} MB`;
    return `${sign}${trim(abs / 1000 ** 3)} GB`;
}
// Three significant figures at most, without trailing zeros: 400 kB, 1.88 kB, 12.5 kB.
function trim(n) {
    return String(Number(n >= 100 ? n.toFixed(1) : n.toFixed(2)));
}
/** `+1.2 kB (+0.6%)`: a delta with its sign, for tables. */
function formatDelta(delta, base) {
    const bytes = `${delta > 0 ? '+' : ''}${formatBytes(delta)}`;
    if (base === undefined || base === 0)
        return bytes;
    const percent = (delta / base) * 100;
    return `${bytes} (${percent > 0 ? '+' : ''}${percent.toFixed(Math.abs(percent) < 10 ? 2 : 1)}%)`;
}

;// CONCATENATED MODULE: ./packages/core/src/step-inputs.ts

/** Inputs every gate action has beside its own. */
const STEP_INPUTS = (/* unused pure expression or super */ null && (['report', 'artifact-name', 'upload', 'github-token']));
const UPLOAD_MODES = (/* unused pure expression or super */ null && (['auto', 'always', 'never']));
/** Read a gate action's inputs once; `read` is @actions/core's getInput, passed in by main.ts. */
function readStepInputs(gateInputs, read, defaultArtifact) {
    const gate = {};
    for (const name of gateInputs) {
        const value = read(name);
        if (value !== '')
            gate[name] = value;
    }
    return {
        config: read('config'),
        gate,
        report: read('report'),
        artifactName: read('artifact-name') || defaultArtifact,
        upload: oneOf(read('upload') || 'auto', UPLOAD_MODES, { input: 'upload' }),
        token: read('github-token'),
    };
}
/** An input's value, trimmed; absent or empty reads as not given, so the config file's value stands. */
function givenInput(inputs, name) {
    const value = inputs[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
}

;// CONCATENATED MODULE: ./packages/core/src/redact.ts
/** Secrets shorter than this are not searched for: replacing every "a" would wreck the file and hide nothing. */
const SHORTEST_SECRET = 4;
/** Known secrets, longest first (so a secret holding another is cut whole), without the ones too short to search for. */
function searchable(secrets) {
    return [...new Set(secrets.filter((secret) => secret.length >= SHORTEST_SECRET))].sort((a, b) => b.length - a.length);
}
/** Text with every known secret replaced by `***`: for what leaves unmasked (the job summary, a Slack message, a file). */
function redactText(text, secrets) {
    return replaceAll(text, searchable(secrets));
}
/** `text` with each of `known` (already searchable: deduplicated, long enough, longest first) replaced by `***`. */
function replaceAll(text, known) {
    return known.reduce((value, secret) => value.split(secret).join('***'), text);
}
/**
 * Replace every occurrence of every known secret, in every string of a
 * result (headline, messages, checks, items, details, baseline, settings),
 * with `***`. The result file is uploaded as an artifact, which the runner
 * does not mask. Mutates and returns `result`.
 */
function redactSecrets(result, secrets) {
    const known = searchable(secrets);
    if (known.length === 0)
        return result;
    const scrub = (value) => {
        if (typeof value === 'string')
            return replaceAll(value, known);
        // An array's entries are its items.
        if (value !== null && typeof value === 'object') {
            for (const [key, inner] of Object.entries(value))
                value[key] = scrub(inner);
            return value;
        }
        return value;
    };
    scrub(result);
    return result;
}
/**
 * The values to mask among a gate's inputs, as its descriptor defines them: a secret input whole, or its secret
 * parts; a value of several lines also line by line (the runner masks a log line by line).
 */
function secretInputValues(definitions, inputs) {
    const values = [];
    for (const [name, definition] of Object.entries(definitions ?? {})) {
        const value = inputs[name];
        if (!definition?.secret || value === undefined || value === '')
            continue;
        const parts = definition.secretParts ? definition.secretParts(value) : [value];
        for (const part of parts) {
            values.push(part);
            if (/[\r\n]/.test(part))
                values.push(...part.split(/\r?\n|\r/).map((line) => line.trim()));
        }
    }
    return [...new Set(values.filter((value) => value.length >= SHORTEST_SECRET))];
}
/**
 * `text` with the user and password of every URL in it replaced by `***`
 * (`https://x:token@host/` \u2192 `https://***@host/`): git's stderr and a page's
 * URL may carry credentials, and neither is masked by the runner.
 */
function redactUrlCredentials(text) {
    return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi, '$1***@');
}
/** The credentials written in a URL (`user:password`, the password, each as written and decoded), for masking and redactSecrets. */
function urlCredentials(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return [];
    }
    if (!parsed.username && !parsed.password)
        return [];
    const decode = (text) => {
        try {
            return decodeURIComponent(text);
        }
        catch {
            return text;
        }
    };
    const found = [`${parsed.username}:${parsed.password}`, parsed.password, parsed.username ? `${parsed.username}@` : ''];
    return [...new Set([...found, ...found.map(decode)])].filter((secret) => secret.length > 1 && secret !== ':');
}

;// CONCATENATED MODULE: ./packages/core/src/retry-after.ts
/**
 * The wait a `Retry-After` header asks for, in whole seconds (rounded up): delay-seconds (digits only) or an
 * HTTP-date (it begins with the day's name), the two forms RFC 9110 section 10.2.3 allows; a date past is no wait.
 * Undefined when the header is absent or neither: a fraction, a sign, hex or a bare number Date.parse would read
 * as a year is no hint.
 */
function retryAfterSeconds(value, nowMs) {
    if (value === undefined || value === null)
        return undefined;
    const text = value.trim();
    if (/^\d{1,9}$/.test(text))
        return Number(text);
    if (!/^[A-Za-z]{3,9},? /.test(text))
        return undefined;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./packages/core/src/rate-limit.ts

const sleep = (ms, signal) => (0,promises_.setTimeout)(ms, undefined, signal ? { signal } : {});
/**
 * Waits out one rate-limited answer within its caller's budget and retries, or throws the caller's error: the one
 * policy of the Vercel adapter, the Sentry provider and the GitHub client, so that none waits past its budget, none
 * retries forever, and a cancel ends every wait at once.
 */
async function waitOutRateLimit(wait) {
    if (wait.waitMs >= wait.leftMs)
        throw wait.giveUp('too-long');
    if (wait.attempt >= wait.maxRetries)
        throw wait.giveUp('retries-spent');
    wait.onWait?.();
    try {
        await (wait.sleep ?? sleep)(wait.waitMs, wait.signal);
    }
    catch (error) {
        if (wait.signal?.aborted && wait.cancelled)
            throw wait.cancelled();
        throw error;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/http-fetch.ts
/*
 * The one way roadstop speaks HTTP to the outside: GitHub (Octokit's fetch),
 * the artifact download, Slack (Web API and webhooks) and the canary
 * providers all send through edgeFetch.
 *
 * - Proxy: Node's fetch ignores HTTPS_PROXY. With HTTPS_PROXY, HTTP_PROXY or
 *   NO_PROXY set (either case, as curl reads them), requests go through one
 *   undici EnvHttpProxyAgent, built once, with undici's own fetch (the
 *   platform's fetch refuses a dispatcher of another undici). undici is
 *   loaded only then: a step without a proxy never parses it.
 * - Redirects are followed here, not by fetch: the fetch standard drops
 *   Authorization on a redirect to another origin, but forwards every other
 *   header (an API key, a custom `X-\u2026`). To another origin only the headers
 *   that describe the request (accept, content-type, user-agent) go along.
 * - `redirect: 'error'` is a RedirectRefusedError naming the status and the
 *   origin it pointed to, at once: not fetch's bare TypeError, which clients
 *   read as a network failure and retry.
 * - `redirect: 'same-origin'` is the policy of the clients that carry a
 *   credential (the canary providers, Vercel, Slack's Web API): a redirect on
 *   the same origin is followed with every header (a proxy path, a trailing
 *   slash), one to another origin is a RedirectRefusedError before anything
 *   is sent there, so neither the credentials nor the request cross over.
 */
/** A redirect where none may be followed, or one that cannot be (too many, not http, another origin under 'same-origin'). */
class RedirectRefusedError extends Error {
    name = 'RedirectRefusedError';
    status;
    /** The origin the redirect pointed to: never its path or query, which may carry a signature. */
    targetOrigin;
    refusal;
    constructor(status, targetOrigin, reason, refusal = 'refused') {
        super(`HTTP ${status}, a redirect to ${targetOrigin}: ${reason}`);
        this.status = status;
        this.targetOrigin = targetOrigin;
        this.refusal = refusal;
    }
}
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
/** What may go to another origin: what the request is, never who sends it. */
const CROSS_ORIGIN_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'content-type', 'user-agent']);
/** One dispatcher per proxy setting: in a step, the one the environment names, built once. */
const proxied = new Map();
function baseFetch(env) {
    const pick = (upper) => env[upper] || env[upper.toLowerCase()] || undefined;
    const httpsProxy = pick('HTTPS_PROXY');
    const httpProxy = pick('HTTP_PROXY');
    if (!httpsProxy && !httpProxy)
        return Promise.resolve(globalThis.fetch);
    const noProxy = pick('NO_PROXY');
    const key = JSON.stringify([httpsProxy, httpProxy, noProxy]);
    let made = proxied.get(key);
    if (!made) {
        made = (async () => {
            const { EnvHttpProxyAgent, fetch } = await __webpack_require__.e(/* import() */ 134).then(__webpack_require__.t.bind(__webpack_require__, 5134, 19));
            const dispatcher = new EnvHttpProxyAgent({ ...(httpsProxy ? { httpsProxy } : {}), ...(httpProxy ? { httpProxy } : {}), ...(noProxy ? { noProxy } : {}) });
            return (url, init) => fetch(url, { ...init, dispatcher });
        })();
        proxied.set(key, made);
    }
    return made;
}
/** edgeFetch over an environment of its own (tests); edgeFetch reads process.env. */
function createEdgeFetch(env = process.env) {
    return async (input, init = {}) => {
        const send = await baseFetch(env);
        const mode = init.redirect ?? 'follow';
        let url = new URL(String(input));
        let method = (init.method ?? 'GET').toUpperCase();
        let body = init.body ?? null;
        const headers = new Headers(init.headers);
        for (let hops = 0;; hops++) {
            const response = await send(url.href, {
                method,
                headers,
                body,
                redirect: 'manual',
                ...(init.signal ? { signal: init.signal } : {}),
                ...(init.duplex ? { duplex: init.duplex } : {}),
            });
            const location = response.headers.get('location');
            if (mode === 'manual' || !REDIRECT_STATUSES.has(response.status) || location === null)
                return response;
            await response.body?.cancel().catch(() => { });
            let next;
            try {
                next = new URL(location, url);
            }
            catch {
                throw new RedirectRefusedError(response.status, '(an address that is not a URL)', 'not followed', 'not-http');
            }
            if (mode === 'error')
                throw new RedirectRefusedError(response.status, next.origin, 'no redirect is followed here');
            if (next.protocol !== 'https:' && next.protocol !== 'http:')
                throw new RedirectRefusedError(response.status, next.protocol, 'not an http(s) address', 'not-http');
            if (mode === 'same-origin' && next.origin !== url.origin) {
                throw new RedirectRefusedError(response.status, next.origin, 'another origin, not followed: neither the credentials nor the request go there', 'cross-origin');
            }
            if (hops >= MAX_REDIRECTS)
                throw new RedirectRefusedError(response.status, next.origin, `more than ${MAX_REDIRECTS} redirects`, 'too-many');
            if (next.origin !== url.origin) {
                for (const name of [...headers.keys()])
                    if (!CROSS_ORIGIN_HEADERS.has(name))
                        headers.delete(name);
            }
            // As the fetch standard: 303, and 301/302 after a POST, go on as a GET without the body.
            if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
                if (method !== 'HEAD')
                    method = 'GET';
                body = null;
                headers.delete('content-type');
                headers.delete('content-length');
            }
            url = next;
        }
    };
}
/** fetch through the environment's proxy, following redirects without carrying credentials to another origin. */
const edgeFetch = (url, init) => createEdgeFetch(process.env)(url, init);

;// CONCATENATED MODULE: ./packages/core/src/url-input.ts

/**
 * What no URL given as an input may hold: control and format characters
 * (line breaks, tabs, NUL, zero-width and bidi marks) and the Unicode line
 * and paragraph separators. A plain space is left to the URL parser, which
 * refuses it in a host and encodes it elsewhere. The URL
 * parser quietly drops tabs and line breaks, so `https://x\n::error::\u2026`
 * parses, while the raw text, logged or put in a comment, is a workflow
 * command or a disguised link. Refused, never cleaned.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
/** Refuse a URL input holding a control or format character, naming the character and where it is. */
function rejectUnsafeUrlText(text, where, options = {}) {
    const match = UNSAFE.exec(text);
    if (!match)
        return;
    const code = `U+${match[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const quoted = options.echo === false ? '' : `'${JSON.stringify(text).slice(1, -1)}' `;
    throw new errors_ConfigurationError(`${quoted}holds a control or format character (${code} at character ${match.index + 1}), which no URL has`, where, options.hint ?? 'give the URL on one line, as it is');
}
/** An http(s) URL input, checked: no unsafe character, parsed, http or https. */
function parseHttpUrlInput(text, where, options = {}) {
    rejectUnsafeUrlText(text, where, options);
    const quoted = options.echo === false ? '' : `'${text}' `;
    let parsed;
    try {
        parsed = new URL(text);
    }
    catch {
        throw new ConfigurationError(`${quoted}is not a URL`, where, options.hint);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        throw new ConfigurationError(`${quoted}is a ${parsed.protocol} URL, not http(s)`, where, options.hint);
    return parsed;
}

;// CONCATENATED MODULE: ./packages/core/src/index.ts
























/***/ }),

/***/ 3362:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hf: () => (/* binding */ resolveCoverageOptions),
/* harmony export */   Qh: () => (/* binding */ INPUT_NAMES),
/* harmony export */   Yw: () => (/* binding */ COVERAGE_GATE_OPTIONS),
/* harmony export */   k6: () => (/* binding */ GATE)
/* harmony export */ });
/* unused harmony exports PRESETS, parsePercent, parseThreshold */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5758);
/* harmony import */ var _roadstop_git__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(630);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3101);



const GATE = 'coverage-gate';
/** The seeds' plan in one word: 60% lines at launch, 70% when hardening, 85% strict. */
const PRESETS = { launch: 60, harden: 70, strict: 85 };
const INPUT_NAMES = [
    'files',
    'preset',
    'min-lines',
    'min-statements',
    'min-functions',
    'min-branches',
    'min-patch',
    'max-drop',
    'base',
    'baseline',
    'fail-on',
];
const PERCENT = { type: 'string-or-number', description: 'Least coverage in percent, e.g. 80 or 80%.' };
const THRESHOLDS = { type: 'map', keys: Object.fromEntries(_model_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb.map((metric) => [metric, PERCENT])) };
/** The `coverage-gate:` section's keys: checked by the config file, written into the JSON Schema. */
const COVERAGE_GATE_OPTIONS = {
    files: { type: 'string-list' },
    preset: { type: 'string', enum: Object.keys(PRESETS) },
    ...Object.fromEntries(_model_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb.map((metric) => [`min-${metric}`, { type: 'string-or-number', renamedFrom: [`thresholds.${metric}`] }])),
    thresholds: { ...THRESHOLDS, deprecated: true, description: 'Deprecated: each metric is now a key of its own, min-lines, min-statements, min-functions, min-branches (the inputs\' names).' },
    'per-file': { ...THRESHOLDS, description: 'Least coverage every single file must meet, per metric.' },
    paths: {
        type: 'map-of',
        description: 'Least coverage of the files under a glob, taken together: a percentage of lines, or a map of metrics.',
        values: { type: 'scalar-or-map', scalar: PERCENT, map: THRESHOLDS },
    },
    'min-patch': { type: 'string-or-number', renamedFrom: ['patch'] },
    'max-drop': { type: 'string-or-number' },
    base: { type: 'string' },
    roots: { type: 'string-list', description: 'Folders the coverage tools ran in, tried first when mapping report paths to files.' },
    annotations: { type: 'number', minimum: 0, maximum: 1000, integer: true, default: 50, description: 'At most this many uncovered changed lines become annotations.' },
    ..._roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .COMMON_GATE_OPTIONS */ .L8,
};
/** Merge the config's `coverage-gate:` section with the inputs; an input, when given, wins. */
function resolveCoverageOptions(section, inputs, workspace) {
    section.rejectUnknown(Object.keys(COVERAGE_GATE_OPTIONS));
    const given = (name) => (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, name);
    const input = (name) => ({ input: name });
    // An input, when given, wins over the config key of its name; the origin names the one used, for errors.
    const pick = (name, read) => {
        const value = given(name);
        return value !== undefined ? [value, input(name)] : [section[read](name), section.locate(name)];
    };
    const filesText = given('files');
    const files = filesText ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .splitList */ .ry)(filesText) : (section.stringList('files') ?? []);
    const filesOrigin = filesText ? input('files') : section.has('files') ? section.locate('files') : input('files');
    if (files.length === 0) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('no coverage report given', filesOrigin, "give the input 'files' (paths or globs of lcov, coverage-final.json, Cobertura or Clover reports) or coverage-gate.files in the config");
    }
    const [presetText, presetOrigin] = pick('preset', 'string');
    let preset;
    if (presetText !== undefined) {
        if (!(presetText in PRESETS)) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${presetText}' is not a preset`, presetOrigin, `use ${Object.entries(PRESETS).map(([name, lines]) => `${name} (${lines}% lines)`).join(', ')}`);
        }
        preset = presetText;
    }
    const thresholds = readThresholds(section.section('thresholds'));
    if (preset && thresholds.lines === undefined)
        thresholds.lines = PRESETS[preset];
    for (const metric of _model_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb) {
        const [value, origin] = pick(`min-${metric}`, 'stringOrNumber');
        if (value !== undefined)
            thresholds[metric] = parseThreshold(value, origin);
    }
    const perFile = readThresholds(section.section('per-file'));
    const pathsSection = section.section('paths');
    const paths = pathsSection.keys().map((pattern) => {
        const origin = pathsSection.locate(pattern);
        (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .checkGlobSize */ .Gu)(pattern, origin);
        if (pathsSection.kind(pattern) !== 'map') {
            const single = pathsSection.stringOrNumber(pattern);
            if (single === undefined)
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('needs a percentage or a map of metrics', origin, "e.g. 'src/core/**': 90");
            return { pattern, thresholds: { lines: parseThreshold(single, origin) }, origin };
        }
        return { pattern, thresholds: readThresholds(pathsSection.section(pattern)), origin };
    });
    const [patchText, patchOrigin] = pick('min-patch', 'stringOrNumber');
    const minPatch = patchText === undefined ? undefined : parseThreshold(patchText, patchOrigin);
    const [dropText, dropOrigin] = pick('max-drop', 'stringOrNumber');
    const maxDrop = dropText === undefined ? undefined : parsePercent(dropText, dropOrigin);
    const baseline = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseBaselineSpec */ .gz)(...pick('baseline', 'string'));
    const [failOnText = 'fail', failOnOrigin] = pick('fail-on', 'string');
    const failOn = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseFailOn */ .XV)(failOnText, failOnOrigin);
    const [base, baseOrigin] = pick('base', 'string');
    const options = {
        workspace,
        files,
        filesOrigin,
        thresholds,
        perFile,
        paths,
        roots: section.stringList('roots') ?? [],
        baseline,
        failOn,
        maxAnnotations: section.number('annotations', (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rangeOf */ .uB)(COVERAGE_GATE_OPTIONS.annotations)) ?? COVERAGE_GATE_OPTIONS.annotations.default,
    };
    if (minPatch !== undefined)
        options.minPatch = minPatch;
    if (maxDrop !== undefined)
        options.maxDrop = maxDrop;
    if (base !== undefined) {
        // The config file is the pull request's own: a base of `--upload-pack=\u2026` would be a command git runs with the job's token.
        [options.base, options.baseOrigin] = [(0,_roadstop_git__WEBPACK_IMPORTED_MODULE_1__.checkRef)(base.trim(), baseOrigin), baseOrigin];
    }
    if (preset)
        options.preset = preset;
    return options;
}
function readThresholds(section) {
    section.rejectUnknown(_model_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb);
    const thresholds = {};
    for (const metric of _model_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb) {
        const value = section.stringOrNumber(metric);
        if (value !== undefined)
            thresholds[metric] = parseThreshold(value, section.locate(metric));
    }
    return thresholds;
}
/** `85`, `"85%"`, `"0.5%"` \u2192 85, 85, 0.5; anything outside 0\u2013100 names where it came from. */
function parsePercent(value, where) {
    const text = typeof value === 'number' ? String(value) : value.trim().replace(/%$/, '').trim();
    const number = Number(text);
    if (text === '' || !Number.isFinite(number))
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${value}' is not a percentage`, where, 'write a number from 0 to 100, e.g. 80 or 80%');
    (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .checkRange */ .cd)(number, { min: 0, max: 100 }, where);
    return number;
}
/**
 * A threshold: a percentage, where a bare number between 0 and 1 (`0.8`) is
 * most likely a ratio meant as 80% and is refused with that guess. `0.8%`,
 * with its sign, is taken as written.
 */
function parseThreshold(value, where) {
    const number = parsePercent(value, where);
    const bare = typeof value === 'number' || !value.trim().endsWith('%');
    if (bare && number > 0 && number < 1) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${value} reads as ${number}%, which looks like a ratio`, where, `did you mean ${Math.round(number * 10000) / 100}? write ${number}% if you mean less than 1%`);
    }
    return number;
}


/***/ }),

/***/ 7035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ LineHits)
/* harmony export */ });
/* harmony import */ var _slab_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6178);
/**
 * Hits per line with Map's interface, stored as two typed arrays kept sorted
 * by line: 12 bytes a line where a Map<number, number> takes about 40, which
 * is what lets a 100 MB lcov file parse in a few hundred MB. Iteration is in
 * line order. Reports add lines in order almost always, so `set` appends;
 * a line out of order is placed by binary search.
 */

const EMPTY_LINES = new Uint32Array(0);
const EMPTY_HITS = new Float64Array(0);
class LineHits {
    lineAt;
    hitsAt;
    count = 0;
    constructor(entries) {
        // Nothing is allocated until the first line: parsers replace empty ones wholesale.
        this.lineAt = EMPTY_LINES;
        this.hitsAt = EMPTY_HITS;
        if (entries)
            for (const [line, hits] of entries)
                this.set(line, hits);
    }
    /**
     * Take `count` lines and hits that a parser collected (copied, so its
     * buffers can be reused), sorting and summing duplicates only if needed.
     */
    static from(lines, hits, count, slab) {
        const result = new LineHits();
        let ordered = true;
        for (let index = 1; index < count; index++) {
            if (lines[index] <= lines[index - 1]) {
                ordered = false;
                break;
            }
        }
        if (!ordered) {
            for (let index = 0; index < count; index++)
                result.add(lines[index], hits[index]);
            result.compact();
            return result;
        }
        // Both columns in one piece: hits first, for the 8-byte alignment.
        const { buffer, offset } = slab ? slab.take(count * 12) : { buffer: new ArrayBuffer(count * 12), offset: 0 };
        result.hitsAt = new Float64Array(buffer, offset, count);
        result.hitsAt.set(hits.subarray(0, count));
        result.lineAt = new Uint32Array(buffer, offset + count * 8, count);
        result.lineAt.set(lines.subarray(0, count));
        result.count = count;
        return result;
    }
    /** How many lines have hits: the covered count, without iterating entries. */
    covered() {
        return (0,_slab_js__WEBPACK_IMPORTED_MODULE_0__/* .countPositive */ .D8)(this.hitsAt, this.count);
    }
    get size() {
        return this.count;
    }
    get [Symbol.toStringTag]() {
        return 'LineHits';
    }
    get(line) {
        const index = this.find(line);
        return index >= 0 ? this.hitsAt[index] : undefined;
    }
    has(line) {
        return this.find(line) >= 0;
    }
    set(line, hits) {
        const index = this.find(line);
        if (index >= 0)
            this.hitsAt[index] = hits;
        else
            this.insert(~index, line, hits);
        return this;
    }
    /** Add hits to a line (a new line starts at 0), one lookup instead of get and set. */
    add(line, hits) {
        const index = this.find(line);
        if (index >= 0)
            this.hitsAt[index] += hits;
        else
            this.insert(~index, line, hits);
    }
    delete(line) {
        const index = this.find(line);
        if (index < 0)
            return false;
        this.lineAt.copyWithin(index, index + 1, this.count);
        this.hitsAt.copyWithin(index, index + 1, this.count);
        this.count -= 1;
        return true;
    }
    clear() {
        this.count = 0;
    }
    /** Release the spare capacity once no more lines will come. */
    compact() {
        if (this.lineAt.length === this.count)
            return;
        this.lineAt = this.lineAt.slice(0, this.count);
        this.hitsAt = this.hitsAt.slice(0, this.count);
    }
    forEach(callback, thisArg) {
        for (let index = 0; index < this.count; index++)
            callback.call(thisArg, this.hitsAt[index], this.lineAt[index], this);
    }
    *entries() {
        for (let index = 0; index < this.count; index++)
            yield [this.lineAt[index], this.hitsAt[index]];
    }
    *keys() {
        for (let index = 0; index < this.count; index++)
            yield this.lineAt[index];
    }
    *values() {
        for (let index = 0; index < this.count; index++)
            yield this.hitsAt[index];
    }
    [Symbol.iterator]() {
        return this.entries();
    }
    /** Index of `line`, or the one's complement of where it would go. */
    find(line) {
        const count = this.count;
        if (count === 0)
            return ~0;
        const last = this.lineAt[count - 1];
        if (line === last)
            return count - 1;
        if (line > last)
            return ~count;
        let low = 0;
        let high = count - 1;
        while (low <= high) {
            const middle = (low + high) >>> 1;
            const value = this.lineAt[middle];
            if (value < line)
                low = middle + 1;
            else if (value > line)
                high = middle - 1;
            else
                return middle;
        }
        return ~low;
    }
    insert(index, line, hits) {
        if (!Number.isInteger(line) || line < 0 || line > 0xffffffff)
            throw new RangeError(`line number must be a non-negative integer, got ${line}`);
        if (this.count === this.lineAt.length) {
            const capacity = Math.max(8, this.lineAt.length * 2);
            this.lineAt = (0,_slab_js__WEBPACK_IMPORTED_MODULE_0__/* .grown */ .gT)(this.lineAt, capacity);
            this.hitsAt = (0,_slab_js__WEBPACK_IMPORTED_MODULE_0__/* .grown */ .gT)(this.hitsAt, capacity);
        }
        if (index < this.count) {
            this.lineAt.copyWithin(index + 1, index, this.count);
            this.hitsAt.copyWithin(index + 1, index, this.count);
        }
        this.lineAt[index] = line;
        this.hitsAt[index] = hits;
        this.count += 1;
    }
}


/***/ }),

/***/ 3101:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cb: () => (/* binding */ METRICS),
/* harmony export */   KN: () => (/* binding */ percent),
/* harmony export */   Tf: () => (/* binding */ emptyTotals),
/* harmony export */   iD: () => (/* binding */ withPath),
/* harmony export */   m0: () => (/* binding */ totalFromDetail),
/* harmony export */   qC: () => (/* binding */ reportTotals),
/* harmony export */   sX: () => (/* binding */ emptyFile),
/* harmony export */   wO: () => (/* binding */ carriedMetrics)
/* harmony export */ });
/* harmony import */ var _line_hits_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7035);
/* harmony import */ var _slab_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6178);


const METRICS = ['lines', 'statements', 'functions', 'branches'];
/**
 * Percentage covered, truncated to two decimals as istanbul (and so vitest, jest, c8)
 * reports it: the figures match the tools', and 79.996% never passes an 80% bar.
 * A metric with nothing to cover counts as 100%, as istanbul and coverage.py
 * report it, so an empty file never fails a threshold.
 */
function percent(ratio) {
    return ratio.total === 0 ? 100 : Math.floor((10000 * ratio.covered) / ratio.total) / 100;
}
function emptyTotals() {
    return {
        lines: { covered: 0, total: 0 },
        statements: { covered: 0, total: 0 },
        functions: { covered: 0, total: 0 },
        branches: { covered: 0, total: 0 },
    };
}
function emptyFile(path) {
    return { path, lines: new _line_hits_js__WEBPACK_IMPORTED_MODULE_0__/* .LineHits */ .X(), statements: new Map(), functions: [], branches: [], totals: emptyTotals() };
}
/**
 * The same coverage under another path: a shallow copy that keeps lazily
 * built properties lazy (the lcov parser builds `branches` on first read).
 */
function withPath(file, path) {
    const copy = Object.create(Object.getPrototypeOf(file), Object.getOwnPropertyDescriptors(file));
    copy.path = path;
    return copy;
}
function countHits(values) {
    return { covered: (0,_slab_js__WEBPACK_IMPORTED_MODULE_1__/* .countPositive */ .D8)(values), total: values.length };
}
/** Totals of one metric computed from a file's detail. */
function totalFromDetail(file, metric) {
    switch (metric) {
        case 'lines':
            return { covered: file.lines.covered(), total: file.lines.size };
        case 'statements':
            return countHits([...file.statements.values()]);
        case 'functions':
            return countHits(file.functions.map((fn) => fn.hits));
        case 'branches':
            return countHits(file.branches.map((branch) => branch.taken));
    }
}
/** Totals over all files of a report. */
function reportTotals(report) {
    const totals = emptyTotals();
    for (const file of report.files.values()) {
        for (const metric of METRICS) {
            totals[metric].covered += file.totals[metric].covered;
            totals[metric].total += file.totals[metric].total;
        }
    }
    return totals;
}
/** The metrics a report can be judged on: those it carries in detail or as totals. */
function carriedMetrics(report) {
    return METRICS.filter((metric) => report.metrics[metric] !== 'none');
}


/***/ }),

/***/ 6178:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D8: () => (/* binding */ countPositive),
/* harmony export */   F6: () => (/* binding */ Slab),
/* harmony export */   gT: () => (/* binding */ grown)
/* harmony export */ });
/**
 * Hands out pieces of large ArrayBuffers for the typed arrays of many small
 * files: one allocation per few MB instead of one per file, which the garbage
 * collector and the allocator both notice. A slab lives as long as any piece
 * of it, so a parser uses its own and its report keeps it.
 */
class Slab {
    size;
    buffer;
    offset = 0;
    constructor(size = 1 << 22) {
        this.size = size;
    }
    /** `bytes` at an 8-byte aligned offset of some buffer. */
    take(bytes) {
        const rounded = (bytes + 7) & ~7;
        // A big piece gets its own buffer rather than wasting the rest of a slab.
        if (rounded > this.size / 4)
            return { buffer: new ArrayBuffer(rounded), offset: 0 };
        if (this.buffer === undefined || this.offset + rounded > this.size) {
            this.buffer = new ArrayBuffer(this.size);
            this.offset = 0;
        }
        const piece = { buffer: this.buffer, offset: this.offset };
        this.offset += rounded;
        return piece;
    }
}
/** A copy of `array` with room for `capacity` elements, for buffers that grow by doubling. */
function grown(array, capacity) {
    const copy = new array.constructor(capacity);
    copy.set(array);
    return copy;
}
/** How many of the first `count` values are above zero: covered lines, taken branches. */
function countPositive(values, count = values.length) {
    let positive = 0;
    for (let index = 0; index < count; index++)
        if (values[index] > 0)
            positive += 1;
    return positive;
}


/***/ }),

/***/ 630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GIT_CALL_TIMEOUT_MS: () => (/* reexport */ GIT_CALL_TIMEOUT_MS),
  GIT_TOTAL_TIMEOUT_MS: () => (/* reexport */ GIT_TOTAL_TIMEOUT_MS),
  GitError: () => (/* reexport */ GitError),
  changedLines: () => (/* reexport */ changedLines),
  checkRef: () => (/* reexport */ checkRef),
  git: () => (/* reexport */ git),
  isShallow: () => (/* reexport */ isShallow),
  lsFiles: () => (/* reexport */ lsFiles),
  parsePatch: () => (/* reexport */ parsePatch),
  parseUnifiedDiff: () => (/* reexport */ parseUnifiedDiff),
  refProblem: () => (/* reexport */ refProblem),
  repositoryFiles: () => (/* reexport */ repositoryFiles)
});

;// CONCATENATED MODULE: ./packages/git/src/diff.ts
const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
/**
 * Lines a change adds or modifies, per file (new path), from a unified diff:
 * `git diff` output with any context (`--unified=0` or the API's 3 lines).
 * Deleted files and pure deletions add no lines; binary files add none.
 */
function parseUnifiedDiff(text) {
    const changed = new Map();
    let file;
    let line = 0;
    // Lines left in the current hunk on each side: the header's counts tell where
    // it ends, so an added line reading "++ x" is never taken for a file header.
    let oldLeft = 0;
    let newLeft = 0;
    for (const raw of text.split('\n')) {
        if (oldLeft > 0 || newLeft > 0) {
            if (raw.startsWith('+')) {
                let lines = changed.get(file);
                if (!lines)
                    changed.set(file, (lines = new Set()));
                lines.add(line++);
                newLeft--;
            }
            else if (raw.startsWith('-')) {
                oldLeft--;
            }
            else if (raw.startsWith(' ') || raw === '') {
                // An empty line inside a hunk is a context line whose space was dropped on the way.
                line++;
                oldLeft--;
                newLeft--;
            }
            // '\ No newline at end of file' moves neither side.
            continue;
        }
        if (raw.startsWith('diff --git ')) {
            file = undefined;
        }
        else if (raw.startsWith('+++ ')) {
            const target = raw.slice(4).replace(/\t.*$/, '');
            file = target === '/dev/null' ? undefined : stripPrefix(unquote(target));
        }
        else {
            const hunk = HUNK.exec(raw);
            if (hunk && file !== undefined) {
                oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
                line = Number(hunk[2]);
                newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
            }
        }
    }
    return changed;
}
/** Lines added by one file's patch, as the pull request files API gives it (no file headers). */
function parsePatch(path, patch) {
    return parseUnifiedDiff(`+++ b/${path}\n${patch}`).get(path) ?? new Set();
}
function stripPrefix(path) {
    return path.startsWith('b/') ? path.slice(2) : path;
}
const ESCAPES = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
// git quotes paths with unusual bytes: "b/caf\303\251.ts" with C escapes of UTF-8 bytes.
function unquote(path) {
    if (!path.startsWith('"') || !path.endsWith('"'))
        return path;
    const bytes = [];
    const body = path.slice(1, -1);
    for (let index = 0; index < body.length; index++) {
        const char = body[index];
        if (char !== '\\') {
            bytes.push(...Buffer.from(char, 'utf8'));
            continue;
        }
        const next = body[++index] ?? '';
        if (/[0-7]/.test(next)) {
            bytes.push(parseInt(body.slice(index, index + 3), 8));
            index += 2;
        }
        else {
            bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
        }
    }
    return Buffer.from(bytes).toString('utf8');
}

// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(5758);
;// CONCATENATED MODULE: ./packages/git/src/ref.ts

/** Longest ref roadstop passes to git: a branch name or a SHA, never a paragraph. */
const MAX_REF_LENGTH = 255;
/**
 * Why `ref` is not a revision git may be handed, or undefined when it is one.
 * The rules of `git check-ref-format` (no control characters, space, ~ ^ : ? *
 * [ \, no `..`, `@{`, `//`, no component starting with `.` or ending in
 * `.lock`), plus what makes a value an option or a refspec: a leading `-` (git
 * reads `--upload-pack=\u2026` as an option) or `+`. A trailing `^{commit}` is not
 * accepted: roadstop adds its own.
 */
function refProblem(ref) {
    if (ref === '')
        return 'it is empty';
    if (ref.length > MAX_REF_LENGTH)
        return `it is longer than ${MAX_REF_LENGTH} characters`;
    if (ref.startsWith('-'))
        return 'it starts with -, which git would read as an option';
    if (ref.startsWith('+'))
        return 'it starts with +, which git would read as a forced refspec';
    if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(ref))
        return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
    if (ref.includes('..'))
        return 'it contains ..';
    if (ref.includes('@{'))
        return 'it contains @{';
    if (ref === '@')
        return 'it is @';
    if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//'))
        return 'it has an empty path component';
    if (ref.endsWith('.'))
        return 'it ends with .';
    for (const component of ref.split('/')) {
        if (component.startsWith('.'))
            return `its component '${component}' starts with .`;
        if (component.endsWith('.lock'))
            return `its component '${component}' ends with .lock`;
    }
    return undefined;
}
/** `ref` when git may be handed it as a revision, else a ConfigurationError naming where it came from. */
function checkRef(ref, where) {
    const problem = refProblem(ref);
    if (problem === undefined)
        return ref;
    const shown = JSON.stringify(ref.length > 80 ? `${ref.slice(0, 80)}\u2026` : ref);
    throw new src/* ConfigurationError */.j1(`${shown} is not a git ref or commit: ${problem}`, where, 'give a branch name (main), a tag or a commit SHA');
}

;// CONCATENATED MODULE: ./packages/git/src/repo.ts



/** Longest one git call may take: a local command answers in well under a second, a fetch over a slow link in tens. */
const GIT_CALL_TIMEOUT_MS = 60_000;
/** Longest all the git calls for one set of changed lines may take together (six deepening fetches, then --unshallow). */
const GIT_TOTAL_TIMEOUT_MS = 180_000;
/**
 * git failed: the machine's or the repository's state (not a checkout, dubious
 * ownership in a container, no network), not the user's config and not a bug.
 * The message names git, the command and the first line git wrote to stderr,
 * with any credentials in URLs replaced.
 */
class GitError extends src/* EnvironmentError */.eG {
    args;
    stderr;
    code;
    constructor(args, stderr, code) {
        const first = stderr.split('\n').map((line) => line.trim()).find(Boolean) ?? '';
        const shown = (0,src/* redactUrlCredentials */.dE)(first.length > 300 ? `${first.slice(0, 300)}\u2026` : first);
        super(`git ${args[0] ?? ''} failed${code !== undefined ? ` (${code})` : ''}${shown ? `: ${shown}` : ''}`);
        this.args = args;
        this.stderr = stderr;
        this.code = code;
    }
}
/**
 * Run git in `cwd`; never through a shell, so no argument is ever interpreted
 * by one. Git itself still reads a leading `-` as an option: callers put
 * `--end-of-options` before any value that came from outside, and check refs
 * with checkRef.
 */
async function git(cwd, args, options = {}) {
    const timeoutMs = Math.max(1, options.timeoutMs ?? GIT_CALL_TIMEOUT_MS);
    // child_process is loaded on the first git command, not with every step that bundles this package.
    const { execFile } = process.getBuiltinModule('node:child_process');
    const { promisify } = process.getBuiltinModule('node:util');
    try {
        const { stdout } = await promisify(execFile)('git', args, {
            encoding: 'utf8',
            cwd,
            maxBuffer: 1 << 30,
            timeout: timeoutMs,
            killSignal: 'SIGKILL',
            // No prompt for credentials, no pager, no editor: a step has no terminal to answer them.
            env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '', GIT_PAGER: 'cat', LC_ALL: 'C' },
        });
        return stdout;
    }
    catch (error) {
        const failure = error;
        if (failure.code === 'ENOENT')
            throw new src/* ConfigurationError */.j1('git is not installed or not on the PATH', {}, 'install git, or run in a checkout');
        if (failure.killed || failure.signal === 'SIGKILL')
            throw new GitError(args, `no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`, 'timed out');
        throw new GitError(args, failure.stderr ?? String(error), failure.code);
    }
}
/** Every file git tracks, as repository-relative paths with forward slashes. */
async function lsFiles(cwd) {
    const out = await git(cwd, ['ls-files', '-z', '--full-name']);
    return out.split('\0').filter(Boolean);
}
async function isShallow(cwd, options = {}) {
    return (await git(cwd, ['rev-parse', '--is-shallow-repository'], options)).trim() === 'true';
}
/** Whether git says the commit is missing (exit 1 of cat-file -e, or a bad object): any other failure is thrown. */
async function hasCommit(cwd, sha, options) {
    try {
        await git(cwd, ['cat-file', '-e', '--end-of-options', `${sha}^{commit}`], options);
        return true;
    }
    catch (error) {
        if (error instanceof GitError && (error.code === 1 || error.code === 128) && !/dubious ownership|not a git repository/i.test(error.stderr))
            return false;
        throw error;
    }
}
/** The merge base, or undefined when git finds none yet (exit 1); any other failure is thrown. */
async function mergeBaseOf(cwd, a, b, options) {
    try {
        return (await git(cwd, ['merge-base', '--end-of-options', a, b], options)).trim() || undefined;
    }
    catch (error) {
        if (error instanceof GitError && error.code === 1)
            return undefined;
        throw error;
    }
}
/**
 * The lines the change adds or modifies against its merge base with `base`.
 * A shallow checkout (actions/checkout's default depth 1) is deepened step by
 * step until the merge base is there, then unshallowed as a last resort.
 */
async function changedLines(options) {
    const { cwd } = options;
    // Checked before git sees them, wherever they came from: `--upload-pack=\u2026` as a base would run a command.
    const base = checkRef(options.base, { input: 'base' });
    const head = checkRef(options.head ?? 'HEAD', { input: 'head' });
    const remote = options.remote ?? 'origin';
    if (remote !== false)
        checkRef(remote, { input: 'remote' });
    const totalMs = options.totalTimeoutMs ?? GIT_TOTAL_TIMEOUT_MS;
    const deadline = Date.now() + totalMs;
    // Each call gets what is left of the total, at most the per-call limit; past the total, the next call is not made.
    const budget = () => {
        const left = deadline - Date.now();
        if (left <= 0)
            throw new GitError(['fetch'], `the changed lines took longer than ${Math.round(totalMs / 1000)} s in all`, 'timed out');
        return { timeoutMs: Math.min(options.callTimeoutMs ?? GIT_CALL_TIMEOUT_MS, left) };
    };
    const fetched = [];
    const fetch = async (args) => {
        if (remote === false)
            return false;
        try {
            await git(cwd, ['fetch', '--no-tags', '--quiet', ...args.filter((arg) => arg.startsWith('--')), '--end-of-options', remote, ...args.filter((arg) => !arg.startsWith('--'))], budget());
            fetched.push(args.join(' '));
            options.log?.(`git fetch ${args.join(' ')}`);
            return true;
        }
        catch (error) {
            if (!(error instanceof GitError) || error.code === 'timed out')
                throw error;
            options.log?.(`git fetch ${args.join(' ')}: ${error.message}`);
            return false;
        }
    };
    if (!(await hasCommit(cwd, base, budget())))
        await fetch(['--depth=1', base]);
    if (!(await hasCommit(cwd, base, budget()))) {
        throw new GitError(['cat-file', '-e', base], `the base commit ${base} is not in the checkout and could not be fetched`, undefined);
    }
    let mergeBase = await mergeBaseOf(cwd, base, head, budget());
    const steps = options.maxDeepen ?? 6;
    for (let step = 0; !mergeBase && step < steps && (await isShallow(cwd, budget())); step++) {
        const by = (options.deepenBy ?? 50) * 2 ** step;
        if (!(await fetch([`--deepen=${by}`, base])))
            break;
        mergeBase = await mergeBaseOf(cwd, base, head, budget());
    }
    if (!mergeBase && (await isShallow(cwd, budget())) && (await fetch(['--unshallow'])))
        mergeBase = await mergeBaseOf(cwd, base, head, budget());
    if (!mergeBase)
        throw new GitError(['merge-base', base, head], `no merge base between ${base} and ${head}`, undefined);
    const diff = await git(cwd, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=0', '--diff-filter=AMRC', '-M', '--src-prefix=a/', '--dst-prefix=b/', '--end-of-options', mergeBase, head, '--'], budget());
    return { lines: parseUnifiedDiff(diff), mergeBase, fetched };
}
/** git's stderr when the folder is not a checkout at all: the one failure that means "no git here". */
const NOT_A_REPOSITORY = /not a git repository \(or any of the parent directories\)/i;
/**
 * The files of the repository: git's list, or, in a folder that is not a git
 * checkout (a downloaded artifact, a tarball), every file below it but
 * dependencies and build caches, said in the log. Any other git failure
 * (dubious ownership in a container job, a broken index) is thrown: a silent
 * walk of the whole tree would map coverage paths against the wrong list.
 */
async function repositoryFiles(cwd, log) {
    try {
        return await lsFiles(cwd);
    }
    catch (error) {
        if (!(error instanceof GitError) || !NOT_A_REPOSITORY.test(error.stderr))
            throw error;
        log?.(`${cwd} is not a git checkout (${error.message}); listing its files instead`);
        const { default: glob } = await __webpack_require__.e(/* import() */ 648).then(__webpack_require__.t.bind(__webpack_require__, 5648, 23));
        return (await glob('**/*', { cwd, dot: false, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] })).sort();
    }
}

;// CONCATENATED MODULE: ./packages/git/src/index.ts





/***/ }),

/***/ 3693:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ev: () => (/* binding */ formatVital),
/* harmony export */   FW: () => (/* binding */ pageItem),
/* harmony export */   gh: () => (/* binding */ CATEGORY_LABEL),
/* harmony export */   te: () => (/* binding */ compareWithBase),
/* harmony export */   zw: () => (/* binding */ judgePage)
/* harmony export */ });
/* unused harmony exports spreadOf, describeAudits, baseSpread */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5758);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9636);


const CATEGORY_LABEL = { performance: 'performance', accessibility: 'accessibility', 'best-practices': 'best practices', seo: 'SEO' };
/** Lowest and highest score of a category over the runs. */
function spreadOf(runs, category) {
    const scores = runs.map((run) => run.scores[category]).filter((score) => score !== undefined);
    if (scores.length === 0)
        return undefined;
    return { min: Math.min(...scores), max: Math.max(...scores) };
}
function describeAudits(audits) {
    return (audits ?? []).map((audit) => `${audit.title}${audit.display ? ` (${audit.display})` : ''}`).join('; ');
}
/** The page's assertions: least scores, vitals limits, resource budgets. */
function judgePage(page, options) {
    const checks = [];
    for (const category of _options_js__WEBPACK_IMPORTED_MODULE_1__/* .CATEGORIES */ .R6) {
        const limit = options.minScores[category];
        if (limit === undefined)
            continue;
        const value = page.median.scores[category];
        const name = `${page.id} ${CATEGORY_LABEL[category]}`;
        if (value === undefined) {
            checks.push({ name, status: 'skipped', value: 0, limit, limitText: `\u2265 ${limit}`, unit: 'score', message: `${page.id}: Lighthouse gave no ${CATEGORY_LABEL[category]} score` });
            continue;
        }
        const spread = spreadOf(page.runs, category);
        const check = { name, status: value >= limit ? 'pass' : 'fail', value, limit, limitText: `\u2265 ${limit}`, unit: 'score', details: { category, page: page.id } };
        if (spread && page.runs.length > 1)
            check.details.spread = `${spread.min}\u2013${spread.max}`;
        if (check.status === 'fail') {
            const audits = describeAudits(page.costly[category]);
            if (audits)
                check.details.audits = audits;
            check.message = `${page.id}: ${CATEGORY_LABEL[category]} ${value} is below ${limit}${audits ? `; cost the most: ${audits}` : ''}`;
        }
        else {
            check.message = `${page.id}: ${CATEGORY_LABEL[category]} ${value}`;
        }
        checks.push(check);
    }
    for (const vital of Object.keys(_options_js__WEBPACK_IMPORTED_MODULE_1__/* .VITALS */ .gA)) {
        const limit = options.maxVitals[vital];
        if (limit === undefined)
            continue;
        const { label, unit } = _options_js__WEBPACK_IMPORTED_MODULE_1__/* .VITALS */ .gA[vital];
        const value = page.median.vitals[vital];
        const limitText = `\u2264 ${formatVital(vital, limit)}`;
        if (value === undefined) {
            checks.push({ name: `${page.id} ${label}`, status: 'skipped', value: 0, limit, limitText, unit, message: `${page.id}: Lighthouse gave no ${label}` });
            continue;
        }
        const fields = { name: `${page.id} ${label}`, value, limit, limitText, unit, details: { vital, page: page.id } };
        checks.push(atMost(fields, `${page.id}: ${label} ${formatVital(vital, value)}`, formatVital(vital, limit)));
    }
    for (const type of _options_js__WEBPACK_IMPORTED_MODULE_1__/* .RESOURCE_TYPES */ .Rx) {
        const limit = options.budgets[type];
        if (limit === undefined)
            continue;
        const value = page.median.bytes[type] ?? 0;
        const details = { resource: type, page: page.id };
        const fields = { name: `${page.id} ${type} bytes`, value, limit, limitText: `\u2264 ${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(limit)}`, unit: 'bytes', details };
        checks.push(atMost(fields, `${page.id}: ${type} transfer ${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(value)}`, `its budget of ${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(limit)}`));
    }
    return checks;
}
/** A value that must stay at or under its limit; `said` is the message when it does. */
function atMost(fields, said, over) {
    const { name, ...rest } = fields;
    const status = rest.value > rest.limit ? 'fail' : 'pass';
    return { name, status, ...rest, message: status === 'fail' ? `${said} is over ${over}` : said };
}
/**
 * Each category against the same page on the base. Lighthouse scores move
 * between runs of the same build, so a drop no larger than the base's own
 * run-to-run spread is noise (a notice); past the spread and past max-drop it
 * fails.
 */
function compareWithBase(page, base, maxDrop) {
    const checks = [];
    const messages = [];
    if (!base)
        return { checks, messages };
    for (const category of _options_js__WEBPACK_IMPORTED_MODULE_1__/* .CATEGORIES */ .R6) {
        const allowed = maxDrop[category];
        const before = base[category];
        const now = page.median.scores[category];
        if (allowed === undefined || typeof before !== 'number' || now === undefined)
            continue;
        const spread = baseSpread(base, category);
        const drop = before - now;
        const label = CATEGORY_LABEL[category];
        const check = {
            name: `${page.id} ${label} vs base`,
            status: 'pass',
            value: now,
            baseline: before,
            limit: before - allowed,
            limitText: `drop \u2264 ${allowed}`,
            unit: 'score',
            details: { category, page: page.id, 'base-spread': spread },
        };
        if (drop <= allowed) {
            check.message = `${page.id}: ${label} ${now} against ${before} on the base`;
        }
        else if (drop <= spread) {
            check.message = `${page.id}: ${label} ${now} against ${before} on the base: a drop of ${drop} within the base's own run-to-run spread of ${spread}, so noise`;
            check.details.noise = true;
            messages.push({ level: 'notice', title: 'Lighthouse: noise', text: check.message });
        }
        else {
            check.status = 'fail';
            const audits = describeAudits(page.costly[category]);
            check.message = `${page.id}: ${label} dropped by ${drop} against the base (${before} \u2192 ${now}), more than the ${allowed} allowed and the base's spread of ${spread}${audits ? `; cost the most: ${audits}` : ''}`;
            if (audits)
                check.details.audits = audits;
        }
        checks.push(check);
    }
    return { checks, messages };
}
/** How far the base's runs of a category were apart (0 for a single run). */
function baseSpread(base, category) {
    const min = base[`${category}-min`];
    const max = base[`${category}-max`];
    return typeof min === 'number' && typeof max === 'number' ? Math.max(0, max - min) : 0;
}
/** The page as a result item: median scores and vitals, the spread of the runs, bytes per type. */
function pageItem(page) {
    const item = { id: page.id, url: page.url, runs: page.runs.length };
    for (const category of _options_js__WEBPACK_IMPORTED_MODULE_1__/* .CATEGORIES */ .R6) {
        const score = page.median.scores[category];
        if (score === undefined)
            continue;
        item[category] = score;
        const spread = spreadOf(page.runs, category);
        if (spread) {
            item[`${category}-min`] = spread.min;
            item[`${category}-max`] = spread.max;
        }
    }
    for (const vital of Object.keys(_options_js__WEBPACK_IMPORTED_MODULE_1__/* .VITALS */ .gA)) {
        const value = page.median.vitals[vital];
        if (value !== undefined)
            item[vital] = value;
    }
    if (page.median.fcp !== undefined)
        item.fcp = page.median.fcp;
    for (const type of _options_js__WEBPACK_IMPORTED_MODULE_1__/* .RESOURCE_TYPES */ .Rx) {
        const bytes = page.median.bytes[type];
        if (bytes !== undefined)
            item[`bytes-${type}`] = bytes;
    }
    if (page.median.requests !== undefined)
        item.requests = page.median.requests;
    if (page.reports) {
        item['report-html'] = page.reports.html;
        item['report-json'] = page.reports.json;
    }
    return item;
}
function formatVital(vital, value) {
    if (vital === 'cls')
        return String(Math.round(value * 1000) / 1000);
    return value >= 1000 ? `${Math.round(value / 100) / 10} s` : `${Math.round(value)} ms`;
}


/***/ }),

/***/ 9636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qh: () => (/* binding */ INPUT_NAMES),
/* harmony export */   R6: () => (/* binding */ CATEGORIES),
/* harmony export */   Rx: () => (/* binding */ RESOURCE_TYPES),
/* harmony export */   Xw: () => (/* binding */ resolveLighthouseOptions),
/* harmony export */   gA: () => (/* binding */ VITALS),
/* harmony export */   k6: () => (/* binding */ GATE),
/* harmony export */   ms: () => (/* binding */ LIGHTHOUSE_GATE_OPTIONS)
/* harmony export */ });
/* unused harmony exports PRESETS, DEFAULT_RUNS, MAX_RUNS, parseScore, parseDuration */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5758);

const GATE = 'lighthouse-gate';
/** Lighthouse's four categories, as its LHR names them. */
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** The plan's phases in one word: every category at least 80 at launch, 85 when hardening, 90 strict. */
const PRESETS = { launch: 80, harden: 85, strict: 90 };
/** Core Web Vitals as Lighthouse measures them in the lab (TBT stands in for INP). */
const VITALS = {
    lcp: { audit: 'largest-contentful-paint', label: 'LCP', unit: 'ms' },
    cls: { audit: 'cumulative-layout-shift', label: 'CLS', unit: 'ratio' },
    tbt: { audit: 'total-blocking-time', label: 'TBT', unit: 'ms' },
};
/** Resource types of Lighthouse's resource-summary audit, each a possible budget. */
const RESOURCE_TYPES = ['total', 'document', 'script', 'stylesheet', 'image', 'media', 'font', 'other', 'third-party'];
const DEFAULT_RUNS = 3;
const MAX_RUNS = 20;
const RUNS_RANGE = { min: 1, max: MAX_RUNS, integer: true };
const INPUT_NAMES = [
    'static-dir',
    'urls',
    'runs',
    'preset',
    ...CATEGORIES.map((category) => `min-${category}`),
    ...Object.keys(VITALS).map((vital) => `max-${vital}`),
    'max-drop',
    'chrome-path',
    'baseline',
    'fail-on',
];
const SCORE = { type: 'string-or-number', description: 'A Lighthouse score, 0 to 100.' };
const BY_CATEGORY = { type: 'map', keys: Object.fromEntries(CATEGORIES.map((category) => [category, SCORE])) };
/** The `lighthouse-gate:` section's keys: checked by the config file, written into the JSON Schema. */
const LIGHTHOUSE_GATE_OPTIONS = {
    'static-dir': { type: 'string' },
    urls: { type: 'string-list' },
    runs: { type: 'string-or-number', default: DEFAULT_RUNS },
    preset: { type: 'string', enum: Object.keys(PRESETS) },
    ...Object.fromEntries(CATEGORIES.map((category) => [`min-${category}`, { type: 'string-or-number', renamedFrom: [`thresholds.${category}`] }])),
    thresholds: { ...BY_CATEGORY, deprecated: true, description: 'Deprecated: each category is now a key of its own, min-performance, min-accessibility, min-best-practices, min-seo (the inputs\' names).' },
    ...Object.fromEntries(Object.keys(VITALS).map((vital) => [`max-${vital}`, { type: 'string-or-number' }])),
    budgets: {
        type: 'map',
        description: 'Largest transfer size per resource type, e.g. script: 300 kB.',
        keys: Object.fromEntries(RESOURCE_TYPES.map((type) => [type, { type: 'string-or-number', description: `Largest transfer size of ${type} resources.` }])),
    },
    'max-drop': { type: 'scalar-or-map', scalar: { type: 'string-or-number' }, map: BY_CATEGORY },
    'chrome-path': { type: 'string' },
    ..._roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .COMMON_GATE_OPTIONS */ .L8,
};
/** Merge the config's `lighthouse-gate:` section with the inputs; an input, when given, wins. */
function resolveLighthouseOptions(section, inputs, workspace) {
    section.rejectUnknown(Object.keys(LIGHTHOUSE_GATE_OPTIONS));
    const given = (name) => (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, name);
    const input = (name) => ({ input: name });
    const from = (name, key = name) => (given(name) !== undefined ? input(name) : section.locate(key));
    const target = resolveTarget(section, inputs, workspace);
    const runsText = given('runs') ?? section.stringOrNumber('runs');
    const runs = runsText === undefined
        ? DEFAULT_RUNS
        : (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(runsText, from('runs'), RUNS_RANGE, 'a number of runs', `write a whole number from 1 to ${MAX_RUNS}, e.g. 3`);
    const presetText = given('preset') ?? section.string('preset');
    let preset;
    if (presetText !== undefined) {
        if (!(presetText in PRESETS)) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${presetText}' is not a preset`, from('preset'), `use ${Object.entries(PRESETS).map(([name, score]) => `${name} (every category \u2265 ${score})`).join(', ')}`);
        }
        preset = presetText;
    }
    // Least scores: the preset, then the config's thresholds, then the inputs.
    const minScores = {};
    if (preset)
        for (const category of CATEGORIES)
            minScores[category] = PRESETS[preset];
    readMap(section.section('thresholds'), CATEGORIES, parseScore, minScores);
    for (const category of CATEGORIES) {
        const name = `min-${category}`;
        const text = given(name) ?? section.stringOrNumber(name);
        if (text !== undefined)
            minScores[category] = parseScore(text, from(name));
    }
    const maxVitals = {};
    for (const vital of Object.keys(VITALS)) {
        const name = `max-${vital}`;
        const value = given(name) ?? section.stringOrNumber(name);
        if (value === undefined)
            continue;
        // CLS is the unitless layout shift score, e.g. 0.1.
        maxVitals[vital] =
            vital === 'cls'
                ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(value, from(name), { min: 0, max: 10 }, 'a layout shift score', 'write a number such as 0.1')
                : parseDuration(value, from(name));
    }
    const budgets = readMap(section.section('budgets'), RESOURCE_TYPES, _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB);
    const maxDrop = resolveMaxDrop(section, given('max-drop'));
    // The browser is a program run with the job's token: taken from the action input (the workflow's, reviewed with
    // it) or the CLI, never from the config file, which a pull request edits along with its code.
    if (section.string('chrome-path') !== undefined) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('chrome-path is not read from the config file: it names a program the job runs, and the config file is part of the pull request', section.locate('chrome-path'), "give it as the action's chrome-path input (or --chrome-path), or set CHROME_PATH in the workflow");
    }
    const chromePath = given('chrome-path');
    const baseline = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseBaselineSpec */ .gz)(given('baseline') ?? section.string('baseline'), from('baseline'));
    const failOn = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseFailOn */ .XV)(given('fail-on') ?? section.string('fail-on') ?? 'fail', from('fail-on'));
    const chrome = chromePath !== undefined ? { chromePath, chromePathOrigin: from('chrome-path') } : {};
    return { workspace, target, runs, minScores, maxVitals, budgets, maxDrop, baseline, failOn, ...chrome, ...(preset ? { preset } : {}) };
}
/** Exactly one target: a static build folder served locally, or URLs already served. */
function resolveTarget(section, inputs, workspace) {
    const dirInput = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, 'static-dir');
    const urlsInput = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, 'urls');
    if (dirInput !== undefined && urlsInput !== undefined) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('both static-dir and urls are given; which one to measure is ambiguous', { input: 'static-dir' }, "give 'static-dir' (a build folder served locally) or 'urls' (pages already served), not both");
    }
    // An input replaces the config's target of either kind, so a workflow can point the config's gate at a preview URL.
    if (urlsInput !== undefined)
        return urlTarget((0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .splitList */ .ry)(urlsInput), { input: 'urls' });
    if (dirInput !== undefined)
        return staticTarget(dirInput, { input: 'static-dir' }, workspace);
    const dir = section.string('static-dir');
    const urls = section.stringList('urls');
    if (dir !== undefined && urls !== undefined) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('both static-dir and urls are set; which one to measure is ambiguous', section.locate('urls'), 'keep one of lighthouse-gate.static-dir and lighthouse-gate.urls');
    }
    if (urls !== undefined)
        return urlTarget(urls, section.locate('urls'));
    if (dir !== undefined)
        return staticTarget(dir, section.locate('static-dir'), workspace);
    throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('nothing to measure: no static-dir and no urls', section.keys().length > 0 ? section.locate() : { input: 'static-dir' }, "give the input 'static-dir' (the build folder, e.g. dist) or 'urls' (e.g. the preview URL), or set one under lighthouse-gate: in the config");
}
function staticTarget(dir, origin, workspace) {
    return { kind: 'static', dir: (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .insideWorkspace */ .CT)(workspace, dir, origin) || '.', origin };
}
function urlTarget(urls, origin) {
    if (urls.length === 0)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('no URL given', origin, 'give one URL per line, e.g. https://preview.example.com/');
    for (const url of urls) {
        (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rejectUnsafeUrlText */ .G1)(url, origin);
        let parsed;
        try {
            parsed = new URL(url);
        }
        catch {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactUrlCredentials */ .dE)(url)}' is not a URL`, origin, 'write a full URL such as https://preview.example.com/ or http://127.0.0.1:4173/');
        }
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactUrlCredentials */ .dE)(url)}' is not an http or https URL`, origin);
        }
        // The host goes into Chrome's --host-resolver-rules, a comma-separated list: a name, an IPv4 or a bracketed IPv6.
        if (!/^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/i.test(parsed.hostname)) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactUrlCredentials */ .dE)(url)}' has a host name Chrome's resolver rules cannot hold ('${parsed.hostname}')`, origin, 'use a plain host name or IP address');
        }
    }
    return { kind: 'urls', urls, origin };
}
/** `max-drop: 2` (every category) or a map per category. */
function resolveMaxDrop(section, inputText) {
    if (inputText === undefined && section.kind('max-drop') === 'map')
        return readMap(section.section('max-drop'), CATEGORIES, parsePoints);
    const single = inputText ?? section.stringOrNumber('max-drop');
    if (single === undefined)
        return {};
    const value = parsePoints(single, inputText !== undefined ? { input: 'max-drop' } : section.locate('max-drop'));
    return Object.fromEntries(CATEGORIES.map((category) => [category, value]));
}
/** A map of the config whose keys are `keys` (no other), each value parsed where it stands, into `into`. */
function readMap(map, keys, parse, into = {}) {
    map.rejectUnknown(keys);
    for (const key of keys) {
        const value = map.stringOrNumber(key);
        if (value !== undefined)
            into[key] = parse(value, map.locate(key));
    }
    return into;
}
/** A Lighthouse score as people write it, 0\u2013100 (`80`); anything outside that range names where it came from. */
function parseScore(value, where) {
    const number = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(value, where, { min: 0, max: 100 }, 'a score', 'write a number from 0 to 100, e.g. 80');
    // lhci's assertions write scores as 0\u20131 (minScore: 0.8); here 0.8 would be 0.8 points out of 100 and pass anything.
    if (number > 0 && number < 1) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${value} reads as ${number} points out of 100, which looks like lhci's 0\u20131 score`, where, `did you mean ${Math.round(number * 10000) / 100}? scores here are 0\u2013100`);
    }
    return number;
}
function parsePoints(value, where) {
    return (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(value, where, { min: 0, max: 100 }, 'a number of points', 'write the largest allowed drop in score points, e.g. 3');
}
/** `2500`, `"2500ms"`, `"2.5 s"` \u2192 2500 milliseconds. */
function parseDuration(value, where) {
    const match = typeof value === 'number' ? [String(value), String(value), 'ms'] : /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/i.exec(value);
    if (!match)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${value}' is not a duration`, where, 'write milliseconds or seconds, e.g. 2500, 2500ms or 2.5s');
    const milliseconds = Number(match[1]) * ((match[2] ?? 'ms').toLowerCase() === 's' ? 1000 : 1);
    (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .checkRange */ .cd)(milliseconds, { min: 0, max: 600_000 }, where);
    return Math.round(milliseconds);
}


/***/ }),

/***/ 2153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P4: () => (/* binding */ PLATFORMS),
/* harmony export */   Sd: () => (/* binding */ PlatformUnavailableError),
/* harmony export */   WN: () => (/* binding */ openPlatform),
/* harmony export */   Wk: () => (/* binding */ PlatformError)
/* harmony export */ });
/* unused harmony exports commandPlatform, parseLabelsFile */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5758);



/** The platforms, listed once: each a module behind PlatformAdapter. */
const PLATFORMS = ['command', 'vercel'];
/** A traffic move, rollback or promotion that failed: the ramp rolls back and stops. */
class PlatformError extends _roadstop_core__WEBPACK_IMPORTED_MODULE_2__/* .EnvironmentError */ .eG {
}
/**
 * The platform's service would not act now (a rate limit past what a call may wait): an environment error naming
 * the service, the status and the input. The ramp stops as inconclusive, never as a rollback decision: nothing
 * was judged of the canary.
 */
class PlatformUnavailableError extends PlatformError {
}
async function openPlatform(options, deps) {
    if (options.platform.kind === 'command')
        return commandPlatform(options.platform, deps);
    // Loaded only for vercel, after every input was checked.
    const { vercelPlatform } = await __webpack_require__.e(/* import() */ 834).then(__webpack_require__.bind(__webpack_require__, 4834));
    return vercelPlatform(options.platform, options.steps, deps, { canary: options.explicitLabels.canary === undefined, baseline: options.explicitLabels.baseline === undefined });
}
/** The longest label read from the labels file. */
const MAX_LABEL = 200;
/**
 * The command platform: today's contract of canary.yml. `deploy` runs with CANARY_WEIGHT and CANARY_STEP and may
 * write `canary=<label>` / `baseline=<label>` lines to $CANARY_LABELS_FILE (labels known only once deployed);
 * `rollback` runs with CANARY_WEIGHT=0 and CANARY_STEP=rollback, `promote` as given. Each under bash -eo pipefail, its output in the step's log.
 */
function commandPlatform(options, deps) {
    const labelsFile = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(deps.scratch, 'canary-labels');
    const run = async (what, command, env) => {
        // child_process loads with the first command, not with the options a step may stop at.
        const { spawn } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1421, 23));
        return new Promise((done, fail) => {
            // A cancel stops a running deploy; the rollback and the promotion run to their end.
            const signal = what === 'deploy' ? deps.signal : undefined;
            const child = spawn('bash', ['-eo', 'pipefail', '-c', command], { cwd: options.cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env, CANARY_LABELS_FILE: labelsFile }, ...(signal ? { signal } : {}) });
            const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
            child.on('error', (error) => {
                clearTimeout(timer);
                fail(new PlatformError(error.name === 'AbortError' ? `the ${what} command was stopped by the cancel` : `the ${what} command could not start: ${error.message}`));
            });
            child.on('close', (code, signal) => {
                clearTimeout(timer);
                if (code === 0)
                    done();
                else
                    fail(new PlatformError(`the ${what} command (input '${what}') ${signal ? `was stopped by ${signal}` : `exited with ${code}`}`));
            });
        });
    };
    let rolledBack = false;
    return {
        prepare: () => Promise.resolve(),
        async move(weight, step) {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(labelsFile, { force: true });
            deps.log(`canary-release: step ${step}: deploy at ${weight}%`);
            await run('deploy', options.deploy, { CANARY_WEIGHT: String(weight), CANARY_STEP: String(step) });
            return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(labelsFile) ? parseLabelsFile((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(labelsFile, 'utf8')) : {};
        },
        async rollback() {
            if (rolledBack)
                return;
            deps.log('canary-release: rollback');
            // As canary.yml always gave it: a rollback command may be the deploy command at weight 0.
            await run('rollback', options.rollback, { CANARY_WEIGHT: '0', CANARY_STEP: 'rollback' });
            rolledBack = true;
        },
        async promote() {
            if (options.promote === undefined)
                return;
            deps.log('canary-release: promote');
            await run('promote', options.promote, {});
        },
    };
}
/** `canary=\u2026` / `baseline=\u2026` lines; other lines and blank ones are ignored; a label is printable and bounded. */
function parseLabelsFile(text) {
    const labels = {};
    for (const line of text.split(/\r?\n/).slice(0, 100)) {
        const match = /^\s*(canary|baseline)\s*=\s*(.*?)\s*$/.exec(line);
        if (!match)
            continue;
        const value = match[2];
        if (value === '' || value.length > MAX_LABEL || !/^[\x20-\x7e]+$/.test(value)) {
            throw new PlatformError(`the deploy command wrote a ${match[1]} label to $CANARY_LABELS_FILE that is empty, longer than ${MAX_LABEL} characters or not printable ASCII`);
        }
        labels[match[1]] = value;
    }
    return labels;
}


/***/ }),

/***/ 5285:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

// jsonpath-plus, required the first time a JSONPath is read (an http metric's `path`),
// as packages/core/src/yaml-package.cjs does for yaml: a CommonJS require inside a
// function runs when called, in the sources and in an ncc bundle alike. Imported at the
// top of options.ts it ran (with node:vm, which it loads) in every step that holds the
// registry, a bundle-budget step stopping at its config included.

let loaded;
exports.K = () => (loaded ??= __webpack_require__(5464));


/***/ }),

/***/ 8180:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

// The `yaml` package, required the first time a step reads YAML. A CommonJS
// require inside a function is evaluated when called, in the sources and in
// an ncc bundle alike (the bundler keeps the package in the bundle and runs
// its module only then), and it is synchronous, so the config reader stays
// synchronous. A step with no config file and no YAML input never runs it.

let loaded;
exports.A = () => (loaded ??= __webpack_require__(8815));


/***/ })

};
