import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { GATE, resolveOptions, runBundleBudget, type BundleBudgetOptions } from '@roadstop/bundle';
import {
  describeUnexpected,
  isConfigurationError,
  loadConfig,
  prepareReportPath,
  readRunnerContext,
  writeResult,
  type GateResult,
  type ResultMessage,
} from '@roadstop/core';
import { acquireBaseline, publishBaseline } from '@roadstop/github';
import { renderResultMarkdown } from '@roadstop/render';
import { INPUT_NAMES, OUTPUT_NAMES, readInputs, type ActionInputs } from './inputs.js';

const PREFIX = `roadstop ${GATE}`;

export async function run(): Promise<void> {
  try {
    const inputs = readInputs((name: (typeof INPUT_NAMES)[number]) => core.getInput(name));
    if (inputs.token) core.setSecret(inputs.token);
    const outcome = await runGate(inputs);
    if (outcome.blocking) core.setFailed(`${PREFIX}: ${outcome.headline}`);
  } catch (error) {
    reportError(PREFIX, error);
  }
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

export interface GateOutcome {
  status: GateResult['status'];
  report: string;
  headline: string;
  /** Whether this gate should fail the step, after fail-on. */
  blocking: boolean;
}

/**
 * Run the gate and write its outputs (prefixed with `outputPrefix` when the
 * root action runs several gates), annotations, summary and baseline artifact.
 */
export async function runGate(inputs: ActionInputs, outputPrefix = ''): Promise<GateOutcome> {
  const context = readRunnerContext();
  const workspace = resolve(context.workspace);
  const config = await loadConfig(inputs.config, { workspace, input: 'config' });
  const options: BundleBudgetOptions = resolveOptions(config.section(GATE), inputs.gate, workspace);
  const reportPath = await prepareReportPath(inputs.report, { workspace, gate: GATE, temp: process.env.RUNNER_TEMP || tmpdir() });

  const acquired = await acquireBaseline(options.baseline, {
    gate: GATE,
    context,
    token: inputs.token,
    artifactName: inputs.artifactName,
    workspace,
    temp: join(process.env.RUNNER_TEMP || tmpdir(), 'roadstop-baseline'),
  });
  const result = await runBundleBudget(options, acquired.baseline, {
    ...(context.sha ? { commit: context.sha } : {}),
    ...(context.ref ? { ref: context.ref } : {}),
    messages: acquired.messages,
  });
  await writeResult(reportPath, result);

  const output = (name: (typeof OUTPUT_NAMES)[number], value: number | string | undefined) => {
    core.setOutput(`${outputPrefix}${name}`, value === undefined ? '' : String(value));
  };
  output('status', result.status);
  output('report', reportPath);
  output('total-raw', result.metrics['total-raw']);
  output('total-gzip', result.metrics['total-gzip']);
  output('total-brotli', result.metrics['total-brotli']);
  annotate(result.messages, workspace);
  await core.summary.addRaw(renderResultMarkdown(result), true).write();

  const published = await publishBaseline({ mode: inputs.upload, context, artifactName: inputs.artifactName, reportPath });
  if (published) core.notice(published, { title: PREFIX });

  return { status: result.status, report: reportPath, headline: result.headline, blocking: result.status === 'fail' && options.failOn === 'fail' };
}

function annotate(messages: ResultMessage[], workspace: string): void {
  for (const message of messages) {
    const properties: core.AnnotationProperties = { title: message.title ?? PREFIX };
    if (message.file) properties.file = isAbsolute(message.file) ? relative(workspace, message.file) : message.file;
    if (message.line) properties.startLine = message.line;
    if (message.level === 'error') core.error(message.text, properties);
    else if (message.level === 'warning') core.warning(message.text, properties);
    else core.notice(message.text, properties);
  }
}
