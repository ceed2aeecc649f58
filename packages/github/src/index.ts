// Not `export * from './client.js'`: that would load @octokit/rest with every step (see lazy-client.ts).
export type { GitHubClient, GitHubClientOptions } from './client.js';
export * from './lazy-client.js';
export * from './errors.js';
export * from './network-budget.js';
export * from './retry-policy.js';
export * from './workflow-ref.js';
export * from './workflow-runs.js';
export * from './baseline-run.js';
export * from './artifact-store.js';
export * from './baseline-source.js';
export * from './changes.js';
