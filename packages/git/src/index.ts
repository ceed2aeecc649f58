export * from './diff.js';
export * from './repo.js';
export * from './ref.js';
