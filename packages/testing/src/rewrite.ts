/**
 * Rewrites absolute URLs of recorded origins to the replay server, so that a
 * client following `link` (pagination) or `location` (redirects) stays on
 * loopback instead of reaching for the real host.
 */
export type Rewrite = (text: string) => string;

export function originRewriter(origins: Iterable<string>, target: string): Rewrite {
  const variants = new Set<string>();
  for (const origin of origins) for (const variant of originVariants(origin)) variants.add(variant);
  // Longest first, so `https://host:443` is replaced whole before `https://host` could match its prefix.
  const ordered = [...variants].sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((result, origin) => result.split(origin).join(target), text);
}

/** `https://api.github.com:443` is written without its default port in URLs, and nock writes it with. */
export function originVariants(scope: string): string[] {
  let url: URL;
  try {
    url = new URL(scope);
  } catch {
    return [];
  }
  const withoutPort = `${url.protocol}//${url.hostname}`;
  const defaultPort = url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '';
  const port = url.port || defaultPort;
  const variants = [url.port ? `${withoutPort}:${url.port}` : withoutPort];
  if (port === defaultPort) variants.push(withoutPort, `${withoutPort}:${defaultPort}`);
  return [...new Set(variants)];
}

/** Applies the rewrite to every string inside a JSON value. */
export function rewriteJson(value: unknown, rewrite: Rewrite): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map((item) => rewriteJson(item, rewrite));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteJson(item, rewrite)]));
  }
  return value;
}
