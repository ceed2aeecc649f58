import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { prepareReportPath, readRunnerContext, writeResult, type GateResult, type ResultMessage, type RunnerContext } from '@roadstop/core';
import type { BaselineSpec } from '@roadstop/core';
import { acquireBaseline, publishBaseline, type Acquired, type PublishOptions } from './baseline-source.js';

/** What an action's main.ts hands over: @actions/core's functions, so this module needs none of it. */
export interface StepIo {
  output(name: string, value: string): void;
  annotate(message: ResultMessage): void;
  summary(markdown: string): Promise<void>;
  notice(text: string): void;
}

export interface StepStart {
  context: RunnerContext;
  workspace: string;
  reportPath: string;
  acquired: Acquired;
}

/** The first half every gate step shares: where the report goes, and the baseline. */
export async function startGateStep(options: {
  gate: string;
  report: string;
  token: string;
  artifactName: string;
  baseline: BaselineSpec;
  workspace?: string;
  /** Told what the baseline lookup is doing, so a slow network shows where the step is. */
  log?: (text: string) => void;
}): Promise<StepStart> {
  const context = readRunnerContext();
  const workspace = options.workspace ?? resolve(context.workspace);
  const temp = process.env.RUNNER_TEMP || tmpdir();
  // A report written over the baseline it is compared with would destroy the baseline: refused.
  const baseline = options.baseline.kind === 'file' ? { baseline: resolve(workspace, options.baseline.path) } : {};
  const reportPath = await prepareReportPath(options.report, { workspace, gate: options.gate, temp, ...baseline });
  const acquired = await acquireBaseline(options.baseline, {
    gate: options.gate,
    context,
    token: options.token,
    artifactName: options.artifactName,
    workspace,
    temp: join(temp, `roadstop-baseline-${options.gate}`),
    ...(options.log ? { log: options.log } : {}),
  });
  return { context, workspace, reportPath, acquired };
}

/**
 * The second half: write the result, set `status`, `report` and the gate's own
 * outputs (prefixed when the root action runs several gates), annotate, write
 * the job summary, and publish the baseline on default-branch pushes.
 */
export async function finishGateStep(
  result: GateResult,
  options: {
    start: StepStart;
    io: StepIo;
    markdown: string;
    outputs: Record<string, string | number | undefined>;
    outputPrefix?: string;
    upload: PublishOptions['mode'];
    artifactName: string;
  },
): Promise<void> {
  const { start, io } = options;
  await writeResult(start.reportPath, result);
  const prefix = options.outputPrefix ?? '';
  io.output(`${prefix}status`, result.status);
  io.output(`${prefix}report`, start.reportPath);
  for (const [name, value] of Object.entries(options.outputs)) io.output(`${prefix}${name}`, value === undefined ? '' : String(value));
  for (const message of result.messages) {
    io.annotate(message.file && isAbsolute(message.file) ? { ...message, file: relative(start.workspace, message.file) } : message);
  }
  await io.summary(options.markdown);
  // The result is written and stands: a failed upload (quota, a name taken) is a warning, not the step's end.
  try {
    const published = await publishBaseline({ mode: options.upload, context: start.context, artifactName: options.artifactName, reportPath: start.reportPath });
    if (published) io.notice(published);
  } catch (error) {
    io.annotate({ level: 'warning', title: 'Baseline', text: `the result was not uploaded as the baseline artifact: ${(error as Error).message}` });
  }
}
