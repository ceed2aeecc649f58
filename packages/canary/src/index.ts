export * from './gate.js';
export * from './judge.js';
export * from './options.js';
export * from './providers.js';
export * from './render.js';
export * from './run.js';
export * from './stats.js';
export * from './watch.js';
