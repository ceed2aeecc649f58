import { RedirectRefusedError, redactText, retryAfterSeconds } from '@roadstop/core';
import { formatMs } from '@roadstop/github';
import type { ErrorCode, Logger, WebAPICallResult } from '@slack/web-api';
import { type EdgeFetch } from '@roadstop/core';
import { SLACK_CHANNEL_ID, SLACK_ERROR_CODE, SLACK_TS, SlackSendError } from './errors.js';
import { webApiRetryConfig, type SendOptions } from './retry.js';
import { describeNetworkError } from './webhook.js';

export interface SlackApiOptions extends SendOptions {
  token: string;
  /** `https://slack.com/api/`, or where tests and proxies point it. */
  apiUrl: string;
  debug: (text: string) => void;
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface SlackApi {
  /** chat.postMessage: a new message, or a reply when `thread_ts` is set. */
  post(args: Record<string, unknown>): Promise<PostedMessage>;
  /** chat.update: the message at `ts` in `channel` (an ID) replaced. */
  update(args: Record<string, unknown>): Promise<PostedMessage>;
}

/**
 * The token transport: @slack/web-api's WebClient, configured, not rewritten.
 * It retries itself (the policy as retryConfig: 5xx and network errors back
 * off, a 429 waits its Retry-After since rejectRateLimitedCalls is false),
 * and its fetch is ours: the proxy, and the budget. The client waits out any
 * Retry-After however long, so a 429 asking for more than the budget has
 * left is handed to it without the header, which it gives up on at once; the
 * error then says what Slack asked for. Loaded when the first message is
 * sent, not by a step that stops at its inputs.
 */
export async function openSlackApi(options: SlackApiOptions): Promise<SlackApi> {
  const { WebClient, ErrorCode } = await import('@slack/web-api');
  const { policy, startedAt } = options;
  // What to say instead of the client's own error, when this fetch made it give up at once.
  let refused: SlackSendError | undefined;
  // A 429 without Retry-After: the client gives up on it at once (an AbortError), no retry.
  const giveUp = (error: SlackSendError) => {
    refused = error;
    return new Response('', { status: 429 });
  };
  const budgeted: EdgeFetch = async (url, init) => {
    const left = policy.budgetMs - (Date.now() - startedAt);
    if (left <= 0) throw Object.assign(new Error(`the ${formatMs(policy.budgetMs)} the step may spend sending are spent`), { name: 'TimeoutError' });
    const signal = AbortSignal.any([AbortSignal.timeout(Math.min(left, policy.requestTimeoutMs)), ...(init?.signal ? [init.signal] : [])]);
    // The client asks for redirect: 'error', which fetch answers with a bare TypeError that the client retries
    // as a network failure for the whole budget. The edge's same-origin policy instead: a redirect within api-url's
    // origin is followed, one to another origin is Slack's (or the api-url's) answer, said at once, never followed.
    let response: Response;
    try {
      response = await options.fetch(url, { ...init, redirect: 'same-origin', signal });
    } catch (error) {
      if (error instanceof RedirectRefusedError) {
        // Another origin: never followed. Too many hops, or not to http(s): said as edgeFetch says it.
        return giveUp(error.refusal === 'cross-origin' ? redirectError(error.status, error.targetOrigin, url) : new SlackSendError('redirected', `Slack answered ${error.message}`));
      }
      throw error;
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => {});
      return giveUp(redirectError(response.status, response.headers.get('location'), url));
    }
    if (response.status === 429) {
      const seconds = retryAfterSeconds(response.headers.get('retry-after'), Date.now());
      const remaining = policy.budgetMs - (Date.now() - startedAt);
      if (seconds !== undefined && seconds * 1000 >= remaining) {
        await response.body?.cancel().catch(() => {});
        return giveUp(new SlackSendError('ratelimited', `rate limited (429): Slack asked to wait ${seconds} s, more than the ${formatMs(Math.max(0, remaining))} left of the ${formatMs(policy.budgetMs)} the step may spend sending`));
      }
    }
    return response;
  };
  const client = new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    retryConfig: webApiRetryConfig(policy),
    rejectRateLimitedCalls: false,
    fetch: budgeted,
    timeout: policy.requestTimeoutMs,
    allowAbsoluteUrls: false,
    logger: clientLogger(options),
  });
  const call = async (method: string, args: Record<string, unknown>): Promise<PostedMessage> => {
    refused = undefined;
    let result: WebAPICallResult & { channel?: unknown; ts?: unknown };
    try {
      result = await client.apiCall(method, args);
    } catch (error) {
      throw toSendError(error, ErrorCode, refused);
    }
    // Both go to the log, the outputs and later steps' inputs: only Slack's own shapes are taken.
    const { channel, ts } = result;
    if (typeof channel !== 'string' || !SLACK_CHANNEL_ID.test(channel) || typeof ts !== 'string' || !SLACK_TS.test(ts)) {
      throw new SlackSendError('unreadable_answer', `Slack answered ${method} with ok but without a channel ID and message ts of Slack's form (C0123456789, 1712345678.123456)`);
    }
    return { channel, ts };
  };
  return { post: (args) => call('chat.postMessage', args), update: (args) => call('chat.update', args) };
}

type WebApiError = Error & { code?: string; data?: { error?: string; response_metadata?: { messages?: string[] } }; statusCode?: number; retryAfter?: number; original?: unknown };

/** A redirect from Slack to another origin (or one that cannot be followed), named with its status and the origin it pointed to: never followed, so the token stays. */
function redirectError(status: number, location: string | null, from: string | URL): SlackSendError {
  let target = 'nowhere readable';
  try {
    if (location) target = new URL(location, from).origin;
  } catch {
    // Not a URL: said as such.
  }
  return new SlackSendError('redirected', `Slack answered HTTP ${status}, a redirect to ${target}, which is not followed: neither the token nor the message goes to another address`);
}

/**
 * Slack's own error code where Slack answered; what happened on the way where
 * it did not. Never the body: a code that is not of Slack's form (a proxy's
 * page, an echo of the request with its Authorization header) is said as
 * unreadable. Never the token.
 */
function toSendError(error: unknown, codes: typeof ErrorCode, refused: SlackSendError | undefined): SlackSendError {
  const failure = error as WebApiError;
  if (refused) return refused;
  switch (failure.code) {
    case codes.PlatformError: {
      // The client makes a PlatformError of a 200 only (any other status is an HTTPError).
      const code = failure.data?.error;
      return typeof code === 'string' && SLACK_ERROR_CODE.test(code) ? new SlackSendError(code) : new SlackSendError('unreadable_answer', 'Slack answered 200 with an unreadable body');
    }
    case codes.HTTPError: {
      const status = Number.isInteger(failure.statusCode) ? String(failure.statusCode) : 'error';
      return new SlackSendError(`http_${status}`, 'Slack answered with an error page, after the retries');
    }
    case codes.RateLimitedError:
      return new SlackSendError('ratelimited', `Slack asked to wait ${Number.isFinite(failure.retryAfter) ? failure.retryAfter : '?'} s`);
    case codes.RequestError:
      return new SlackSendError('network_error', `no answer from Slack after the retries (${describeNetworkError(failure.original)})`);
    case undefined:
    default:
      // The client's own failure, not Slack's words: its name only.
      return new SlackSendError('unknown_error', `the Slack client failed (${failure instanceof Error ? failure.name : typeof error})`);
  }
}

/**
 * The client's own log: its retries and warnings in the step's log, its
 * request traces in the debug log. Its traces quote Slack's answers, which may
 * echo the token: cut out here, not left to the runner's mask.
 */
function clientLogger(options: SlackApiOptions): Logger {
  const text = (parts: unknown[]) => redactText(parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '), [options.token]);
  const say = (...parts: unknown[]) => options.log(`Slack: ${text(parts)}`);
  return {
    debug: (...parts: unknown[]) => options.debug(`web-api: ${text(parts)}`),
    info: say,
    warn: say,
    error: say,
    // The client names and levels only a logger of its own (getLogger): never called on a given one.
    setLevel: () => {},
    getLevel: () => 'info',
    setName: () => {},
  } as unknown as Logger;
}
