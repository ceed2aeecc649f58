import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judgeErrorRate, type MetricData } from '../src/judge.js';
import type { MetricSpec } from '../src/options.js';
import { binomial, rng } from '../../../bench/canary/random.mjs';
import { decidableRates, differenceBounds, logMixtureRatio, PRIOR, rateConfidenceSequence } from '../src/sequential.js';

const here = dirname(fileURLToPath(import.meta.url));
const scipy = spawnSync('python3', ['-c', 'import scipy'], { encoding: 'utf8' });
const hasScipy = scipy.status === 0;
// Skipped only on a machine without python3 and SciPy that is not CI: in CI a missing SciPy fails the test.
const runReference = hasScipy || process.env.CI !== undefined;

const CASES = [
  { x: 0, n: 50, alpha: 0.05 },
  { x: 0, n: 1000, alpha: 0.005 },
  { x: 3, n: 300, alpha: 0.001 },
  { x: 7, n: 90, alpha: 0.000625 },
  { x: 24, n: 300, alpha: 0.000625 },
  { x: 30, n: 2970, alpha: 0.000625 },
  { x: 405, n: 40_500, alpha: 0.0025 },
  { x: 120, n: 300, alpha: 1e-5 },
  { x: 299, n: 300, alpha: 0.01 },
  { x: 1, n: 1, alpha: 0.1 },
].flatMap((one) => [PRIOR, { a: 1, b: 1 }, { a: 5, b: 200 }].map((prior) => ({ ...one, ...prior, p0: Math.min(0.9, (one.x + 1) / (one.n + 2) / 2) })));

describe('the beta-binomial mixture confidence sequence against SciPy', () => {
  it.runIf(runReference)('matches an independent computation of the paper’s formula (scipy.special.betaln, scipy.optimize.brentq)', () => {
    const ran = spawnSync('python3', [join(here, 'reference/confidence_sequence.py')], { input: JSON.stringify(CASES), encoding: 'utf8' });
    expect(ran.stderr).toBe('');
    const reference = JSON.parse(ran.stdout) as { logRatio: number; lower: number; upper: number }[];
    expect(reference).toHaveLength(CASES.length);
    for (const [index, one] of CASES.entries()) {
      const prior = { a: one.a, b: one.b };
      const mine = rateConfidenceSequence(one.x, one.n, one.alpha, prior);
      const theirs = reference[index]!;
      expect(logMixtureRatio(one.x, one.n, one.p0, prior), JSON.stringify(one)).toBeCloseTo(theirs.logRatio, 8);
      expect(Math.abs(mine.lower - theirs.lower), `lower ${JSON.stringify(one)}`).toBeLessThan(1e-9 + 1e-6 * theirs.lower);
      expect(Math.abs(mine.upper - theirs.upper), `upper ${JSON.stringify(one)}`).toBeLessThan(1e-9 + 1e-6 * theirs.upper);
    }
  });
});

describe('rateConfidenceSequence', () => {
  it('holds its estimate, narrows with data and widens with a smaller alpha', () => {
    const small = rateConfidenceSequence(10, 1000, 0.01);
    const large = rateConfidenceSequence(100, 10_000, 0.01);
    const strict = rateConfidenceSequence(10, 1000, 0.0001);
    expect(small.lower).toBeLessThan(0.01);
    expect(small.upper).toBeGreaterThan(0.01);
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
    expect(strict.lower).toBeLessThan(small.lower);
    expect(strict.upper).toBeGreaterThan(small.upper);
  });

  it.each([
    { x: Number.NaN, n: 10 },
    { x: 11, n: 10 },
    { x: -1, n: 10 },
    { x: 0, n: 0 },
  ])('answers nothing known for x $x of n $n', ({ x, n }) => {
    expect(rateConfidenceSequence(x, n, 0.01)).toEqual({ lower: 0, upper: 1 });
  });

  it('bounds a difference by the two sequences at alpha/2 each', () => {
    const bounds = differenceBounds({ events: 48, requests: 600 }, { events: 54, requests: 5400 }, 0.002, false);
    expect(bounds.canary).toEqual(rateConfidenceSequence(48, 600, 0.001));
    expect(bounds.baseline).toEqual(rateConfidenceSequence(54, 5400, 0.001));
    expect(bounds.lower).toBeCloseTo(bounds.canary.lower - bounds.baseline.upper, 12);
    expect(bounds.upper).toBeCloseTo(bounds.canary.upper - bounds.baseline.lower, 12);
  });

  it('says which rates a number of requests can decide', () => {
    const thin = decidableRates(450, 0.00125, 0.05, 0.01);
    expect(thin.confirmAbove).toBeGreaterThan(0.05);
    expect(thin.confirmBelow).toBeUndefined();
    const busy = decidableRates(45_000, 0.00125, 0.05, 0.01);
    expect(busy.confirmAbove).toBeLessThan(thin.confirmAbove!);
    expect(busy.confirmBelow).toBeGreaterThan(0.005);
  });
});

// 2,000 runs here (seconds); bench/canary/type-one.mjs runs 10,000 and more, its figures in bench/README.md.
describe('the false-rollback rate, by simulation (2,000 runs of 15 looks each)', () => {
  const spec: MetricSpec = { name: 'errors', type: 'error-rate', errors: 'e', requests: 'r', path: '$', maxIncrease: 0.01, direction: 'higher-is-worse', minSamples: 1, critical: true, unit: 'milliseconds', where: {} };
  const LOOKS = 15;
  const RUNS = 2000;

  /** The share of runs the judge fails at any look, each look judging the whole window and the recent ones. */
  function falseRollbacks(canaryRate: number, baselineRate: number, alpha: number, seed: number): number {
    const random = rng(seed);
    let rolledBack = 0;
    for (let run = 0; run < RUNS; run++) {
      const data: Extract<MetricData, { type: 'error-rate' }> = { type: 'error-rate', canary: [], baseline: [] };
      for (let look = 1; look <= LOOKS; look++) {
        data.canary.push({ requests: 300, errors: binomial(random, 300, canaryRate) });
        data.baseline!.push({ requests: 2700, errors: binomial(random, 2700, baselineRate) });
        if (judgeErrorRate(spec, data, { alpha, lookAlpha: alpha, looks: LOOKS }).verdict === 'fail') {
          rolledBack++;
          break;
        }
      }
    }
    return rolledBack / RUNS;
  }

  // The hardest healthy canary is one exactly at the margin (H0's edge): its false rollbacks must stay under alpha.
  it.each([
    { what: 'a canary at the margin, alpha 5%', canary: 0.02, baseline: 0.01, alpha: 0.05 },
    { what: 'a canary at the margin on a busier rate, alpha 10%', canary: 0.06, baseline: 0.05, alpha: 0.1 },
    { what: 'a healthy canary, alpha 5%', canary: 0.01, baseline: 0.01, alpha: 0.05 },
  ])('$what: false rollbacks at most alpha', ({ canary, baseline, alpha }) => {
    const rate = falseRollbacks(canary, baseline, alpha, 7);
    expect(rate).toBeLessThanOrEqual(alpha);
  });

  it('the simulation can see a rollback: a canary 3 points past the margin is rolled back in most runs', () => {
    expect(falseRollbacks(0.05, 0.01, 0.05, 9)).toBeGreaterThan(0.9);
  });
});
