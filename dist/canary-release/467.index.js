export const id = 467;
export const ids = [467];
export const modules = {

/***/ 3467:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  releaseJson: () => (/* binding */ releaseJson),
  releaseSecrets: () => (/* binding */ releaseSecrets),
  rollbackUnfinished: () => (/* binding */ rollbackUnfinished),
  runRelease: () => (/* binding */ runRelease),
  throwRampError: () => (/* binding */ throwRampError)
});

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./packages/canary/src/gate.ts
var gate = __webpack_require__(55459);
// EXTERNAL MODULE: ./packages/canary/src/judge.ts
var judge = __webpack_require__(28749);
// EXTERNAL MODULE: ./packages/canary/src/options.ts
var src_options = __webpack_require__(56404);
// EXTERNAL MODULE: ./packages/canary/src/providers.ts
var providers = __webpack_require__(88252);
// EXTERNAL MODULE: ./packages/canary/src/render.ts
var render = __webpack_require__(26540);
// EXTERNAL MODULE: ./packages/canary/src/run.ts
var run = __webpack_require__(57259);
// EXTERNAL MODULE: ./packages/canary/src/sentry.ts
var sentry = __webpack_require__(75883);
// EXTERNAL MODULE: ./packages/canary/src/stats.ts
var stats = __webpack_require__(57301);
// EXTERNAL MODULE: ./packages/canary/src/watch.ts + 1 modules
var watch = __webpack_require__(53168);
;// CONCATENATED MODULE: ./packages/canary/src/index.ts











// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(95758);
// EXTERNAL MODULE: ./packages/release/src/platforms.ts
var platforms = __webpack_require__(2153);
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
    const platform = await (0,platforms/* openPlatform */.WN)(options, { scratch: edge.scratch, log: edge.log });
    await platform.rollback();
}
/** A wait that a cancel ends at once, as a CancelledError (the timer's only rejection is the abort). */
function cancellableSleep(ms, signal) {
    return (0,promises_.setTimeout)(ms, undefined, { signal }).catch(() => {
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


/***/ })

};
