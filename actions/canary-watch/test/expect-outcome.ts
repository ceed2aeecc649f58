import { expect } from 'vitest';
import type { ActionRun } from '@roadstop/testing';

/**
 * What every hostile case of the built canary-watch asserts: no stack trace and no "internal error"; the decision
 * with its exit code, or exactly one error annotation matching `error`; and `log` somewhere in the output.
 */
export function expectOutcome(run: ActionRun, expected: { decision?: 'promote' | 'rollback' | 'inconclusive'; error?: RegExp; log?: RegExp }): string {
  const log = run.stdout + run.stderr;
  expect(log, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(log, 'not a bug').not.toContain('internal error');
  if (expected.decision) {
    expect(run.outputs.decision, log).toBe(expected.decision);
    expect(run.exitCode).toBe(expected.decision === 'rollback' ? 1 : 0);
  }
  if (expected.error) {
    expect(run.exitCode).toBe(1);
    expect(run.outputs.decision).toBeUndefined();
    const errors = run.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors, log).toHaveLength(1);
    expect(errors[0]!.message).toMatch(expected.error);
  }
  if (expected.log) expect(log).toMatch(expected.log);
  return log;
}
