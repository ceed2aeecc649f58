export * from './client.js';
export * from './errors.js';
export * from './retry-policy.js';
export * from './workflow-ref.js';
export * from './workflow-runs.js';
export * from './baseline-run.js';
export * from './artifact-store.js';
export * from './baseline-source.js';
