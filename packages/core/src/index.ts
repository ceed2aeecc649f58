export * from './config.js';
export * from './errors.js';
export * from './globs.js';
export * from './lists.js';
export * from './result.js';
export * from './runner-context.js';
export * from './sizes.js';
export * from './step-inputs.js';
