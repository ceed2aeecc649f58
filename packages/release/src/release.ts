import { setTimeout as delay } from 'node:timers/promises';
import { secretsOf } from '@roadstop/canary';
import { ConfigurationError, EnvironmentError, isConfigurationError, redactText } from '@roadstop/core';
import type { ReleaseOptions } from './options.js';
import { openPlatform, type PlatformAdapter } from './platforms.js';
import { CancelledError, runRamp, type RampOutcome, type StepRecord } from './ramp.js';

export interface ReleaseEdge {
  scratch: string;
  log: (text: string) => void;
  /** Before the first traffic move: the post step must know there is something to roll back. */
  onMoved: () => void;
  onStep?: (record: StepRecord) => Promise<void> | void;
  /** Secrets beyond the options' own (e.g. the runner's token). */
  secrets?: readonly string[];
}

/** Every secret of the options, for redaction. */
export function releaseSecrets(options: ReleaseOptions): string[] {
  return [...secretsOf(options.watch), ...(options.platform.kind === 'vercel' ? [options.platform.token] : [])];
}

/**
 * The release, as the action and the CLI run it: SIGINT and SIGTERM (a cancel, the job's timeout) end the watch
 * at once and roll back before the process ends; the post step covers what a harder kill leaves behind.
 */
export async function runRelease(options: ReleaseOptions, edge: ReleaseEdge): Promise<RampOutcome> {
  const cancel = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (cancel.signal.aborted) return;
    edge.log(`canary-release: ${signal} received: stopping the watch and rolling back`);
    cancel.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const platform: PlatformAdapter = await openPlatform(options, { scratch: edge.scratch, log: edge.log, signal: cancel.signal });
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
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The post step: roll back a ramp the main step did not finish (killed, or its rollback failed). Idempotent. */
export async function rollbackUnfinished(options: ReleaseOptions, edge: Pick<ReleaseEdge, 'scratch' | 'log'>): Promise<void> {
  const platform = await openPlatform(options, { scratch: edge.scratch, log: edge.log });
  await platform.rollback();
}

/** A wait that a cancel ends at once, as a CancelledError (the timer's only rejection is the abort). */
function cancellableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => {
    throw new CancelledError('cancelled');
  });
}

/**
 * What stopped the ramp, as the one error the edge reports: the user's mistake as it was (its input named); anything
 * else as the environment's, with the step it happened at and whether the traffic is back on stable.
 */
export function throwRampError(outcome: RampOutcome, secrets: readonly string[]): void {
  if (!outcome.error) return;
  // Servers echo what they were sent (an Authorization header in an error): redacted before it is reported.
  if (isConfigurationError(outcome.error)) {
    const { message, location, hint } = outcome.error;
    throw new ConfigurationError(redactText(message, secrets), location, hint === undefined ? undefined : redactText(hint, secrets));
  }
  throw new EnvironmentError(redactText(`${outcome.reason}${outcome.rolledBack ? '; rolled back: all traffic on stable' : ''}`, secrets));
}

/** An Error is {} to JSON: the report and --json carry its message. */
export const releaseJson = ({ error, ...rest }: RampOutcome, secrets: readonly string[]): string =>
  redactText(JSON.stringify({ ...rest, ...(error ? { error: error.message } : {}) }, null, 2), secrets);
