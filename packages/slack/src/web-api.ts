import { retryAfterSeconds } from '@roadstop/core';
import { formatMs } from '@roadstop/github';
import type { Logger, WebAPICallResult } from '@slack/web-api';
import { SlackSendError } from './errors.js';
import type { FetchFunction } from './fetch.js';
import { webApiRetryConfig, type SlackRetryPolicy } from './retry.js';
import { describeNetworkError } from './webhook.js';

export interface SlackApiOptions {
  token: string;
  /** `https://slack.com/api/`, or where tests and proxies point it. */
  apiUrl: string;
  fetch: FetchFunction;
  policy: SlackRetryPolicy;
  startedAt: number;
  log: (text: string) => void;
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
  let refusedWait: string | undefined;
  const budgeted: FetchFunction = async (url, init) => {
    const left = policy.budgetMs - (Date.now() - startedAt);
    if (left <= 0) throw Object.assign(new Error(`the ${formatMs(policy.budgetMs)} the step may spend sending are spent`), { name: 'TimeoutError' });
    const signal = AbortSignal.any([AbortSignal.timeout(Math.min(left, policy.requestTimeoutMs)), ...(init?.signal ? [init.signal] : [])]);
    const response = await options.fetch(url, { ...init, signal });
    if (response.status === 429) {
      const seconds = retryAfterSeconds(response.headers.get('retry-after'), Date.now());
      const remaining = policy.budgetMs - (Date.now() - startedAt);
      if (seconds !== undefined && seconds * 1000 >= remaining) {
        refusedWait = `rate limited (429): Slack asked to wait ${seconds} s, more than the ${formatMs(Math.max(0, remaining))} left of the ${formatMs(policy.budgetMs)} the step may spend sending`;
        return new Response(await response.text(), { status: 429, statusText: response.statusText });
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
    refusedWait = undefined;
    let result: WebAPICallResult & { channel?: string; ts?: string };
    try {
      result = await client.apiCall(method, args);
    } catch (error) {
      throw toSendError(error, ErrorCode, refusedWait);
    }
    return { channel: typeof result.channel === 'string' ? result.channel : typeof args.channel === 'string' ? args.channel : '', ts: result.ts ?? '' };
  };
  return { post: (args) => call('chat.postMessage', args), update: (args) => call('chat.update', args) };
}

type WebApiError = Error & { code?: string; data?: { error?: string; response_metadata?: { messages?: string[] } }; statusCode?: number; retryAfter?: number; original?: unknown };

/** Slack's own error code where Slack answered; what happened on the way where it did not. Never the token. */
function toSendError(error: unknown, codes: { PlatformError: string; HTTPError: string; RequestError: string; RateLimitedError: string }, refusedWait: string | undefined): SlackSendError {
  const failure = error as WebApiError;
  if (refusedWait) return new SlackSendError('ratelimited', refusedWait);
  switch (failure.code) {
    case codes.PlatformError: {
      const details = failure.data?.response_metadata?.messages?.slice(0, 3).join('; ');
      return new SlackSendError(failure.data?.error ?? 'unknown_error', details);
    }
    case codes.HTTPError:
      return new SlackSendError(`http_${failure.statusCode ?? 'error'}`, 'Slack answered with an error page, after the retries');
    case codes.RateLimitedError:
      return new SlackSendError('ratelimited', `Slack asked to wait ${failure.retryAfter ?? '?'} s`);
    case codes.RequestError:
      return new SlackSendError('network_error', `no answer from Slack after the retries (${describeNetworkError(failure.original)})`);
    case undefined:
    default:
      return new SlackSendError('unknown_error', failure instanceof Error ? failure.message : String(error));
  }
}

/** The client's own log: its retries and warnings in the step's log, its request traces in the debug log. */
function clientLogger(options: SlackApiOptions): Logger {
  const text = (parts: unknown[]) => parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  let level = 'info';
  let name = 'web-api';
  return {
    debug: (...parts: unknown[]) => options.debug(`${name}: ${text(parts)}`),
    info: (...parts: unknown[]) => options.log(`Slack: ${text(parts)}`),
    warn: (...parts: unknown[]) => options.log(`Slack: ${text(parts)}`),
    error: (...parts: unknown[]) => options.log(`Slack: ${text(parts)}`),
    setLevel: (next: string) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  } as unknown as Logger;
}
