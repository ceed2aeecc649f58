import type { OptionDefinitions } from './config-options.js';
import type { ErrorLocation } from './errors.js';
import { oneOf } from './input-values.js';
import type { GateResult, ResultMessage } from './result.js';

/** What every gate does with its own failure: exit 1 (fail), report it as warnings (warn), or only report (never). */
export const FAIL_ON = ['fail', 'warn', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** The keys every gate's config section takes (canary-watch reads its baseline live and says its own fail-on). */
export const COMMON_GATE_OPTIONS = {
  baseline: { type: 'string' },
  'fail-on': { type: 'string', enum: FAIL_ON, default: 'fail' },
  'artifact-name': { type: 'string' },
  'allow-skip': { type: 'boolean', default: false, description: "A configured gate that did not run (e.g. no Chrome for lighthouse-gate) passes gates.yml's summary only with allow-skip: true." },
} as const satisfies OptionDefinitions;

/**
 * Where a gate's baseline comes from: nowhere, the artifact of the merge base's run, or a file.
 * `default` is the input left out: `auto` in an action step on a pull request (where a growth
 * limit would otherwise pass unjudged on every PR of a repository that never said `baseline`),
 * `none` anywhere else (a push, the CLI).
 */
export type BaselineSpec = { kind: 'default' } | { kind: 'none' } | { kind: 'auto' } | { kind: 'file'; path: string; origin: ErrorLocation };

export function parseFailOn(value: string, where: ErrorLocation): FailOn {
  return oneOf(value, FAIL_ON, where);
}

/** Nothing (the default), `none`, `auto`, or a path. */
export function parseBaselineSpec(value: string | undefined, origin: ErrorLocation): BaselineSpec {
  if (value === undefined || value === '') return { kind: 'default' };
  if (value === 'none' || value === 'auto') return { kind: value };
  return { kind: 'file', path: value, origin };
}

/**
 * `fail-on: warn` reports failures as warnings: the gate's status becomes
 * warn, so the exit code, the comment and Slack agree. The checks keep their
 * own status, so a reader still sees which one failed.
 */
export function applyFailOn(result: GateResult, failOn: FailOn): void {
  if (failOn !== 'warn' || result.status !== 'fail') return;
  result.status = 'warn';
  for (const message of result.messages) if (message.level === 'error') message.level = 'warning';
  result.messages.push({ level: 'notice', text: 'fail-on: warn — failures are reported as warnings' });
}

/** Whether the step should fail: the gate failed and fail-on says so. */
export function isBlocking(result: GateResult, failOn: FailOn): boolean {
  return result.status === 'fail' && failOn === 'fail';
}

/**
 * The notice for a growth or drop limit that had no baseline to hold against: the summary, the
 * annotations and the CLI say it, so that "+2% vs base" is never read as judged when nothing was.
 */
export function notJudgedWithoutBaseline(text: string): ResultMessage {
  return { level: 'notice', title: NOT_JUDGED, text };
}

/** The title of those notices: renderers pick them out by it. */
export const NOT_JUDGED = 'Not judged';
