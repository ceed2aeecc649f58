// The statistics of the pocock judge (bench/canary/pocock/judge.ts), moved here from packages/canary/src/stats.ts
// unchanged when canary-watch stopped using them (issue 19): Wilson bounds, the two-proportion and Fisher tests,
// Mann-Whitney U with its Hodges-Lehmann shift. packages/canary/test/stats.test.ts still checks them against R.
import jstatModule from 'jstat';
import { median } from '../../../packages/canary/src/stats.js';

// jstat is CommonJS: its named export reaches ESM through the default.
const { jStat } = jstatModule;

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return jStat.normal.cdf(-z, 0, 1);
}

/** The z with P(Z > z) = alpha. */
export function normalQuantileUpper(alpha: number): number {
  return jStat.normal.inv(1 - alpha, 0, 1);
}

/** Wilson score interval of x successes in n trials at two-sided confidence 1 - 2·alpha (each side alpha). */
export function wilsonInterval(x: number, n: number, alpha: number): { lower: number; upper: number } {
  if (n <= 0) return { lower: 0, upper: 1 };
  const z = normalQuantileUpper(alpha);
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { lower: Math.max(0, center - half), upper: Math.min(1, center + half) };
}

/**
 * One-sided two-proportion test that the first rate is greater, as R's
 * `prop.test(c(x1, x2), c(n1, n2), alternative = "greater")` computes it:
 * the chi-squared statistic of the 2×2 table with Yates' continuity
 * correction, signed by the difference.
 */
export function twoProportionGreater(x1: number, n1: number, x2: number, n2: number): { z: number; p: number } {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const delta = p1 - p2;
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled === 0 || pooled === 1) return { z: 0, p: 1 };
  const yates = Math.min(0.5, Math.abs(delta) / (1 / n1 + 1 / n2));
  let chi = 0;
  for (const [observed, n] of [
    [x1, n1],
    [x2, n2],
  ] as const) {
    for (const [o, e] of [
      [observed, n * pooled],
      [n - observed, n * (1 - pooled)],
    ] as const) {
      chi += (Math.abs(o - e) - yates) ** 2 / e;
    }
  }
  const z = Math.sign(delta) * Math.sqrt(chi);
  return { z, p: normalUpperTail(z) };
}

/**
 * Fisher's exact test, one-sided (the first group's rate greater), as R's
 * `fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2), alternative = "greater")`:
 * P(X ≥ x1) for X hypergeometric with the table's margins.
 */
export function fisherGreater(x1: number, n1: number, x2: number, n2: number): number {
  const population = n1 + n2;
  const successes = x1 + x2;
  const top = Math.min(successes, n1);
  let p = 0;
  for (let k = x1; k <= top; k++) p += jStat.hypgeom.pdf(k, population, successes, n1);
  return Math.min(1, p);
}

export interface MannWhitneyResult {
  /** U of the first sample: pairs (x, y) with x > y, ties counting one half. */
  u: number;
  /** One-sided p that the first sample is stochastically greater. */
  p: number;
  method: 'exact' | 'normal';
  /** Hodges-Lehmann shift: the median of every difference x - y. */
  shift: number;
  /** Probability of superiority, U / (n1·n2): 0.5 is no effect, 1 every x above every y. */
  effect: number;
}

/**
 * Mann-Whitney U (Wilcoxon rank-sum), one-sided "first greater", as R's
 * `wilcox.test(x, y, alternative = "greater")`: the exact distribution when
 * both samples are under 50 and there are no ties, else the normal
 * approximation with tie and continuity corrections.
 */
export function mannWhitneyGreater(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) return { u: 0, p: 1, method: 'exact', shift: 0, effect: 0.5 };
  const all = [...x.map((value) => ({ value, first: true })), ...y.map((value) => ({ value, first: false }))].sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(all.length);
  const tieSizes: number[] = [];
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.value === all[i]!.value) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[k] = rank;
    if (j > i) tieSizes.push(j - i + 1);
    i = j + 1;
  }
  let rankSum = 0;
  all.forEach((entry, index) => {
    if (entry.first) rankSum += ranks[index]!;
  });
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const shift = hodgesLehmannShift(x, y);
  const effect = u / (n1 * n2);
  if (n1 < 50 && n2 < 50 && tieSizes.length === 0) {
    return { u, p: exactUpperTail(n1, n2, u), method: 'exact', shift, effect };
  }
  const n = n1 + n2;
  const tieTerm = tieSizes.reduce((sum, t) => sum + (t ** 3 - t), 0);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const centered = u - (n1 * n2) / 2;
  if (sigma === 0) return { u, p: 1, method: 'normal', shift, effect };
  const z = (centered - 0.5) / sigma;
  return { u, p: normalUpperTail(z), method: 'normal', shift, effect };
}

/** P(U ≥ u) under the null, by counting arrangements (the recursion of Mann and Whitney, 1947). */
function exactUpperTail(n1: number, n2: number, u: number): number {
  // counts[j][k]: arrangements of i firsts and j seconds with U = k, built up over i.
  const maxU = n1 * n2;
  let previous: number[][] = Array.from({ length: n2 + 1 }, () => [1]);
  for (let i = 1; i <= n1; i++) {
    const current: number[][] = [];
    for (let j = 0; j <= n2; j++) {
      const size = i * j + 1;
      const row = new Array<number>(size).fill(0);
      // The largest value is a first (adds j to U) or a second.
      const withFirst = previous[j]!;
      for (let k = 0; k < withFirst.length; k++) row[k + j]! += withFirst[k]!;
      if (j > 0) {
        const withSecond = current[j - 1]!;
        for (let k = 0; k < withSecond.length; k++) row[k]! += withSecond[k]!;
      }
      current.push(row);
    }
    previous = current;
  }
  const distribution = previous[n2]!;
  let total = 0;
  let tail = 0;
  for (let k = 0; k <= maxU; k++) {
    total += distribution[k] ?? 0;
    if (k >= u - 1e-9) tail += distribution[k] ?? 0;
  }
  return tail / total;
}

export function hodgesLehmannShift(x: readonly number[], y: readonly number[]): number {
  const differences: number[] = [];
  for (const a of x) for (const b of y) differences.push(a - b);
  return median(differences);
}
