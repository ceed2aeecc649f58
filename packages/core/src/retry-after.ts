/**
 * The wait a `Retry-After` header asks for, in whole seconds (rounded up): delay-seconds (digits only) or an
 * HTTP-date (it begins with the day's name), the two forms RFC 9110 section 10.2.3 allows; a date past is no wait.
 * Undefined when the header is absent or neither: a fraction, a sign, hex or a bare number Date.parse would read
 * as a year is no hint.
 */
export function retryAfterSeconds(value: string | undefined | null, nowMs: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text);
  if (!/^[A-Za-z]{3,9},? /.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}
