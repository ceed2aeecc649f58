/** What to do about Slack's own error codes, for the ones a notification meets. */
const HINTS: Record<string, string> = {
  channel_not_found: 'the channel does not exist, or the app cannot see it: use the channel ID (C0…) and invite the app to a private channel',
  not_in_channel: 'the app is not in the channel: /invite the app, or give it chat:write.public',
  is_archived: 'the channel is archived',
  channel_is_archived: 'the channel is archived',
  invalid_auth: 'the token is not valid: give a bot token (xoxb-…) of the workspace',
  not_authed: 'no token reached Slack',
  token_revoked: 'the token was revoked: create a new one',
  token_expired: 'the token expired: create a new one',
  account_inactive: 'the app or user of the token is deactivated',
  missing_scope: "the token lacks a scope: add chat:write to the app's bot token scopes and reinstall it",
  invalid_blocks: 'Slack refused the blocks: check the payload against the Block Kit reference',
  invalid_blocks_format: 'the blocks are not a list of block objects',
  msg_too_long: 'the text is longer than Slack takes',
  no_text: 'the message has neither text nor blocks',
  message_not_found: 'no message with that ts in that channel: pass the started step\'s ts and channel outputs together',
  cant_update_message: 'the token may only update messages it posted itself',
  thread_not_found: 'no message with that ts to reply to in that channel',
  ratelimited: 'rate limited for longer than the step may wait',
  rate_limited: 'rate limited for longer than the step may wait',
  restricted_action: 'a workspace setting stops the app from posting there',
  invalid_payload: 'Slack could not read the message',
  no_service: 'the incoming webhook is disabled or was removed: create a new one',
  no_active_hooks: 'the incoming webhook is disabled',
  invalid_token: 'the incoming webhook URL is not valid',
  action_prohibited: 'an admin restricted posting to this channel',
  posting_to_general_channel_denied: 'only admins may post to this channel',
  too_many_attachments: 'Slack takes at most 100 attachments',
};

/** Slack did not take a message. `code` is Slack's own error code (`channel_not_found`), or `http_503`, `network_error`, `timeout`. */
export class SlackSendError extends Error {
  override readonly name = 'SlackSendError';
  readonly code: string;
  constructor(code: string, detail?: string) {
    super([code, detail, HINTS[code]].filter(Boolean).join(': '));
    this.code = code;
  }
}

/** Slack's channel IDs (C…, G…, D…): upper-case letters and digits (docs.slack.dev/reference/objects/conversation-object). */
export const SLACK_CHANNEL_ID = /^[CDG][A-Z0-9]{8,20}$/;
/** A message's ts, `1712345678.123456`: seconds and microseconds (docs.slack.dev/reference/methods/chat.postMessage). */
export const SLACK_TS = /^\d{9,12}\.\d{1,8}$/;
/** Slack's error codes are snake_case words (`channel_not_found`): anything else in `error` is not one. */
export const SLACK_ERROR_CODE = /^[a-z][a-z_]{1,59}$/;
