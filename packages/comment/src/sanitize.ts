import type { GateResult } from '@roadstop/core';
import { removeInvisible, truncateCodePoints } from '@roadstop/render';

/** Longest string kept from a result file: a headline or a file name, not a page. */
export const MAX_UNTRUSTED_TEXT = 500;

/**
 * Text from a result file made inert in a GitHub comment. The file may come
 * from a fork's run (the two-phase pattern) and says whatever its author
 * wants: no HTML (`<`, `>`: no tags, no fake marker comment), no links or
 * images (`[`, `]`), no @mentions that would notify people. Entities, not
 * backslashes: GitHub renders `&#64;` as `@` without a mention. Cut at a
 * code point, never through a surrogate pair.
 */
export function sanitizeUntrusted(text: string, max = MAX_UNTRUSTED_TEXT): string {
  const cleaned = truncateCodePoints(removeInvisible(text), max);
  return cleaned.replace(/[<>[\]@]/g, (char) => ENTITY[char]!);
}

const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '[': '&#91;', ']': '&#93;', '@': '&#64;' };


/**
 * A copy of a result whose every string (headline, messages, checks, items,
 * settings, object keys) went through sanitizeUntrusted, so the gates' own
 * renderers can run on a file nobody vouches for.
 */
export function sanitizeResult(result: GateResult): GateResult {
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return sanitizeUntrusted(value);
    if (Array.isArray(value)) return value.map(scrub);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [sanitizeUntrusted(key, 100), scrub(inner)]));
    }
    return value;
  };
  const copy = scrub(result) as GateResult;
  // Enumerations and the schema id are checked by the reader, not escaped: they are matched on.
  return { ...copy, $schema: result.$schema, gate: result.gate, status: result.status };
}
