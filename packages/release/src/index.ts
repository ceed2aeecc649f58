export * from './options.js';
export * from './platforms.js';
export * from './ramp.js';
export * from './render.js';
export * from './release.js';
