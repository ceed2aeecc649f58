import { readRecordings, startReplayServer, type ReplayServer } from '@roadstop/testing';
import { GitHubRefusedError } from '../src/errors.js';
import { afterEach, describe, expect, it } from 'vitest';
import { findBaselineRun } from '../src/baseline-run.js';
import { createGitHubClient } from '../src/client.js';
import { fixture, HEAD_SHA, lookupOptions, SHA, testClient, TOKEN } from './scenario.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function replay(name: string): Promise<ReplayServer> {
  server = await startReplayServer(fixture(name));
  return server;
}

describe('findBaselineRun', () => {
  it('takes the run of the merge base itself when it has one', async () => {
    const s = await replay('baseline-merge-base.json');
    const { octokit } = testClient(s);
    const found = await findBaselineRun(lookupOptions(octokit));
    expect(found).toEqual({
      runId: 15530004321,
      runHeadSha: SHA.c0,
      runUrl: 'https://github.com/octo-org/webapp/actions/runs/15530004321',
      artifactId: 3301112223,
      artifactName: 'roadstop-bundle-budget',
      mergeBaseSha: SHA.c0,
      commitsBack: 0,
    });
    // compare, runs for c0, artifacts: the commits listing is not needed at all.
    expect(s.requests).toHaveLength(3);
    expect(s.unmatched).toEqual([]);
    expect(s.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`);
  });

  it('walks back past commits without runs, paging commits and runs, and never takes the tip', async () => {
    const s = await replay('baseline-walk-back.json');
    const { octokit } = testClient(s);
    const found = await findBaselineRun(lookupOptions(octokit));
    expect(found).toMatchObject({ runId: 15510002468, runHeadSha: SHA.c3, artifactId: 3290004445, mergeBaseSha: SHA.c0, commitsBack: 3 });
    expect(s.unmatched).toEqual([]);
    expect(s.pending()).toEqual([]);
    const paths = s.requests.map((r) => r.path);
    // Page 2 of both listings came from their `link` headers, rewritten to the replay server.
    expect(paths).toContain(`/repositories/812345678/commits?sha=${SHA.c0}&per_page=100&page=2`);
    expect(paths).toContain('/repositories/812345678/actions/workflows/98765432/runs?branch=main&status=success&per_page=100&page=2');
    // The tip's run (on runs page 1, with an artifact) was never considered.
    expect(paths.some((p) => p.includes('/actions/runs/15560001234/'))).toBe(false);
  });

  it('says so when it stopped paging through runs before reaching an answer', async () => {
    const s = await replay('baseline-walk-back.json');
    const { octokit } = testClient(s);
    const found = await findBaselineRun(lookupOptions(octokit, { maxRunPages: 1 }));
    expect(found).toEqual({
      notFound: `no successful run of ci.yml on main has a live artifact 'roadstop-bundle-budget' among the 6 commits from the merge base ${SHA.c0.slice(0, 7)} back (stopped paging after 2 runs)`,
    });
    expect(s.unmatched).toEqual([]);
  });

  it('skips a run whose artifact has expired', async () => {
    const s = await replay('baseline-expired-artifact.json');
    const { octokit } = testClient(s);
    const found = await findBaselineRun(lookupOptions(octokit));
    expect(found).toMatchObject({ runId: 15520009876, runHeadSha: SHA.c1, artifactId: 3299998887, commitsBack: 1 });
    expect(s.unmatched).toEqual([]);
    expect(s.pending()).toEqual([]);
  });

  it('reports notFound when no commit within maxCommits has a run', async () => {
    const s = await replay('baseline-none-within-max.json');
    const { octokit } = testClient(s);
    // maxRunPages: 1 is all the runs there are, so the reason must not claim paging stopped early.
    const found = await findBaselineRun(lookupOptions(octokit, { maxCommits: 4, maxRunPages: 1 }));
    expect(found).toEqual({
      notFound: `no successful run of ci.yml on main has a live artifact 'roadstop-bundle-budget' among the 4 commits from the merge base ${SHA.c0.slice(0, 7)} back`,
    });
    // The commits listing's next page lies beyond maxCommits and was not fetched.
    expect(s.unmatched).toEqual([]);
    expect(s.pending()).toEqual([]);
  });

  it('says why in notFound when the compare is rejected (422), instead of throwing', async () => {
    const s = await replay('compare-422.json');
    const { octokit, waits } = testClient(s);
    const found = await findBaselineRun(lookupOptions(octokit));
    expect(found).toEqual({
      notFound: `GitHub could not compare main...${HEAD_SHA.slice(0, 7)} in octo-org/webapp (422: No common ancestor between main and ${HEAD_SHA}.), so there is no merge base to take a baseline from`,
    });
    expect(waits).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });

  it('waits out a 429 with retry-after: 1 for real, then succeeds', async () => {
    const s = await replay('rate-limit-429.json');
    const logs: string[] = [];
    // The real sleep, to prove the default path waits: retry-after is 1 s.
    const octokit = createGitHubClient({ token: TOKEN, baseUrl: s.url, log: (m) => logs.push(m) });
    const started = Date.now();
    const found = await findBaselineRun(lookupOptions(octokit));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(found).toMatchObject({ runHeadSha: SHA.c0, commitsBack: 0 });
    expect(s.requests.map((r) => r.recording?.status)).toEqual([429, 200, 200, 200]);
    expect(logs).toEqual([
      `GitHub rate limited (429) on GET /repos/octo-org/webapp/compare/main...${HEAD_SHA}?per_page=1; retry 1 of 3 in 1 s`,
    ]);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('waits a minute on a secondary rate limit (403 without retry-after), then succeeds', async () => {
    const s = await replay('secondary-rate-limit-403.json');
    const { octokit, waits } = testClient(s);
    const found = await findBaselineRun(lookupOptions(octokit));
    expect(found).toMatchObject({ runHeadSha: SHA.c0, commitsBack: 0 });
    expect(waits).toEqual([60_000]);
    expect(s.unmatched).toEqual([]);
  });

  it('fails with a refusal of GitHub naming `actions: read` when the token may not list runs', async () => {
    const s = await replay('forbidden-403.json');
    const { octokit, waits } = testClient(s);
    const error = await findBaselineRun(lookupOptions(octokit)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRefusedError);
    expect((error as GitHubRefusedError).message).toBe(
      'GitHub refused listing successful runs of ci.yml on main (403): Resource not accessible by integration ' +
        '(the token needs `actions: read` permission: add `permissions: { actions: read }` to the job)',
    );
    // A refusal is final: no retry, no wait.
    expect(waits).toEqual([]);
    expect(s.requests).toHaveLength(2);
  });

  it('reports notFound when the workflow file does not exist (404)', async () => {
    const [compare] = await readRecordings(fixture('baseline-merge-base.json'));
    const s = await startReplayServer([
      compare!,
      {
        scope: 'https://api.github.com:443',
        method: 'get',
        path: `/repos/octo-org/webapp/actions/workflows/nightly.yml/runs?branch=main&head_sha=${SHA.c0}&status=success&per_page=100`,
        status: 404,
        response: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow', status: '404' },
      },
    ]);
    server = s;
    const { octokit } = testClient(s);
    const found = await findBaselineRun(lookupOptions(octokit, { workflow: 'nightly.yml' }));
    expect(found).toEqual({ notFound: 'workflow nightly.yml was not found in octo-org/webapp (404), so it has no runs to take a baseline from' });
  });
});
