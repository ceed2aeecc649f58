/**
 * The wait a `Retry-After` header asks for, in whole seconds (rounded up):
 * delay-seconds or an HTTP date, as RFC 9110 allows both. Undefined when the
 * header is absent or neither.
 */
export function retryAfterSeconds(value: string | undefined | null, nowMs: number): number | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - nowMs) / 1000));
  return undefined;
}
