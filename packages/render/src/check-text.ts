import type { ResultCheck } from '@roadstop/core';

/**
 * A count that says what it counts, when the check tells (`details.counting`,
 * and `details.of` for the whole): `files under 30%: 0 of 12`, not a bare 0
 * a reader cannot place.
 */
export function countText(check: ResultCheck): string | undefined {
  const counting = check.details?.counting;
  const of = check.details?.of;
  if (check.unit !== 'count' || typeof counting !== 'string') return undefined;
  return `${counting}: ${check.value}${typeof of === 'number' ? ` of ${of}` : ''}`;
}
