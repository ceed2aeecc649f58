import { ConfigurationError, EnvironmentError } from '@roadstop/core';

/** Environment variable that sets the budget of one network lookup, in milliseconds (tests make it short). */
export const NETWORK_BUDGET_ENV = 'ROADSTOP_NETWORK_BUDGET_MS';
/** How long one lookup (e.g. `baseline: auto`: find the run, download its artifact) may take in all. */
export const DEFAULT_NETWORK_BUDGET_MS = 60_000;
/** How long one request may go unanswered before it is abandoned (and retried, budget allowing). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

/**
 * The time one lookup may spend on the network, retries and their waits
 * included. `signal` aborts every request still in flight when it runs out,
 * so no socket outlives it; its timer is unref'd and never holds the process.
 */
export interface NetworkBudget {
  readonly ms: number;
  readonly signal: AbortSignal;
  remainingMs(): number;
}

export function startNetworkBudget(ms: number): NetworkBudget {
  const endsAt = Date.now() + ms;
  return { ms, signal: AbortSignal.timeout(ms), remainingMs: () => Math.max(0, endsAt - Date.now()) };
}

/** The budget `ROADSTOP_NETWORK_BUDGET_MS` asks for, else the default. */
export function networkBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[NETWORK_BUDGET_ENV]?.trim();
  if (!text) return DEFAULT_NETWORK_BUDGET_MS;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new ConfigurationError(`${NETWORK_BUDGET_ENV} is '${text}', not a whole number of milliseconds`, {}, `unset it for the default of ${DEFAULT_NETWORK_BUDGET_MS} ms`);
  }
  return Number(text);
}

/** A lookup that ran out of its budget; `during` says what it was waiting for when it was stopped. */
export class NetworkBudgetError extends EnvironmentError {
  override readonly name = 'NetworkBudgetError';
  constructor(budgetMs: number, during: string) {
    super(`GitHub did not answer within the ${formatMs(budgetMs)} budget of the lookup (${NETWORK_BUDGET_ENV}); it was stopped while ${during}`);
  }
}

/** A single request that got no (complete) answer in time, after its retries. */
export class RequestTimeoutError extends EnvironmentError {
  override readonly name = 'RequestTimeoutError';
  constructor(timeoutMs: number, request: string) {
    super(`GitHub did not answer ${request} within ${formatMs(timeoutMs)}`);
  }
}

export function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
