import { describeFailure, isConfigurationError, isEnvironmentError, type ConfigWarning, type GateDescriptor, type ResultMessage } from '@roadstop/core';
import type { StepIo } from './gate-run.js';
import * as runner from './runner.js';

/*
 * The one module through which every action speaks to the runner: inputs,
 * outputs, annotations, summary and failure (over runner.ts, the runner's
 * protocol as @actions/core writes it).
 */

export const getInput = runner.getInput;
export const info = runner.info;
export const setOutput = (name: string, value: string): void => runner.setOutput(name, value);
export const fail = runner.setFailed;

/**
 * Mask a secret, and each line of one that spans lines: the runner masks line
 * by line, so a multi-line value registered whole would show its lines.
 */
/** How a gate's step names itself in errors and annotations. */
export function stepPrefix(gate: Pick<GateDescriptor, 'name'>): string {
  return `roadstop ${gate.name}`;
}

export function setSecret(value: string): void {
  if (!value) return;
  runner.setSecret(value);
  const lines = value.split(/\r\n|\r|\n/).map((line) => line.trim());
  if (lines.length > 1) for (const line of new Set(lines)) if (line.length >= 4) runner.setSecret(line);
}

/**
 * Report an error once: the user's mistake as one `::error` on its file and
 * line (the exit code is set without a second annotation), a problem of the
 * runner's environment as such, anything else as a bug with its stack in the
 * debug log only.
 */
export function reportError(prefix: string, error: unknown): void {
  if (isConfigurationError(error)) {
    const { file, line } = error.location;
    runner.annotate('error', error.describe(), { title: prefix, ...(file ? { file } : {}), ...(line ? { startLine: line } : {}) });
    process.exitCode = 1;
    return;
  }
  if (!isEnvironmentError(error)) runner.debug(error instanceof Error && error.stack ? error.stack : String(error));
  runner.setFailed(`${prefix}: ${describeFailure(error)}`);
}

/** Deprecated config keys, each a warning on its file and line. */
export function warnConfig(prefix: string, warnings: readonly ConfigWarning[]): void {
  for (const warning of warnings) runner.annotate('warning', warning.text, { title: prefix, ...(warning.file ? { file: warning.file } : {}), ...(warning.line ? { startLine: warning.line } : {}) });
}

/** The runner behind the interface the shared step code speaks. */
export function coreIo(prefix: string): StepIo {
  return {
    output: setOutput,
    annotate: (message: ResultMessage) => {
      runner.annotate(message.level, message.text, {
        title: message.title ?? prefix,
        ...(message.file ? { file: message.file } : {}),
        ...(message.line ? { startLine: message.line } : {}),
      });
    },
    // The summary is a courtesy: a runner without a writable GITHUB_STEP_SUMMARY must not turn a verdict into an error.
    summary: (markdown) => {
      try {
        runner.appendSummary(markdown);
      } catch (error) {
        runner.annotate('warning', `the job summary was not written: ${describeSummaryProblem(error)}`, { title: prefix });
      }
      return Promise.resolve();
    },
    notice: (text) => runner.annotate('notice', text, { title: prefix }),
  };
}

function describeSummaryProblem(error: unknown): string {
  if (!process.env.GITHUB_STEP_SUMMARY) return 'GITHUB_STEP_SUMMARY is not set (this is not a GitHub Actions runner, or it is an old one)';
  return isEnvironmentError(error) ? describeFailure(error) : error instanceof Error ? error.message : String(error);
}
