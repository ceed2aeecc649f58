import jstatModule from 'jstat';

// jstat is CommonJS: its named export reaches ESM through the default.
const { jStat } = jstatModule;

/**
 * Anytime-valid confidence sequences for the rate of a count metric (errors or slow requests out of requests).
 *
 * The beta-binomial conjugate mixture of Howard, Ramdas, McAuliffe and Sekhon, "Time-uniform, nonparametric,
 * nonasymptotic confidence sequences" (Annals of Statistics 2021), section 3 / Robbins (1970): for a rate p0, the
 * likelihood ratio of a Beta(a, b) mixture against p0 after x events in n trials,
 *
 *   M_n(p0) = B(a + x, b + n − x) / B(a, b) / (p0^x · (1 − p0)^(n − x)),
 *
 * is a nonnegative martingale with mean 1 while the true rate is p0, so by Ville's inequality
 * P(some n with M_n(p0) ≥ 1/α) ≤ α. The set {p0 : M_n(p0) < 1/α} therefore covers the true rate at every look at
 * once with probability 1 − α: a watch may look as often as it likes and stop at any look, without alpha spending.
 * log M_n is convex in p0 (the log-likelihood is concave), so the set is an interval around x/n, found by bisection.
 * Assumptions: the trials are independent with one rate over the window the sequence covers.
 */

/**
 * The mixture's prior. Validity holds for any prior fixed before the data; the prior only moves where the sequence
 * is tight. Beta(0.5, 12) puts its weight on rates of a few percent, where error rates and slow shares live, so
 * the bound is tightest there (tuned on bench/canary: 1%→8% at 1% of 50 req/s rolls back in about 3 looks).
 */
export const PRIOR = { a: 0.5, b: 12 } as const;

export interface Prior {
  a: number;
  b: number;
}

/** log M_n(p0), the log of the mixture's likelihood ratio against the rate p0 after x events in n trials. */
export function logMixtureRatio(x: number, n: number, p0: number, prior: Prior = PRIOR): number {
  const failures = n - x;
  const logNull = (x > 0 ? x * Math.log(p0) : 0) + (failures > 0 ? failures * Math.log1p(-p0) : 0);
  return jStat.betaln(prior.a + x, prior.b + failures) - jStat.betaln(prior.a, prior.b) - logNull;
}

export interface Interval {
  lower: number;
  upper: number;
}

/** The confidence sequence for a rate after x events in n trials, at error α over all looks: {p0 : M_n(p0) < 1/α}. */
export function rateConfidenceSequence(x: number, n: number, alpha: number, prior: Prior = PRIOR): Interval {
  if (!(n > 0) || !(x >= 0) || x > n || !(alpha > 0 && alpha < 1)) return { lower: 0, upper: 1 };
  const inside = insideAt(x, n, alpha, prior);
  return { lower: x === 0 ? 0 : edge(inside, x / n, 0), upper: x === n ? 1 : edge(inside, x / n, 1) };
}

/** The upper end of the sequence alone (the baseline's, which the rollback test needs at every window). */
export function rateUpperBound(x: number, n: number, alpha: number, prior: Prior = PRIOR): number {
  if (!(n > 0) || !(x >= 0) || x > n || !(alpha > 0 && alpha < 1)) return 1;
  return x === n ? 1 : edge(insideAt(x, n, alpha, prior), x / n, 1);
}

function insideAt(x: number, n: number, alpha: number, prior: Prior): (p0: number) => boolean {
  const level = Math.log(1 / alpha);
  return (p0) => logMixtureRatio(x, n, p0, prior) < level;
}

/** Where the sequence ends between `from` (inside: the estimate) and `to` (0 or 1, returned when inside), by bisection. */
function edge(inside: (p0: number) => boolean, from: number, to: number): number {
  if (inside(to)) return to;
  let a = from;
  let b = to;
  // To 1e-10 of the rate, far finer than any level a user writes (0.01% at most), in ~34 steps.
  for (let i = 0; i < 60 && Math.abs(b - a) > 1e-10; i++) {
    const middle = (a + b) / 2;
    if (inside(middle)) a = middle;
    else b = middle;
  }
  return a;
}

/**
 * Whether the lower bound of the sequence is above `threshold`, without finding the bound: the threshold is below
 * the estimate and outside the sequence (log M is convex, so left of the estimate it is outside exactly when it is
 * below the lower bound). One evaluation where the bound would take a bisection: the watch asks it for every window.
 */
export function lowerBoundAbove(x: number, n: number, alpha: number, threshold: number, prior: Prior = PRIOR): boolean {
  if (!(n > 0) || !(x >= 0) || x > n || !(alpha > 0 && alpha < 1)) return false;
  if (threshold < 0) return true;
  return x / n > threshold && logMixtureRatio(x, n, threshold, prior) >= Math.log(1 / alpha);
}

/** Counts of one version over a stretch of the watch. */
export interface Counts {
  events: number;
  requests: number;
}

export interface DifferenceBounds {
  canary: Interval;
  baseline: Interval;
  /** Bounds on p_canary − p_baseline (or p_canary / p_baseline for a relative margin) valid together at error α. */
  lower: number;
  upper: number;
}

/**
 * Bounds on the canary's rate against the baseline's: each version's sequence at α/2, so both cover their rates at
 * every look with probability 1 − α, and then so does the difference [L_c − U_b, U_c − L_b] (or the ratio
 * [L_c / U_b, U_c / L_b]).
 */
export function differenceBounds(canary: Counts, baseline: Counts, alpha: number, relative: boolean, prior: Prior = PRIOR): DifferenceBounds {
  const c = rateConfidenceSequence(canary.events, canary.requests, alpha / 2, prior);
  const b = rateConfidenceSequence(baseline.events, baseline.requests, alpha / 2, prior);
  if (relative) return { canary: c, baseline: b, lower: b.upper > 0 ? c.lower / b.upper : c.lower > 0 ? Infinity : 0, upper: b.lower > 0 ? c.upper / b.lower : Infinity };
  return { canary: c, baseline: b, lower: c.lower - b.upper, upper: c.upper - b.lower };
}

/**
 * What n trials can decide at error α, typical case (events at their expected count): the lowest rate whose lower
 * bound clears `above` (a rollback can be confirmed past it), and the highest rate whose upper bound stays under
 * `below` (a pass can be confirmed under it); undefined when no rate can.
 */
export function decidableRates(n: number, alpha: number, above: number | undefined, below: number | undefined, prior: Prior = PRIOR): { confirmAbove?: number; confirmBelow?: number } {
  const result: { confirmAbove?: number; confirmBelow?: number } = {};
  if (!(n > 0)) return result;
  const search = (ok: (rate: number) => boolean, increasing: boolean): number | undefined => {
    // ok is monotone in the rate: find its edge on a 0.01-point grid by bisection.
    let a = 0;
    let b = 1;
    if (increasing ? !ok(1) : !ok(0)) return undefined;
    for (let i = 0; i < 40; i++) {
      const middle = (a + b) / 2;
      if (ok(middle) === increasing) b = middle;
      else a = middle;
    }
    return increasing ? b : a;
  };
  if (above !== undefined) {
    const rate = search((r) => rateConfidenceSequence(r * n, n, alpha, prior).lower > above, true);
    if (rate !== undefined) result.confirmAbove = rate;
  }
  if (below !== undefined) {
    const rate = search((r) => rateConfidenceSequence(r * n, n, alpha, prior).upper < below, false);
    if (rate !== undefined) result.confirmBelow = rate;
  }
  return result;
}
