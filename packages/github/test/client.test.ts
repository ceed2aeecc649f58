import { rec, startReplayServer, type ReplayServer } from '@roadstop/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../src/client.js';
import { describeGitHubError, GitHubGarbageError, GitHubRateLimitError } from '../src/errors.js';
import { testClient, TOKEN } from './scenario.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const REPO_PATH = '/repos/octo-org/webapp';
const repoBody = { id: 812345678, full_name: 'octo-org/webapp' };

describe('createGitHubClient', () => {
  it('retries 5xx with a short, doubling backoff', async () => {
    server = await startReplayServer([
      rec('GET', REPO_PATH, 502, { message: 'Server Error' }),
      rec('GET', REPO_PATH, 503, { message: 'Service Unavailable' }),
      rec('GET', REPO_PATH, 200, repoBody),
    ]);
    const { octokit, waits, logs } = testClient(server);
    const { data } = await octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' });
    expect(data).toEqual(repoBody);
    expect(waits).toEqual([1000, 2000]);
    expect(logs).toEqual([
      `GitHub server error (502) on GET ${REPO_PATH}; retry 1 of 3 in 1 s`,
      `GitHub server error (503) on GET ${REPO_PATH}; retry 2 of 3 in 2 s`,
    ]);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    server = await startReplayServer([
      rec('GET', REPO_PATH, 500, { message: 'Server Error' }),
      rec('GET', REPO_PATH, 500, { message: 'Server Error' }),
      rec('GET', REPO_PATH, 500, { message: 'Server Error' }),
    ]);
    const { octokit, waits } = testClient(server, { maxRetries: 2 });
    const error = await octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' }).catch((e: unknown) => e);
    expect(describeGitHubError(error, 'reading the repository')).toBe(
      "GitHub failed reading the repository (500): Server Error; this is on GitHub's side, run the job again later",
    );
    expect(waits).toEqual([1000, 2000]);
    expect(server.requests).toHaveLength(3);
  });

  it.each([
    { status: 403, message: 'Resource not accessible by integration' },
    { status: 404, message: 'Not Found' },
    { status: 422, message: 'Validation Failed' },
    { status: 401, message: 'Bad credentials' },
  ])('does not retry $status', async ({ status, message }) => {
    server = await startReplayServer([rec('GET', REPO_PATH, status, { message }, { 'x-ratelimit-remaining': '4321' })]);
    const { octokit, waits } = testClient(server);
    await expect(octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' })).rejects.toMatchObject({ status });
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('honours x-ratelimit-reset when the primary rate limit is used up', async () => {
    const reset = Math.floor(Date.now() / 1000) + 20;
    server = await startReplayServer([
      rec('GET', REPO_PATH, 403, { message: 'API rate limit exceeded for installation ID 123.' }, {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      }),
      rec('GET', REPO_PATH, 200, repoBody),
    ]);
    const { octokit, waits } = testClient(server);
    await octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(19_000);
    expect(waits[0]).toBeLessThanOrEqual(22_000);
  });

  it('fails at once, with the reason, when GitHub asks to wait longer than maxRetryWaitSeconds', async () => {
    const reset = Math.floor(Date.now() / 1000) + 45 * 60;
    server = await startReplayServer([
      rec('GET', REPO_PATH, 403, { message: 'API rate limit exceeded for installation ID 123.' }, {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      }),
    ]);
    const { octokit, waits } = testClient(server, { maxRetryWaitSeconds: 60 });
    const error = await octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect(waits).toEqual([]);
    expect(describeGitHubError(error, 'reading the repository')).toMatch(
      /^GitHub rate-limited reading the repository \(403\) and asked to wait 27\d\d s, more than the 60 s roadstop waits; run the job again later$/,
    );
  });

  it('takes its base URL from GITHUB_API_URL when none is given, and sends the token only as a header', async () => {
    server = await startReplayServer([rec('GET', REPO_PATH, 200, repoBody)]);
    const saved = process.env['GITHUB_API_URL'];
    process.env['GITHUB_API_URL'] = `${server.url}/`;
    try {
      const octokit = createGitHubClient({ token: TOKEN });
      await octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' });
    } finally {
      if (saved === undefined) delete process.env['GITHUB_API_URL'];
      else process.env['GITHUB_API_URL'] = saved;
    }
    expect(server.unmatched).toEqual([]);
    expect(server.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`);
    expect(server.requests[0]?.path).not.toContain(TOKEN);
  });

  it.each([
    { name: 'an HTML page with 200', recording: rec('GET', REPO_PATH, 200, '<html>login</html>', { 'content-type': 'text/html; charset=utf-8' }), says: /not JSON/ },
    { name: 'JSON cut short', recording: rec('GET', REPO_PATH, 200, '{"id": 8123', { 'content-type': 'application/json; charset=utf-8' }), says: /not JSON/ },
    { name: 'an answer over the size bound', recording: rec('GET', REPO_PATH, 200, { ...repoBody, padding: 'x'.repeat(5000) }), says: /not an answer of at most 4096 bytes/ },
  ])('names $name as a garbage answer of GitHub, not as data', async ({ recording, says }) => {
    server = await startReplayServer([recording]);
    const { octokit } = testClient(server, { maxResponseBytes: 4096 });
    const error = await octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubGarbageError);
    expect(describeGitHubError(error, 'reading the repository')).toMatch(/^GitHub answered with something that is not /);
    expect((error as Error).message).toMatch(says);
  });

  it('an empty page of a list is garbage, not an empty list', async () => {
    server = await startReplayServer([rec('GET', `${REPO_PATH}/issues/7/comments`, 200, '', { 'content-type': 'application/json' })]);
    const { octokit } = testClient(server);
    const error = await octokit.paginate(octokit.rest.issues.listComments, { owner: 'octo-org', repo: 'webapp', issue_number: 7 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubGarbageError);
  });
});
