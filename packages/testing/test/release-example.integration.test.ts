import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startFakeSlack, type FakeSlack } from '../src/slack-fake.js';
import { callerRepository, cleanUpPublished, git, roadstopRelease, runLocalJob, type LocalJob } from '../src/workflows/index.js';

// examples/workflows/release.yml's canary job, run the first time on a repository made from examples/webapp (issue
// 18 item 5): the release's stamped release.yml calls canary.yml at the release's commit, and the local job runner
// runs its ramp job with the caller's `with:` and `secrets: inherit` (the environment's CLOUD_API_KEY, the
// repository's SLACK_BOT_TOKEN) over the built dist/canary-release. What cannot be real here is substituted, and
// only that: the example's scripts/deploy.sh is a stub in the caller's repository that records its calls (a real one
// would call the hosting service); the example's Prometheus and Slack are stand-ins on loopback (prometheus-url and
// slack-api-url replaced; the Slack fake has the example's channel C0123456789); and the example config's 10-minute
// watches are shortened to 4 s (three looks, the latency metric's minimum).

/**
 * Prometheus's range query as its HTTP API documents it (https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries):
 * `GET /api/v1/query_range?query=&start=&end=&step=` → `{ "status": "success", "data": { "resultType": "matrix",
 * "result": [{ "metric": {…}, "values": [[<unix time>, "<value>"], …] }] } }`, and the instant query
 * (#instant-queries) `GET /api/v1/query?query=&time=` → `"resultType": "vector"`, `"value": [<unix time>, "<value>"]`; an error is `{ "status": "error",
 * "errorType": …, "error": … }` with its HTTP status. The example config's queries: errors (code=~"5.."), requests,
 * and the p95 latency in seconds; `broken` gives the canary one error in five.
 */
function prometheusStandIn(state: { broken: boolean; status?: number }): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (state.status !== undefined) {
      res.writeHead(state.status, { 'content-type': 'application/json', ...(state.status === 429 ? { 'retry-after': '1' } : {}) }).end(JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'stand-in refusal' }));
      return;
    }
    if (url.pathname !== '/api/v1/query_range' && url.pathname !== '/api/v1/query') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'not_found', error: `no ${url.pathname}` }));
      return;
    }
    const query = url.searchParams.get('query') ?? '';
    const canary = /version="canary"/.test(query);
    const value = query.includes('histogram_quantile') ? 0.08 : query.includes('code=~') ? (canary && state.broken ? 1000 : 5) : 5000;
    if (url.pathname === '/api/v1/query') {
      const time = Number(url.searchParams.get('time')) || Date.now() / 1000;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [time, String(value)] }] } }));
      return;
    }
    const values: [number, string][] = [];
    for (let t = Number(url.searchParams.get('start')); t <= Number(url.searchParams.get('end')) + 1e-9; t += Number(url.searchParams.get('step')) || 1) values.push([t, String(value)]);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } }));
  });
}

describe('examples/workflows/release.yml, its canary job on a repository made from examples/webapp', () => {
  const state: { broken: boolean; status?: number } = { broken: false };
  let prometheus: Server;
  let prometheusUrl: string;
  let slack: FakeSlack;
  let folder: string;
  beforeAll(async () => {
    prometheus = prometheusStandIn(state);
    await new Promise<void>((done) => prometheus.listen(0, '127.0.0.1', done));
    prometheusUrl = `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}`;
    slack = await startFakeSlack();
    slack.addChannel('releases', { id: 'C0123456789', member: true });
    folder = await mkdtemp(join(tmpdir(), 'roadstop-release-example-'));
  }, 120_000);
  afterAll(async () => {
    await new Promise<void>((done) => prometheus?.close(() => done()));
    await slack?.close();
    await cleanUpPublished();
    await rm(folder, { recursive: true, force: true });
  });

  const run = async (calls: string): Promise<{ job: LocalJob; uses: string }> => {
    const { published, sha, repositories } = await roadstopRelease();
    const stamped = await git(published.gitDir, 'show', `${sha}:examples/workflows/release.yml`);
    const canary = (parse(stamped) as { jobs: { canary: { uses: string; with: Record<string, string>; secrets: unknown } } }).jobs.canary;
    expect(canary.secrets).toBe('inherit');
    // The stub deploy.sh: records its arguments, the weight the action gave and the environment's secret it got.
    const stub = `#!/usr/bin/env bash\nset -euo pipefail\necho "deploy.sh $* weight=\${CANARY_WEIGHT:-} key=\${CLOUD_API_KEY:-none}" >> '${calls}'\n`;
    const caller = await callerRepository({ '.github/workflows/release.yml': stamped, 'scripts/deploy.sh': stub });
    await chmod(join(caller, 'scripts/deploy.sh'), 0o755);
    await git(caller, 'add', 'scripts/deploy.sh');
    await git(caller, 'commit', '-q', '-m', 'deploy.sh executable');
    const workspace = await mkdtemp(join(folder, 'workspace-'));
    await rm(workspace, { recursive: true });
    await git(tmpdir(), 'clone', '-q', caller, workspace);
    const job = await runLocalJob({
      workflow: canary.uses,
      repositories,
      job: 'ramp',
      workspace,
      inputs: { ...canary.with, 'prometheus-url': prometheusUrl, 'slack-api-url': slack.apiUrl, interval: '1s', duration: '4s' },
      inheritSecrets: true,
      secrets: { SLACK_BOT_TOKEN: slack.token },
      environmentSecrets: { CLOUD_API_KEY: 'cloud-key-of-production' },
      needs: { gates: { result: 'success', outputs: {} } },
    });
    return { job, uses: canary.uses };
  };
  const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');

  it('a healthy canary: ramped 10 → 25 → 50 → 100 by the example’s deploy.sh, promoted, Slack told in one message', async () => {
    state.broken = false;
    const calls = join(folder, 'healthy.log');
    await writeFile(calls, '');
    const { job, uses } = await run(calls);
    const release = job.steps.find((each) => each.name === 'Canary release')!;
    expect(uses).toMatch(/^acme\/roadstop\/\.github\/workflows\/canary\.yml@[0-9a-f]{40}$/);
    expect(release.note).toMatch(/^acme\/roadstop\/actions\/canary-release at [0-9a-f]{40}$/);
    expect(job.result, release.stdout + release.stderr).toBe('success');
    expect(job.outputs).toEqual({ decision: 'promote', weight: '100' });
    expect(await lines(calls)).toEqual([
      'deploy.sh --canary 10 weight=10 key=cloud-key-of-production',
      'deploy.sh --canary 25 weight=25 key=cloud-key-of-production',
      'deploy.sh --canary 50 weight=50 key=cloud-key-of-production',
      'deploy.sh --canary 100 weight=100 key=cloud-key-of-production',
      'deploy.sh --promote weight= key=cloud-key-of-production',
    ]);
    expect(job.summary).toMatch(/\| 4 \| 100% \| canary vs stable \| promote \|/);
    const parents = slack.parents('C0123456789');
    expect(parents).toHaveLength(1);
    expect(slack.render(parents[0]!.revisions.at(-1)!).text).toMatch(/deployed to production/);
    expect(job.steps.flatMap((each) => [each.stdout, each.stderr]).join('\n')).not.toContain('cloud-key-of-production');
  }, 180_000);

  it('a broken canary: rolled back at its first step by the example’s rollback command', async () => {
    state.broken = true;
    const calls = join(folder, 'broken.log');
    await writeFile(calls, '');
    const { job } = await run(calls);
    expect(job.result).toBe('failure');
    expect(job.outputs).toEqual({ decision: 'rollback', weight: '0' });
    expect(await lines(calls)).toEqual(['deploy.sh --canary 10 weight=10 key=cloud-key-of-production', 'deploy.sh --canary 0 weight=0 key=cloud-key-of-production']);
  }, 180_000);

  it('Prometheus down (503) from the first look: inconclusive, rolled back, never a pass', async () => {
    state.broken = false;
    state.status = 503;
    try {
      const calls = join(folder, 'down.log');
      await writeFile(calls, '');
      const { job } = await run(calls);
      expect(job.result).toBe('failure');
      expect(job.outputs.weight).toBe('0');
      expect(job.outputs.decision).toMatch(/^(inconclusive|rollback)$/);
      expect(await lines(calls)).toEqual(['deploy.sh --canary 10 weight=10 key=cloud-key-of-production', 'deploy.sh --canary 0 weight=0 key=cloud-key-of-production']);
    } finally {
      delete state.status;
    }
  }, 180_000);
});
