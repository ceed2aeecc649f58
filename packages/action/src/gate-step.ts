import { resolve } from 'node:path';
import {
  loadConfig,
  readRunnerContext,
  readStepInputs,
  secretInputValues,
  STEP_INPUTS,
  type GateDescriptor,
  type StepInputs,
  urlCredentials,
} from '@roadstop/core';
import { configSections } from '@roadstop/gates';
import type { GateOutcome } from './gate-run.js';
import { fail, getInput, reportError, setSecret, stepPrefix, warnConfig } from './io.js';

export type { GateOutcome } from './gate-run.js';
export { stepPrefix } from './io.js';

/** Every input of a gate's action.yml, in order: config, the gate's own, then the common step inputs. */
export function actionInputNames(gate: Pick<GateDescriptor, 'inputs'>): string[] {
  return ['config', ...gate.inputs, ...STEP_INPUTS];
}

/** Every output of a gate's action.yml. */
export function actionOutputNames(gate: Pick<GateDescriptor, 'outputs'>): string[] {
  return ['status', 'report', ...gate.outputs];
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
  const config = loadConfig(inputs.config, { workspace, input: 'config', sections: configSections() });
  warnConfig(stepPrefix(gate), config.warnings.filter((warning) => warning.key.startsWith(`${gate.name}.`)));
  const options = gate.resolveOptions(config.section(gate.name), inputs.gate, workspace);
  // Secrets the config file gave (not inputs, so not masked above) are masked before the run first uses them.
  const fromConfig = (gate.secretsOf?.(options) ?? []).filter((value) => value !== '' && !masked.includes(value));
  for (const value of fromConfig) setSecret(value);
  masked.push(...fromConfig);

  // What follows (the report path, the baseline and its GitHub client, the run, the result, the summary) is loaded
  // only now: a step that stops at its inputs, config or options never parses it.
  const { runResolvedGate } = await import('./gate-run.js');
  return runResolvedGate(gate, inputs, { options, context, workspace, masked, outputPrefix });
}
