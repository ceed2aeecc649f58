import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rec, startReplayServer, type Recording, type ReplayServer } from '../src/index.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(fixtures: Recording[] | string, rewriteOrigins?: string[]): Promise<ReplayServer> {
  server = await startReplayServer(fixtures, rewriteOrigins ? { rewriteOrigins } : {});
  return server;
}

describe('startReplayServer', () => {
  it('listens on loopback and replays a JSON response with its status and headers', async () => {
    const s = await start([rec('GET', '/repos/o/r', 200, { full_name: 'o/r' }, { 'x-github-request-id': 'ABC' })]);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${s.url}/repos/o/r`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-github-request-id')).toBe('ABC');
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ full_name: 'o/r' });
    expect(s.requests).toHaveLength(1);
    expect(s.unmatched).toEqual([]);
    expect(s.pending()).toEqual([]);
  });

  it('compares query parameters in any order and encoding', async () => {
    const s = await start([rec('get', '/repos/o/r/actions/runs?branch=feature%2Fx&page=2', 200, [])]);
    const res = await fetch(`${s.url}/repos/o/r/actions/runs?page=2&branch=feature/x`);
    expect(res.status).toBe(200);
    expect(s.unmatched).toEqual([]);
  });

  it('consumes each recording once, so the same path replays in recorded order', async () => {
    const s = await start([
      rec('GET', '/rate', 429, { message: 'slow down' }, { 'retry-after': '1' }),
      rec('GET', '/rate', 200, { ok: true }),
    ]);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${s.url}/rate`)).status);
    expect(statuses).toEqual([429, 200, 501]);
    expect(s.unmatched.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /rate']);
  });

  it('answers an unmatched request with 501 and records it', async () => {
    const s = await start([rec('GET', '/a', 200, {})]);
    const res = await fetch(`${s.url}/b?x=1`, { method: 'POST', body: '{"y":2}' });
    expect(res.status).toBe(501);
    const reply = (await res.json()) as { message: string; pending: string[] };
    expect(reply.message).toBe('no recording for POST /b?x=1');
    expect(reply.pending).toEqual(['GET /a']);
    expect(s.unmatched).toHaveLength(1);
    expect(s.unmatched[0]?.body).toBe('{"y":2}');
    expect(s.pending()).toHaveLength(1);
  });

  it.each([
    { name: 'object body equal by value', recorded: { a: 1, b: [2] }, sent: '{"b":[2],"a":1}', status: 201 },
    { name: 'string body holding JSON', recorded: '{"a":1}', sent: '{ "a": 1 }', status: 201 },
    { name: 'different body', recorded: { a: 1 }, sent: '{"a":2}', status: 501 },
    { name: 'empty recorded body', recorded: '', sent: '', status: 201 },
  ])('matches the request body when recorded: $name', async ({ recorded, sent, status }) => {
    const s = await start([{ ...rec('POST', '/repos/o/r/issues/1/comments', 201, { id: 1 }), body: recorded }]);
    const res = await fetch(`${s.url}/repos/o/r/issues/1/comments`, { method: 'POST', body: sent });
    expect(res.status).toBe(status);
  });

  it('rewrites API URLs in headers and in JSON string values to itself', async () => {
    const s = await start([
      rec('GET', '/repos/o/r/commits?page=1', 200, [{ url: 'https://api.github.com/repos/o/r/commits/abc', html_url: 'https://github.com/o/r/commit/abc' }], {
        link: '<https://api.github.com/repositories/1/commits?page=2>; rel="next", <https://api.github.com:443/repositories/1/commits?page=9>; rel="last"',
      }),
    ]);
    const res = await fetch(`${s.url}/repos/o/r/commits?page=1`);
    expect(res.headers.get('link')).toBe(
      `<${s.url}/repositories/1/commits?page=2>; rel="next", <${s.url}/repositories/1/commits?page=9>; rel="last"`,
    );
    expect(await res.json()).toEqual([{ url: `${s.url}/repos/o/r/commits/abc`, html_url: 'https://github.com/o/r/commit/abc' }]);
  });

  it('serves recordings of other scopes and rewrites redirects to them', async () => {
    const blob = 'https://results.blob.core.windows.net';
    const s = await start([
      rec('GET', '/download', 302, undefined, { location: `${blob}/a.zip?sig=x` }),
      { scope: `${blob}:443`, method: 'get', path: '/a.zip?sig=x', status: 200, response: Buffer.from('PK\x03\x04').toString('base64'), responseIsBinary: true },
    ]);
    const res = await fetch(`${s.url}/download`);
    expect(res.status).toBe(200);
    expect(res.redirected).toBe(true);
    expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).toBe('PK\x03\x04');
    expect(s.requests.map((r) => r.path)).toEqual(['/download', '/a.zip?sig=x']);
  });

  it('rewrites extra origins given as options', async () => {
    const s = await start([rec('GET', '/x', 200, { upload_url: 'https://uploads.github.com/repos/o/r/releases/1/assets' })], ['https://uploads.github.com']);
    expect(await (await fetch(`${s.url}/x`)).json()).toEqual({ upload_url: `${s.url}/repos/o/r/releases/1/assets` });
  });

  it('replays 204 without a body', async () => {
    const s = await start([rec('DELETE', '/repos/o/r/issues/comments/1', 204)]);
    const res = await fetch(`${s.url}/repos/o/r/issues/comments/1`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('reads an @octokit/fixtures style file, with headers as a flat array', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'replay-'));
    const file = join(dir, 'fixture.json');
    await writeFile(
      file,
      JSON.stringify([
        {
          scope: 'https://api.github.com:443',
          method: 'get',
          path: '/repos/octokit-fixture-org/hello-world',
          body: '',
          status: 200,
          response: { id: 1, name: 'hello-world' },
          reqheaders: { accept: 'application/vnd.github.v3+json' },
          headers: ['x-ratelimit-remaining', '4999', 'content-type', 'application/json; charset=utf-8'],
          responseIsBinary: false,
        },
      ]),
    );
    const s = await start(file);
    const res = await fetch(`${s.url}/repos/octokit-fixture-org/hello-world`);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(await res.json()).toEqual({ id: 1, name: 'hello-world' });
  });

  it('refuses a fixture file that is not an array of recordings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'replay-'));
    const file = join(dir, 'bad.json');
    await writeFile(file, '{"scope":"x"}');
    await expect(startReplayServer(file)).rejects.toThrow(/JSON array of recordings/);
  });
});
