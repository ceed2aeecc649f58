import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecordings, rec, startReplayServer, runAction, type ReplayServer } from '@roadstop/testing';
import { realBuildOutput } from '../../../packages/bundle/test/fixtures.js';

// The repository history the @roadstop/github fixtures describe: the PR's merge
// base c0 has no run; the nearest earlier commit with a successful run is c3.
const fixtures = join(import.meta.dirname, '../../../packages/github/test/fixtures');
const HEAD_SHA = 'e84cc64499f50d72071c1a2ce65752ff3838f03f';
const C3 = 'a625406f6977d45c1391b078f4d3656e0b75bfcb';
const RUN_ID = 15510002468;
const TOKEN = 'ghs_0000000000000000000000000000000000000001';

const pullRequest = {
  number: 7,
  base: { ref: 'main', sha: '2a5bd02710e975a7fbb92da876655950fbd5e70d', repo: { full_name: 'octo-org/webapp' } },
  head: { ref: 'feature', sha: HEAD_SHA, repo: { full_name: 'octo-org/webapp' } },
};

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('bundle-budget with baseline: auto', () => {
  // Left out, baseline is auto on a pull request (issue 18: a growth limit with no baseline passed silently).
  it.each([
    ['baseline: auto', { baseline: 'auto' }],
    ['baseline left out', {}],
  ])("%s: finds the artifact of the run for the merge base's nearest ancestor, downloads it and compares", async (_, given: Record<string, string>) => {
    const { workspace } = await realBuildOutput();
    const base = await runAction({ action: 'bundle-budget', workspace, inputs: { path: 'dist/**/*.js', report: 'base.json' } });
    expect(base.exitCode).toBe(0);
    const baseResult = await readFile(join(workspace, 'base.json'), 'utf8');

    const download = (await readRecordings(join(fixtures, 'artifact-download.json')))[0]!;
    const location = new URL(String((download.headers as Record<string, string>).location));
    const zip = zipSync({ 'bundle-budget.json': strToU8(baseResult) });
    server = await startReplayServer([
      ...(await readRecordings(join(fixtures, 'baseline-walk-back.json'))),
      download,
      {
        scope: `${location.protocol}//${location.host}:443`,
        method: 'get',
        path: location.pathname + location.search,
        status: 200,
        response: Buffer.from(zip).toString('base64'),
        responseIsBinary: true,
        headers: { 'content-type': 'application/zip' },
      },
    ]);

    const run = await runAction({
      action: 'bundle-budget',
      workspace,
      githubToken: TOKEN,
      event: { pull_request: pullRequest, repository: { default_branch: 'main' } },
      env: { GITHUB_API_URL: server.url },
      inputs: { path: 'dist/**/*.js', ...given, 'max-increase': '2%' },
    });
    // unzip-stream inside @actions/artifact still calls Buffer(): Node's deprecation warning is all stderr may hold.
    expect(run.stderr.split('\n').filter((line) => line && !/DEP0005|trace-deprecation/.test(line))).toEqual([]);
    expect(server.unmatched).toEqual([]);
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(result.baseline).toMatchObject({ source: 'artifact', commit: C3, runId: RUN_ID });
    expect(result.checks.find((check: { name: string }) => check.name === 'bundle').maxIncrease).toBeGreaterThanOrEqual(0);
    expect(result.metrics.compressed).toBe(0);
    expect(result.metrics.reused).toBe(result.items.length);
    const notices = run.annotations.filter((annotation) => annotation.level === 'notice').map((annotation) => annotation.message);
    expect(notices.some((text) => text.startsWith(`baseline: run ${RUN_ID} for a625406,`) && text.endsWith('before the merge base of main'))).toBe(true);
    expect(run.summary).toContain('No file changed against the base (`a625406`)');
    // the token went to the API, never to the blob store, and never into the log
    expect(server.requests.filter((request) => request.headers.authorization === `token ${TOKEN}`).length).toBeGreaterThan(3);
    expect(server.requests.find((request) => request.path.includes('/actions-results/'))?.headers.authorization).toBeUndefined();
    expect(run.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
  });

  it('carries on without a baseline, with a warning naming actions: read, when the token may not read runs', async () => {
    const { workspace } = await realBuildOutput();
    server = await startReplayServer([
      rec('GET', `/repos/octo-org/webapp/compare/main...${HEAD_SHA}?per_page=1`, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits',
        status: '403',
      }),
    ]);
    const run = await runAction({
      action: 'bundle-budget',
      workspace,
      githubToken: TOKEN,
      event: { pull_request: pullRequest },
      env: { GITHUB_API_URL: server.url },
      inputs: { path: 'dist/**/*.js', baseline: 'auto' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('pass');
    const warnings = run.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^no baseline: GitHub refused comparing main...e84cc64 \(403\): Resource not accessible by integration \(the token needs `contents: read`/);
  });

  it('says why there is no baseline when the workflow has no successful run nearby', async () => {
    const { workspace } = await realBuildOutput();
    // The same history, ending after four commits: the branch's whole history has no run.
    const recordings = (await readRecordings(join(fixtures, 'baseline-none-within-max.json'))).map((recording) =>
      recording.path.includes('/commits?') ? { ...recording, path: recording.path.replace('per_page=4', 'per_page=100'), headers: {} } : recording,
    );
    server = await startReplayServer(recordings);
    const run = await runAction({
      action: 'bundle-budget',
      workspace,
      githubToken: TOKEN,
      event: { pull_request: pullRequest },
      env: { GITHUB_API_URL: server.url },
      inputs: { path: 'dist/**/*.js', baseline: 'auto' },
    });
    expect(run.exitCode).toBe(0);
    const notices = run.annotations.filter((annotation) => annotation.level === 'notice').map((annotation) => annotation.message);
    expect(server.unmatched).toEqual([]);
    expect(notices.filter((text) => text.startsWith('no baseline: '))).toEqual([expect.stringMatching(/^no baseline: .*4 commits/)]);
  });
});
