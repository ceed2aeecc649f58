import type { InputDefinition } from './gate.js';
import type { GateResult } from './result.js';

/** Secrets shorter than this are not searched for: replacing every "a" would wreck the file and hide nothing. */
const SHORTEST_SECRET = 4;

/** Known secrets, longest first (so a secret holding another is cut whole), without the ones too short to search for. */
function searchable(secrets: readonly string[]): string[] {
  return [...new Set(secrets.filter((secret) => secret.length >= SHORTEST_SECRET))].sort((a, b) => b.length - a.length);
}

/** Text with every known secret replaced by `***`: for what leaves unmasked (the job summary, a Slack message, a file). */
export function redactText(text: string, secrets: readonly string[]): string {
  return replaceAll(text, searchable(secrets));
}

/** `text` with each of `known` (already searchable: deduplicated, long enough, longest first) replaced by `***`. */
function replaceAll(text: string, known: readonly string[]): string {
  return known.reduce((value, secret) => value.split(secret).join('***'), text);
}

/**
 * Replace every occurrence of every known secret, in every string of a
 * result (headline, messages, checks, items, details, baseline, settings),
 * with `***`. The result file is uploaded as an artifact, which the runner
 * does not mask. Mutates and returns `result`.
 */
export function redactSecrets<Result extends GateResult>(result: Result, secrets: readonly string[]): Result {
  const known = searchable(secrets);
  if (known.length === 0) return result;
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return replaceAll(value, known);
    // An array's entries are its items.
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
 * The values to mask among a gate's inputs, as its descriptor defines them: a secret input whole, or its secret
 * parts; a value of several lines also line by line (the runner masks a log line by line).
 */
export function secretInputValues(definitions: Partial<Record<string, InputDefinition>> | undefined, inputs: Partial<Record<string, string>>): string[] {
  const values: string[] = [];
  for (const [name, definition] of Object.entries(definitions ?? {})) {
    const value = inputs[name];
    if (!definition?.secret || value === undefined || value === '') continue;
    const parts = definition.secretParts ? definition.secretParts(value) : [value];
    for (const part of parts) {
      values.push(part);
      if (/[\r\n]/.test(part)) values.push(...part.split(/\r?\n|\r/).map((line) => line.trim()));
    }
  }
  return [...new Set(values.filter((value) => value.length >= SHORTEST_SECRET))];
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
