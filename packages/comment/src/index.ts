export * from './state.js';
export * from './merge.js';
export * from './sanitize.js';
export * from './rows.js';
export * from './render.js';
