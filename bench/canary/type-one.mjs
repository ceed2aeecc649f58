#!/usr/bin/env node
// The false-rollback rate of canary-watch's count test, by simulation: 10,000 seeded watches (or --runs) of 15
// looks, each look judging the whole window and the recent ones exactly as the watch does, for canaries that are
// healthy or exactly at the margin (the edge of "not worse", the hardest case for a false rollback).
//
//   node --import ./scripts/ts-resolve.mjs bench/canary/type-one.mjs [--runs 10000] [--quick]
//
// Fails unless every case's rate is at most its alpha. Reported with a 95% Clopper-Pearson upper bound, from the
// beta quantile (jstat), so a reader sees how far the simulation could be off.
import jstatModule from 'jstat';
import { judgeErrorRate } from '../../packages/canary/src/judge.ts';
import { binomial, rng } from './random.mjs';

const { jStat } = jstatModule;
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const index = args.indexOf('--runs');
const RUNS = QUICK ? 200 : index === -1 ? 10_000 : Number(args[index + 1]);
const LOOKS = 15;

const spec = { name: 'errors', type: 'error-rate', path: '$', maxIncrease: 0.01, direction: 'higher-is-worse', minSamples: 1, critical: true, unit: 'milliseconds', where: {} };
const CASES = [
  { what: 'healthy, 10% of 50 req/s', canary: 0.01, baseline: 0.01, requests: [300, 2700], alpha: 0.0025 },
  { what: 'at the margin, 10% of 50 req/s', canary: 0.02, baseline: 0.01, requests: [300, 2700], alpha: 0.0025 },
  { what: 'at the margin, 1% of 50 req/s', canary: 0.02, baseline: 0.01, requests: [30, 2970], alpha: 0.0025 },
  { what: 'at the margin, 10% of 50 req/s, alpha 5%', canary: 0.02, baseline: 0.01, requests: [300, 2700], alpha: 0.05 },
  { what: 'at the margin, 1% of 50 req/s, alpha 5%', canary: 0.02, baseline: 0.01, requests: [30, 2970], alpha: 0.05 },
];

console.log('| case | alpha (per metric) | runs | false rollbacks | rate | 95% upper bound of the rate |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const problems = [];
for (const [number, one] of CASES.entries()) {
  const random = rng(1000 + number);
  let rolledBack = 0;
  for (let run = 0; run < RUNS; run++) {
    const data = { type: 'error-rate', canary: [], baseline: [] };
    for (let look = 1; look <= LOOKS; look++) {
      data.canary.push({ requests: one.requests[0], errors: binomial(random, one.requests[0], one.canary) });
      data.baseline.push({ requests: one.requests[1], errors: binomial(random, one.requests[1], one.baseline) });
      if (judgeErrorRate(spec, data, { alpha: one.alpha, lookAlpha: one.alpha, looks: LOOKS }).verdict === 'fail') {
        rolledBack++;
        break;
      }
    }
  }
  const rate = rolledBack / RUNS;
  const upper = rolledBack === RUNS ? 1 : jStat.beta.inv(0.975, rolledBack + 1, RUNS - rolledBack);
  console.log(`| ${one.what} | ${one.alpha} | ${RUNS} | ${rolledBack} | ${rate.toFixed(4)} | ${upper.toFixed(4)} |`);
  if (rate > one.alpha) problems.push(`${one.what}: ${rate} false rollbacks, above alpha ${one.alpha}`);
}
if (problems.length) {
  console.error(`FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nchecks OK${QUICK ? ` (quick mode: ${RUNS} runs a case)` : ''}`);
