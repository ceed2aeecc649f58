// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  isBlocking,
  loadConfig,
  prepareReportPath,
  readRunnerContext,
  readStepInputs,
  redactSecrets,
  secretInputValues,
  STEP_INPUTS,
  writeResult,
  type GateDescriptor,
  type GateEnv,
  type GateStatus,
  type ResultMessage,
  type StepInputs,
  urlCredentials,
} from '@roadstop/core';
import { configSections } from '@roadstop/gates';
import { acquireBaseline, acquireChanges, publishBaseline, uploadResultArtifact } from '@roadstop/github';
import { coreIo, fail, getInput, info, reportError, setSecret, warnConfig } from './io.js';

/** What a step writes to the runner (io.ts's coreIo): outputs, annotations, the summary, notices. */
export interface StepIo {
  output(name: string, value: string): void;
  annotate(message: ResultMessage): void;
  summary(markdown: string): Promise<void>;
  notice(text: string): void;
}

export interface GateOutcome {
  status: GateStatus;
  report: string;
  headline: string;
  /** Whether this gate should fail the step, after fail-on. */
  blocking: boolean;
}

/** Every input of a gate's action.yml, in order: config, the gate's own, then the common step inputs. */
export function actionInputNames(gate: Pick<GateDescriptor, 'inputs'>): string[] {
  return ['config', ...gate.inputs, ...STEP_INPUTS];
}

/** Every output of a gate's action.yml. */
export function actionOutputNames(gate: Pick<GateDescriptor, 'outputs'>): string[] {
  return ['status', 'report', ...gate.outputs];
}

export function stepPrefix(gate: Pick<GateDescriptor, 'name'>): string {
  return `roadstop ${gate.name}`;
}

/**
 * A single-gate action's whole step: read the inputs once, mask the token,
 * run the gate, fail the step when it blocks; every error reported once,
 * never as a stack.
 */
export async function runGateAction(gate: GateDescriptor): Promise<void> {
  const prefix = stepPrefix(gate);
  try {
    const inputs = readStepInputs(gate.inputs, getInput, `roadstop-${gate.name}`);
    setSecret(inputs.token);
    const outcome = await runGateInStep(gate, inputs);
    if (outcome.blocking) fail(`${prefix}: ${outcome.headline}`);
  } catch (error) {
    reportError(prefix, error);
  }
}

/**
 * One gate inside a step, start to end: config, options, report path,
 * baseline, run, result file, outputs (prefixed with `outputPrefix` when the
 * root action runs several gates), annotations, summary and the baseline upload.
 */
export async function runGateInStep(gate: GateDescriptor, inputs: StepInputs<Partial<Record<string, string>>>, outputPrefix = ''): Promise<GateOutcome> {
  // Masked before the config is read: a mistake reported from here on may quote an input. Credentials written
  // in a URL input (lighthouse-gate's urls) are masked in the log and scrubbed from the result too.
  const masked = [...secretInputValues(gate.inputDefinitions, inputs.gate), ...Object.values(inputs.gate).flatMap((value) => (value ?? '').split(/[\s,]+/).flatMap(urlCredentials))];
  for (const value of masked) setSecret(value);
  const context = readRunnerContext();
  const workspace = resolve(context.workspace);
  const config = await loadConfig(inputs.config, { workspace, input: 'config', sections: configSections() });
  warnConfig(stepPrefix(gate), config.warnings.filter((warning) => warning.key.startsWith(`${gate.name}.`)));
  const options = gate.resolveOptions(config.section(gate.name), inputs.gate, workspace);

  const temp = process.env.RUNNER_TEMP || tmpdir();
  // A report written over the baseline it is compared with would destroy the baseline: refused.
  const baselineFile = options.baseline.kind === 'file' ? { baseline: resolve(workspace, options.baseline.path) } : {};
  const reportPath = await prepareReportPath(inputs.report, { workspace, gate: gate.name, temp, ...baselineFile });
  const acquired = await acquireBaseline(options.baseline, {
    gate: gate.name,
    ranges: gate.resultRanges,
    context,
    token: inputs.token,
    artifactName: inputs.artifactName,
    workspace,
    temp: join(temp, `roadstop-baseline-${gate.name}`),
    log: info,
  });

  const scratch = join(temp, 'roadstop', gate.name);
  await fsp.mkdir(scratch, { recursive: true });
  const secrets = inputs.token ? [inputs.token, ...masked] : masked;
  const env: GateEnv = {
    where: 'action',
    workspace,
    scratch,
    ...(acquired.baseline ? { baseline: acquired.baseline } : {}),
    messages: acquired.messages,
    ...(context.sha ? { commit: context.sha } : {}),
    ...(context.ref ? { ref: context.ref } : {}),
    log: info,
    changes: (base) => acquireChanges({ workspace, context, token: inputs.token, log: info, ...(base ? { base } : {}) }),
    uploadArtifact: async (name, files, root) => {
      const [first, ...rest] = files;
      // upload: never means nothing of the step's leaves the runner, reports included.
      if (!first || inputs.upload === 'never') return undefined;
      const uploaded = await uploadResultArtifact({ name, file: first, files: rest, root });
      return uploaded.uploaded ? `uploaded ${files.length} file${files.length === 1 ? '' : 's'} as artifact '${name}' (id ${uploaded.id})` : uploaded.reason;
    },
    artifactName: inputs.artifactName,
    secrets,
  };
  const result = redactSecrets(await gate.run(options, env), secrets);

  await writeResult(reportPath, result);
  const io = coreIo(stepPrefix(gate));
  const outputs: Record<string, string | number | undefined> = { status: result.status, report: reportPath, ...gate.outputValues(result) };
  for (const [name, value] of Object.entries(outputs)) io.output(`${outputPrefix}${name}`, value === undefined ? '' : String(value));
  for (const message of result.messages) {
    io.annotate(message.file && isAbsolute(message.file) ? { ...message, file: relative(workspace, message.file) } : message);
  }
  await io.summary(gate.renderMarkdown(result));
  // The result is written and stands: a failed upload (quota, a name taken) is a warning, not the step's end.
  try {
    const published = await publishBaseline({ mode: inputs.upload, context, artifactName: inputs.artifactName, reportPath });
    if (published) io.notice(published);
  } catch (error) {
    io.annotate({ level: 'warning', title: 'Baseline', text: `the result was not uploaded as the baseline artifact: ${(error as Error).message}` });
  }
  return { status: result.status, report: reportPath, headline: result.headline, blocking: isBlocking(result, options.failOn) };
}
