import { oneOf } from './input-values.js';

/** Inputs every gate action has beside its own. */
export const STEP_INPUTS = ['report', 'artifact-name', 'upload', 'github-token'] as const;
export const UPLOAD_MODES = ['auto', 'always', 'never'] as const;
export type UploadMode = (typeof UPLOAD_MODES)[number];

export interface StepInputs<Gate> {
  config: string;
  /** The gate's own inputs, as given (absent when empty), resolved against the config by the gate. */
  gate: Gate;
  report: string;
  artifactName: string;
  upload: UploadMode;
  token: string;
}

/** Read a gate action's inputs once; `read` is @actions/core's getInput, passed in by main.ts. */
export function readStepInputs<Name extends string>(
  gateInputs: readonly Name[],
  read: (name: string) => string,
  defaultArtifact: string,
): StepInputs<Partial<Record<Name, string>>> {
  const gate: Partial<Record<Name, string>> = {};
  for (const name of gateInputs) {
    const value = read(name);
    if (value !== '') gate[name] = value;
  }
  return {
    config: read('config'),
    gate,
    report: read('report'),
    artifactName: read('artifact-name') || defaultArtifact,
    upload: oneOf(read('upload') || 'auto', UPLOAD_MODES, { input: 'upload' }),
    token: read('github-token'),
  };
}

/** An input's value, trimmed; absent or empty reads as not given, so the config file's value stands. */
export function givenInput<Name extends string>(inputs: Partial<Record<Name, string>>, name: Name): string | undefined {
  const value = inputs[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
