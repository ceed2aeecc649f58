import { ConfigurationError, EnvironmentError, redactText } from '@roadstop/core';
import { openProvider, watchCanary, type CanaryWatchOptions, type Decision, type Provider, type WatchOutcome } from '@roadstop/canary';
import type { ReleaseOptions } from './options.js';
import { PlatformError, PlatformUnavailableError, type Labels, type PlatformAdapter } from './platforms.js';

/** A SIGINT/SIGTERM (a cancel, the job's timeout) during the ramp. */
export class CancelledError extends EnvironmentError {}

export interface StepRecord {
  step: number;
  weight: number;
  canary: string;
  baseline?: string;
  decision?: Decision;
  reason: string;
  /** Each metric's verdict and why, at the end of the watch. */
  reasons: { name: string; verdict: string; reason: string }[];
  elapsedMs: number;
}

export interface RampOutcome {
  decision: Decision;
  /** The canary's weight when the ramp ended: 100 promoted, 0 rolled back. */
  weight: number;
  reason: string;
  steps: StepRecord[];
  /** Traffic was moved and is back on stable. */
  rolledBack: boolean;
  /** What stopped the ramp that was not a decision (a failed move, a cancel, a provider refused before the watch). */
  error?: Error;
}

export interface RampDeps {
  platform: PlatformAdapter;
  log: (text: string) => void;
  now: () => number;
  /** Sleeps that end early (rejecting with CancelledError) on a cancel. */
  sleep: (ms: number) => Promise<void>;
  /** Called before the first move (for the post step's state), after each step, and at the end. */
  onMoved?: () => void;
  onStep?: (record: StepRecord, outcome: WatchOutcome | undefined) => Promise<void> | void;
  secrets: readonly string[];
  /** Opens the watch's provider; `cancel` ends its requests and waits at once. */
  provider?: (options: CanaryWatchOptions, cancel?: AbortSignal) => Promise<Provider>;
  cancelled?: AbortSignal;
}

/**
 * The ramp: for each weight, move the traffic, watch for the duration, decide. A rollback, an inconclusive watch
 * (unless on-inconclusive: continue), a failed move or a cancel rolls back and stops; after the last step, promote.
 */
export async function runRamp(options: ReleaseOptions, deps: RampDeps): Promise<RampOutcome> {
  const steps: StepRecord[] = [];
  let moved = false;
  let weight = 0;
  const log = (text: string) => deps.log(redactText(text, deps.secrets));
  const stopWith = async (decision: Decision, reason: string, error?: Error): Promise<RampOutcome> => {
    let rolledBack = false;
    if (moved) {
      try {
        await deps.platform.rollback();
        rolledBack = true;
        weight = 0;
        log(`canary-release: rolled back: all traffic on stable (${reason})`);
      } catch (rollbackError) {
        const text = `${reason}; and the rollback failed: ${(rollbackError as Error).message}`;
        return { decision, weight, reason: text, steps, rolledBack, error: new PlatformError(redactText(text, deps.secrets)) };
      }
    }
    return { decision, weight, reason, steps, rolledBack, ...(error ? { error } : {}) };
  };

  for (const [index, target] of options.steps.entries()) {
    const step = index + 1;
    if (deps.cancelled?.aborted) return stopWith('rollback', 'the run was cancelled', new CancelledError('the run was cancelled'));
    let labels: Labels;
    try {
      if (!moved) deps.onMoved?.();
      moved = true;
      labels = await deps.platform.move(target, step);
      weight = target;
    } catch (error) {
      const text = deps.cancelled?.aborted ? 'the run was cancelled' : `step ${step} (${target}%): the traffic move failed: ${(error as Error).message}`;
      // A platform that would not act (rate limited past the budget) judged nothing: inconclusive, not a rollback decision.
      return stopWith(error instanceof PlatformUnavailableError ? 'inconclusive' : 'rollback', text, deps.cancelled?.aborted ? new CancelledError(text) : (error as Error));
    }
    const canary = options.explicitLabels.canary ?? labels.canary ?? options.watch.canaryLabel;
    const baseline = options.explicitLabels.baseline ?? labels.baseline ?? options.watch.baselineLabel;
    const watchOptions: CanaryWatchOptions = { ...options.watch, canaryLabel: canary };
    if (baseline !== undefined) watchOptions.baselineLabel = baseline;
    else delete watchOptions.baselineLabel;
    log(`canary-release: step ${step} of ${options.steps.length}: ${target}% on '${canary}'${baseline !== undefined ? ` against '${baseline}'` : ''}; watching for ${options.watch.durationMs / 1000}s`);
    const record: StepRecord = { step, weight: target, canary, ...(baseline !== undefined ? { baseline } : {}), reason: '', reasons: [], elapsedMs: 0 };
    steps.push(record);
    let outcome: WatchOutcome;
    try {
      const provider = await (deps.provider ?? openProvider)(watchOptions, deps.cancelled);
      outcome = await watchCanary(watchOptions, { provider, now: deps.now, sleep: deps.sleep, log });
      // A cancel that ended a request can end the watch as provider errors: still a cancel, not a decision.
      if (deps.cancelled?.aborted) throw new CancelledError('the run was cancelled');
    } catch (error) {
      const cancelled = error instanceof CancelledError || deps.cancelled?.aborted === true;
      record.reason = cancelled ? 'cancelled during the watch' : redactText((error as Error).message, deps.secrets);
      await deps.onStep?.(record, undefined);
      if (cancelled) return stopWith('rollback', 'the run was cancelled during the watch', new CancelledError('the run was cancelled'));
      // A metric the provider refuses, or the provider out before the watch began: no evidence, never a pass.
      return stopWith(error instanceof ConfigurationError ? 'rollback' : 'inconclusive', `step ${step}: the watch could not start: ${record.reason}`, error as Error);
    }
    record.decision = outcome.decision;
    record.reason = redactText(outcome.reason, deps.secrets);
    record.reasons = outcome.judgements.map((judgement) => ({ name: judgement.name, verdict: judgement.verdict, reason: redactText(judgement.reason, deps.secrets) }));
    record.elapsedMs = outcome.elapsedMs;
    await deps.onStep?.(record, outcome);
    if (outcome.decision === 'rollback') return stopWith('rollback', `step ${step} (${target}%): ${record.reason}`);
    if (outcome.decision === 'inconclusive') {
      if (options.onInconclusive === 'rollback') return stopWith('inconclusive', `step ${step} (${target}%) was inconclusive: ${record.reason}`);
      log(`canary-release: step ${step} inconclusive, continuing (on-inconclusive: continue): ${record.reason}`);
    }
  }
  try {
    await deps.platform.promote();
  } catch (error) {
    return stopWith(error instanceof PlatformUnavailableError ? 'inconclusive' : 'rollback', `the promotion failed: ${(error as Error).message}`, error as Error);
  }
  return { decision: 'promote', weight: 100, reason: `every step of ${options.steps.join(' → ')}% passed; promoted`, steps, rolledBack: false };
}
