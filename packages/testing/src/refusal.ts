import type { ActionRun } from './action-harness.js';

/**
 * What a user sees of a refused run, for hostile-input tables: the exit code,
 * the ::error annotations, and whether a stack trace or an "internal error"
 * reached the log. A refusal is `{ exitCode: 1, errors: [one line], trace: false }`.
 */
export function refusalOf(run: ActionRun): { exitCode: number; errors: string[]; trace: boolean } {
  return {
    exitCode: run.exitCode,
    errors: run.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message),
    trace: /\n\s+at |internal error/.test(run.stdout + run.stderr),
  };
}
