import { ConfigurationError, EnvironmentError, edgeFetch, isRecord, RedirectRefusedError, retryAfterSeconds } from '@roadstop/core';
import { jsonPathPackage } from './jsonpath-package.cjs';
import type { CanaryWatchOptions } from './options.js';
import { sentryProvider } from './sentry.js';
import type { ProviderSeries } from './evidence.js';
import { REQUEST_TIMEOUT_MS, substitute, type Provider } from './watch.js';

/** The largest answer read: a range query of a few metrics over 6 hours is far below it. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** How much of a server's own error text is shown (it is redacted as well, by the run). */
const MAX_SERVER_TEXT = 300;

export type ProviderFailure = 'unreachable' | 'refused' | 'rate-limited' | 'outage' | 'garbage' | 'redirect' | 'query';

/** A provider's failure while watching: counted toward max-consecutive-errors, never a pass. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly failure: ProviderFailure;
  /** rate-limited: how long the service asked to wait (its Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, failure: ProviderFailure, retryAfterMs?: number) {
    super(message);
    this.failure = failure;
    this.retryAfterMs = retryAfterMs;
  }
}

/** Who answers, as the user named it: the service, and the input that points at it. */
export interface Service {
  name: string;
  input: string;
}

export interface CheckingProvider extends Provider {
  /** Run the query once before the watch: a query the service rejects is a ConfigurationError naming the metric. */
  validate(query: string, where: string): Promise<void>;
}

/** A server's own words, fit for one log line: no control characters, bounded. */
export function serverText(value: unknown): string {
  const text = (typeof value === 'string' ? value : JSON.stringify(value) ?? '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return text.length > MAX_SERVER_TEXT ? `${text.slice(0, MAX_SERVER_TEXT)}…` : text;
}

export function describe(service: Service): string {
  return `${service.name} (${service.input})`;
}

/**
 * GET a JSON answer. Redirects follow edgeFetch's same-origin policy: within the origin they are followed, one to
 * another origin is refused before the token or a custom header is sent there. A status the service uses for
 * refusal, rate limits or outages throws here; other statuses are returned with the body for the provider to read
 * its own error format. `cancel` (a SIGINT/SIGTERM of canary-release) ends the request at once.
 */
export async function getJson(url: string, headers: Record<string, string>, timeoutMs: number, service: Service, cancel?: AbortSignal): Promise<{ status: number; body: unknown }> {
  const timeout = AbortSignal.timeout(Math.max(1, Math.round(timeoutMs)));
  const signal = cancel ? AbortSignal.any([timeout, cancel]) : timeout;
  let response: Response;
  try {
    response = await edgeFetch(url, { headers, signal, redirect: 'same-origin' });
  } catch (error) {
    if (cancel?.aborted) throw cancelledRequest(service);
    if (error instanceof RedirectRefusedError) {
      if (error.refusal === 'cross-origin') {
        throw new ProviderError(`${describe(service)} redirected to another origin, ${error.targetOrigin}: refused, the credentials and headers are never sent there (point the input at the final URL)`, 'redirect');
      }
      throw new ProviderError(`${describe(service)} answered ${error.message}`, 'redirect');
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = signal.aborted ? `no answer within ${Math.round(timeoutMs / 100) / 10}s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new ProviderError(`cannot reach ${describe(service)} at ${new URL(url).origin} (${serverText(why)})`, 'unreachable');
  }
  const retryAfter = response.headers.get('retry-after');
  const text = await readBody(response, signal, service, timeoutMs, cancel);
  if (response.status === 401 || response.status === 403) {
    throw new ProviderError(`${describe(service)} refused the request: HTTP ${response.status} (check the token, keys or headers)`, 'refused');
  }
  if (response.status === 429) {
    const seconds = retryAfterSeconds(retryAfter, Date.now());
    throw new ProviderError(`${describe(service)} is rate limiting: HTTP 429${retryAfter ? ` (Retry-After ${serverText(retryAfter)})` : ''}`, 'rate-limited', seconds === undefined ? undefined : seconds * 1000);
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    if (response.status >= 500) throw new ProviderError(`${describe(service)} is failing: HTTP ${response.status}`, 'outage');
    throw new ProviderError(`${describe(service)} answered HTTP ${response.status} with something that is not JSON`, 'garbage');
  }
  return { status: response.status, body };
}

/** A request or a rate limit's wait ended by the cancel: no evidence, and the watch ends at its next wait. */
export function cancelledRequest(service: Service): ProviderError {
  return new ProviderError(`the request to ${describe(service)} was stopped: the run was cancelled`, 'unreachable');
}

/**
 * Read a body up to MAX_BODY_BYTES: Response.text() reads whatever a server sends, and a watch must not be
 * held (or its memory filled) by an endless answer.
 */
async function readBody(response: Response, signal: AbortSignal, service: Service, timeoutMs: number, cancel: AbortSignal | undefined): Promise<string> {
  try {
    const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
    if (!reader) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks).toString('utf8');
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw new ProviderError(`${describe(service)} answered more than ${MAX_BODY_BYTES / 1024 / 1024} MB`, 'garbage');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (cancel?.aborted) throw cancelledRequest(service);
    if (signal.aborted) throw new ProviderError(`${describe(service)} did not finish its answer within ${Math.round(timeoutMs / 100) / 10}s`, 'unreachable');
    throw new ProviderError(`${describe(service)} broke off its answer (${serverText((error as Error).message)})`, 'unreachable');
  }
}

/** Prometheus writes sample values as strings, with NaN, +Inf and -Inf spelled its own way. */
function promValue(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : undefined;
}

function labelsOf(metric: unknown): string {
  if (!isRecord(metric)) return '{}';
  return serverText(`{${Object.entries(metric).map(([name, value]) => `${name}="${String(value)}"`).join(', ')}}`);
}

/**
 * Prometheus's HTTP API (and Thanos, Mimir, VictoriaMetrics): range queries over the window, one point per
 * interval, every series kept apart. https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries:
 * `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{...},"values":[[<unix time>,"<value>"]]}]}}`;
 * errors `{"status":"error","errorType":"bad_data","error":"..."}` with 400 (bad parameters), 422 (cannot be
 * executed), 503 (timed out or aborted).
 */
export function prometheusProvider(baseUrl: string, headers: Record<string, string>, cancel?: AbortSignal): CheckingProvider {
  const service = { name: 'Prometheus', input: 'prometheus-url' };
  const call = async (path: string, params: Record<string, string>, timeoutMs: number): Promise<unknown> => {
    const { status, body } = await getJson(`${baseUrl}${path}?${new URLSearchParams(params).toString()}`, headers, timeoutMs, service, cancel);
    if (!isRecord(body)) throw new ProviderError(`${describe(service)} answered HTTP ${status} with JSON that is not an API answer`, 'garbage');
    if (body.status === 'success' && status < 300) return body.data;
    const detail = `${serverText(body.errorType ?? 'error')}: ${serverText(body.error ?? 'no message')}`;
    if (status === 400 || status === 422) throw new ProviderError(`Prometheus answered HTTP ${status}: ${detail}`, 'query');
    if (status >= 500) throw new ProviderError(`${describe(service)} is failing: HTTP ${status}: ${detail}`, 'outage');
    throw new ProviderError(`${describe(service)} answered HTTP ${status}: ${detail}`, 'garbage');
  };
  return {
    async validate(query) {
      await call('/api/v1/query', { query }, REQUEST_TIMEOUT_MS);
    },
    async range(query, window, timeoutMs) {
      const data = await call('/api/v1/query_range', { query, start: String(window.start), end: String(window.end), step: `${window.stepSeconds}s` }, timeoutMs);
      if (!isRecord(data) || data.resultType !== 'matrix' || !Array.isArray(data.result)) {
        throw new ProviderError(`${describe(service)} answered a range query without a matrix`, 'garbage');
      }
      return data.result.map((entry: unknown): ProviderSeries => {
        const values = isRecord(entry) ? entry.values : undefined;
        if (!Array.isArray(values)) throw new ProviderError(`${describe(service)} answered a series without values`, 'garbage');
        const points = values.map((pair: unknown): [number, number] => {
          const value = Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'number' && Number.isFinite(pair[0]) ? promValue(pair[1]) : undefined;
          if (value === undefined) throw new ProviderError(`${describe(service)} answered a point that is not [time, "value"]: ${serverText(pair)}`, 'garbage');
          return [(pair as [number, string])[0], value];
        });
        return { labels: labelsOf(isRecord(entry) ? entry.metric : undefined), points };
      });
    },
  };
}

/**
 * Datadog's metrics query API, https://docs.datadoghq.com/api/latest/metrics/#query-timeseries-points
 * (GET /api/v1/query, from and to in seconds): `{"status":"ok","series":[{"pointlist":[[<ms>, <value or null>]],
 * "scope":"...","expression":"..."}]}`; errors `{"errors":["..."]}` with 400, 403, 429. The query should roll up by
 * the interval, e.g. `sum:trace.http.request.errors{version:{{target}}}.as_count().rollup(sum, {{interval_seconds}})`.
 */
export function datadogProvider(baseUrl: string, headers: Record<string, string>, cancel?: AbortSignal): CheckingProvider {
  const service = { name: 'Datadog', input: 'datadog-site' };
  const call = async (query: string, from: number, to: number, timeoutMs: number): Promise<unknown[]> => {
    const { status, body } = await getJson(`${baseUrl}/api/v1/query?${new URLSearchParams({ from: String(Math.floor(from)), to: String(Math.ceil(to)), query }).toString()}`, headers, timeoutMs, service, cancel);
    if (!isRecord(body)) throw new ProviderError(`${describe(service)} answered HTTP ${status} with JSON that is not an API answer`, 'garbage');
    if (status >= 400 || body.status === 'error') {
      const errors = Array.isArray(body.errors) ? body.errors.map(serverText).join('; ') : undefined;
      const detail = serverText(body.error ?? errors ?? 'no message');
      if (status >= 500) throw new ProviderError(`${describe(service)} is failing: HTTP ${status}: ${detail}`, 'outage');
      throw new ProviderError(`Datadog answered HTTP ${status}: ${detail}`, 'query');
    }
    if (body.series === undefined) return [];
    if (!Array.isArray(body.series)) throw new ProviderError(`${describe(service)} answered series that are not a list`, 'garbage');
    return body.series as unknown[];
  };
  return {
    async validate(query) {
      const now = Date.now() / 1000;
      await call(query, now - 300, now, REQUEST_TIMEOUT_MS);
    },
    async range(query, window, timeoutMs) {
      const series = await call(query, window.start - window.stepSeconds, window.end, timeoutMs);
      return series.map((entry): ProviderSeries => {
        const pointlist = isRecord(entry) ? entry.pointlist : undefined;
        if (!Array.isArray(pointlist)) throw new ProviderError(`${describe(service)} answered a series without a pointlist`, 'garbage');
        const points: [number, number][] = [];
        for (const pair of pointlist) {
          const good = Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'number' && Number.isFinite(pair[0]) && (pair[1] === null || typeof pair[1] === 'number');
          if (!good) throw new ProviderError(`${describe(service)} answered a point that is not [ms, value]: ${serverText(pair)}`, 'garbage');
          // null is Datadog's missing point: missing, never zero.
          if (pair[1] !== null) points.push([pair[0] / 1000, pair[1] as number]);
        }
        return { labels: serverText(isRecord(entry) ? (entry.scope ?? entry.expression ?? '') : ''), points };
      });
    },
  };
}

/** A JSON number, or a string that is exactly one; anything else (null, [], false, "") is not a count. */
function jsonNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Any HTTP endpoint answering JSON: the query is a URL, the metric's `path` a JSONPath (scripts disabled) to the
 * number of the last interval; each match is a series of one point at the end of the window.
 */
export function httpJsonProvider(headers: Record<string, string>, pathOf: (query: string) => { path: string; metric: string }, cancel?: AbortSignal): CheckingProvider {
  const read = async (url: string, timeoutMs: number): Promise<{ matches: unknown[]; service: Service; path: string; metric: string }> => {
    const { path, metric } = pathOf(url);
    const service = { name: `the endpoint ${new URL(url).origin}`, input: 'metrics' };
    const { status, body } = await getJson(url, headers, timeoutMs, service, cancel);
    if (status >= 500) throw new ProviderError(`${describe(service)} is failing: HTTP ${status}`, 'outage');
    if (status >= 400) throw new ProviderError(`${describe(service)} answered HTTP ${status}`, 'query');
    const matches = jsonPathPackage().JSONPath({ path, json: body as object, wrap: true, eval: false }) as unknown[];
    return { matches, service, path, metric };
  };
  return {
    async validate(url, where) {
      const { matches, service, path } = await read(url, REQUEST_TIMEOUT_MS);
      if (matches.length === 0) throw new ConfigurationError(`${where}: the JSONPath ${path} matches nothing in the answer of ${service.name}${new URL(url).pathname}`, { input: 'metrics' }, 'check the path against the endpoint’s JSON');
    },
    async range(url, window, timeoutMs) {
      const { matches, service, path, metric } = await read(url, timeoutMs);
      return matches.map((match, index): ProviderSeries => {
        const value = jsonNumber(match);
        if (value === undefined) throw new ProviderError(`metric '${metric}': the JSONPath ${path} found ${serverText(match) || '""'} at ${service.name}, not a number`, 'garbage');
        return { labels: `match ${index + 1}`, points: [[window.end, value]] };
      });
    },
  };
}

/**
 * The provider the options name, with every query checked once (all at a time) before the watch starts. `cancel`: a
 * SIGINT/SIGTERM (canary-release) ends every request, and Sentry's rate-limit waits, at once.
 */
export async function openProvider(options: CanaryWatchOptions, cancel?: AbortSignal): Promise<Provider> {
  const headers = { ...options.headers };
  if (options.basicAuth !== undefined) headers.Authorization = `Basic ${Buffer.from(options.basicAuth).toString('base64')}`;
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.sentry) headers.Authorization = `Bearer ${options.sentry.token}`;
  const queries: { query: string; where: string; path: string; metric: string }[] = [];
  for (const metric of options.metrics) {
    for (const field of ['errors', 'requests', 'query'] as const) {
      const query = metric[field];
      if (query === undefined) continue;
      for (const label of [options.canaryLabel, ...(options.baselineLabel !== undefined ? [options.baselineLabel] : [])]) {
        queries.push({ query: substitute(query, label, options.intervalMs), where: `metric '${metric.name}' ${field}`, path: metric.path, metric: metric.name });
      }
    }
  }
  const provider = chooseProvider(options, headers, queries, cancel);
  if (options.provider === 'http') {
    for (const { query, where } of queries) {
      if (!isHttpUrl(query)) throw new ConfigurationError(`${where}: '${query}' is not an http or https URL`, { input: 'metrics' }, 'with provider http every query is the URL of a JSON endpoint');
    }
  }
  await Promise.all(
    queries.map(async ({ query, where }) => {
      try {
        await provider.validate(query, where);
      } catch (error) {
        throw beforeWatching(error, where, query);
      }
    }),
  );
  return provider;
}

function chooseProvider(options: CanaryWatchOptions, headers: Record<string, string>, queries: { query: string; path: string; metric: string }[], cancel: AbortSignal | undefined): CheckingProvider {
  if (options.provider === 'prometheus') return prometheusProvider(options.prometheusUrl!, headers, cancel);
  if (options.provider === 'sentry') return sentryProvider(options.sentry!, headers, { canary: options.canaryLabel, ...(options.baselineLabel !== undefined ? { baseline: options.baselineLabel } : {}) }, cancel);
  if (options.provider === 'datadog') return datadogProvider(options.datadog!.url, { ...headers, 'DD-API-KEY': options.datadog!.apiKey, 'DD-APPLICATION-KEY': options.datadog!.appKey }, cancel);
  const paths = new Map(queries.map(({ query, path, metric }) => [query, { path, metric }]));
  return httpJsonProvider(headers, (url) => paths.get(url) ?? { path: '$', metric: url }, cancel);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Before the watch: a query the service rejects is the user's to fix; the service failing is the environment's. */
function beforeWatching(error: unknown, where: string, query: string): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  if (!(error instanceof ProviderError)) return error;
  if (error.failure === 'query') return new ConfigurationError(`${where}: ${error.message}`, { input: 'metrics' }, `the query was: ${query}`);
  return new EnvironmentError(`${where}: ${error.message}`);
}
