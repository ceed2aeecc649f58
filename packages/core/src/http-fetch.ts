/*
 * The one way roadstop speaks HTTP to the outside: GitHub (Octokit's fetch),
 * the artifact download, Slack (Web API and webhooks) and the canary
 * providers all send through edgeFetch.
 *
 * - Proxy: Node's fetch ignores HTTPS_PROXY. With HTTPS_PROXY, HTTP_PROXY or
 *   NO_PROXY set (either case, as curl reads them), requests go through one
 *   undici EnvHttpProxyAgent, built once, with undici's own fetch (the
 *   platform's fetch refuses a dispatcher of another undici). undici is
 *   loaded only then: a step without a proxy never parses it.
 * - Redirects are followed here, not by fetch: the fetch standard drops
 *   Authorization on a redirect to another origin, but forwards every other
 *   header (an API key, a custom `X-…`). To another origin only the headers
 *   that describe the request (accept, content-type, user-agent) go along.
 * - `redirect: 'error'` is a RedirectRefusedError naming the status and the
 *   origin it pointed to, at once: not fetch's bare TypeError, which clients
 *   read as a network failure and retry.
 * - `redirect: 'same-origin'` is the policy of the clients that carry a
 *   credential (the canary providers, Vercel, Slack's Web API): a redirect on
 *   the same origin is followed with every header (a proxy path, a trailing
 *   slash), one to another origin is a RedirectRefusedError before anything
 *   is sent there, so neither the credentials nor the request cross over.
 */

export interface EdgeRequestInit {
  method?: string;
  headers?: Record<string, string> | Headers | [string, string][];
  body?: RequestInit['body'];
  redirect?: 'follow' | 'error' | 'manual' | 'same-origin';
  signal?: AbortSignal | null;
  duplex?: 'half';
}

export type EdgeFetch = (url: string | URL, init?: EdgeRequestInit) => Promise<Response>;

/** Why a redirect was not followed: none may be, another origin, too many, or not to an http(s) URL. */
export type RedirectRefusal = 'refused' | 'cross-origin' | 'too-many' | 'not-http';

/** A redirect where none may be followed, or one that cannot be (too many, not http, another origin under 'same-origin'). */
export class RedirectRefusedError extends Error {
  override readonly name = 'RedirectRefusedError';
  readonly status: number;
  /** The origin the redirect pointed to: never its path or query, which may carry a signature. */
  readonly targetOrigin: string;
  readonly refusal: RedirectRefusal;
  constructor(status: number, targetOrigin: string, reason: string, refusal: RedirectRefusal = 'refused') {
    super(`HTTP ${status}, a redirect to ${targetOrigin}: ${reason}`);
    this.status = status;
    this.targetOrigin = targetOrigin;
    this.refusal = refusal;
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
/** What may go to another origin: what the request is, never who sends it. */
const CROSS_ORIGIN_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'content-type', 'user-agent']);

type BaseFetch = (url: string, init: RequestInit) => Promise<Response>;
/** One dispatcher per proxy setting: in a step, the one the environment names, built once. */
const proxied = new Map<string, Promise<BaseFetch>>();

function baseFetch(env: NodeJS.ProcessEnv): Promise<BaseFetch> {
  const pick = (upper: string) => env[upper] || env[upper.toLowerCase()] || undefined;
  const httpsProxy = pick('HTTPS_PROXY');
  const httpProxy = pick('HTTP_PROXY');
  if (!httpsProxy && !httpProxy) return Promise.resolve(globalThis.fetch);
  const noProxy = pick('NO_PROXY');
  const key = JSON.stringify([httpsProxy, httpProxy, noProxy]);
  let made = proxied.get(key);
  if (!made) {
    made = (async () => {
      const { EnvHttpProxyAgent, fetch } = await import('undici');
      const dispatcher = new EnvHttpProxyAgent({ ...(httpsProxy ? { httpsProxy } : {}), ...(httpProxy ? { httpProxy } : {}), ...(noProxy ? { noProxy } : {}) });
      return (url: string, init: RequestInit) => fetch(url, { ...init, dispatcher } as Parameters<typeof fetch>[1]);
    })();
    proxied.set(key, made);
  }
  return made;
}

/** edgeFetch over an environment of its own (tests); edgeFetch reads process.env. */
export function createEdgeFetch(env: NodeJS.ProcessEnv = process.env): EdgeFetch {
  return async (input, init = {}) => {
    const send = await baseFetch(env);
    const mode = init.redirect ?? 'follow';
    let url = new URL(String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body ?? null;
    const headers = new Headers(init.headers);
    for (let hops = 0; ; hops++) {
      const response = await send(url.href, {
        method,
        headers,
        body,
        redirect: 'manual',
        ...(init.signal ? { signal: init.signal } : {}),
        ...(init.duplex ? { duplex: init.duplex } : {}),
      });
      const location = response.headers.get('location');
      if (mode === 'manual' || !REDIRECT_STATUSES.has(response.status) || location === null) return response;
      await response.body?.cancel().catch(() => {});
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new RedirectRefusedError(response.status, '(an address that is not a URL)', 'not followed', 'not-http');
      }
      if (mode === 'error') throw new RedirectRefusedError(response.status, next.origin, 'no redirect is followed here');
      if (next.protocol !== 'https:' && next.protocol !== 'http:') throw new RedirectRefusedError(response.status, next.protocol, 'not an http(s) address', 'not-http');
      if (mode === 'same-origin' && next.origin !== url.origin) {
        throw new RedirectRefusedError(response.status, next.origin, 'another origin, not followed: neither the credentials nor the request go there', 'cross-origin');
      }
      if (hops >= MAX_REDIRECTS) throw new RedirectRefusedError(response.status, next.origin, `more than ${MAX_REDIRECTS} redirects`, 'too-many');
      if (next.origin !== url.origin) {
        for (const name of [...headers.keys()]) if (!CROSS_ORIGIN_HEADERS.has(name)) headers.delete(name);
      }
      // As the fetch standard: 303, and 301/302 after a POST, go on as a GET without the body.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = null;
        headers.delete('content-type');
        headers.delete('content-length');
      }
      url = next;
    }
  };
}

/** fetch through the environment's proxy, following redirects without carrying credentials to another origin. */
export const edgeFetch: EdgeFetch = (url, init) => createEdgeFetch(process.env)(url, init);
