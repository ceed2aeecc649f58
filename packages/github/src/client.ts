import { edgeFetch, waitOutRateLimit, type EdgeFetch, type Sleep } from '@roadstop/core';
import { Octokit } from '@octokit/rest';
import { GitHubGarbageError, GitHubRateLimitError, gitHubMessage, isHttpError, pathOf, redactedHttpError } from './errors.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, formatMs, NetworkBudgetError, RequestTimeoutError, type NetworkBudget } from './network-budget.js';
import { decideRetry, type RetryLimits } from './retry-policy.js';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
/**
 * The largest JSON or text answer read: a page of 100 issue comments of 65,536
 * characters each is under 25 MB. A larger answer is not GitHub's, and is cut
 * off rather than held in memory.
 */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

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
  sleep?: Sleep;
  /** Largest JSON or text answer read (MAX_RESPONSE_BYTES); binary answers (artifacts) have readers of their own. */
  maxResponseBytes?: number;
}

export type GitHubClient = Octokit;

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
  const { budget } = options;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const token = options.token;
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  // The signals of the requests whose answer was cut off for its size: their (empty) data is not an answer.
  const tooLarge = new WeakSet<AbortSignal>();
  const octokit = new Octokit({
    ...(token ? { auth: token } : {}),
    baseUrl,
    userAgent: 'roadstop',
    // Through the environment's proxy, and no token to another origin on a redirect (core's http-fetch.ts);
    // answers bounded in size on top of it.
    request: { fetch: boundedFetch(maxBytes, tooLarge) },
    // Octokit logs every request, and every failed one as an error; the failures reach
    // the caller as errors anyway, so only its warnings (deprecations) are passed on.
    log: { debug: () => {}, info: () => {}, warn: log, error: () => {} },
  });

  /** The pause before a retry, within the budget, cut short (and named) when the budget runs out during it. */
  const waitToRetry = (waitMs: number, label: string, attempt: number) => ({
    waitMs, leftMs: budget?.remainingMs() ?? Infinity, attempt, signal: budget?.signal, sleep: options.sleep,
    cancelled: () => new NetworkBudgetError(budget?.ms ?? 0, `waiting to retry ${label}`),
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
        if (tooLarge.has(signal)) throw new GitHubGarbageError(label, `an answer of at most ${formatBytes(maxBytes)}`);
        // The REST and GraphQL APIs answer JSON; Octokit hands anything else (an HTML page, JSON cut short) on as a
        // string, which its paginator would even read as an empty list: missing data is not an empty answer.
        if ((response.status === 200 || response.status === 201) && typeof response.data === 'string') throw new GitHubGarbageError(label, 'JSON');
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
          await waitOutRateLimit({
            ...waitToRetry(waitMs, label, attempt), maxRetries: limits.maxRetries, giveUp: () => error,
            onWait: () => log(`GitHub did not answer ${label} (${gitHubMessage(error)}); retry ${attempt + 1} of ${limits.maxRetries} in ${formatMs(waitMs)}`),
          });
          continue;
        }
        const headers = error.response?.headers ?? {};
        const decision = decideRetry({ status: error.status, headers, message: gitHubMessage(error) }, attempt, limits, Date.now());
        if (decision.retry) {
          // decideRetry counted the retries; only the budget is checked here.
          await waitOutRateLimit({
            ...waitToRetry(decision.waitSeconds * 1000, label, attempt), maxRetries: Infinity,
            giveUp: () => new NetworkBudgetError(budget?.ms ?? 0, `GitHub asked to wait ${decision.waitSeconds} s before retrying ${label} (${decision.reason}), more than the ${formatMs(budget?.remainingMs() ?? 0)} left`),
            onWait: () => log(`GitHub ${decision.reason} on ${label}; retry ${attempt + 1} of ${limits.maxRetries} in ${decision.waitSeconds} s`),
          });
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

/**
 * fetch with JSON and text answers cut off past `maxBytes` (by Content-Length
 * at once, else while reading), the request's signal marked in `tooLarge`.
 */
function boundedFetch(maxBytes: number, tooLarge: WeakSet<AbortSignal>): EdgeFetch {
  return async (input, init) => {
    const response = await edgeFetch(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (!response.body || !/json|^text\//i.test(type)) return response;
    const signal = init?.signal;
    const refuse = () => {
      if (signal) tooLarge.add(signal);
    };
    if (Number(response.headers.get('content-length')) > maxBytes) {
      refuse();
      await response.body.cancel();
      return withBody(response, null);
    }
    let seen = 0;
    const limited = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) {
            refuse();
            controller.error(new Error(`answer over ${formatBytes(maxBytes)}`));
          } else controller.enqueue(chunk);
        },
      }),
    );
    return withBody(response, limited);
  };
}

/** The same answer (status, headers, URL) with another body. */
function withBody(response: Response, body: ReadableStream<Uint8Array> | null): Response {
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}
