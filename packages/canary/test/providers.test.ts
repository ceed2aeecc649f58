import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError, parseConfig } from '@roadstop/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCanaryWatchOptions } from '../src/options.js';
import { openProvider } from '../src/providers.js';

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
    expect(await provider.range(`${url}/q?version=canary`, { start: 0, end: 60, stepSeconds: 60 })).toEqual([[60, 0.12]]);
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
  it('refuses to start watching when Prometheus cannot be reached, naming prometheus-url', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const options = resolveCanaryWatchOptions(parseConfig('', 'x.yml').section('canary-watch'), { 'prometheus-url': `http://127.0.0.1:${port}`, metrics: '- name: v\n  type: value\n  direction: higher-is-worse\n  query: up\n' }, '/w');
    const error = await openProvider(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).describe()).toBe(`input 'prometheus-url': cannot reach http://127.0.0.1:${port} (ECONNREFUSED) (is Prometheus up, and is the URL right?)`);
  });
});
