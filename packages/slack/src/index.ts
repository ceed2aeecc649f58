// Not the transports (web-api.ts, webhook.ts): they load @slack/web-api, which a step that stops at its inputs never needs.
export * from './errors.js';
export * from './inputs.js';
export * from './limits.js';
export * from './mrkdwn.js';
export * from './notify.js';
export * from './payload.js';
export * from './results.js';
export * from './retry.js';
export * from './story.js';
export * from './template.js';
export * from './templates.js';
