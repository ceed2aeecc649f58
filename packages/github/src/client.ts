import { setTimeout as delay } from 'node:timers/promises';
import { Octokit } from '@octokit/rest';
import { GitHubRateLimitError, gitHubMessage, isHttpError, redactedHttpError } from './errors.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, formatMs, NetworkBudgetError, RequestTimeoutError, type NetworkBudget } from './network-budget.js';
import { decideRetry, type RetryLimits } from './retry-policy.js';

// Re-exported: callers that create the client also describe its failures.
export { describeGitHubError } from './errors.js';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

export interface GitHubClientOptions {
  token: string;
  /** `GITHUB_API_URL` on a runner (GHES has its own); defaults to that variable, then api.github.com. */
  baseUrl?: string;
  /** Retries per request, for rate limits and 5xx alike. */
  maxRetries?: number;
  /** Longest single wait; a rate limit asking for more fails at once with the reason. */
  maxRetryWaitSeconds?: number;
  /** First wait after a 5xx, doubled per retry. */
  serverErrorBackoffSeconds?: number;
  /** How long one request may go unanswered (headers and body) before it is abandoned, then retried. */
  requestTimeoutMs?: number;
  /**
   * The time the whole lookup this client serves may take, retries and their
   * waits included: when it runs out, the request in flight is aborted and a
   * `NetworkBudgetError` names what it was waiting for.
   */
  budget?: NetworkBudget;
  /** Told about each retry; never given the token. */
  log?: (message: string) => void;
  /** How to wait between retries; tests pass a fake so they do not sleep. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type GitHubClient = Octokit;

const realSleep = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, signal ? { signal } : {});

/**
 * An Octokit that rides out rate limits and GitHub's own hiccups, so a gate
 * fails for the user's reasons only. Permission errors, 404 and 422 are not
 * retried: asking again cannot change the answer.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const baseUrl = (options.baseUrl || process.env['GITHUB_API_URL'] || DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
  const limits: RetryLimits = {
    maxRetries: options.maxRetries ?? 3,
    maxRetryWaitSeconds: options.maxRetryWaitSeconds ?? 60,
    serverErrorBackoffSeconds: options.serverErrorBackoffSeconds ?? 1,
  };
  const log = options.log ?? (() => {});
  const sleep = options.sleep ?? realSleep;
  const { budget } = options;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const token = options.token;
  const octokit = new Octokit({
    ...(token ? { auth: token } : {}),
    baseUrl,
    userAgent: 'roadstop',
    // Octokit logs every request, and every failed one as an error; the failures reach
    // the caller as errors anyway, so only its warnings (deprecations) are passed on.
    log: { debug: () => {}, info: () => {}, warn: log, error: () => {} },
  });

  octokit.hook.wrap('request', async (request, requestOptions) => {
    // Method and path only: the token travels in a header and never reaches a message.
    const label = `${requestOptions.method} ${pathOf(octokit.request.endpoint.parse(requestOptions).url)}`;
    const callerSignal = requestOptions.request?.signal;
    for (let attempt = 0; ; attempt++) {
      if (budget?.signal.aborted) throw new NetworkBudgetError(budget.ms, `about to send ${label}`);
      // Octokit hands `request.signal` to fetch, which aborts the body's reading too:
      // a server that sends headers and then stalls is cut off as well.
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = AbortSignal.any([timeout, ...(budget ? [budget.signal] : []), ...(callerSignal ? [callerSignal] : [])]);
      try {
        // In place: the hooks below this one were bound to this very options object. A new
        // `request` object, because Octokit shares the one of its defaults between calls.
        requestOptions.request = { ...requestOptions.request, signal };
        const response = await request(requestOptions);
        // Octokit turns a body whose reading was aborted into an empty answer: not an answer at all.
        if (signal.aborted) throw signal.reason;
        return response;
      } catch (error) {
        if (callerSignal?.aborted) throw error;
        if (budget?.signal.aborted) throw new NetworkBudgetError(budget.ms, `waiting for ${label}`);
        if (timeout.aborted) {
          if (attempt >= limits.maxRetries) throw new RequestTimeoutError(timeoutMs, label);
          log(`GitHub did not answer ${label} within ${formatMs(timeoutMs)}; retry ${attempt + 1} of ${limits.maxRetries}`);
          continue;
        }
        if (!isHttpError(error)) throw error;
        if (error.response === undefined) {
          // No answer at all (reset, refused, DNS): retried as a 5xx is, and when that cannot help any more,
          // said as what it is ("could not reach GitHub"), not as a budget or a status GitHub never sent.
          const waitMs = limits.serverErrorBackoffSeconds * 1000 * 2 ** attempt;
          if (attempt >= limits.maxRetries || (budget && waitMs >= budget.remainingMs())) throw error;
          log(`GitHub did not answer ${label} (${gitHubMessage(error)}); retry ${attempt + 1} of ${limits.maxRetries} in ${formatMs(waitMs)}`);
          try {
            await sleep(waitMs, budget?.signal);
          } catch (sleepError) {
            if (budget?.signal.aborted) throw new NetworkBudgetError(budget.ms, `waiting to retry ${label}`);
            throw sleepError;
          }
          continue;
        }
        const headers = error.response?.headers ?? {};
        const decision = decideRetry({ status: error.status, headers, message: gitHubMessage(error) }, attempt, limits, Date.now());
        if (decision.retry) {
          const waitMs = decision.waitSeconds * 1000;
          if (budget && waitMs >= budget.remainingMs()) {
            throw new NetworkBudgetError(
              budget.ms,
              `GitHub asked to wait ${decision.waitSeconds} s before retrying ${label} (${decision.reason}), more than the ${formatMs(budget.remainingMs())} left`,
            );
          }
          log(`GitHub ${decision.reason} on ${label}; retry ${attempt + 1} of ${limits.maxRetries} in ${decision.waitSeconds} s`);
          try {
            await sleep(waitMs, budget?.signal);
          } catch (sleepError) {
            if (budget?.signal.aborted) throw new NetworkBudgetError(budget.ms, `waiting to retry ${label}`);
            throw sleepError;
          }
          continue;
        }
        if (decision.reason === 'wait-too-long') {
          throw new GitHubRateLimitError(error.status, decision.waitSeconds, limits.maxRetryWaitSeconds, label);
        }
        // The body may be an HTML page or a proxy's echo of the request: only the status,
        // GitHub's own message (with the token cut out) and the rate-limit headers go on.
        throw redactedHttpError(error, token ? [token] : []);
      }
    }
  });
  return octokit;
}

function pathOf(url: string): string {
  return url.replace(/^[a-z]+:\/\/[^/]+/i, '');
}
