import { INPUT_NAMES as GATE_INPUTS, type RawInputs } from '@roadstop/bundle';
import { readStepInputs, STEP_INPUTS, type StepInputs } from '@roadstop/core';

/** Every input of action.yml, once; a test holds this list and action.yml together. */
export const INPUT_NAMES = ['config', ...GATE_INPUTS, ...STEP_INPUTS] as const;
export const OUTPUT_NAMES = ['status', 'report', 'total-raw', 'total-gzip', 'total-brotli'] as const;

export type ActionInputs = StepInputs<RawInputs>;

export function readInputs(read: (name: (typeof INPUT_NAMES)[number]) => string): ActionInputs {
  return readStepInputs(GATE_INPUTS, read as (name: string) => string, 'roadstop-bundle-budget');
}
