export * from './errors.js';
export * from './result.js';
export * from './sizes.js';
