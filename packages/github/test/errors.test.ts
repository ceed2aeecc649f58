import { describeFailure, EnvironmentError } from '@roadstop/core';
import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { describeGitHubError, GitHubGarbageError, GitHubRefusedError, permissionFor, toGitHubError } from '../src/errors.js';

/** The error Octokit throws for an HTTP failure, as it builds it. */
function httpError(status: number, data: unknown, url = 'https://api.github.com/repos/o/r/actions/runs', method = 'GET', headers = {}) {
  return new RequestError(`${(data as { message?: string }).message ?? 'error'} - https://docs.github.com/rest`, status, {
    request: { method: method as 'GET', url, headers: { authorization: 'token [REDACTED]' } },
    response: { status, url, headers, data },
  });
}

describe('describeGitHubError', () => {
  it.each([
    {
      name: '403 refusal on an actions endpoint',
      error: httpError(403, { message: 'Resource not accessible by integration' }),
      expected:
        'GitHub refused listing runs (403): Resource not accessible by integration (the token needs `actions: read` permission: add `permissions: { actions: read }` to the job)',
    },
    {
      name: '403 refusal when posting a comment',
      error: httpError(403, { message: 'Resource not accessible by integration' }, 'https://api.github.com/repos/o/r/issues/7/comments', 'POST'),
      expected:
        'GitHub refused listing runs (403): Resource not accessible by integration (the token needs `pull-requests: write` permission: add `permissions: { pull-requests: write }` to the job (pull requests from forks only get a read-only token))',
    },
    {
      name: '404',
      error: httpError(404, { message: 'Not Found' }),
      expected:
        'GitHub found nothing for listing runs (404): Not Found (check the repository, branch and workflow file names; a token without access to a private repository also gets 404)',
    },
    {
      name: '422 with validation details',
      error: httpError(422, { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'body', code: 'missing_field' }, { message: 'body is too long' }] }),
      expected: 'GitHub rejected listing runs (422): Validation Failed: Issue body missing_field; body is too long',
    },
    {
      name: '401',
      error: httpError(401, { message: 'Bad credentials' }),
      expected: 'GitHub refused listing runs (401): Bad credentials (the token is missing, invalid or expired; pass `${{ github.token }}` or a valid token)',
    },
    {
      name: '429 after the retries',
      error: httpError(429, { message: 'You have exceeded a secondary rate limit.' }),
      expected: 'GitHub kept rate-limiting listing runs (429): You have exceeded a secondary rate limit.; run the job again later',
    },
    {
      name: 'a body without a message',
      error: httpError(418, 'teapot'),
      expected: "GitHub answered 418 to listing runs: a non-JSON body without GitHub's message, not shown",
    },
    {
      name: 'no HTTP answer at all',
      error: new TypeError('fetch failed'),
      expected: 'could not reach GitHub while listing runs: fetch failed; run the job again later',
    },
  ])('$name', ({ error, expected }) => {
    expect(describeGitHubError(error, 'listing runs')).toBe(expected);
  });

  it('describes a failure once: one already put in words is not wrapped again by an outer caller', () => {
    const inner = toGitHubError(httpError(502, { message: 'Bad Gateway' }), 'comparing main...e84cc64');
    expect(describeGitHubError(inner, 'the baseline lookup')).toBe("GitHub failed comparing main...e84cc64 (502): Bad Gateway; this is on GitHub's side, run the job again later");
  });

  it("names every answer of GitHub as the environment's problem, never a bug, and leaves real bugs alone", () => {
    for (const error of [httpError(401, { message: 'Bad credentials' }), httpError(403, { message: 'Resource not accessible by integration' }), httpError(404, { message: 'Not Found' }), httpError(422, { message: 'Validation Failed' }), httpError(502, 'Bad Gateway'), httpError(429, { message: 'slow down' })]) {
      const wrapped = toGitHubError(error, 'x');
      expect(wrapped).toBeInstanceOf(EnvironmentError);
      expect(describeFailure(wrapped)).not.toMatch(/bug in roadstop/);
    }
    expect(toGitHubError(httpError(403, { message: 'Resource not accessible by integration' }), 'x')).toBeInstanceOf(GitHubRefusedError);
    const bug = new TypeError('existing.find is not a function');
    expect(toGitHubError(bug, 'x')).toBe(bug);
    expect(describeFailure(toGitHubError(bug, 'x'))).toMatch(/^internal error \(a bug in roadstop/);
  });

  it.each([
    { name: 'a reset', error: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' }), expected: /^could not reach GitHub while x: read ECONNRESET/ },
    { name: "undici's fetch failed with a cause", error: new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) }), expected: /^could not reach GitHub while x/ },
    { name: 'an abort', error: new DOMException('This operation was aborted', 'AbortError'), expected: /^could not reach GitHub while x/ },
    { name: 'a garbage answer', error: new GitHubGarbageError('listing comments', 'a list of comments'), expected: /^GitHub answered with something that is not a list of comments while listing comments/ },
  ])('tells a network failure from a garbage answer: $name', ({ error, expected }) => {
    const wrapped = toGitHubError(error, 'x');
    expect(wrapped).toBeInstanceOf(EnvironmentError);
    expect(wrapped.message).toMatch(expected);
  });

  it('says a bug as a failure of the operation, not as a failure to reach GitHub', () => {
    expect(describeGitHubError(new TypeError('existing.find is not a function'), 'listing runs')).toBe('listing runs failed: existing.find is not a function');
  });

  it('names the input that points at a refusal', () => {
    expect(describeGitHubError(httpError(401, { message: 'Bad credentials' }), 'x', { token: 'github-token' })).toContain("the token in input 'github-token' is missing, invalid or expired");
    expect(describeGitHubError(httpError(404, { message: 'Not Found' }), 'x', { token: 'github-token', subject: 'pull request #7' })).toContain('check pull request #7');
  });
});

describe('permissionFor', () => {
  it.each([
    ['GET', 'https://api.github.com/repos/o/r/actions/runs/1/artifacts', 'actions: read'],
    ['DELETE', '/repos/o/r/actions/artifacts/1', 'actions: write'],
    ['GET', '/repos/o/r/compare/main...abc', 'contents: read'],
    ['PATCH', '/repos/o/r/issues/comments/5', 'pull-requests: write'],
    ['POST', '/repos/o/r/statuses/abc', 'statuses: write'],
    ['POST', '/repos/o/r/check-runs', 'checks: write'],
  ])('%s %s → %s', (method, url, expected) => {
    expect(permissionFor(method, url)).toBe(expected);
  });
});
