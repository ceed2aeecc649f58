export * from './model.js';
export * from './policy.js';
export * from './calls.js';
export * from './shell.js';
export * from './github-parser.js';
export * from './local-job.js';
export * from './published.js';
