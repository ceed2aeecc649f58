export * from './bundle-budget.js';
export * from './coverage-gate.js';
export * from './figures.js';
export * from './markdown.js';
export * from './terminal.js';
export * from './text.js';
