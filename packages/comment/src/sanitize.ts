import type { GateResult } from '@roadstop/core';

/** Longest string kept from a result file: a headline or a file name, not a page. */
export const MAX_UNTRUSTED_TEXT = 500;

/** Controls (but tab and newline) and the bidirectional overrides that make text read otherwise than it is (CVE-2021-42574). */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a result file made inert in a GitHub comment. The file may come
 * from a fork's run (the two-phase pattern) and says whatever its author
 * wants: no HTML (`<`, `>`: no tags, no fake marker comment), no links or
 * images (`[`, `]`), no @mentions that would notify people. Entities, not
 * backslashes: GitHub renders `&#64;` as `@` without a mention. Cut at a
 * code point, never through a surrogate pair.
 */
export function sanitizeUntrusted(text: string, max = MAX_UNTRUSTED_TEXT): string {
  const cleaned = truncateCodePoints(text.replace(INVISIBLE, ''), max);
  return cleaned.replace(/[<>[\]@]/g, (char) => ENTITY[char]!);
}

const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '[': '&#91;', ']': '&#93;', '@': '&#64;' };

/** At most `max` code points, with an ellipsis when cut. */
export function truncateCodePoints(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Gate names are identifiers, shown and keyed on: anything else is not a result of a roadstop gate. */
export const GATE_NAME = /^[a-z][a-z0-9-]{0,63}$/;

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
