import { rec, startReplayServer, type ReplayServer } from '@roadstop/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { describeGitHubError, MAX_GITHUB_MESSAGE } from '../src/errors.js';
import { TOKEN, testClient } from './scenario.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const REPO_PATH = '/repos/octo-org/webapp';
const htmlPage = `<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><pre>GET ${REPO_PATH} HTTP/1.1\nAuthorization: token ${TOKEN}\nUser-Agent: roadstop</pre></body></html>`;

describe('what an API error body may leave behind', () => {
  it.each([
    {
      name: 'a 500 HTML page that echoes the request, token and all',
      recordings: [rec('GET', REPO_PATH, 500, htmlPage, { 'content-type': 'text/html; charset=utf-8' })],
      expected: "GitHub failed reading the repository (500): a text/html body without GitHub's message, not shown; this is on GitHub's side, run the job again later",
    },
    {
      name: "a proxy's plain-text 403 that echoes the headers",
      recordings: [rec('GET', REPO_PATH, 403, `denied: Authorization: token ${TOKEN}`, { 'content-type': 'text/plain' })],
      expected: expect.stringMatching(/^GitHub refused reading the repository \(403\): a text\/plain body without GitHub's message, not shown \(the token needs `contents: read`/),
    },
    {
      name: 'a 403 JSON whose message quotes the token',
      recordings: [rec('GET', REPO_PATH, 403, { message: `Bad token ${TOKEN} for this resource`, documentation_url: 'https://docs.github.com/rest' })],
      expected: expect.stringMatching(/^GitHub refused reading the repository \(403\): Bad token \*\*\* for this resource \(the token needs/),
    },
    {
      name: 'a 422 whose message is a page long',
      recordings: [rec('GET', REPO_PATH, 422, { message: `Validation Failed ${'x'.repeat(5000)}` })],
      expected: `GitHub rejected reading the repository (422): Validation Failed ${'x'.repeat(MAX_GITHUB_MESSAGE - 'Validation Failed '.length - 1)}…`,
    },
  ])('$name', async ({ recordings, expected }) => {
    server = await startReplayServer(recordings);
    const { octokit } = testClient(server, { maxRetries: 0 });
    const error = await octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' }).catch((e: unknown) => e);
    const line = describeGitHubError(error, 'reading the repository');
    expect(line).toEqual(expected);
    // Nothing the error carries, however deep, holds the token or the page.
    const everything = JSON.stringify(error, (_key, value: unknown) => (value instanceof Error ? { ...value, message: value.message, cause: value.cause } : value));
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('<html>');
    expect(server.unmatched).toEqual([]);
  });

  it('keeps the rate-limit headers the retry policy reads, after cutting the body', async () => {
    server = await startReplayServer([rec('GET', REPO_PATH, 403, { message: `limit for ${TOKEN}` }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1', 'x-echo': TOKEN })]);
    const { octokit } = testClient(server, { maxRetries: 0 });
    const error = await octokit.rest.repos.get({ owner: 'octo-org', repo: 'webapp' }).catch((e: unknown) => e);
    expect(describeGitHubError(error, 'reading the repository')).toBe('GitHub kept rate-limiting reading the repository (403): limit for ***; run the job again later');
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });
});
