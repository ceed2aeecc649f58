import { describe, expect, it } from 'vitest';
import { decideRetry, isRateLimited, rateLimitWaitSeconds, type FailedResponse, type RetryLimits } from '../src/retry-policy.js';

const NOW = Date.parse('2025-06-11T10:00:00Z');
const limits: RetryLimits = { maxRetries: 3, maxRetryWaitSeconds: 60, serverErrorBackoffSeconds: 1 };
const failed = (status: number, headers: FailedResponse['headers'] = {}, message = ''): FailedResponse => ({ status, headers, message });

describe('isRateLimited', () => {
  it.each([
    { name: '429', response: failed(429), expected: true },
    { name: '403 secondary rate limit message', response: failed(403, {}, 'You have exceeded a secondary rate limit. Please wait'), expected: true },
    { name: '403 with retry-after', response: failed(403, { 'retry-after': '30' }), expected: true },
    { name: '403 with primary limit used up', response: failed(403, { 'x-ratelimit-remaining': '0' }), expected: true },
    { name: '403 refusal with quota left', response: failed(403, { 'x-ratelimit-remaining': '990' }, 'Resource not accessible by integration'), expected: false },
    { name: '404', response: failed(404, { 'retry-after': '1' }), expected: false },
  ])('$name → $expected', ({ response, expected }) => {
    expect(isRateLimited(response)).toBe(expected);
  });
});

describe('rateLimitWaitSeconds', () => {
  it.each([
    { name: 'retry-after in seconds', headers: { 'retry-after': '7' }, attempt: 0, expected: 7 },
    { name: 'retry-after as an HTTP date', headers: { 'retry-after': 'Wed, 11 Jun 2025 10:00:30 GMT' }, attempt: 0, expected: 30 },
    { name: 'reset of the used-up primary limit, plus a second', headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 40) }, attempt: 0, expected: 41 },
    { name: 'reset already past', headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 5) }, attempt: 0, expected: 1 },
    { name: 'nothing said: a minute', headers: {}, attempt: 0, expected: 60 },
    { name: 'nothing said, second time: two minutes', headers: {}, attempt: 1, expected: 120 },
  ])('$name → $expected s', ({ headers, attempt, expected }) => {
    expect(rateLimitWaitSeconds(headers, attempt, NOW)).toBe(expected);
  });
});

describe('decideRetry', () => {
  it.each([
    { name: '429 retry-after 1', response: failed(429, { 'retry-after': '1' }), attempt: 0, expected: { retry: true, waitSeconds: 1, reason: 'rate limited (429)' } },
    { name: 'secondary 403', response: failed(403, {}, 'secondary rate limit'), attempt: 0, expected: { retry: true, waitSeconds: 60, reason: 'rate limited (403)' } },
    { name: 'secondary 403 again: 120 s is too long', response: failed(403, {}, 'secondary rate limit'), attempt: 1, expected: { retry: false, reason: 'wait-too-long', waitSeconds: 120 } },
    { name: 'primary limit for an hour', response: failed(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 3600) }), attempt: 0, expected: { retry: false, reason: 'wait-too-long', waitSeconds: 3601 } },
    { name: '502 first', response: failed(502), attempt: 0, expected: { retry: true, waitSeconds: 1, reason: 'server error (502)' } },
    { name: '503 third', response: failed(503), attempt: 2, expected: { retry: true, waitSeconds: 4, reason: 'server error (503)' } },
    { name: '500 after maxRetries', response: failed(500), attempt: 3, expected: { retry: false, reason: 'retries-exhausted' } },
    { name: '429 after maxRetries', response: failed(429, { 'retry-after': '1' }), attempt: 3, expected: { retry: false, reason: 'retries-exhausted' } },
    { name: '403 refusal', response: failed(403, {}, 'Resource not accessible by integration'), attempt: 0, expected: { retry: false, reason: 'not-retryable' } },
    { name: '404', response: failed(404), attempt: 0, expected: { retry: false, reason: 'not-retryable' } },
    { name: '422', response: failed(422), attempt: 0, expected: { retry: false, reason: 'not-retryable' } },
  ])('$name', ({ response, attempt, expected }) => {
    expect(decideRetry(response, attempt, limits, NOW)).toEqual(expected);
  });

  it('caps a 5xx backoff at maxRetryWaitSeconds instead of failing', () => {
    expect(decideRetry(failed(500), 2, { ...limits, maxRetries: 5, serverErrorBackoffSeconds: 30 }, NOW)).toEqual({
      retry: true,
      waitSeconds: 60,
      reason: 'server error (500)',
    });
  });
});
