import { INPUT_NAMES as GATE_INPUTS, type RawInputs } from '@roadstop/bundle';
import { ConfigurationError } from '@roadstop/core';

/** Every input of action.yml, once; a test holds this list and action.yml together. */
export const INPUT_NAMES = ['config', ...GATE_INPUTS, 'report', 'artifact-name', 'upload', 'github-token'] as const;
export const OUTPUT_NAMES = ['status', 'report', 'total-raw', 'total-gzip', 'total-brotli'] as const;
export const UPLOAD_MODES = ['auto', 'always', 'never'] as const;

export interface ActionInputs {
  config: string;
  /** The gate's own inputs, resolved against the config file by @roadstop/bundle. */
  gate: RawInputs;
  report: string;
  artifactName: string;
  upload: (typeof UPLOAD_MODES)[number];
  token: string;
}

/** Read every input once; `read` is @actions/core's getInput, passed in so this file stays testable. */
export function readInputs(read: (name: (typeof INPUT_NAMES)[number]) => string): ActionInputs {
  const gate: RawInputs = {};
  for (const name of GATE_INPUTS) {
    const value = read(name);
    if (value !== '') gate[name] = value;
  }
  const upload = read('upload') || 'auto';
  if (!(UPLOAD_MODES as readonly string[]).includes(upload)) {
    throw new ConfigurationError(`'${upload}' is not one of ${UPLOAD_MODES.join(', ')}`, { input: 'upload' });
  }
  return {
    config: read('config'),
    gate,
    report: read('report'),
    artifactName: read('artifact-name') || 'roadstop-bundle-budget',
    upload: upload as ActionInputs['upload'],
    token: read('github-token'),
  };
}
