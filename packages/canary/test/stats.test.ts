import { describe, expect, it } from 'vitest';
import { alphaSpent } from '../src/stats.js';
import { fisherGreater, mannWhitneyGreater, twoProportionGreater, wilsonInterval } from '../../../bench/canary/pocock/stats.js';

// R is not on the machine these tests were written on. Each expected figure is
// the R call beside it, computed independently with SciPy 1.17 (a separate
// implementation of the same definitions):
// - prop.test(..., correct = TRUE): scipy.stats.chi2_contingency(table, correction=True),
//   signed square root, norm.sf: R's one-sided prop.test statistic and p.
// - fisher.test(..., alternative = "greater"): scipy.stats.fisher_exact(alternative='greater').
// - wilcox.test(x, y, alternative = "greater"): scipy.stats.mannwhitneyu(method='exact') when
//   both samples are under 50 without ties (R's rule), else method='asymptotic', use_continuity=True.
//   The Hodges-Lehmann shift is numpy.median(numpy.subtract.outer(x, y)).
// - Wilson bounds (prop.test(x, n, correct = FALSE)$conf.int): scipy.stats.binomtest(x, n)
//   .proportion_ci(method='wilson').

describe('twoProportionGreater matches R prop.test(alternative = "greater")', () => {
  const cases = [
    { call: 'prop.test(c(12, 27), c(300, 2700), alternative = "greater")', args: [12, 300, 27, 2700], p: 2.220915739827292e-05 },
    { call: 'prop.test(c(15, 10), c(400, 400), alternative = "greater")', args: [15, 400, 10, 400], p: 0.2081661347302607 },
    { call: 'prop.test(c(5, 3), c(100, 100), alternative = "greater")', args: [5, 100, 3, 100], p: 0.359108064766993 },
    { call: 'prop.test(c(2, 6), c(50, 60), alternative = "greater")', args: [2, 50, 6, 60], p: 0.7989611486660335 },
  ] as const;
  it.each(cases)('$call', ({ args, p }) => {
    const [x1, n1, x2, n2] = args;
    const result = twoProportionGreater(x1, n1, x2, n2);
    expect(result.p).toBeGreaterThan(0);
    expect(Math.abs(Math.log(result.p) - Math.log(p))).toBeLessThan(1e-6);
  });
  it('reads p below 1e-15 as 0 or less (R: 2.311091271018192e-18 for c(24, 27), c(300, 2700)): far below any alpha the judge uses', () => {
    expect(twoProportionGreater(24, 300, 27, 2700).p).toBeLessThan(1e-15);
  });
});

describe('fisherGreater matches R fisher.test(alternative = "greater")', () => {
  const cases = [
    { call: 'fisher.test(matrix(c(3, 17, 0, 25), 2), alternative = "greater")', args: [3, 20, 0, 25], p: 0.08033826638477802 },
    { call: 'fisher.test(matrix(c(5, 35, 1, 59), 2), alternative = "greater")', args: [5, 40, 1, 60], p: 0.03633972801866763 },
    { call: 'fisher.test(matrix(c(1, 9, 1, 9), 2), alternative = "greater")', args: [1, 10, 1, 10], p: 0.763157894736842 },
    { call: 'fisher.test(matrix(c(8, 22, 2, 28), 2), alternative = "greater")', args: [8, 30, 2, 30], p: 0.0398610073903954 },
  ] as const;
  it.each(cases)('$call', ({ args, p }) => {
    const [x1, n1, x2, n2] = args;
    expect(fisherGreater(x1, n1, x2, n2)).toBeCloseTo(p, 10);
  });
});

describe('mannWhitneyGreater matches R wilcox.test(alternative = "greater")', () => {
  const cases = [
    {
      call: 'wilcox.test(c(0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46), c(1.15, 0.88, 0.9, 0.74, 1.21), alternative = "greater")',
      x: [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46],
      y: [1.15, 0.88, 0.9, 0.74, 1.21],
      u: 35,
      p: 0.1272061272061272,
      method: 'exact',
      shift: 0.305,
    },
    { call: 'wilcox.test(5:10, 1:4, alternative = "greater")', x: [5, 6, 7, 8, 9, 10], y: [1, 2, 3, 4], u: 24, p: 0.004761904761904762, method: 'exact', shift: 5 },
    { call: 'wilcox.test(c(1, 2, 2, 3, 4, 5, 6), c(1, 1, 2, 3, 3), alternative = "greater")', x: [1, 2, 2, 3, 4, 5, 6], y: [1, 1, 2, 3, 3], u: 25, p: 0.1227348091293674, method: 'normal', shift: 1 },
    {
      call: 'wilcox.test(0:59, 0:54 + 10.5, alternative = "greater")',
      x: Array.from({ length: 60 }, (_, i) => i),
      y: Array.from({ length: 55 }, (_, i) => i + 10.5),
      u: 1225,
      p: 0.9913985585816014,
      method: 'normal',
      shift: -8,
    },
  ] as const;
  it.each(cases)('$call', ({ x, y, u, p, method, shift }) => {
    const result = mannWhitneyGreater(x, y);
    expect(result.u).toBe(u);
    expect(result.method).toBe(method);
    expect(result.p).toBeCloseTo(p, 10);
    expect(result.shift).toBeCloseTo(shift, 10);
    expect(result.effect).toBeCloseTo(u / (x.length * y.length), 12);
  });
});

describe('wilsonInterval matches prop.test(x, n, correct = FALSE)$conf.int', () => {
  const cases = [
    { call: 'prop.test(3, 300, conf.level = 0.95, correct = FALSE)', x: 3, n: 300, alpha: 0.025, lower: 0.003406618437715286, upper: 0.02898349336233983 },
    { call: 'prop.test(24, 300, conf.level = 0.998, correct = FALSE)', x: 24, n: 300, alpha: 0.001, lower: 0.04357649295876638, upper: 0.14233732395203147 },
    { call: 'prop.test(0, 50, conf.level = 0.9, correct = FALSE)', x: 0, n: 50, alpha: 0.05, lower: 0, upper: 0.05133318578627012 },
  ];
  it.each(cases)('$call', ({ x, n, alpha, lower, upper }) => {
    const interval = wilsonInterval(x, n, alpha);
    expect(interval.lower).toBeCloseTo(lower, 9);
    expect(interval.upper).toBeCloseTo(upper, 9);
  });
});

describe('alphaSpent (Pocock-type spending)', () => {
  it.each([
    { t: 0, spent: 0 },
    { t: 1, spent: 0.005 },
    { t: 0.5, spent: 0.005 * Math.log(1 + (Math.E - 1) / 2) },
    { t: 2, spent: 0.005 },
  ])('spends $spent of 0.005 by t=$t', ({ t, spent }) => {
    expect(alphaSpent(0.005, t)).toBeCloseTo(spent, 12);
  });
});
