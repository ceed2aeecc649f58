import { JSONPath } from 'jsonpath-plus';
import { ConfigurationError, edgeFetch } from '@roadstop/core';
import type { CanaryWatchOptions } from './options.js';
import { substitute, type Provider, type Series } from './watch.js';

const TIMEOUT_MS = 10_000;

/** A provider's failure while watching: counted toward max-consecutive-errors, never a pass. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
}

async function getJson(url: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await edgeFetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ProviderError(`cannot reach ${new URL(url).origin} (${cause?.code ?? cause?.message ?? (error as Error).message})`);
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    throw new ProviderError(`${new URL(url).origin} answered HTTP ${response.status} with something that is not JSON`);
  }
}

/** Prometheus's HTTP API (and Thanos, Mimir, VictoriaMetrics): range queries over the window, one point per interval. */
export function prometheusProvider(baseUrl: string, headers: Record<string, string>): Provider & { validate(query: string, where: string): Promise<void> } {
  const call = async (path: string, params: Record<string, string>): Promise<unknown> => {
    const { status, body } = await getJson(`${baseUrl}${path}?${new URLSearchParams(params).toString()}`, headers);
    const record = body as { status?: string; error?: string; errorType?: string; data?: unknown };
    if (record.status !== 'success') throw new ProviderError(`Prometheus answered HTTP ${status}: ${record.errorType ?? 'error'}: ${record.error ?? 'no message'}`);
    return record.data;
  };
  return {
    async validate(query, where) {
      try {
        await call('/api/v1/query', { query });
      } catch (error) {
        const message = (error as Error).message;
        if (message.startsWith('cannot reach')) throw new ConfigurationError(message, { input: 'prometheus-url' }, 'is Prometheus up, and is the URL right?');
        throw new ConfigurationError(`${where}: ${message}`, { input: 'metrics' }, `the query was: ${query}`);
      }
    },
    async range(query, window) {
      const data = (await call('/api/v1/query_range', { query, start: String(window.start), end: String(window.end), step: `${window.stepSeconds}s` })) as { result?: { values?: [number, string][] }[] };
      // Several series (a query without sum) add up per timestamp.
      const sums = new Map<number, number>();
      for (const series of data.result ?? []) {
        for (const [t, value] of series.values ?? []) {
          const number = Number(value);
          if (Number.isFinite(number)) sums.set(t, (sums.get(t) ?? 0) + number);
        }
      }
      return [...sums.entries()].sort((a, b) => a[0] - b[0]);
    },
  };
}

/**
 * Datadog's metrics query API (v1 /api/v1/query, from and to in seconds): the query should roll up by the
 * interval, e.g. `sum:trace.http.request.errors{version:{{target}}}.as_count().rollup(sum, {{interval_seconds}})`.
 */
export function datadogProvider(baseUrl: string, headers: Record<string, string>): Provider & { validate(query: string, where: string): Promise<void> } {
  const call = async (query: string, from: number, to: number) => {
    const { status, body } = await getJson(`${baseUrl}/api/v1/query?${new URLSearchParams({ from: String(Math.floor(from)), to: String(Math.ceil(to)), query }).toString()}`, headers);
    const record = body as { status?: string; error?: string; errors?: string[]; series?: { pointlist?: [number, number | null][] }[] };
    if (status >= 400 || record.status === 'error') throw new ProviderError(`Datadog answered HTTP ${status}: ${record.error ?? record.errors?.join('; ') ?? 'no message'}`);
    return record.series ?? [];
  };
  return {
    async validate(query, where) {
      const now = Date.now() / 1000;
      try {
        await call(query, now - 300, now);
      } catch (error) {
        throw new ConfigurationError(`${where}: ${(error as Error).message}`, { input: 'metrics' }, `the query was: ${query}`);
      }
    },
    async range(query, window) {
      const sums = new Map<number, number>();
      for (const series of await call(query, window.start - window.stepSeconds, window.end)) {
        for (const [ms, value] of series.pointlist ?? []) {
          if (value !== null && Number.isFinite(value)) sums.set(ms / 1000, (sums.get(ms / 1000) ?? 0) + value);
        }
      }
      return [...sums.entries()].sort((a, b) => a[0] - b[0]);
    },
  };
}

/** Any HTTP endpoint answering JSON: the query is a URL, the metric's `path` a JSONPath to the number of the last interval. */
export function httpJsonProvider(headers: Record<string, string>, pathOf: (query: string) => string): Provider & { validate(url: string, where: string): Promise<void> } {
  const read = async (url: string): Promise<number> => {
    const { status, body } = await getJson(url, headers);
    if (status >= 400) throw new ProviderError(`${new URL(url).origin} answered HTTP ${status}`);
    const path = pathOf(url);
    const found = JSONPath({ path, json: body as object, wrap: true }) as unknown[];
    if (found.length === 0) throw new ConfigurationError(`the JSONPath ${path} matches nothing in the answer of ${new URL(url).origin}${new URL(url).pathname}`, { input: 'metrics' }, 'check the path against the endpoint’s JSON');
    const value = Number(found[0]);
    if (!Number.isFinite(value)) throw new ProviderError(`the JSONPath ${path} found ${JSON.stringify(found[0])}, not a number`);
    return value;
  };
  return {
    async validate(url) {
      await read(url);
    },
    async range(url, window): Promise<Series> {
      return [[window.end, await read(url)]];
    },
  };
}

/** The provider the options name, with every query checked once before the watch starts. */
export async function openProvider(options: CanaryWatchOptions): Promise<Provider> {
  const headers = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const queries: { query: string; where: string; path: string }[] = [];
  for (const metric of options.metrics) {
    for (const field of ['errors', 'requests', 'query'] as const) {
      const query = metric[field];
      if (query === undefined) continue;
      for (const label of [options.canaryLabel, ...(options.baselineLabel !== undefined ? [options.baselineLabel] : [])]) {
        queries.push({ query: substitute(query, label, options.intervalMs), where: `metric '${metric.name}' ${field}`, path: metric.path });
      }
    }
  }
  if (options.provider === 'prometheus' || options.provider === 'datadog') {
    const provider =
      options.provider === 'prometheus'
        ? prometheusProvider(options.prometheusUrl!, headers)
        : datadogProvider(options.datadog!.url, { ...headers, 'DD-API-KEY': options.datadog!.apiKey, 'DD-APPLICATION-KEY': options.datadog!.appKey });
    for (const { query, where } of queries) {
      try {
        await provider.validate(query, where);
      } catch (error) {
        if (error instanceof ProviderError) throw new ConfigurationError(`${where}: ${error.message}`, { input: options.provider === 'prometheus' ? 'prometheus-url' : 'datadog-site' });
        throw error;
      }
    }
    return provider;
  }
  const paths = new Map(queries.map(({ query, path }) => [query, path]));
  const provider = httpJsonProvider(headers, (url) => paths.get(url) ?? '$');
  for (const { query, where } of queries) {
    try {
      new URL(query);
    } catch {
      throw new ConfigurationError(`${where}: '${query}' is not a URL`, { input: 'metrics' }, 'with provider http every query is the URL of a JSON endpoint');
    }
    try {
      await provider.validate(query, where);
    } catch (error) {
      if (error instanceof ProviderError) throw new ConfigurationError(`${where}: ${error.message}`, { input: 'metrics' });
      throw error;
    }
  }
  return provider;
}
