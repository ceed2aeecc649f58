import type { EdgeFetch } from '@roadstop/core';

/**
 * The fetch both transports send with: core's edgeFetch (the environment's
 * proxy, no credentials to another origin on a redirect), or a test's own.
 */
export type FetchFunction = EdgeFetch;

/** Slack's channel IDs (C…, G…, D…): upper-case letters and digits (docs.slack.dev/reference/objects/conversation-object). */
export const SLACK_CHANNEL_ID = /^[CDG][A-Z0-9]{8,20}$/;
/** A message's ts, `1712345678.123456`: seconds and microseconds (docs.slack.dev/reference/methods/chat.postMessage). */
export const SLACK_TS = /^\d{9,12}\.\d{1,8}$/;
/** Slack's error codes are snake_case words (`channel_not_found`): anything else in `error` is not one. */
export const SLACK_ERROR_CODE = /^[a-z][a-z_]{1,59}$/;
