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
import { INPUT_NAMES, readInputs, type ActionInputs } from './inputs.js';

const PREFIX = `roadstop ${GATE}`;

export async function run(): Promise<void> {
  try {
    const inputs = readInputs((name: (typeof INPUT_NAMES)[number]) => core.getInput(name));
    if (inputs.token) core.setSecret(inputs.token);
    await runGate(inputs);
  } catch (error) {
    if (isConfigurationError(error)) {
      const { file, line } = error.location;
      core.error(error.describe(), { title: PREFIX, ...(file ? { file } : {}), ...(line ? { startLine: line } : {}) });
      core.setFailed(`${PREFIX}: ${error.describe()}`);
    } else {
      core.debug(error instanceof Error && error.stack ? error.stack : String(error));
      core.setFailed(`${PREFIX}: ${describeUnexpected(error)}`);
    }
  }
}

async function runGate(inputs: ActionInputs): Promise<void> {
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
  applyFailOn(result, options.failOn);
  await writeResult(reportPath, result);

  core.setOutput('status', result.status);
  core.setOutput('report', reportPath);
  core.setOutput('total-raw', String(result.metrics['total-raw'] ?? ''));
  core.setOutput('total-gzip', result.metrics['total-gzip'] === undefined ? '' : String(result.metrics['total-gzip']));
  core.setOutput('total-brotli', result.metrics['total-brotli'] === undefined ? '' : String(result.metrics['total-brotli']));
  annotate(result.messages, workspace);
  await core.summary.addRaw(renderResultMarkdown(result), true).write();

  const published = await publishBaseline({ mode: inputs.upload, context, artifactName: inputs.artifactName, reportPath });
  if (published) core.notice(published, { title: PREFIX });

  if (result.status === 'fail' && options.failOn === 'fail') core.setFailed(`${PREFIX}: ${result.headline}`);
}

/**
 * `fail-on: warn` reports failing budgets as warnings: the gate's status
 * becomes warn so the comment and Slack agree with the exit code.
 */
function applyFailOn(result: GateResult, failOn: BundleBudgetOptions['failOn']): void {
  if (failOn !== 'warn' || result.status !== 'fail') return;
  result.status = 'warn';
  for (const message of result.messages) if (message.level === 'error') message.level = 'warning';
  result.messages.push({ level: 'notice', text: 'fail-on: warn — failing budgets are reported as warnings' });
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
