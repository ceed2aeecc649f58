import * as core from '@actions/core';
import { describeFailure, isConfigurationError, isEnvironmentError, type ResultMessage } from '@roadstop/core';
import type { StepIo } from '@roadstop/github';

/*
 * The one module of roadstop that imports @actions/core: every action's
 * inputs, outputs, annotations, summary and failure go through here.
 */

export function getInput(name: string): string {
  return core.getInput(name);
}

export function setSecret(value: string): void {
  if (value) core.setSecret(value);
}

export function info(text: string): void {
  core.info(text);
}

export function setOutput(name: string, value: string): void {
  core.setOutput(name, value);
}

export function fail(text: string): void {
  core.setFailed(text);
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
    core.error(error.describe(), { title: prefix, ...(file ? { file } : {}), ...(line ? { startLine: line } : {}) });
    process.exitCode = 1;
    return;
  }
  if (!isEnvironmentError(error)) core.debug(error instanceof Error && error.stack ? error.stack : String(error));
  core.setFailed(`${prefix}: ${describeFailure(error)}`);
}

/** @actions/core behind the interface the shared step code speaks. */
export function coreIo(prefix: string): StepIo {
  return {
    output: (name, value) => core.setOutput(name, value),
    annotate: (message: ResultMessage) => {
      const properties: core.AnnotationProperties = { title: message.title ?? prefix };
      if (message.file) properties.file = message.file;
      if (message.line) properties.startLine = message.line;
      if (message.level === 'error') core.error(message.text, properties);
      else if (message.level === 'warning') core.warning(message.text, properties);
      else core.notice(message.text, properties);
    },
    // The summary is a courtesy: a runner without a writable GITHUB_STEP_SUMMARY must not turn a verdict into an error.
    summary: async (markdown) => {
      try {
        await core.summary.addRaw(markdown, true).write();
      } catch (error) {
        core.summary.emptyBuffer();
        core.warning(`the job summary was not written: ${describeSummaryProblem(error)}`, { title: prefix });
      }
    },
    notice: (text) => core.notice(text, { title: prefix }),
  };
}

function describeSummaryProblem(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (!process.env.GITHUB_STEP_SUMMARY) return 'GITHUB_STEP_SUMMARY is not set (this is not a GitHub Actions runner, or it is an old one)';
  return isEnvironmentError(error) ? describeFailure(error) : text;
}
