import { Octokit } from '@octokit/rest';
import { GitHubRateLimitError, gitHubMessage, isHttpError } from './errors.js';
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
  /** Told about each retry; never given the token. */
  log?: (message: string) => void;
  /** How to wait between retries; tests pass a fake so they do not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

export type GitHubClient = Octokit;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
  const octokit = new Octokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl,
    userAgent: 'roadstop',
    // Octokit logs every request, and every failed one as an error; the failures reach
    // the caller as errors anyway, so only its warnings (deprecations) are passed on.
    log: { debug: () => {}, info: () => {}, warn: log, error: () => {} },
  });

  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        if (!isHttpError(error)) throw error;
        const headers = error.response?.headers ?? {};
        const decision = decideRetry({ status: error.status, headers, message: gitHubMessage(error) }, attempt, limits, Date.now());
        // Method and path only: the token travels in a header and never reaches a message.
        const label = `${error.request?.method ?? requestOptions.method} ${pathOf(error.request?.url ?? requestOptions.url)}`;
        if (decision.retry) {
          log(`GitHub ${decision.reason} on ${label}; retry ${attempt + 1} of ${limits.maxRetries} in ${decision.waitSeconds} s`);
          await sleep(decision.waitSeconds * 1000);
          continue;
        }
        if (decision.reason === 'wait-too-long') {
          throw new GitHubRateLimitError(error.status, decision.waitSeconds, limits.maxRetryWaitSeconds, label, { cause: error });
        }
        throw error;
      }
    }
  });
  return octokit;
}

function pathOf(url: string): string {
  return url.replace(/^[a-z]+:\/\/[^/]+/i, '');
}
