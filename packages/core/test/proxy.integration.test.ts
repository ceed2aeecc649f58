import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, startFakeGitHub, startForwardProxy, workflowCommands, type ActionRun, type FakeGitHub, type ForwardProxy } from '@roadstop/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/*
 * edgeFetch wired into every client, through the built actions: GitHub
 * (pr-staging-comment's Octokit) and a canary provider (canary-watch against
 * the real Prometheus) go through the proxy HTTPS_PROXY/HTTP_PROXY name, and
 * neither carries its token or a custom header across a redirect to another
 * origin. Slack's are in actions/slack-notify/test/slack-notify.hostile.integration.test.ts.
 */

const TOKEN = 'ghs_proxyTestToken0123456789abcdef';
const PROMETHEUS = '/usr/bin/prometheus';

interface Recorder {
  url: string;
  seen: { method: string; path: string; headers: IncomingHttpHeaders }[];
  server: Server;
}

/** A server that notes every request and answers each the same. */
async function record(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => res.writeHead(status, headers).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

/** A server on another origin that redirects every request, path and query kept, to `target`. */
function redirectTo(target: string, status = 307): Promise<Recorder> {
  return record(status, '', {}).then((recorder) => {
    recorder.server.removeAllListeners('request');
    recorder.server.on('request', (req, res) => {
      recorder.seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
      req.resume();
      req.on('end', () => res.writeHead(status, { location: `${target}${req.url ?? '/'}` }).end());
    });
    return recorder;
  });
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
const closing = <T extends { server: Server } | ForwardProxy | FakeGitHub>(thing: T): T => {
  closers.push(() =>
    'server' in thing
      ? new Promise((resolve) => {
          thing.server.closeAllConnections();
          thing.server.close(resolve);
        })
      : thing.close(),
  );
  return thing;
};

function expectNoStrayCommands(outcome: ActionRun) {
  expect(workflowCommands(outcome.stdout).filter((name) => !['add-mask', 'error', 'warning', 'notice', 'debug'].includes(name))).toEqual([]);
  expect(outcome.stdout + outcome.stderr).not.toMatch(/\n\s+at /);
}

describe('GitHub through the built pr-staging-comment', () => {
  let workspace: string;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'roadstop-proxy-github-'));
  });

  const comment = (apiUrl: string, env: Record<string, string> = {}) =>
    runAction({
      action: 'pr-staging-comment',
      workspace,
      inputs: { url: 'https://pr-7.preview.example.com/' },
      event: { action: 'synchronize', repository: { full_name: 'octo-org/webapp' }, pull_request: { number: 7, base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: 'octo-org/webapp' } }, head: { sha: 'c'.repeat(40), ref: 'feature', repo: { full_name: 'octo-org/webapp' } } } },
      eventName: 'pull_request',
      githubToken: TOKEN,
      env: { GITHUB_API_URL: apiUrl, GITHUB_WORKFLOW: 'ci', GITHUB_JOB: 'test', ...env },
    });

  it.each([
    ['HTTPS_PROXY and HTTP_PROXY', (proxy: string) => ({ HTTPS_PROXY: proxy, HTTP_PROXY: proxy })],
    ['https_proxy and http_proxy', (proxy: string) => ({ https_proxy: proxy, http_proxy: proxy })],
  ])('Octokit goes through the proxy %s name', async (_case, env) => {
    const github = closing(await startFakeGitHub());
    const proxy = closing(await startForwardProxy());
    const outcome = await comment(github.url, env(proxy.url));
    expect(outcome.annotations.filter((item) => item.level === 'error'), outcome.stdout).toEqual([]);
    expect(github.comments(7).filter((item) => item.body.includes('roadstop:pr-staging-comment'))).toHaveLength(1);
    const host = new URL(github.url).host;
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.every((request) => request.target.includes(host))).toBe(true);
  });

  it('a redirect to another origin gets no token: GitHub is named with its status, once', async () => {
    const elsewhere = closing(await record(401, JSON.stringify({ message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' })));
    const redirector = closing(await redirectTo(elsewhere.url));
    const outcome = await comment(redirector.url);
    expect(elsewhere.seen.length).toBeGreaterThan(0);
    for (const request of elsewhere.seen) expect(request.headers.authorization).toBeUndefined();
    expect(redirector.seen[0]!.headers.authorization).toBe(`token ${TOKEN}`);
    expectNoStrayCommands(outcome);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.annotations.filter((item) => item.level === 'error').map((item) => item.message)).toEqual([expect.stringMatching(/GitHub refused .*\(401\)/)]);
    expect(outcome.stdout.replace(/^::add-mask::.*$/gm, '') + outcome.summary).not.toContain(TOKEN);
  });
});

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

describe.skipIf(!existsSync(PROMETHEUS))('a canary provider through the built canary-watch (the real Prometheus)', () => {
  let folder: string;
  let prometheus: ChildProcess | undefined;
  let prometheusUrl: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'roadstop-proxy-canary-'));
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    await writeFile(join(folder, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');
    prometheus = spawn(PROMETHEUS, [`--config.file=${join(folder, 'prometheus.yml')}`, `--storage.tsdb.path=${join(folder, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${prometheusUrl}/-/ready`).then((response) => response.ok).catch(() => false)) break;
      await new Promise((done) => setTimeout(done, 200));
    }
  });
  afterAll(async () => {
    prometheus?.kill();
    await rm(folder, { recursive: true, force: true });
  });

  // A query Prometheus refuses: the provider's first request (validation) answers, and the step stops there.
  const BAD_QUERY = '- name: bad\n  type: value\n  direction: higher-is-worse\n  query: sum(rate(x[\n';
  const watch = (url: string, env: Record<string, string> = {}) =>
    runAction({
      action: 'canary-watch',
      workspace: folder,
      inputs: { 'prometheus-url': url, token: TOKEN, 'http-headers': 'X-Scope-OrgID: tenant-secret-42', interval: '1s', duration: '2s', 'baseline-label': 'baseline', metrics: BAD_QUERY, report: join(folder, 'canary-watch.json'), upload: 'never' },
      env,
      timeoutMs: 60_000,
    });

  it('Prometheus is asked through the proxy HTTP_PROXY names, and answers', async () => {
    const proxy = closing(await startForwardProxy());
    const outcome = await watch(prometheusUrl, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stderr + outcome.stdout).toMatch(/metric 'bad' query: Prometheus answered HTTP 400: bad_data/);
    expect(proxy.seen.map((request) => request.target)).toEqual(expect.arrayContaining([expect.stringContaining(new URL(prometheusUrl).host)]));
    expectNoStrayCommands(outcome);
  });

  it('a redirect to another origin is refused: neither the token nor the custom header, nor any request, goes there', async () => {
    const elsewhere = closing(await record(400, JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'refused' })));
    const redirector = closing(await redirectTo(elsewhere.url));
    const outcome = await watch(redirector.url);
    expect(redirector.seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(redirector.seen[0]!.headers['x-scope-orgid']).toBe('tenant-secret-42');
    // canary-watch follows redirects within the origin only (providers.ts): edgeFetch would strip the headers, the provider refuses outright.
    expect(elsewhere.seen).toEqual([]);
    expect(outcome.stdout).toMatch(/redirected to another origin/);
    expectNoStrayCommands(outcome);
    expect(outcome.stdout + outcome.stderr).not.toMatch(/internal error/);
  });
});
