import type { GateResult } from './result.js';

/** Secrets shorter than this are not searched for: replacing every "a" would wreck the file and hide nothing. */
const SHORTEST_SECRET = 4;

/**
 * Replace every occurrence of every known secret, in every string of a
 * result (headline, messages, checks, items, details, baseline, settings),
 * with `***`. The result file is uploaded as an artifact, which the runner
 * does not mask. Mutates and returns `result`.
 */
export function redactSecrets<Result extends GateResult>(result: Result, secrets: readonly string[]): Result {
  const known = [...new Set(secrets.filter((secret) => secret.length >= SHORTEST_SECRET))].sort((a, b) => b.length - a.length);
  if (known.length === 0) return result;
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return known.reduce((text, secret) => text.split(secret).join('***'), value);
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) value[index] = scrub(value[index]);
      return value;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) (value as Record<string, unknown>)[key] = scrub(inner);
      return value;
    }
    return value;
  };
  scrub(result);
  return result;
}

/**
 * `text` with the user and password of every URL in it replaced by `***`
 * (`https://x:token@host/` → `https://***@host/`): git's stderr and a page's
 * URL may carry credentials, and neither is masked by the runner.
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi, '$1***@');
}

/** The credentials written in a URL (`user:password`, the password, each as written and decoded), for masking and redactSecrets. */
export function urlCredentials(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  if (!parsed.username && !parsed.password) return [];
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const found = [`${parsed.username}:${parsed.password}`, parsed.password, parsed.username ? `${parsed.username}@` : ''];
  return [...new Set([...found, ...found.map(decode)])].filter((secret) => secret.length > 1 && secret !== ':');
}
