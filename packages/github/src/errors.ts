import { ConfigurationError, EnvironmentError } from '@roadstop/core';
import { NetworkBudgetError, RequestTimeoutError } from './network-budget.js';
import { isRateLimited, type ResponseHeaders } from './retry-policy.js';

/** GitHub's message is cut to this many characters: one line of a log, never a page. */
export const MAX_GITHUB_MESSAGE = 200;
/** The response headers an error keeps: the ones the retry policy and the messages read. */
const KEPT_HEADERS = ['retry-after', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-resource', 'content-type'];

/**
 * Thrown by the client when GitHub asks for a longer wait than roadstop may
 * spend, so the job fails with the reason instead of sitting idle for an hour.
 */
export class GitHubRateLimitError extends EnvironmentError {
  override readonly name = 'GitHubRateLimitError';
  readonly status: number;
  readonly waitSeconds: number;
  readonly maxRetryWaitSeconds: number;
  constructor(status: number, waitSeconds: number, maxRetryWaitSeconds: number, request: string) {
    super(`GitHub rate-limited ${request} (${status}) and asked to wait ${waitSeconds} s, more than the ${maxRetryWaitSeconds} s roadstop waits`);
    this.status = status;
    this.waitSeconds = waitSeconds;
    this.maxRetryWaitSeconds = maxRetryWaitSeconds;
  }
}

/**
 * A failure of GitHub that `toGitHubError` has already put in words: described
 * once, never wrapped again. GitHub's outage, rate limit, refusal or garbage is
 * the environment's problem, never "a bug in roadstop".
 */
export class GitHubFailure extends EnvironmentError {
  override readonly name: string = 'GitHubFailure';
}

/** GitHub refused (401, 403, 404): the token, its permissions or a name the user gave. `hint` says which. */
export class GitHubRefusedError extends GitHubFailure {
  override readonly name = 'GitHubRefusedError';
  readonly status: number;
  constructor(status: number, message: string, hint: string, options?: { cause?: unknown }) {
    super(`${message} (${hint})`, options);
    this.status = status;
  }
}

/**
 * GitHub answered 2xx with something the caller cannot use: not JSON, not the
 * documented shape, too large. Thrown by the readers that check answers, so a
 * proxy's page or a broken answer is named as such, not as a crash of ours.
 */
export class GitHubGarbageError extends GitHubFailure {
  override readonly name = 'GitHubGarbageError';
  constructor(what: string, expected: string) {
    super(`GitHub answered with something that is not ${expected} while ${what}; run the job again later, or check GITHUB_API_URL points at GitHub`);
  }
}

/** Which inputs point at what GitHub refused: named in the message so the user knows what to check. */
export interface GitHubInputs {
  /** The input holding the token, e.g. `github-token`: named on 401 and 403. */
  token?: string;
  /** What a 404 points at, e.g. `the repository octo-org/webapp or pull request #7`. */
  subject?: string;
}

/** Error codes of Node, undici and the abort machinery that mean no (complete) answer came back. */
const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|ENETDOWN|UND_ERR_\w+)$/;

/** True for a request that got no answer: refused, reset, timed out, DNS, aborted. */
export function isNetworkFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && NETWORK_CODES.test(code)) return true;
    if (current.name === 'AbortError' || current.name === 'TimeoutError') return true;
    if (current.name === 'TypeError' && /^fetch failed$|terminated|socket/i.test(current.message)) return true;
    // Octokit reports a request without an answer as a 500 without a response.
    if (isHttpError(current) && current.response === undefined) return true;
  }
  return false;
}

/** The parts of an Octokit `RequestError` we read; duck-typed so errors of any Octokit copy qualify. */
export interface HttpErrorLike {
  status: number;
  message: string;
  request?: { method?: string; url?: string };
  response?: { headers?: ResponseHeaders; data?: unknown };
}

export function isHttpError(error: unknown): error is HttpErrorLike {
  return error instanceof Error && typeof (error as Partial<HttpErrorLike>).status === 'number';
}

/**
 * An HTTP failure stripped to what may be shown: the status, GitHub's JSON
 * `message` (truncated, known secrets replaced by ***), the request's method
 * and URL, and the rate-limit headers. No body, no cause: an HTML error page
 * or a proxy's echo of the request headers must never reach a log, an
 * annotation or a result file, which is uploaded and not masked by the runner.
 */
export class GitHubHttpError extends Error implements HttpErrorLike {
  override readonly name = 'GitHubHttpError';
  readonly status: number;
  readonly request: { method?: string; url?: string };
  readonly response: { headers: ResponseHeaders; data: { message: string } } | undefined;
  constructor(status: number, message: string, request: { method?: string; url?: string }, response: { headers: ResponseHeaders; data: { message: string } } | undefined) {
    super(message);
    this.status = status;
    this.request = request;
    this.response = response;
  }
}

export function redactedHttpError(error: HttpErrorLike, secrets: readonly string[]): GitHubHttpError {
  const redact = (text: string) => secrets.reduce((out, secret) => (secret ? out.split(secret).join('***') : out), text);
  const message = redact(gitHubMessage(error));
  const headers: ResponseHeaders = {};
  for (const name of KEPT_HEADERS) {
    const value = error.response?.headers?.[name];
    if (value !== undefined) headers[name] = value;
  }
  const request = { ...(error.request?.method ? { method: error.request.method } : {}), ...(error.request?.url ? { url: redact(error.request.url) } : {}) };
  return new GitHubHttpError(error.status, message, request, error.response ? { headers, data: { message } } : undefined);
}

/**
 * Turns an API failure into one line that names GitHub, the status and what
 * points at it: a network failure ("could not reach GitHub"), an outage or
 * rate limit, a refusal (401/403/404, `GitHubRefusedError` with the input to
 * check), a rejection (422). All are `EnvironmentError`s: GitHub's answer, not
 * roadstop's bug. Anything else is returned as it is, so the edge calls it a
 * bug. `what` names the operation, e.g. `listing workflow runs of ci.yml`.
 */
export function toGitHubError(error: unknown, what: string, inputs: GitHubInputs = {}): Error {
  if (error instanceof ConfigurationError || error instanceof NetworkBudgetError || error instanceof GitHubFailure) return error;
  if (error instanceof RequestTimeoutError) {
    return new GitHubFailure(`${error.message} while ${what}, nor on its retries; run the job again later`, { cause: error });
  }
  if (error instanceof GitHubRateLimitError) {
    return new GitHubFailure(
      `GitHub rate-limited ${what} (${error.status}) and asked to wait ${error.waitSeconds} s, more than the ${error.maxRetryWaitSeconds} s roadstop waits; run the job again later`,
      { cause: error },
    );
  }
  if (!isHttpError(error) || error.response === undefined) {
    if (!isNetworkFailure(error)) return error instanceof Error ? error : new Error(String(error));
    const detail = error instanceof Error ? truncate(isHttpError(error) ? gitHubMessage(error) : error.message) : String(error);
    return new GitHubFailure(`could not reach GitHub while ${what}: ${detail || 'no answer'}; run the job again later`, { cause: error });
  }
  const { status } = error;
  const message = gitHubMessage(error);
  const headers = error.response?.headers ?? {};
  const tokenInput = inputs.token ? ` in input '${inputs.token}'` : '';
  if (status === 401) {
    return new GitHubRefusedError(401, `GitHub refused ${what} (401): ${message}`, `the token${tokenInput} is missing, invalid or expired; pass \`\${{ github.token }}\` or a valid token`, { cause: error });
  }
  if (isRateLimited({ status, headers, message })) {
    return new GitHubFailure(`GitHub kept rate-limiting ${what} (${status}): ${message}; run the job again later`, { cause: error });
  }
  if (status === 403) {
    const permission = permissionFor(error.request?.method, error.request?.url);
    return new GitHubRefusedError(
      403,
      `GitHub refused ${what} (403): ${message}`,
      `the token${tokenInput} needs \`${permission}\` permission: add \`permissions: { ${permission} }\` to the job` +
        (permission.endsWith('write') ? ' (pull requests from forks only get a read-only token)' : ''),
      { cause: error },
    );
  }
  if (status === 404) {
    return new GitHubRefusedError(
      404,
      `GitHub found nothing for ${what} (404): ${message}`,
      `check ${inputs.subject || 'the repository, branch and workflow file names'}; a token${tokenInput} without access to a private repository also gets 404`,
      { cause: error },
    );
  }
  if (status === 422) return new GitHubFailure(`GitHub rejected ${what} (422): ${message}`, { cause: error });
  if (status >= 500) {
    return new GitHubFailure(`GitHub failed ${what} (${status}): ${message}; this is on GitHub's side, run the job again later`, {
      cause: error,
    });
  }
  return new GitHubFailure(`GitHub answered ${status} to ${what}: ${message}`, { cause: error });
}

/** One line for a log or a job summary, e.g. `GitHub refused … (403): … (the token needs \`actions: read\` …)`. */
export function describeGitHubError(error: unknown, what: string, inputs: GitHubInputs = {}): string {
  const wrapped = toGitHubError(error, what, inputs);
  if (wrapped instanceof ConfigurationError) return wrapped.describe();
  if (wrapped instanceof GitHubFailure || wrapped instanceof NetworkBudgetError) return wrapped.message;
  return `${what} failed: ${wrapped instanceof Error ? truncate(wrapped.message) : String(wrapped)}`;
}

/**
 * GitHub's own `message` from a JSON body, with the validation details of a
 * 422, cut to one line of at most MAX_GITHUB_MESSAGE characters. Any other body
 * (an HTML page, a proxy's text) is not quoted at all: it may echo the request.
 */
export function gitHubMessage(error: HttpErrorLike): string {
  const data = error.response?.data;
  if (data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string') {
    const { message, errors } = data as { message: string; errors?: unknown };
    const details = Array.isArray(errors) ? errors.map(describeValidationError).filter((d) => d !== '') : [];
    return truncate(details.length > 0 ? `${message}: ${details.join('; ')}` : message) || `HTTP ${error.status}`;
  }
  if (error.response !== undefined) {
    const type = String(error.response.headers?.['content-type'] ?? '').split(';')[0]?.trim();
    const empty = data === undefined || data === '' || (data instanceof ArrayBuffer && data.byteLength === 0);
    return empty ? 'no message' : `a ${type || 'non-JSON'} body without GitHub's message, not shown`;
  }
  // No response: the message is the client's own (e.g. "connect ECONNREFUSED"), without Octokit's docs link.
  return truncate(error.message.replace(/ - https:\/\/docs\.github\.com\S*$/, '')) || `HTTP ${error.status}`;
}

function truncate(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_GITHUB_MESSAGE ? `${line.slice(0, MAX_GITHUB_MESSAGE - 1)}…` : line;
}

function describeValidationError(item: unknown): string {
  if (typeof item === 'string') return item;
  if (!item || typeof item !== 'object') return '';
  const { message, resource, field, code } = item as Record<string, unknown>;
  if (typeof message === 'string') return message;
  return [resource, field, code].filter((part) => typeof part === 'string').join(' ');
}

/** A request's URL without its origin (a GitHub Enterprise host's too), as the log and the permission hint read it. */
export function pathOf(url: string): string {
  return url.replace(/^[a-z]+:\/\/[^/]+/i, '');
}

/** The permission a GITHUB_TOKEN needs for the request that was refused. */
export function permissionFor(method = 'GET', url = ''): string {
  const write = !['GET', 'HEAD'].includes(method.toUpperCase());
  const path = pathOf(url).split('?')[0] ?? '';
  if (/\/actions\//.test(path)) return `actions: ${write ? 'write' : 'read'}`;
  if (/\/(issues|pulls)(\/|$)/.test(path)) return `pull-requests: ${write ? 'write' : 'read'}`;
  if (/\/statuses\//.test(path)) return `statuses: ${write ? 'write' : 'read'}`;
  if (/\/check-runs/.test(path)) return `checks: ${write ? 'write' : 'read'}`;
  return `contents: ${write ? 'write' : 'read'}`;
}
