import { resolve } from 'node:path';
import * as core from '@actions/core';
import { GATE, resolveCoverageOptions, runCoverageGate } from '@roadstop/coverage';
import { isBlocking, loadConfig, readRunnerContext } from '@roadstop/core';
import { repositoryFiles } from '@roadstop/git';
import { acquireChanges, finishGateStep, startGateStep } from '@roadstop/github';
import { renderResultMarkdown } from '@roadstop/render';
import { coreIo, gateStep, type GateOutcome } from '../../bundle-budget/src/main.js';
import { readInputs, type ActionInputs } from './inputs.js';

const PREFIX = `roadstop ${GATE}`;

export const run = gateStep(PREFIX, readInputs, runGate);

export async function runGate(inputs: ActionInputs, outputPrefix = ''): Promise<GateOutcome> {
  const workspace = resolve(readRunnerContext().workspace);
  const config = await loadConfig(inputs.config, { workspace, input: 'config' });
  const options = resolveCoverageOptions(config.section(GATE), inputs.gate, workspace);
  const start = await startGateStep({ gate: GATE, report: inputs.report, token: inputs.token, artifactName: inputs.artifactName, baseline: options.baseline, workspace });
  const changes = await acquireChanges({ workspace, context: start.context, token: inputs.token, log: (text) => core.info(text), ...(options.base ? { base: options.base } : {}) });
  const result = await runCoverageGate(options, {
    repositoryFiles: await repositoryFiles(workspace),
    changes,
    ...(start.acquired.baseline ? { baseline: start.acquired.baseline } : {}),
    messages: start.acquired.messages,
    ...(start.context.sha ? { commit: start.context.sha } : {}),
    ...(start.context.ref ? { ref: start.context.ref } : {}),
  });
  const metric = (name: string) => result.metrics[name];
  await finishGateStep(result, {
    start,
    io: coreIo(PREFIX),
    markdown: renderResultMarkdown(result),
    outputs: { lines: metric('lines'), statements: metric('statements'), functions: metric('functions'), branches: metric('branches'), patch: metric('patch') },
    outputPrefix,
    upload: inputs.upload,
    artifactName: inputs.artifactName,
  });
  return { status: result.status, report: start.reportPath, headline: result.headline, blocking: isBlocking(result, options.failOn) };
}
