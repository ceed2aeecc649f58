import { retryAfterSeconds } from '@roadstop/core';

/**
 * When to retry a failed GitHub API request, and how long to wait first.
 * Pure, so the rules (which follow GitHub's "Best practices for using the
 * REST API" on rate limits) are tested by tables without any waiting.
 */

export type HeaderValue = string | number | string[] | undefined;
export type ResponseHeaders = Record<string, HeaderValue>;

export interface FailedResponse {
  status: number;
  headers: ResponseHeaders;
  /** GitHub's `message` from the JSON body, or '' when there is none. */
  message: string;
}

export interface RetryLimits {
  maxRetries: number;
  maxRetryWaitSeconds: number;
  /** First wait after a 5xx, doubled on each retry. */
  serverErrorBackoffSeconds: number;
}

export type RetryDecision =
  | { retry: true; waitSeconds: number; reason: string }
  | { retry: false; reason: 'not-retryable' | 'retries-exhausted' }
  | { retry: false; reason: 'wait-too-long'; waitSeconds: number };

/** GitHub's advice when a secondary rate limit names no wait: at least a minute, growing. */
const SECONDARY_RATE_LIMIT_WAIT_SECONDS = 60;

/**
 * A 429, or a 403 that is a rate limit rather than a refusal: GitHub answers
 * both a missing permission and a secondary rate limit with 403.
 */
export function isRateLimited({ status, headers, message }: FailedResponse): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return (
    /secondary rate limit/i.test(message) ||
    header(headers, 'retry-after') !== undefined ||
    header(headers, 'x-ratelimit-remaining') === '0'
  );
}

/** `attempt` is how many retries were already made for this request (0 on the first failure). */
export function decideRetry(
  response: FailedResponse,
  attempt: number,
  limits: RetryLimits,
  nowMs: number,
): RetryDecision {
  let waitSeconds: number;
  let reason: string;
  if (isRateLimited(response)) {
    waitSeconds = rateLimitWaitSeconds(response.headers, attempt, nowMs);
    reason = response.status === 429 ? 'rate limited (429)' : 'rate limited (403)';
  } else if (response.status >= 500 && response.status <= 599) {
    // A flaky server is not worth failing over a long backoff: cap it instead.
    waitSeconds = Math.min(limits.serverErrorBackoffSeconds * 2 ** attempt, limits.maxRetryWaitSeconds);
    reason = `server error (${response.status})`;
  } else {
    return { retry: false, reason: 'not-retryable' };
  }
  if (attempt >= limits.maxRetries) return { retry: false, reason: 'retries-exhausted' };
  if (waitSeconds > limits.maxRetryWaitSeconds) return { retry: false, reason: 'wait-too-long', waitSeconds };
  return { retry: true, waitSeconds, reason };
}

/** `retry-after` first, then the primary limit's reset time, else GitHub's one minute, doubling. */
export function rateLimitWaitSeconds(headers: ResponseHeaders, attempt: number, nowMs: number): number {
  const retryAfter = retryAfterSeconds(header(headers, 'retry-after'), nowMs);
  if (retryAfter !== undefined) return retryAfter;
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (header(headers, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) {
    // The reset is whole seconds: one more second keeps us from arriving a moment early.
    return Math.max(1, Math.ceil(reset - nowMs / 1000) + 1);
  }
  return SECONDARY_RATE_LIMIT_WAIT_SECONDS * 2 ** attempt;
}

function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0] : String(value);
}
