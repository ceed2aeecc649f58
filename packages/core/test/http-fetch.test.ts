import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startForwardProxy } from '@roadstop/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createEdgeFetch, RedirectRefusedError } from '../src/index.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A server on loopback that answers each path as told, and notes every request it got. */
async function serve(routes: Record<string, (seen: Seen) => { status: number; headers?: Record<string, string>; body?: string }>): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      const route = routes[new URL(request.path, 'http://x').pathname];
      const answer = route ? route(request) : { status: 404 };
      res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const credentials = { authorization: 'Bearer s3cr3t-token', 'x-api-key': 'k3y-value', accept: 'application/json' };

describe('edgeFetch', () => {
  it('follows a redirect on the same origin with every header', async () => {
    const origin = await serve({ '/a': () => ({ status: 302, headers: { location: '/b' } }), '/b': () => ({ status: 200, body: 'ok' }) });
    const response = await createEdgeFetch({})(`${origin.url}/a`, { headers: credentials });
    expect(await response.text()).toBe('ok');
    expect(origin.seen[1]!.headers).toMatchObject(credentials);
  });

  it.each([301, 302, 303, 307, 308])('never carries Authorization or a custom header across a %i to another origin', async (status) => {
    const other = await serve({ '/landing': () => ({ status: 200, body: 'there' }) });
    const origin = await serve({ '/a': () => ({ status, headers: { location: `${other.url}/landing?sig=1` } }) });
    const response = await createEdgeFetch({})(`${origin.url}/a`, { method: 'POST', headers: { ...credentials, 'content-type': 'application/json' }, body: '{"x":1}' });
    expect(await response.text()).toBe('there');
    const [arrived] = other.seen;
    expect(arrived!.headers.authorization).toBeUndefined();
    expect(arrived!.headers['x-api-key']).toBeUndefined();
    expect(arrived!.headers.accept).toBe('application/json');
    // As the fetch standard: 303, and 301/302 after a POST, go on as a GET without the body; 307/308 keep both.
    expect(arrived!.method).toBe(status === 307 || status === 308 ? 'POST' : 'GET');
    expect(arrived!.body).toBe(status === 307 || status === 308 ? '{"x":1}' : '');
  });

  it("redirect: 'error' is a RedirectRefusedError with the status and the target's origin only, at once", async () => {
    const other = await serve({});
    const origin = await serve({ '/api/chat.postMessage': () => ({ status: 302, headers: { location: `${other.url}/steal?token=abc` } }) });
    const error = (await createEdgeFetch({})(`${origin.url}/api/chat.postMessage`, { method: 'POST', redirect: 'error', headers: credentials }).catch((caught: unknown) => caught)) as RedirectRefusedError;
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect(error.status).toBe(302);
    expect(error.message).toBe(`HTTP 302, a redirect to ${other.url}: no redirect is followed here`);
    expect(other.seen).toEqual([]);
  });

  it("redirect: 'same-origin' follows a redirect on the origin with every header, and refuses another origin before sending anything there", async () => {
    const other = await serve({ '/steal': () => ({ status: 200, body: 'there' }) });
    const origin = await serve({
      '/a': () => ({ status: 308, headers: { location: '/b' } }),
      '/b': () => ({ status: 200, body: 'ok' }),
      '/away': () => ({ status: 307, headers: { location: `${other.url}/steal?token=abc` } }),
      '/loop': () => ({ status: 302, headers: { location: '/loop' } }),
    });
    const fetch = createEdgeFetch({});
    expect(await (await fetch(`${origin.url}/a`, { headers: credentials, redirect: 'same-origin' })).text()).toBe('ok');
    expect(origin.seen[1]!.headers).toMatchObject(credentials);
    const error = (await fetch(`${origin.url}/away`, { method: 'POST', body: 'x', headers: credentials, redirect: 'same-origin' }).catch((caught: unknown) => caught)) as RedirectRefusedError;
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect([error.status, error.targetOrigin, error.refusal]).toEqual([307, other.url, 'cross-origin']);
    expect(error.message).not.toContain('token=abc');
    expect(other.seen).toEqual([]);
    const loop = (await fetch(`${origin.url}/loop`, { redirect: 'same-origin' }).catch((caught: unknown) => caught)) as RedirectRefusedError;
    expect([loop.refusal, loop.message]).toEqual(['too-many', expect.stringMatching(/more than 10 redirects/)]);
  });

  it("redirect: 'manual' hands the 3xx over as it is", async () => {
    const origin = await serve({ '/a': () => ({ status: 302, headers: { location: 'https://blob.example/x' } }) });
    const response = await createEdgeFetch({})(`${origin.url}/a`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://blob.example/x');
  });

  it('stops after 10 redirects, and at a redirect to something that is not http(s)', async () => {
    const origin = await serve({ '/loop': () => ({ status: 302, headers: { location: '/loop' } }), '/file': () => ({ status: 302, headers: { location: 'file:///etc/passwd' } }) });
    await expect(createEdgeFetch({})(`${origin.url}/loop`)).rejects.toThrow(/more than 10 redirects/);
    await expect(createEdgeFetch({})(`${origin.url}/file`)).rejects.toThrow(/HTTP 302, a redirect to file:: not an http\(s\) address/);
  });

  it.each([
    ['HTTP_PROXY', { HTTP_PROXY: 'PROXY' }],
    ['http_proxy (lower case)', { http_proxy: 'PROXY' }],
  ])('goes through the proxy %s names, and past it for a NO_PROXY host', async (_name, env) => {
    const proxy = await startForwardProxy();
    try {
      const origin = await serve({ '/metrics': () => ({ status: 200, body: '{}' }) });
      const named = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value.replace('PROXY', proxy.url)]));
      await (await createEdgeFetch(named)(`${origin.url}/metrics`, { headers: credentials })).text();
      // undici tunnels plain HTTP too (CONNECT), as it does HTTPS: either way, through the proxy.
      expect(proxy.seen.map((request) => request.target)).toEqual([expect.stringContaining(new URL(origin.url).host)]);
      await (await createEdgeFetch({ ...named, NO_PROXY: '127.0.0.1' })(`${origin.url}/metrics`)).text();
      expect(proxy.seen).toHaveLength(1);
      expect(origin.seen).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });
});
