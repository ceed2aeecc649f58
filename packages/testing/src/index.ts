export * from './recording.js';
export * from './match.js';
export * from './rewrite.js';
export * from './replay-server.js';
export * from './action-harness.js';
export * from './results-service.js';
export * from './github-fake.js';
export * from './slack-fake.js';
