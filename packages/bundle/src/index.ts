export * from './baseline.js';
export * from './evaluate.js';
export * from './hashed-names.js';
export * from './measure.js';
export * from './options.js';
export * from './run.js';
export * from './gate.js';
