import jstatModule from 'jstat';

// jstat is CommonJS: its named export reaches ESM through the default.
const { jStat } = jstatModule;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The share of the false-alarm budget `alpha` spent by time `t` (0–1 of the
 * window): Lan and DeMets' Pocock-type function α·ln(1 + (e − 1)·t). It spends
 * more early than O'Brien-Fleming's, so a bad canary is caught in the first
 * looks, and never more than `alpha` over the whole window however often the
 * watch looks.
 */
export function alphaSpent(alpha: number, t: number): number {
  const clamped = Math.min(1, Math.max(0, t));
  return alpha * Math.log(1 + (Math.E - 1) * clamped);
}

/** The alpha of one look at time t after a look at time `previous`: the increment of the spending function (a union bound, so conservative). */
export function alphaForLook(alpha: number, previous: number, t: number): number {
  return Math.max(alphaSpent(alpha, t) - alphaSpent(alpha, previous), alpha * 1e-6);
}

export interface PairedResult {
  /** Mean excess of the canary over the allowed limit (positive: worse than allowed), in the values' unit. */
  mean: number;
  /** One-sided p that the mean excess is above zero. */
  p: number;
  /** Upper confidence bound (at alpha) of the mean excess: below zero shows "not worse beyond the margin". */
  upper: number;
  n: number;
  /** Lag-1 autocorrelation of the excesses (clamped to 0–0.95) and the effective number of intervals it leaves. */
  rho: number;
  nEffective: number;
}

/**
 * Per-interval values (p95s from a query, a JSON endpoint's numbers) are estimates, paired in time with the
 * baseline's and autocorrelated, so they are not independent samples. The test pairs them by interval, takes the
 * excess d = canary − (1 + margin)·baseline (for lower-is-worse, (1 − margin)·baseline − canary), and judges its
 * mean with a t statistic whose sample size is shrunk for the lag-1 autocorrelation, n·(1 − ρ)/(1 + ρ) (the AR(1)
 * variance inflation of a mean): shared swings of both versions cancel in the pairing, and runs of similar
 * intervals count for fewer samples.
 */
export function pairedNotWorse(canary: readonly number[], baseline: readonly number[], margin: number, higherIsWorse: boolean, alpha: number): PairedResult {
  const n = Math.min(canary.length, baseline.length);
  const excess: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = canary[canary.length - n + i]!;
    const b = baseline[baseline.length - n + i]!;
    excess.push(higherIsWorse ? c - (1 + margin) * b : (1 - margin) * b - c);
  }
  const mean = excess.reduce((total, value) => total + value, 0) / Math.max(1, n);
  if (n < 3) return { mean, p: 1, upper: Infinity, n, rho: 0, nEffective: n };
  const centred = excess.map((value) => value - mean);
  const variance = centred.reduce((total, value) => total + value * value, 0) / (n - 1);
  let lagged = 0;
  for (let i = 1; i < n; i++) lagged += centred[i]! * centred[i - 1]!;
  const rho = variance > 0 ? Math.min(0.95, Math.max(0, lagged / ((n - 1) * variance))) : 0;
  const nEffective = Math.max(2, (n * (1 - rho)) / (1 + rho));
  const se = Math.sqrt(variance / nEffective);
  if (se === 0) return { mean, p: mean > 0 ? 0 : 1, upper: mean, n, rho, nEffective };
  const dof = Math.max(1, nEffective - 1);
  const p = 1 - jStat.studentt.cdf(mean / se, dof);
  const upper = mean + studentQuantileUpper(alpha, dof) * se;
  return { mean, p, upper, n, rho, nEffective };
}

/** The t with P(T > t) = alpha for Student's t with `dof` degrees of freedom (bisection on jstat's cdf). */
function studentQuantileUpper(alpha: number, dof: number): number {
  let low = 0;
  let high = 1e6;
  for (let i = 0; i < 200 && high - low > 1e-9 * Math.max(1, low); i++) {
    const middle = (low + high) / 2;
    if (1 - jStat.studentt.cdf(middle, dof) > alpha) low = middle;
    else high = middle;
  }
  return high;
}
