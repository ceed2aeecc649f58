import { setTimeout as delay } from 'node:timers/promises';

/** How a wait is made; tests pass a fake so they do not sleep. An aborted signal ends it at once. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const sleep: Sleep = (ms, signal) => delay(ms, undefined, signal ? { signal } : {});

/** One rate-limited answer (a 429 and the like) that its caller would wait out before asking again. */
export interface RateLimitWait {
  /** The wait asked for: the server's Retry-After, else the caller's backoff. */
  waitMs: number;
  /** What is left of the caller's budget: a wait that would use it all up is not made. */
  leftMs: number;
  /** Retries already made (0 at the first rate-limited answer), and how many may be. */
  attempt: number;
  maxRetries: number;
  /** The error thrown instead of waiting: the wait does not fit ('too-long'), or the retries are spent. */
  giveUp: (why: 'too-long' | 'retries-spent') => unknown;
  /** Ends the wait at once (a cancel, a budget run out); `cancelled` names that, else the sleep's own error goes on. */
  signal?: AbortSignal | undefined;
  cancelled?: () => Error;
  /** Told just before the wait (a log line). */
  onWait?: () => void;
  sleep?: Sleep | undefined;
}

/**
 * Waits out one rate-limited answer within its caller's budget and retries, or throws the caller's error: the one
 * policy of the Vercel adapter, the Sentry provider and the GitHub client, so that none waits past its budget, none
 * retries forever, and a cancel ends every wait at once.
 */
export async function waitOutRateLimit(wait: RateLimitWait): Promise<void> {
  if (wait.waitMs >= wait.leftMs) throw wait.giveUp('too-long');
  if (wait.attempt >= wait.maxRetries) throw wait.giveUp('retries-spent');
  wait.onWait?.();
  try {
    await (wait.sleep ?? sleep)(wait.waitMs, wait.signal);
  } catch (error) {
    if (wait.signal?.aborted && wait.cancelled) throw wait.cancelled();
    throw error;
  }
}
