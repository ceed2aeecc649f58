import { ConfigurationError, type ErrorLocation } from './errors.js';

// Decimal units as size-limit, bundlewatch and browsers' devtools show them; binary units when asked for by name.
const UNITS: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i;

/** `"400 kB"`, `"1.5 MB"`, `"512 KiB"`, `"2048"`, `2048` → bytes. */
export function parseSize(value: string | number, where: ErrorLocation = {}): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
    throw new ConfigurationError(`'${value}' is not a size`, where, 'use bytes or a size such as "400 kB"');
  }
  const match = SIZE_PATTERN.exec(value);
  const unit = match ? UNITS[(match[2] ?? '').toLowerCase() || 'b'] : undefined;
  if (!match || unit === undefined) {
    throw new ConfigurationError(
      `'${value}' is not a size`,
      where,
      'write a number with B, kB, MB, GB (1000) or KiB, MiB, GiB (1024), e.g. "400 kB"',
    );
  }
  return Math.round(Number(match[1]) * unit);
}

export type Increase = { kind: 'percent'; value: number } | { kind: 'bytes'; value: number };

/** `"2%"` or `"5 kB"`: how much a measured size may grow against its baseline. */
export function parseIncrease(value: string | number, where: ErrorLocation = {}): Increase {
  if (typeof value === 'string' && value.trim().endsWith('%')) {
    const number = Number(value.trim().slice(0, -1));
    if (!Number.isFinite(number) || number < 0 || value.trim() === '%') {
      throw new ConfigurationError(`'${value}' is not a percentage`, where, 'write e.g. "2%"');
    }
    return { kind: 'percent', value: number };
  }
  return { kind: 'bytes', value: parseSize(value, where) };
}

export function formatIncrease(increase: Increase): string {
  return increase.kind === 'percent' ? `${increase.value}%` : formatBytes(increase.value);
}

/** Bytes as a person reads them, in the same decimal units `parseSize` reads by default. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const abs = Math.abs(bytes);
  if (abs < 1000) return `${sign}${abs} B`;
  if (abs < 1000 ** 2) return `${sign}${trim(abs / 1000)} kB`;
  if (abs < 1000 ** 3) return `${sign}${trim(abs / 1000 ** 2)} MB`;
  return `${sign}${trim(abs / 1000 ** 3)} GB`;
}

// Three significant figures at most, without trailing zeros: 400 kB, 1.88 kB, 12.5 kB.
function trim(n: number): string {
  return String(Number(n >= 100 ? n.toFixed(1) : n.toFixed(2)));
}

/** `+1.2 kB (+0.6%)`: a delta with its sign, for tables. */
export function formatDelta(delta: number, base: number | undefined): string {
  const bytes = `${delta > 0 ? '+' : ''}${formatBytes(delta)}`;
  if (base === undefined || base === 0) return bytes;
  const percent = (delta / base) * 100;
  return `${bytes} (${percent > 0 ? '+' : ''}${percent.toFixed(Math.abs(percent) < 10 ? 2 : 1)}%)`;
}
