import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '@roadstop/core';
import type { CommandPlatformOptions, ReleaseOptions } from './options.js';

/** The platforms, listed once: each a module behind PlatformAdapter. */
export const PLATFORMS = ['command', 'vercel'] as const;
export type PlatformName = (typeof PLATFORMS)[number];

/** What the metrics read for the canary and the stable version, when the platform knows it. */
export interface Labels {
  canary?: string;
  baseline?: string;
}

/** A traffic mover. Every method throws a PlatformError (or a ConfigurationError) when it did not do its job. */
export interface PlatformAdapter {
  /** Check what can be checked before any traffic moves (access, plan, the deployment). */
  prepare(): Promise<void>;
  /** Give the canary `weight` percent, as step `step` (1-based) of the ramp; the labels learnt on the way. */
  move(weight: number, step: number): Promise<Labels>;
  /** All traffic back on stable. Idempotent: a second call (the post step after a cancel) does no harm. */
  rollback(): Promise<void>;
  /** The canary becomes stable. */
  promote(): Promise<void>;
}

/** A traffic move, rollback or promotion that failed: the ramp rolls back and stops. */
export class PlatformError extends EnvironmentError {}

/**
 * The platform's service would not act now (a rate limit past what a call may wait): an environment error naming
 * the service, the status and the input. The ramp stops as inconclusive, never as a rollback decision: nothing
 * was judged of the canary.
 */
export class PlatformUnavailableError extends PlatformError {}

export interface PlatformDeps {
  /** A folder for the labels file. */
  scratch: string;
  log: (text: string) => void;
  /** Aborted on SIGINT/SIGTERM: a running deploy command, a request moving traffic and a rate limit's wait are stopped. */
  signal?: AbortSignal;
  /** How a platform waits (a rate limit's Retry-After), ended by `signal` when given; a timer unless a test says otherwise. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export async function openPlatform(options: Pick<ReleaseOptions, 'platform' | 'steps' | 'explicitLabels'>, deps: PlatformDeps): Promise<PlatformAdapter> {
  if (options.platform.kind === 'command') return commandPlatform(options.platform, deps);
  // Loaded only for vercel, after every input was checked.
  const { vercelPlatform } = await import('./vercel.js');
  return vercelPlatform(options.platform, options.steps, deps, { canary: options.explicitLabels.canary === undefined, baseline: options.explicitLabels.baseline === undefined });
}

/** The longest label read from the labels file. */
const MAX_LABEL = 200;

/**
 * The command platform: today's contract of canary.yml. `deploy` runs with CANARY_WEIGHT and CANARY_STEP and may
 * write `canary=<label>` / `baseline=<label>` lines to $CANARY_LABELS_FILE (labels known only once deployed);
 * `rollback` runs with CANARY_WEIGHT=0 and CANARY_STEP=rollback, `promote` as given. Each under bash -eo pipefail, its output in the step's log.
 */
export function commandPlatform(options: CommandPlatformOptions, deps: PlatformDeps): PlatformAdapter {
  const labelsFile = join(deps.scratch, 'canary-labels');
  const run = async (what: 'deploy' | 'rollback' | 'promote', command: string, env: Record<string, string>) => {
    // child_process loads with the first command, not with the options a step may stop at.
    const { spawn } = await import('node:child_process');
    return new Promise<void>((done, fail) => {
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
        if (code === 0) done();
        else fail(new PlatformError(`the ${what} command (input '${what}') ${signal ? `was stopped by ${signal}` : `exited with ${code}`}`));
      });
    });
  };
  let rolledBack = false;
  return {
    prepare: () => Promise.resolve(),
    async move(weight, step) {
      rmSync(labelsFile, { force: true });
      deps.log(`canary-release: step ${step}: deploy at ${weight}%`);
      await run('deploy', options.deploy, { CANARY_WEIGHT: String(weight), CANARY_STEP: String(step) });
      return existsSync(labelsFile) ? parseLabelsFile(readFileSync(labelsFile, 'utf8')) : {};
    },
    async rollback() {
      if (rolledBack) return;
      deps.log('canary-release: rollback');
      // As canary.yml always gave it: a rollback command may be the deploy command at weight 0.
      await run('rollback', options.rollback, { CANARY_WEIGHT: '0', CANARY_STEP: 'rollback' });
      rolledBack = true;
    },
    async promote() {
      if (options.promote === undefined) return;
      deps.log('canary-release: promote');
      await run('promote', options.promote, {});
    },
  };
}

/** `canary=…` / `baseline=…` lines; other lines and blank ones are ignored; a label is printable and bounded. */
export function parseLabelsFile(text: string): Labels {
  const labels: Labels = {};
  for (const line of text.split(/\r?\n/).slice(0, 100)) {
    const match = /^\s*(canary|baseline)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const value = match[2]!;
    if (value === '' || value.length > MAX_LABEL || !/^[\x20-\x7e]+$/.test(value)) {
      throw new PlatformError(`the deploy command wrote a ${match[1]} label to $CANARY_LABELS_FILE that is empty, longer than ${MAX_LABEL} characters or not printable ASCII`);
    }
    labels[match[1] as 'canary' | 'baseline'] = value;
  }
  return labels;
}
