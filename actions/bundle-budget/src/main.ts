import { resolve } from 'node:path';
import * as core from '@actions/core';
import { GATE, resolveOptions, runBundleBudget } from '@roadstop/bundle';
import { describeUnexpected, isBlocking, isConfigurationError, loadConfig, readRunnerContext, type GateResult, type ResultMessage } from '@roadstop/core';
import { finishGateStep, startGateStep, type StepIo } from '@roadstop/github';
import { renderResultMarkdown } from '@roadstop/render';
import { readInputs, type ActionInputs } from './inputs.js';

const PREFIX = `roadstop ${GATE}`;

export const run = gateStep(PREFIX, readInputs, runGate);

/**
 * An action's whole step: read the inputs once, mask the token, run the gate,
 * fail the step when it blocks; every error reported once, never as a stack.
 */
export function gateStep<Name extends string, Inputs extends { token: string }>(
  prefix: string,
  read: (get: (name: Name) => string) => Inputs,
  runGate: (inputs: Inputs) => Promise<GateOutcome>,
): () => Promise<void> {
  return async () => {
    try {
      const inputs = read((name) => core.getInput(name));
      if (inputs.token) core.setSecret(inputs.token);
      const outcome = await runGate(inputs);
      if (outcome.blocking) core.setFailed(`${prefix}: ${outcome.headline}`);
    } catch (error) {
      reportError(prefix, error);
    }
  };
}

/** One line for the user, an annotation on the file and line where there is one; a bug says it is one. */
export function reportError(prefix: string, error: unknown): void {
  if (isConfigurationError(error)) {
    const { file, line } = error.location;
    core.error(error.describe(), { title: prefix, ...(file ? { file } : {}), ...(line ? { startLine: line } : {}) });
    core.setFailed(`${prefix}: ${error.describe()}`);
  } else {
    core.debug(error instanceof Error && error.stack ? error.stack : String(error));
    core.setFailed(`${prefix}: ${describeUnexpected(error)}`);
  }
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
    summary: async (markdown) => {
      await core.summary.addRaw(markdown, true).write();
    },
    notice: (text) => core.notice(text, { title: prefix }),
  };
}

export interface GateOutcome {
  status: GateResult['status'];
  report: string;
  headline: string;
  /** Whether this gate should fail the step, after fail-on. */
  blocking: boolean;
}

/** Run the gate and write its outputs (prefixed with `outputPrefix` when the root action runs several gates). */
export async function runGate(inputs: ActionInputs, outputPrefix = ''): Promise<GateOutcome> {
  const workspace = resolve(readRunnerContext().workspace);
  const config = await loadConfig(inputs.config, { workspace, input: 'config' });
  const options = resolveOptions(config.section(GATE), inputs.gate, workspace);
  const start = await startGateStep({ gate: GATE, report: inputs.report, token: inputs.token, artifactName: inputs.artifactName, baseline: options.baseline, workspace: options.workspace });
  const result = await runBundleBudget(options, start.acquired.baseline, {
    ...(start.context.sha ? { commit: start.context.sha } : {}),
    ...(start.context.ref ? { ref: start.context.ref } : {}),
    messages: start.acquired.messages,
  });
  await finishGateStep(result, {
    start,
    io: coreIo(PREFIX),
    markdown: renderResultMarkdown(result),
    outputs: { 'total-raw': result.metrics['total-raw'], 'total-gzip': result.metrics['total-gzip'], 'total-brotli': result.metrics['total-brotli'] },
    outputPrefix,
    upload: inputs.upload,
    artifactName: inputs.artifactName,
  });
  return { status: result.status, report: start.reportPath, headline: result.headline, blocking: isBlocking(result, options.failOn) };
}
