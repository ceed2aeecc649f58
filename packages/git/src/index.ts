export * from './diff.js';
export * from './repo.js';
