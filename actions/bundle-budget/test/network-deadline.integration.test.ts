import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { rec, runAction, startReplayServer, type ReplayServer } from '@roadstop/testing';
import { realBuildOutput } from '../../../packages/bundle/test/fixtures.js';

const HEAD_SHA = 'e84cc64499f50d72071c1a2ce65752ff3838f03f';
const TOKEN = 'ghs_0000000000000000000000000000000000000001';
const pullRequest = {
  number: 7,
  base: { ref: 'main', sha: '2a5bd02710e975a7fbb92da876655950fbd5e70d', repo: { full_name: 'octo-org/webapp' } },
  head: { ref: 'feature', sha: HEAD_SHA, repo: { full_name: 'octo-org/webapp' } },
};

/** Accepts every connection and never answers: a hung proxy, a GitHub outage that does not say so. */
async function startSilentServer(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req) => void hits.push(`${req.method} ${req.url}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
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
});

const BUDGET_MS = 1500;

describe('bundle-budget with baseline: auto against a server that never answers', () => {
  it('finishes within the budget, says where it stopped, and passes without a baseline', async () => {
    const { workspace } = await realBuildOutput();
    const silent = await startSilentServer();
    closers.push(() => silent.close());
    const start = Date.now();
    const run = await runAction({
      action: 'bundle-budget',
      workspace,
      githubToken: TOKEN,
      event: { pull_request: pullRequest, repository: { default_branch: 'main' } },
      env: { GITHUB_API_URL: silent.url, ROADSTOP_NETWORK_BUDGET_MS: String(BUDGET_MS) },
      inputs: { path: 'dist/**/*.js', baseline: 'auto', 'max-increase': '2%' },
      timeoutMs: 30_000,
    });
    // The budget, plus starting node and measuring the build output: far from the 15 minutes of before.
    expect(Date.now() - start).toBeLessThan(BUDGET_MS + 8000);
    expect(silent.hits).toEqual([`GET /repos/octo-org/webapp/compare/main...${HEAD_SHA}?per_page=1`]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('pass');
    const warnings = run.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message);
    expect(warnings).toEqual([
      `no baseline: GitHub did not answer within the 1.5 s budget of the lookup (ROADSTOP_NETWORK_BUDGET_MS); it was stopped while waiting for GET /repos/octo-org/webapp/compare/main...${HEAD_SHA}?per_page=1. Carrying on without a baseline.`,
    ]);
    const result = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { baseline?: unknown; messages: { text: string }[] };
    expect(result.baseline).toBeUndefined();
    expect(result.messages.map((message) => message.text)).toContain(warnings[0]);
    expect(run.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
  });

  it('never lets an error page that echoes the token reach the log or the result file', async () => {
    const { workspace } = await realBuildOutput();
    const page = `<html><body><h1>500</h1><pre>Authorization: token ${TOKEN}</pre></body></html>`;
    const server: ReplayServer = await startReplayServer(
      Array.from({ length: 4 }, () => rec('GET', `/repos/octo-org/webapp/compare/main...${HEAD_SHA}?per_page=1`, 500, page, { 'content-type': 'text/html' })),
    );
    closers.push(() => server.close());
    const run = await runAction({
      action: 'bundle-budget',
      workspace,
      githubToken: TOKEN,
      event: { pull_request: pullRequest },
      env: { GITHUB_API_URL: server.url, ROADSTOP_NETWORK_BUDGET_MS: '20000' },
      inputs: { path: 'dist/**/*.js', baseline: 'auto' },
      timeoutMs: 60_000,
    });
    expect(run.exitCode).toBe(0);
    const warnings = run.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message);
    expect(warnings).toEqual([
      expect.stringMatching(/^no baseline: GitHub failed comparing main\.\.\.e84cc64 \(500\): a text\/html body without GitHub's message, not shown; this is on GitHub's side/),
    ]);
    const resultText = await readFile(run.outputs.report!, 'utf8');
    for (const text of [run.stdout.replace(`::add-mask::${TOKEN}`, ''), run.stderr, run.summary, resultText]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('<html>');
    }
  });
});
