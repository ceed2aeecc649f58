import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@roadstop/testing';
import { validateResult } from '../../../packages/core/test/validate-result.js';
import { generateLoad, startCanaryApp } from '../../../packages/canary/test/canary-app.js';

// Five scenarios against a real Prometheus (Debian's /usr/bin/prometheus, started here on a free loopback port with
// its own config and data folder, never the system service) scraping a prom-client app every second.
const PROMETHEUS = '/usr/bin/prometheus';
const METRICS = `- name: error-rate
  type: error-rate
  errors: sum(increase(http_requests_total{version="{{target}}",code="500"}[{{interval}}]))
  requests: sum(increase(http_requests_total{version="{{target}}"}[{{interval}}]))
  alert: 1%
  rollback: 5%
- name: p95-latency
  type: latency
  query: histogram_quantile(0.95, sum by (le)(rate(http_request_duration_seconds_bucket{version="{{target}}"}[{{interval}}])))
  rollback: 45ms
  max-increase: 20%
`;

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

describe.skipIf(!existsSync(PROMETHEUS))('canary-watch against a real Prometheus', () => {
  let folder: string;
  let prometheus: ChildProcess | undefined;
  let prometheusUrl: string;
  let app: Awaited<ReturnType<typeof startCanaryApp>>;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'roadstop-canary-'));
    app = await startCanaryApp();
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    const target = app.url.replace('http://', '');
    await writeFile(join(folder, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: ['${target}']\n`);
    prometheus = spawn(PROMETHEUS, [`--config.file=${join(folder, 'prometheus.yml')}`, `--storage.tsdb.path=${join(folder, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const ready = await fetch(`${prometheusUrl}/-/ready`).then((response) => response.ok).catch(() => false);
      if (ready) break;
      await new Promise((done) => setTimeout(done, 200));
    }
  });

  afterAll(async () => {
    prometheus?.kill();
    await app?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const watch = (inputs: Record<string, string>) =>
    runAction({
      action: 'canary-watch',
      workspace: folder,
      inputs: { 'prometheus-url': prometheusUrl, interval: '2s', duration: '20s', 'baseline-label': 'baseline', metrics: METRICS, report: join(folder, 'canary-watch.json'), upload: 'never', ...inputs },
      timeoutMs: 60_000,
    });

  async function scenario(canary: { errorRate: number; latencyMs: number }, inputs: Record<string, string> = {}, versions: ('baseline' | 'canary')[] = ['baseline', 'canary']) {
    app.set('baseline', { errorRate: 0.005, latencyMs: 20 });
    app.set('canary', canary);
    const load = generateLoad(app.url, versions, 300);
    try {
      await new Promise((done) => setTimeout(done, 2500));
      return await watch(inputs);
    } finally {
      load.stop();
    }
  }

  it('healthy canary: promote', async () => {
    // 0.2% errors: the sequential judge confirms "under the 1% alert level" after ~1,700 requests (README's traffic
    // table), well inside the ~5,000 this 20 s watch at 300 req/s sees; at 0.5% it needs ~6,200, which it may not reach.
    const run = await scenario({ errorRate: 0.002, latencyMs: 20 });
    expect(run.outputs.decision, run.stdout).toBe('promote');
    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('Canary watch: promote');
    expect(run.summary).toContain('xychart-beta');
    expect(run.stdout).toMatch(/look 10\/10/);
    const result = JSON.parse(await readFile(join(folder, 'canary-watch.json'), 'utf8')) as { gate: string; checks: { name: string; status: string }[] };
    expect(validateResult(result)).toEqual([]);
    expect(result.checks.map((check) => [check.name, check.status])).toEqual([
      ['error-rate', 'pass'],
      ['p95-latency', 'pass'],
    ]);
  });

  it('error rate jumps to 8%: rollback within two intervals', async () => {
    const run = await scenario({ errorRate: 0.08, latencyMs: 20 });
    expect(run.outputs.decision, run.stdout).toBe('rollback');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).not.toMatch(/look 3\//);
    expect(run.summary).toContain('error-rate');
  });

  it('latency triples: rollback', async () => {
    const run = await scenario({ errorRate: 0.005, latencyMs: 60 });
    expect(run.outputs.decision, run.stdout).toBe('rollback');
    expect(run.summary).toMatch(/p95-latency.*fail/);
  });

  // Latency as Prometheus histograms give it: the requests slower than 50 ms (the count minus the le="0.05" bucket)
  // out of all, judged as counts with the same confidence sequences as the error rate.
  const BUCKETS = `- name: slow-requests
  type: latency
  slower: sum(increase(http_request_duration_seconds_count{version="{{target}}"}[{{interval}}])) - sum(increase(http_request_duration_seconds_bucket{version="{{target}}",le="0.05"}[{{interval}}]))
  requests: sum(increase(http_request_duration_seconds_count{version="{{target}}"}[{{interval}}]))
  threshold: 50ms
  rollback: 20%
`;

  it.each([
    { what: 'healthy: promote', latencyMs: 20, decision: 'promote', verdict: 'pass' },
    { what: 'latency triples: rollback', latencyMs: 60, decision: 'rollback', verdict: 'fail' },
  ])('latency from the histogram buckets, $what', async ({ latencyMs, decision, verdict }) => {
    const run = await scenario({ errorRate: 0.005, latencyMs }, { metrics: BUCKETS });
    expect(run.outputs.decision, run.stdout).toBe(decision);
    const result = JSON.parse(await readFile(join(folder, 'canary-watch.json'), 'utf8')) as { checks: { name: string; status: string }[] };
    expect(result.checks.map((check) => check.name)).toEqual(['slow-requests']);
    expect(run.summary).toMatch(new RegExp(`slow-requests.*${verdict}`));
  });

  it('no traffic to the canary: inconclusive, never promote', async () => {
    const run = await scenario({ errorRate: 0.005, latencyMs: 20 }, { duration: '10s' }, ['baseline']);
    expect(run.outputs.decision, run.stdout).toBe('inconclusive');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('warn');
  });

  it('a query Prometheus rejects stops before watching, with its error', async () => {
    const run = await watch({ metrics: '- name: bad\n  type: value\n  direction: higher-is-worse\n  query: sum(rate(x[\n' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr + run.stdout).toMatch(/metric 'bad' query: Prometheus answered HTTP 400: bad_data/);
    expect(run.stdout).not.toContain('look 1/');
  });

  it('Prometheus stopped mid-window: inconclusive after the error limit', async () => {
    const pending = scenario({ errorRate: 0.005, latencyMs: 20 }, { 'max-consecutive-errors': '2' });
    await new Promise((done) => setTimeout(done, 9000));
    prometheus?.kill();
    const run = await pending;
    expect(run.outputs.decision, run.stdout).toBe('inconclusive');
    expect(run.stdout).toMatch(/provider error 2 of 2/);
    expect(run.summary).toContain('on-provider-error: inconclusive');
  });
});

describe('canary-watch refuses a hostile metrics input before asking any provider', () => {
  const deep = 10_000;
  const bomb = ['- name: a', '  type: value', '  direction: higher-is-worse', '  query: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((name, index) => `  ${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(', ')}]`)].join('\n');
  it.each([
    ['a 10,000-deep flow list', `- ${'['.repeat(deep)}${']'.repeat(deep)}\n`, "input 'metrics': YAML nested more than 100 levels deep (a config, a metric list or a message is a few levels deep)"],
    ['a 10,000-deep flow map', `- name: v\n  query: ${'{a: '.repeat(deep)}1${'}'.repeat(deep)}\n`, "input 'metrics': YAML nested more than 100 levels deep (a config, a metric list or a message is a few levels deep)"],
    ['an alias bomb', `${bomb}\n`, "input 'metrics': YAML aliases are not supported: *a refers to an anchor (&a) elsewhere (write the value out where it is used)"],
  ])('%s: one located configuration error, not an internal one', async (_, metrics, message) => {
    const folder = await mkdtemp(join(tmpdir(), 'roadstop-canary-hostile-'));
    try {
      // A closed loopback port: reaching it would fail differently; the input must be refused first.
      const run = await runAction({ action: 'canary-watch', workspace: folder, inputs: { 'prometheus-url': 'http://127.0.0.1:9', interval: '2s', duration: '20s', metrics, upload: 'never' } });
      expect(run.exitCode).toBe(1);
      expect(run.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message)).toEqual([message]);
      expect(run.stdout + run.stderr).not.toMatch(/internal error|Maximum call stack|\n\s+at /);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
