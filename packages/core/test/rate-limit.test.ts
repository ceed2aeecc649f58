import { describe, expect, it } from 'vitest';
import { waitOutRateLimit, type RateLimitWait } from '../src/rate-limit.js';

const giveUp = (why: string) => new Error(`gave up: ${why}`);

describe('waitOutRateLimit', () => {
  it.each<[string, Pick<RateLimitWait, 'waitMs' | 'leftMs' | 'attempt' | 'maxRetries'>, string | number]>([
    ['a wait that fits, the first retry', { waitMs: 3000, leftMs: 120_000, attempt: 0, maxRetries: 4 }, 3000],
    ['a zero wait', { waitMs: 0, leftMs: 1, attempt: 2, maxRetries: 3 }, 0],
    ['the last retry allowed', { waitMs: 1000, leftMs: 5000, attempt: 3, maxRetries: 4 }, 1000],
    ['no budget at all', { waitMs: 60_000, leftMs: Infinity, attempt: 0, maxRetries: Infinity }, 60_000],
    ['a wait past the budget', { waitMs: 86_400_000, leftMs: 120_000, attempt: 0, maxRetries: 4 }, 'gave up: too-long'],
    ['a wait that would use the whole budget up', { waitMs: 5000, leftMs: 5000, attempt: 0, maxRetries: 4 }, 'gave up: too-long'],
    ['a budget already spent', { waitMs: 0, leftMs: 0, attempt: 0, maxRetries: 4 }, 'gave up: too-long'],
    ['the retries spent', { waitMs: 1000, leftMs: 120_000, attempt: 4, maxRetries: 4 }, 'gave up: retries-spent'],
    ['both: the budget is named first', { waitMs: 9000, leftMs: 1000, attempt: 4, maxRetries: 4 }, 'gave up: too-long'],
  ])('%s', async (_case, wait, expected) => {
    const waits: number[] = [];
    const logs: string[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const outcome = await waitOutRateLimit({ ...wait, giveUp, sleep, onWait: () => logs.push('told') }).then(
      () => waits[0],
      (error: Error) => error.message,
    );
    expect(outcome).toBe(expected);
    // Told only when a wait is made, and just once.
    expect(logs).toHaveLength(typeof expected === 'number' ? 1 : 0);
  });

  it.each([
    ['named by cancelled()', () => new Error('cancelled by the user'), 'cancelled by the user'],
    ['the sleep’s own error without cancelled()', undefined, 'The operation was aborted'],
  ])('an abort ends a real wait at once, %s', async (_case, cancelled, message) => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = waitOutRateLimit({ waitMs: 60_000, leftMs: Infinity, attempt: 0, maxRetries: 3, giveUp, signal: controller.signal, ...(cancelled ? { cancelled } : {}) });
    setTimeout(() => controller.abort(), 20);
    await expect(waiting).rejects.toThrow(message);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a sleep that fails for another reason is not called a cancel', async () => {
    const signal = new AbortController().signal;
    const sleep = () => Promise.reject(new Error('timer broke'));
    await expect(waitOutRateLimit({ waitMs: 1, leftMs: 10, attempt: 0, maxRetries: 1, giveUp, signal, cancelled: () => new Error('cancelled'), sleep })).rejects.toThrow('timer broke');
  });
});
