/** The fetch both transports send with: the platform's, or undici's through the proxy the environment names. */
export type FetchFunction = (url: string | URL, init?: { method?: string; headers?: Record<string, string>; body?: string | FormData; redirect?: 'error' | 'follow' | 'manual'; signal?: AbortSignal }) => Promise<Response>;

type Env = Record<string, string | undefined>;

/** The proxy variable the environment sets, by the name runners and curl read. */
export function proxyVariable(env: Env): string | undefined {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].find((name) => env[name]);
}

/**
 * Node's fetch ignores HTTPS_PROXY. With a proxy set, requests go through
 * undici's EnvHttpProxyAgent (HTTPS_PROXY, HTTP_PROXY and NO_PROXY, as curl
 * reads them) with undici's own fetch: a dispatcher of one undici handed to
 * the fetch of another is refused. Loaded only when a proxy is set.
 */
export async function transportFetch(env: Env = process.env): Promise<FetchFunction> {
  if (!proxyVariable(env)) return globalThis.fetch;
  const { EnvHttpProxyAgent, fetch } = await import('undici');
  const dispatcher = new EnvHttpProxyAgent({
    ...(env.HTTPS_PROXY || env.https_proxy ? { httpsProxy: env.HTTPS_PROXY || env.https_proxy } : {}),
    ...(env.HTTP_PROXY || env.http_proxy ? { httpProxy: env.HTTP_PROXY || env.http_proxy } : {}),
    ...(env.NO_PROXY || env.no_proxy ? { noProxy: env.NO_PROXY || env.no_proxy } : {}),
  });
  const proxied = (url: string | URL, init?: Parameters<FetchFunction>[1]) => fetch(url, { ...init, dispatcher } as Parameters<typeof fetch>[1]);
  return proxied;
}
