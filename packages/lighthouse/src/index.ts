export * from './chrome.js';
export * from './gate.js';
export * from './judge.js';
export * from './lhci.js';
export * from './lhr.js';
export * from './options.js';
export * from './render.js';
export * from './run.js';
