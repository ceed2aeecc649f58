import { formatBytes, formatDelta, type ResultCheck } from '@roadstop/core';

/** A check's value in its unit, as the gates' own tables print it. */
export function formatFigure(value: number, unit: ResultCheck['unit']): string {
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'percent':
      return `${trim(value)}%`;
    case 'ms':
      return `${trim(value)} ms`;
    case 'score':
    case 'ratio':
    case 'count':
      return trim(value);
  }
}

/** The change against the base: bytes with a percentage, percentages in points, the rest as plain differences. */
export function formatChange(check: ResultCheck): string {
  const base = check.baseline!;
  const delta = check.value - base;
  if (check.unit === 'bytes') return formatDelta(delta, base);
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = trim(Math.abs(delta));
  if (check.unit === 'percent') return `${sign}${size} pt`;
  if (check.unit === 'ms') return `${sign}${size} ms`;
  return `${sign}${size}`;
}

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

function trim(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}
