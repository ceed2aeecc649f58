import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rec, startReplayServer, type ReplayServer } from '@roadstop/testing';
import { readRunnerContext } from '@roadstop/core';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireBaseline } from '../src/baseline-source.js';
import { downloadBaselineResult } from '../src/artifact-store.js';
import { acquireChanges } from '../src/changes.js';
import { createGitHubClient } from '../src/client.js';
import { describeGitHubError } from '../src/errors.js';
import { NETWORK_BUDGET_ENV, NetworkBudgetError, startNetworkBudget } from '../src/network-budget.js';
import { HEAD_SHA, TOKEN, testClient } from './scenario.js';

/**
 * A server that accepts every connection and never answers: the case a
 * request timeout exists for. Optionally sends headers and then stalls.
 */
async function startSilentServer(mode: 'no-answer' | 'stall-body' = 'no-answer'): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (mode === 'stall-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id": 1');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  delete process.env[NETWORK_BUDGET_ENV];
});

async function silent(mode?: 'no-answer' | 'stall-body') {
  const server = await startSilentServer(mode);
  closers.push(() => server.close());
  return server;
}

async function replay(...args: Parameters<typeof startReplayServer>): Promise<ReplayServer> {
  const server = await startReplayServer(...args);
  closers.push(() => server.close());
  return server;
}

const elapsed = (start: number) => Date.now() - start;

describe('request deadlines', () => {
  it.each([
    { mode: 'no-answer' as const, what: 'no headers' },
    { mode: 'stall-body' as const, what: 'headers, then a body that never ends' },
  ])('abandons a request that gets $what after requestTimeoutMs, retries, then says which request', async ({ mode }) => {
    const server = await silent(mode);
    const logs: string[] = [];
    const octokit = createGitHubClient({ token: TOKEN, baseUrl: server.url, requestTimeoutMs: 150, maxRetries: 2, log: (line) => logs.push(line) });
    const start = Date.now();
    const error = await octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' }).catch((e: unknown) => e);
    expect(elapsed(start)).toBeLessThan(3000);
    expect(server.hits).toHaveLength(3);
    expect(logs).toEqual([
      'GitHub did not answer GET /repos/octo-org/webapp within 150 ms; retry 1 of 2',
      'GitHub did not answer GET /repos/octo-org/webapp within 150 ms; retry 2 of 2',
    ]);
    expect(describeGitHubError(error, 'reading the repository')).toBe(
      'GitHub did not answer GET /repos/octo-org/webapp within 150 ms while reading the repository, nor on its retries; run the job again later',
    );
  });

  it('stops the request in flight when the budget runs out, and names it', async () => {
    const server = await silent();
    const octokit = createGitHubClient({ token: TOKEN, baseUrl: server.url, requestTimeoutMs: 60_000, budget: startNetworkBudget(300) });
    const start = Date.now();
    const error = await octokit.rest.actions.listWorkflowRunArtifacts({ owner: 'octo-org', repo: 'webapp', run_id: 5 }).catch((e: unknown) => e);
    expect(elapsed(start)).toBeLessThan(2000);
    expect(error).toBeInstanceOf(NetworkBudgetError);
    expect((error as Error).message).toBe(
      'GitHub did not answer within the 300 ms budget of the lookup (ROADSTOP_NETWORK_BUDGET_MS); it was stopped while waiting for GET /repos/octo-org/webapp/actions/runs/5/artifacts',
    );
  });

  it.each([
    { name: '429 with retry-after', recording: rec('GET', '/repos/octo-org/webapp', 429, { message: 'Too many requests' }, { 'retry-after': '30' }), reason: 'rate limited (429)' },
    {
      name: 'secondary rate limit 403',
      recording: rec('GET', '/repos/octo-org/webapp', 403, { message: 'You have exceeded a secondary rate limit.' }),
      reason: 'rate limited (403)',
    },
  ])('does not start a retry wait ($name) that the budget cannot cover', async ({ recording, reason }) => {
    const server = await replay([recording]);
    const { octokit, waits } = testClient(server, { budget: startNetworkBudget(5000) });
    const error = await octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' }).catch((e: unknown) => e);
    expect(waits).toEqual([]);
    expect(error).toBeInstanceOf(NetworkBudgetError);
    expect((error as Error).message).toMatch(
      new RegExp(`stopped while GitHub asked to wait (30|60) s before retrying GET /repos/octo-org/webapp \\(${reason.replace(/[()]/g, '\\$&')}\\), more than the \\d(\\.\\d)? s left$`),
    );
  });

  it('cuts short a retry wait when the budget runs out during it', async () => {
    const server = await replay([rec('GET', '/repos/octo-org/webapp', 502, { message: 'Bad Gateway' })]);
    const octokit = createGitHubClient({ token: TOKEN, baseUrl: server.url, serverErrorBackoffSeconds: 0.5, budget: startNetworkBudget(200) });
    // 0.5 s wait ≥ 0.2 s budget: refused before sleeping.
    const start = Date.now();
    await expect(octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' })).rejects.toBeInstanceOf(NetworkBudgetError);
    expect(elapsed(start)).toBeLessThan(1000);
  });

  it('bounds the blob download of an artifact too', async () => {
    const blob = await silent();
    const api = await replay([rec('GET', '/repos/octo-org/webapp/actions/artifacts/5/zip', 302, '', { location: `${blob.url}/artifact.zip?sig=x` })]);
    const octokit = createGitHubClient({ token: TOKEN, baseUrl: api.url });
    const start = Date.now();
    const error = await downloadBaselineResult({
      token: TOKEN,
      octokit,
      owner: 'octo-org',
      repo: 'webapp',
      runId: 1,
      artifactId: 5,
      destination: await mkdtemp(join(tmpdir(), 'baseline-')),
      budget: startNetworkBudget(300),
    }).catch((e: unknown) => e);
    expect(elapsed(start)).toBeLessThan(2000);
    expect(blob.hits).toEqual(['GET /artifact.zip?sig=x']);
    expect((error as Error).message).toBe(
      'GitHub did not answer within the 300 ms budget of the lookup (ROADSTOP_NETWORK_BUDGET_MS); it was stopped while downloading artifact 5 of run 1 from blob storage',
    );
    expect(api.unmatched).toEqual([]);
  });
});

describe('baseline: auto within its budget', () => {
  const env = {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: 'octo-org/webapp',
    GITHUB_WORKFLOW_REF: 'octo-org/webapp/.github/workflows/ci.yml@refs/pull/7/merge',
  };

  async function prContext(apiUrl: string) {
    const dir = await mkdtemp(join(tmpdir(), 'event-'));
    const eventPath = join(dir, 'event.json');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      eventPath,
      JSON.stringify({ pull_request: { number: 7, base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: 'octo-org/webapp' } }, head: { ref: 'f', sha: HEAD_SHA, repo: { full_name: 'octo-org/webapp' } } } }),
    );
    return readRunnerContext({ ...env, GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: apiUrl, GITHUB_WORKSPACE: dir });
  }

  it('carries on without a baseline, with a warning that says where it stopped, when GitHub never answers', async () => {
    const server = await silent();
    process.env[NETWORK_BUDGET_ENV] = '400';
    const logs: string[] = [];
    const start = Date.now();
    const acquired = await acquireBaseline(
      { kind: 'auto' },
      { gate: 'bundle-budget', context: await prContext(server.url), token: TOKEN, artifactName: 'roadstop-bundle-budget', workspace: tmpdir(), temp: tmpdir(), log: (line) => logs.push(line) },
    );
    expect(elapsed(start)).toBeLessThan(2500);
    expect(acquired.baseline).toBeUndefined();
    expect(acquired.messages).toEqual([
      {
        level: 'warning',
        title: 'Baseline',
        text: `no baseline: GitHub did not answer within the 400 ms budget of the lookup (ROADSTOP_NETWORK_BUDGET_MS); it was stopped while waiting for GET /repos/octo-org/webapp/compare/main...${HEAD_SHA}?per_page=1. Carrying on without a baseline.`,
      },
    ]);
    expect(logs).toEqual([`baseline: finding the run of ci.yml for the merge base of main and ${HEAD_SHA.slice(0, 7)} (budget 400 ms)`]);
  });

  // Issue 18, item 7: with no baseline input, a pull request inside GitHub Actions looks for its baseline as
  // `baseline: auto` does; any other event has nothing to compare with and says nothing.
  it('with no baseline input, looks for it on a pull request as auto does, and not on a push', async () => {
    const server = await silent();
    process.env[NETWORK_BUDGET_ENV] = '400';
    const options = { gate: 'bundle-budget', token: TOKEN, artifactName: 'roadstop-bundle-budget', workspace: tmpdir(), temp: tmpdir() };
    const logs: string[] = [];
    const onPullRequest = await acquireBaseline({ kind: 'default' }, { ...options, context: await prContext(server.url), log: (line) => logs.push(line) });
    expect(logs).toEqual([`baseline: finding the run of ci.yml for the merge base of main and ${HEAD_SHA.slice(0, 7)} (budget 400 ms)`]);
    expect(onPullRequest.messages.map((message) => message.text)).toEqual([expect.stringMatching(/^no baseline: GitHub did not answer within the 400 ms budget/)]);
    const hits = server.hits.length;
    const push = readRunnerContext({ GITHUB_EVENT_NAME: 'push', GITHUB_REPOSITORY: 'octo-org/webapp', GITHUB_API_URL: server.url, GITHUB_REF: 'refs/heads/main' });
    expect(await acquireBaseline({ kind: 'default' }, { ...options, context: push })).toEqual({ messages: [] });
    expect(server.hits.length).toBe(hits);
  });

  it('refuses a budget that is not a number of milliseconds, and says so', async () => {
    process.env[NETWORK_BUDGET_ENV] = '1m';
    const acquired = await acquireBaseline(
      { kind: 'auto' },
      { gate: 'bundle-budget', context: await prContext('http://127.0.0.1:9'), token: TOKEN, artifactName: 'a', workspace: tmpdir(), temp: tmpdir() },
    );
    expect(acquired.messages.map((m) => m.text)).toEqual([`no baseline: ${NETWORK_BUDGET_ENV} is '1m', not a whole number of milliseconds (unset it for the default of 60000 ms)`]);
  });
});

describe('changed lines from the pull request API within the budget', () => {
  it('gives up on the API fallback when GitHub never answers, and says why', async () => {
    const server = await silent();
    process.env[NETWORK_BUDGET_ENV] = '300';
    const workspace = await mkdtemp(join(tmpdir(), 'not-a-repo-'));
    const context = readRunnerContext({
      GITHUB_REPOSITORY: 'octo-org/webapp',
      GITHUB_API_URL: server.url,
      GITHUB_WORKSPACE: workspace,
    });
    const start = Date.now();
    const changes = await acquireChanges({ workspace, token: TOKEN, context: { ...context, pullRequest: { number: 7, baseRef: 'main', baseSha: 'b'.repeat(40), headSha: HEAD_SHA, fromFork: false } } });
    expect(elapsed(start)).toBeLessThan(3000);
    expect(server.hits.length).toBeGreaterThan(0);
    expect('unavailable' in changes && changes.unavailable).toMatch(
      /; and the pull request API: GitHub did not answer within the 300 ms budget of the lookup \(ROADSTOP_NETWORK_BUDGET_MS\); it was stopped while waiting for GET \/repos\/octo-org\/webapp\/pulls\/7\/files\?per_page=100$/,
    );
  });
});
