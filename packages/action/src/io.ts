import { describeFailure, isConfigurationError, isEnvironmentError, type ConfigWarning, type GateDescriptor, type ResultMessage } from '@roadstop/core';
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

/** How a gate's step names itself in errors and annotations. */
export function stepPrefix(gate: Pick<GateDescriptor, 'name'>): string {
  return `roadstop ${gate.name}`;
}

/**
 * Mask a secret, and each line of one that spans lines: the runner masks line
 * by line, so a multi-line value registered whole would show its lines.
 */
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
    runner.annotate('error', error.describe(), { title: prefix, file: error.location.file, startLine: error.location.line });
    process.exitCode = 1;
    return;
  }
  if (!isEnvironmentError(error)) runner.debug(error instanceof Error && error.stack ? error.stack : String(error));
  runner.setFailed(`${prefix}: ${describeFailure(error)}`);
}

/** Deprecated config keys, each a warning on its file and line. */
export function warnConfig(prefix: string, warnings: readonly ConfigWarning[]): void {
  for (const warning of warnings) runner.annotate('warning', warning.text, { title: prefix, file: warning.file, startLine: warning.line });
}

/** What a step writes to the runner: outputs, annotations, the summary, notices. */
export function coreIo(prefix: string) {
  return {
    output: setOutput,
    annotate: (message: ResultMessage) =>
      runner.annotate(message.level, message.text, { title: message.title ?? prefix, file: message.file, startLine: message.line }),
    // The summary is a courtesy: a runner without a writable GITHUB_STEP_SUMMARY must not turn a verdict into an error.
    summary: (markdown: string) => {
      try {
        runner.appendSummary(markdown);
      } catch (error) {
        runner.annotate('warning', `the job summary was not written: ${describeSummaryProblem(error)}`, { title: prefix });
      }
      return Promise.resolve();
    },
    notice: (text: string) => runner.annotate('notice', text, { title: prefix }),
  };
}

function describeSummaryProblem(error: unknown): string {
  if (!process.env.GITHUB_STEP_SUMMARY) return 'GITHUB_STEP_SUMMARY is not set (this is not a GitHub Actions runner, or it is an old one)';
  return isEnvironmentError(error) ? describeFailure(error) : error instanceof Error ? error.message : String(error);
}
