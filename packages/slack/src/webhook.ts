import { setTimeout as delay } from 'node:timers/promises';
import { RedirectRefusedError } from '@roadstop/core';
import { SLACK_ERROR_CODE, SlackSendError } from './errors.js';
import type { SlackMessage } from './limits.js';
import { decideRetry, type SendOptions, type WebhookAttempt } from './retry.js';

export interface WebhookOptions extends SendOptions {
  /** `the webhook`, `webhook 2`: how messages name it, never by its URL (a secret). */
  label: string;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Post a message to an incoming webhook with the retry policy the token's
 * client has: @slack/webhook gives up at once on a 429. Slack answers `ok`,
 * or an error code as the body (`no_service`, `invalid_payload`, …), which is
 * what a failure says. No message names the URL.
 */
export async function postToWebhook(url: string, message: SlackMessage, options: WebhookOptions): Promise<void> {
  const { policy, log, label } = options;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  for (let retries = 0; ; retries++) {
    const left = policy.budgetMs - (Date.now() - options.startedAt);
    let attempt: WebhookAttempt;
    let body = '';
    try {
      const response = await options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(message),
        redirect: 'error',
        signal: AbortSignal.timeout(Math.max(1, Math.min(policy.requestTimeoutMs, left))),
      });
      body = (await response.text()).trim();
      if (response.ok) return;
      attempt = { status: response.status, retryAfter: response.headers.get('retry-after') };
    } catch (error) {
      // A redirect is an answer, not a failure to reach Slack: said at once, not retried, and not followed.
      if (error instanceof RedirectRefusedError) throw new SlackSendError('redirected', `Slack answered HTTP ${error.status}, a redirect to ${error.targetOrigin}, which is not followed: the message goes to no other address`);
      attempt = { networkError: describeNetworkError(error) };
    }
    const decision = decideRetry(attempt, retries, policy, Date.now() - options.startedAt, Date.now());
    if (!decision.retry) {
      if ('networkError' in attempt) throw new SlackSendError('network_error', decision.reason);
      // Slack's incoming webhooks answer with the error code as the body; any other body is never shown.
      if (!SLACK_ERROR_CODE.test(body)) throw new SlackSendError(`http_${attempt.status}`, `Slack answered ${attempt.status} with an unreadable body${attempt.status === 429 || attempt.status >= 500 ? `; ${decision.reason}` : ''}`);
      throw new SlackSendError(body, attempt.status === 429 || attempt.status >= 500 ? decision.reason : `HTTP ${attempt.status}`);
    }
    log(`${label}: ${decision.reason}; retry ${retries + 1} of ${policy.retries} in ${Math.ceil(decision.waitMs / 1000)} s`);
    await sleep(decision.waitMs);
  }
}

/** The cause without the URL: fetch's errors carry the request, and the URL is a secret. */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'no answer in time';
  // A system error's code (ECONNREFUSED) or the error's name: never its message, which may quote the request.
  const named = cause?.code ?? (error instanceof Error ? error.name : undefined);
  return typeof named === 'string' && /^[A-Za-z_]{1,40}$/.test(named) ? named : 'network error';
}
