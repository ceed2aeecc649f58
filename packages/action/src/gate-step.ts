// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  isBlocking,
  loadConfig,
  readRunnerContext,
  readStepInputs,
  redactSecrets,
  secretInputValues,
  STEP_INPUTS,
  type GateDescriptor,
  type GateEnv,
  type GateStatus,
  type StepInputs,
} from '@roadstop/core';
import { acquireChanges, finishGateStep, startGateStep, uploadResultArtifact } from '@roadstop/github';
import { coreIo, fail, getInput, info, reportError, setSecret } from './io.js';

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
 * One gate inside a step: config, options, baseline, run, result file,
 * outputs (prefixed with `outputPrefix` when the root action runs several
 * gates), annotations, summary and the baseline upload.
 */
export async function runGateInStep(gate: GateDescriptor, inputs: StepInputs<Partial<Record<string, string>>>, outputPrefix = ''): Promise<GateOutcome> {
  // Masked before the config is read: a mistake reported from here on may quote an input.
  const masked = secretInputValues(gate.inputDefinitions, inputs.gate);
  for (const value of masked) setSecret(value);
  const workspace = resolve(readRunnerContext().workspace);
  const config = await loadConfig(inputs.config, { workspace, input: 'config' });
  const options = gate.resolveOptions(config.section(gate.name), inputs.gate, workspace);
  const start = await startGateStep({ gate: gate.name, report: inputs.report, token: inputs.token, artifactName: inputs.artifactName, baseline: options.baseline, workspace, log: info });
  const scratch = join(process.env.RUNNER_TEMP || tmpdir(), 'roadstop', gate.name);
  await fsp.mkdir(scratch, { recursive: true });
  const secrets = inputs.token ? [inputs.token, ...masked] : masked;
  const env: GateEnv = {
    where: 'action',
    workspace,
    scratch,
    ...(start.acquired.baseline ? { baseline: start.acquired.baseline } : {}),
    messages: start.acquired.messages,
    ...(start.context.sha ? { commit: start.context.sha } : {}),
    ...(start.context.ref ? { ref: start.context.ref } : {}),
    log: info,
    changes: (base) => acquireChanges({ workspace, context: start.context, token: inputs.token, log: info, ...(base ? { base } : {}) }),
    uploadArtifact: async (name, files, root) => {
      const [first, ...rest] = files;
      if (!first) return undefined;
      const uploaded = await uploadResultArtifact({ name, file: first, files: rest, root });
      return uploaded.uploaded ? `uploaded ${files.length} file${files.length === 1 ? '' : 's'} as artifact '${name}' (id ${uploaded.id})` : uploaded.reason;
    },
    secrets,
  };
  const result = redactSecrets(await gate.run(options, env), secrets);
  await finishGateStep(result, {
    start,
    io: coreIo(stepPrefix(gate)),
    markdown: gate.renderMarkdown(result),
    outputs: gate.outputValues(result),
    outputPrefix,
    upload: inputs.upload,
    artifactName: inputs.artifactName,
  });
  return { status: result.status, report: start.reportPath, headline: result.headline, blocking: isBlocking(result, options.failOn) };
}
