import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError, EnvironmentError, parseConfig } from '@roadstop/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCanaryWatchOptions } from '../src/options.js';
import { httpJsonProvider, openProvider, prometheusProvider, ProviderError } from '../src/providers.js';

describe('the http JSON provider', () => {
  let server: Server;
  let url: string;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      const version = new URL(req.url ?? '/', 'http://x').searchParams.get('version');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { [version ?? 'none']: { errors: 3, requests: 300, p95: 0.12 } } }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const options = (path: string) =>
    resolveCanaryWatchOptions(
      parseConfig('', 'x.yml').section('canary-watch'),
      { provider: 'http', token: 's3cret-token', 'http-headers': 'X-Team: web', 'baseline-label': 'stable', metrics: `- name: p95\n  type: latency\n  query: ${url}/q?version={{target}}\n  path: ${path}\n` },
      '/w',
    );

  it('reads the number at the JSONPath, per target, with the headers and the token', async () => {
    const provider = await openProvider(options('$.data.*.p95'));
    expect(await provider.range(`${url}/q?version=canary`, { start: 0, end: 60, stepSeconds: 60 }, 1000)).toEqual([{ labels: 'match 1', points: [[60, 0.12]] }]);
    expect(seen.at(-1)).toMatchObject({ authorization: 'Bearer s3cret-token', 'x-team': 'web' });
  });

  it('refuses a JSONPath that matches nothing before watching', async () => {
    const error = await openProvider(options('$.data.canary.p99')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).describe()).toMatch(/the JSONPath \$\.data\.canary\.p99 matches nothing/);
    expect((error as ConfigurationError).describe()).not.toContain('s3cret');
  });
});

describe('the Prometheus provider', () => {
  it('refuses to start watching when Prometheus cannot be reached: the environment, naming prometheus-url', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const options = resolveCanaryWatchOptions(parseConfig('', 'x.yml').section('canary-watch'), { 'prometheus-url': `http://127.0.0.1:${port}`, metrics: '- name: v\n  type: value\n  direction: higher-is-worse\n  query: up\n' }, '/w');
    const error = await openProvider(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as EnvironmentError).message).toBe(`metric 'v' query: cannot reach Prometheus (prometheus-url) at http://127.0.0.1:${port} (ECONNREFUSED)`);
  });
});

describe('the Datadog provider', () => {
  let server: Server;
  let url: string;
  const seen: { headers: IncomingHttpHeaders; query: string | null }[] = [];

  beforeAll(async () => {
    // Datadog's v1 query API as its documentation shows it: pointlist of [ms, value], or status error with its message.
    server = createServer((req, res) => {
      const params = new URL(req.url ?? '/', 'http://x').searchParams;
      const query = params.get('query');
      seen.push({ headers: req.headers, query });
      if (query?.includes('bad(')) return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: ["Error parsing query: unable to parse bad(: Rule 'scope_expr' didn't match"] }));
      const to = Number(params.get('to'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', series: [{ pointlist: [[(to - 60) * 1000, 2], [to * 1000, 3]] }, { pointlist: [[(to - 60) * 1000, null], [to * 1000, 1]] }] }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const options = (query: string) =>
    resolveCanaryWatchOptions(
      parseConfig('', 'x.yml').section('canary-watch'),
      { provider: 'datadog', 'datadog-site': url, 'datadog-api-key': 'api-key-123', 'datadog-app-key': 'app-key-456', metrics: `- name: hits\n  type: value\n  direction: higher-is-worse\n  query: ${query}\n` },
      '/w',
    );

  it('sends the keys, rolls up by the interval, and keeps the series apart (null is missing)', async () => {
    const provider = await openProvider(options('sum:hits{version:{{target}}}.rollup(sum, {{interval_seconds}})'));
    expect(seen.at(-1)).toMatchObject({ headers: { 'dd-api-key': 'api-key-123', 'dd-application-key': 'app-key-456' }, query: 'sum:hits{version:canary}.rollup(sum, 60)' });
    expect(await provider.range('q', { start: 60, end: 120, stepSeconds: 60 }, 1000)).toEqual([
      { labels: '', points: [[60, 2], [120, 3]] },
      { labels: '', points: [[120, 1]] },
    ]);
  });

  it.each([
    { inputs: { 'datadog-app-key': '' }, error: "input 'datadog-app-key': provider datadog needs datadog-api-key and datadog-app-key" },
    { inputs: { 'datadog-site': 'ftp://x' }, error: "input 'datadog-site': 'ftp://x' is not an http or https URL" },
  ])('$error', ({ inputs, error }) => {
    expect(() => resolveCanaryWatchOptions(parseConfig('', 'x.yml').section('canary-watch'), { provider: 'datadog', 'datadog-api-key': 'a', 'datadog-app-key': 'b', metrics: '- name: v\n  type: value\n  direction: higher-is-worse\n  query: q\n', ...inputs }, '/w')).toThrow(error.replace(/^input '[^']+': /, ''));
  });

  it('shows the error Datadog gives for a query it rejects, before watching', async () => {
    const error = await openProvider(options('bad(')).catch((caught: unknown) => caught);
    expect((error as ConfigurationError).describe()).toMatch(/^input 'metrics': metric 'hits' query: Datadog answered HTTP 400: Error parsing query: unable to parse bad\(/);
  });
});

describe('what a provider accepts from a server', () => {
  let server: Server;
  let other: Server;
  let url: string;
  let otherUrl: string;
  let answer: (path: string) => { status?: number; headers?: Record<string, string>; body: string } = () => ({ body: '{}' });
  const otherSeen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const { status, headers, body } = answer(req.url ?? '/');
      res.writeHead(status ?? 200, { 'content-type': 'application/json', ...headers }).end(body);
    });
    other = createServer((req, res) => {
      otherSeen.push(req.headers);
      res.writeHead(200).end('{}');
    });
    await Promise.all([new Promise<void>((done) => server.listen(0, '127.0.0.1', done)), new Promise<void>((done) => other.listen(0, '127.0.0.1', done))]);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
  });
  afterAll(() => Promise.all([new Promise<void>((done) => server.close(() => done())), new Promise<void>((done) => other.close(() => done()))]));

  const window = { start: 60, end: 120, stepSeconds: 60 };
  const matrix = (values: unknown[]) => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { pod: 'a' }, values }] } });

  it('reads Prometheus’s NaN, +Inf and -Inf as such, to be judged by the watch, not dropped', async () => {
    answer = () => ({ body: matrix([[60, 'NaN'], [120, '+Inf'], [180, '-Inf'], [240, '1.5e2']]) });
    const [series] = await prometheusProvider(url, {}).range('q', window, 1000);
    expect(series).toEqual({ labels: '{pod="a"}', points: [[60, Number.NaN], [120, Number.POSITIVE_INFINITY], [180, Number.NEGATIVE_INFINITY], [240, 150]] });
  });

  it.each([
    { name: 'a value that is not a number', body: matrix([[60, 'lots']]), error: /answered a point that is not \[time, "value"\]/ },
    { name: 'a number where Prometheus writes a string', body: matrix([[60, 3]]), error: /answered a point that is not \[time, "value"\]/ },
    { name: 'a vector for a range query', body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }), error: /without a matrix/ },
    { name: 'a body past 8 MB', body: `"${'x'.repeat(9 * 1024 * 1024)}"`, error: /answered more than 8 MB/ },
  ])('refuses $name as garbage', async ({ body, error }) => {
    answer = () => ({ body });
    const caught = (await prometheusProvider(url, {}).range('q', window, 5000).catch((thrown: unknown) => thrown)) as ProviderError;
    expect(caught).toBeInstanceOf(ProviderError);
    expect([caught.failure, caught.message]).toEqual(['garbage', expect.stringMatching(error)]);
  });

  it('follows a redirect within the origin with the headers, and refuses one to another origin without sending them', async () => {
    answer = (path) => (path.startsWith('/old') ? { status: 308, headers: { location: path.slice(4) }, body: '' } : { body: matrix([[60, '1']]) });
    expect(await prometheusProvider(`${url}/old`, { 'X-Api-Key': 'k-1234' }).range('q', window, 1000)).toHaveLength(1);
    answer = () => ({ status: 302, headers: { location: `${otherUrl}/api/v1/query_range` }, body: '' });
    const caught = (await prometheusProvider(url, { 'X-Api-Key': 'k-1234' }).range('q', window, 1000).catch((thrown: unknown) => thrown)) as ProviderError;
    expect([caught.failure, caught.message]).toEqual(['redirect', expect.stringContaining(`Prometheus (prometheus-url) redirected to another origin, ${otherUrl}: refused`)]);
    expect(otherSeen).toEqual([]);
  });

  it.each([null, [], false, '', '12abc', { n: 1 }])('the http provider refuses %j as a count', async (value) => {
    answer = () => ({ body: JSON.stringify({ value }) });
    const provider = httpJsonProvider({}, () => ({ path: '$.value', metric: 'errors' }));
    const caught = (await provider.range(`${url}/m`, window, 1000).catch((thrown: unknown) => thrown)) as ProviderError;
    expect([caught.failure, caught.message]).toEqual(['garbage', expect.stringMatching(/^metric 'errors': the JSONPath \$\.value found .* not a number$/)]);
  });

  it('the http provider takes every match as a series, and a numeric string as a number', async () => {
    answer = () => ({ body: JSON.stringify({ pods: [{ v: 3 }, { v: ' 4 ' }] }) });
    const provider = httpJsonProvider({}, () => ({ path: '$.pods[*].v', metric: 'errors' }));
    expect(await provider.range(`${url}/m`, window, 1000)).toEqual([
      { labels: 'match 1', points: [[120, 3]] },
      { labels: 'match 2', points: [[120, 4]] },
    ]);
  });
});
