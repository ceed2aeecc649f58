import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../src/retry-after.js';

// Retry-After, RFC 9110 section 10.2.3: `HTTP-date / delay-seconds`, delay-seconds = 1*DIGIT; the HTTP-date
// forms (IMF-fixdate, rfc850-date, asctime-date) all begin with the day's name.
const NOW = Date.parse('Sun, 06 Dec 2026 07:00:00 GMT');

describe('retryAfterSeconds', () => {
  it.each([
    ['120', 120],
    [' 7 ', 7],
    ['0', 0],
    ['Sun, 06 Dec 2026 07:00:30 GMT', 30],
    ['Sunday, 06-Dec-26 07:01:00 GMT', 60],
    ['Sun Dec  6 07:00:10 2026', 10],
    // A date 0.2 s ahead is waited as one whole second, never retried early.
    ['Sun, 06 Dec 2026 07:00:00 GMT', 0],
    ['Sat, 05 Dec 2026 07:00:00 GMT', 0],
  ])('%j is %d s', (value, seconds) => {
    expect(retryAfterSeconds(value, NOW)).toBe(seconds);
  });

  it('rounds a date up to the whole second', () => {
    expect(retryAfterSeconds('Sun, 06 Dec 2026 07:00:01 GMT', NOW + 200)).toBe(1);
  });

  it.each([undefined, null, '', '  ', '1.5', '-3', '+3', '0x10', '1e3', 'soon', '2026-12-06T07:00:30Z', '9999999999'])('%j is no hint', (value) => {
    expect(retryAfterSeconds(value, NOW)).toBeUndefined();
  });
});
