import type { GateResult } from '@roadstop/core';

/** Controls (but tab and newline) and the bidirectional overrides that make text read otherwise than it is (CVE-2021-42574). */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** Text from a file nobody vouches for, without the characters that hide or reorder what a reader sees. */
export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** At most `max` code points, with an ellipsis when cut. */
export function truncateCodePoints(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * A copy of a result with every string (headline, messages, checks, items,
 * settings, object keys) mapped, so a gate's own renderer can run on a file
 * nobody vouches for once its text is made safe for where it is shown.
 * Enumerations and the schema id stay as they are: readers match on them.
 */
export function mapResultStrings(result: GateResult, map: (text: string, isKey: boolean) => string): GateResult {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return map(value, false);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [map(key, true), walk(inner)]));
    return value;
  };
  return { ...(walk(result) as GateResult), $schema: result.$schema, gate: result.gate, status: result.status };
}
