import { retryAfterSeconds, type EdgeFetch } from '@roadstop/core';
import { formatMs } from '@roadstop/github';
import type { RetryOptions } from '@slack/web-api';

/**
 * One retry policy for both transports: @slack/web-api applies it to the
 * token's calls (its own retries, as retryConfig), and the webhook's loop
 * applies the same rules. A 429 waits what `Retry-After` says; a 5xx or a
 * network error backs off, doubling; the whole send, waits included, stays
 * within `budgetMs`.
 */
export interface SlackRetryPolicy {
  retries: number;
  /** First wait after a 5xx or a network error, doubled (`factor`) each time up to `maxTimeoutMs`. */
  minTimeoutMs: number;
  factor: number;
  maxTimeoutMs: number;
  /** The time the step's sending may take in all, retries and waits included. */
  budgetMs: number;
  /** How long one request may go unanswered. */
  requestTimeoutMs: number;
}

/** What both transports send with. */
export interface SendOptions {
  /** core's edgeFetch (the environment's proxy, no credentials to another origin on a redirect), or a test's own. */
  fetch: EdgeFetch;
  policy: SlackRetryPolicy;
  /** When the step's budget started counting (shared by every destination). */
  startedAt: number;
  /** Told about each retry; never given a URL or the token. */
  log: (text: string) => void;
}

export function slackRetryPolicy(budgetMs: number): SlackRetryPolicy {
  return { retries: 5, minTimeoutMs: 1000, factor: 2, maxTimeoutMs: 10_000, budgetMs, requestTimeoutMs: Math.min(20_000, budgetMs) };
}

/** The policy as @slack/web-api's retryConfig (node-retry's options, run by p-retry). */
export function webApiRetryConfig(policy: SlackRetryPolicy): RetryOptions {
  return { retries: policy.retries, factor: policy.factor, minTimeout: policy.minTimeoutMs, maxTimeout: policy.maxTimeoutMs, maxRetryTime: policy.budgetMs, randomize: false };
}

export type WebhookAttempt = { status: number; retryAfter?: string | null } | { networkError: string };

export type RetryDecision = { retry: true; waitMs: number; reason: string } | { retry: false; reason: string };

/** `retriesSoFar` retries were made already; `elapsedMs` of the budget is spent. */
export function decideRetry(attempt: WebhookAttempt, retriesSoFar: number, policy: SlackRetryPolicy, elapsedMs: number, nowMs: number): RetryDecision {
  let waitMs: number;
  let reason: string;
  if ('networkError' in attempt) {
    reason = `no answer (${attempt.networkError})`;
    waitMs = backoffMs(policy, retriesSoFar);
  } else if (attempt.status === 429) {
    const seconds = retryAfterSeconds(attempt.retryAfter, nowMs);
    reason = `rate limited (429${seconds !== undefined ? `, Retry-After ${seconds} s` : ''})`;
    waitMs = seconds !== undefined ? seconds * 1000 : backoffMs(policy, retriesSoFar);
  } else if (attempt.status >= 500 && attempt.status <= 599) {
    reason = `server error (${attempt.status})`;
    waitMs = backoffMs(policy, retriesSoFar);
  } else {
    return { retry: false, reason: `HTTP ${attempt.status}` };
  }
  if (retriesSoFar >= policy.retries) return { retry: false, reason: `${reason}, after ${policy.retries} retries` };
  const left = policy.budgetMs - elapsedMs;
  if (waitMs >= left) return { retry: false, reason: `${reason}; waiting ${formatMs(waitMs)} more would pass the ${formatMs(policy.budgetMs)} the step may spend sending` };
  return { retry: true, waitMs, reason };
}

function backoffMs(policy: SlackRetryPolicy, retriesSoFar: number): number {
  return Math.min(policy.maxTimeoutMs, policy.minTimeoutMs * policy.factor ** retriesSoFar);
}
