import type { GateResult } from '@roadstop/core';
import { mapResultStrings, removeInvisible, truncateCodePoints } from '@roadstop/render';

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
  return mapResultStrings(result, (text, isKey) => sanitizeUntrusted(text, isKey ? 100 : MAX_UNTRUSTED_TEXT));
}
