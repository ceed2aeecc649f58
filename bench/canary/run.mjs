#!/usr/bin/env node
// canary-watch's judge against the playbook's naive rule and an Argo-style rule, over seeded synthetic canaries.
//
//   npx node --import ./bench/canary/register.mjs bench/canary/run.mjs [--runs 1000] [--seed 1]
//   npx node --import ./bench/canary/register.mjs bench/canary/run.mjs --quick
//     (40 runs, a second or two; npm test runs it through the bench-quick test)
//
// Each run watches 15 looks of 60 s. Traffic: 50 requests/s, the canary gets a share (10%, or 1% for thin
// traffic), the baseline (stable) the rest. Errors are Bernoulli per request; p95 latency per interval is
// 200 ms times log-normal noise (sd 0.10 for the canary, 0.05 for the baseline). Healthy canaries equal the
// baseline (1% errors, 200 ms); roadstop's p95 metric has rollback: 300ms and max-increase: 20%; bad ones are bad from the first interval: 8% errors, or p95 doubled.
// Reported: rollbacks per 1,000 healthy runs (false rollbacks), and for bad runs the share rolled back within
// the window and the mean/median interval of the rollback.
import { resolveCanaryWatchOptions } from '../../packages/canary/src/options.ts';
import { watchCanary } from '../../packages/canary/src/watch.ts';
import { parseConfig } from '../../packages/core/src/config.ts';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const QUICK = args.includes('--quick');
const RUNS = QUICK ? 40 : arg('runs', 1000);
const SEED = arg('seed', 1);
const LOOKS = 15;
const RATE = 50;
const INTERVAL = 60;

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const binomial = (random, n, p) => {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
};
const gaussian = (random) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** One canary's data for every look: per target, requests, errors and p95 (ms). */
function simulate(random, share, canary) {
  const looks = [];
  for (let look = 0; look < LOOKS; look++) {
    const total = RATE * INTERVAL;
    const canaryRequests = binomial(random, total, share);
    const baselineRequests = total - canaryRequests;
    looks.push({
      canary: { requests: canaryRequests, errors: binomial(random, canaryRequests, canary.errorRate), p95: canary.p95 * Math.exp(0.1 * gaussian(random)) },
      stable: { requests: baselineRequests, errors: binomial(random, baselineRequests, 0.01), p95: 200 * Math.exp(0.05 * gaussian(random)) },
    });
  }
  return looks;
}

const options = resolveCanaryWatchOptions(
  parseConfig('', 'bench.yml').section('canary-watch'),
  {
    'prometheus-url': 'http://bench',
    interval: `${INTERVAL}s`,
    duration: `${(LOOKS * INTERVAL) / 60}m`,
    'baseline-label': 'stable',
    metrics: `- name: error-rate\n  type: error-rate\n  errors: errors {{target}}\n  requests: requests {{target}}\n  alert: 1%\n  rollback: 5%\n- name: p95\n  type: latency\n  unit: milliseconds\n  query: p95 {{target}}\n  rollback: 300ms\n  max-increase: 20%\n`,
  },
  '/bench',
);

/** roadstop: the real watch loop and judge over the synthetic provider; the interval of the rollback, or undefined. */
async function roadstop(looks) {
  let clock = 0;
  const provider = {
    range: (query, window) => {
      const [field, target] = query.split(' ');
      const series = [];
      for (let index = 0, t = window.start; t <= window.end + 1e-9; index++, t += window.stepSeconds) series.push([t, looks[index][target][field]]);
      return Promise.resolve([{ labels: '{}', points: series }]);
    },
  };
  const outcome = await watchCanary(options, { provider, now: () => clock, sleep: (ms) => ((clock += ms), Promise.resolve()), log: () => {} });
  return outcome.decision === 'rollback' ? outcome.looks.length : undefined;
}

/** The playbook's naive rule: error rate above 5% in any interval. */
function naive(looks) {
  const index = looks.findIndex((look) => look.canary.requests > 0 && look.canary.errors / look.canary.requests > 0.05);
  return index === -1 ? undefined : index + 1;
}

/** Argo Rollouts style: per interval, error rate > 5% or p95 > 1.2 × the baseline's is a failure; more than failureLimit (1) failures roll back. */
function argo(looks) {
  let failures = 0;
  for (const [index, look] of looks.entries()) {
    const rate = look.canary.requests > 0 ? look.canary.errors / look.canary.requests : 0;
    if (rate > 0.05 || look.canary.p95 > 1.2 * look.stable.p95) failures++;
    if (failures > 1) return index + 1;
  }
  return undefined;
}

const RULES = { roadstop, naive, argo };
const SCENARIOS = [
  { name: 'healthy', canary: { errorRate: 0.01, p95: 200 } },
  { name: 'errors 1% → 8%', canary: { errorRate: 0.08, p95: 200 } },
  { name: 'p95 doubled', canary: { errorRate: 0.01, p95: 400 } },
];

const rows = [];
for (const share of [0.1, 0.01]) {
  for (const scenario of SCENARIOS) {
    const runs = scenario.name === 'healthy' ? RUNS : Math.max(1, Math.floor(RUNS / 2));
    const random = rng(SEED * 1000 + share * 100 + SCENARIOS.indexOf(scenario));
    const found = { roadstop: [], naive: [], argo: [] };
    for (let run = 0; run < runs; run++) {
      const looks = simulate(random, share, scenario.canary);
      for (const [name, rule] of Object.entries(RULES)) found[name].push(await rule(looks));
    }
    for (const name of Object.keys(RULES)) {
      const rolled = found[name].filter((value) => value !== undefined).sort((a, b) => a - b);
      const perThousand = (1000 * rolled.length) / runs;
      const mean = rolled.length ? rolled.reduce((a, b) => a + b, 0) / rolled.length : NaN;
      const median = rolled.length ? rolled[Math.floor(rolled.length / 2)] : NaN;
      rows.push({ traffic: `${share * 100}% of 50 req/s`, scenario: scenario.name, rule: name, runs, rollbacksPer1000: perThousand, mean, median, max: rolled.at(-1) });
    }
  }
}
console.log('| canary traffic | canary | rule | runs | rollbacks per 1,000 | interval of rollback: mean | median | latest |');
console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(`| ${row.traffic} | ${row.scenario} | ${row.rule} | ${row.runs} | ${row.rollbacksPer1000.toFixed(1)} | ${Number.isNaN(row.mean) ? '–' : row.mean.toFixed(2)} | ${Number.isNaN(row.median) ? '–' : row.median} | ${row.max ?? '–'} |`);
}

// Checks that hold whatever the seed and the number of runs, so the quick mode can fail: every rollback
// falls on one of the looks; a canary with 8% errors where the baseline has 1%, on 10% of the traffic
// (~300 requests a look), is rolled back by roadstop every time; a healthy one almost never.
const problems = [];
for (const row of rows) {
  if (row.max !== undefined && !(Number.isInteger(row.max) && row.max >= 1 && row.max <= LOOKS)) problems.push(`${row.rule}, ${row.traffic}, ${row.scenario}: a rollback at interval ${row.max}, not one of the ${LOOKS} looks`);
}
const check = (traffic, scenario, test, what) => {
  const row = rows.find((candidate) => candidate.rule === 'roadstop' && candidate.traffic === traffic && candidate.scenario === scenario);
  if (!row || !test(row.rollbacksPer1000)) problems.push(`roadstop, ${traffic}, ${scenario}: ${row?.rollbacksPer1000} rollbacks per 1,000, expected ${what}`);
};
check('10% of 50 req/s', 'errors 1% → 8%', (value) => value === 1000, '1,000');
check('10% of 50 req/s', 'healthy', (value) => value <= 50, 'at most 50');
if (problems.length) {
  console.error(`FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nchecks OK${QUICK ? ' (quick mode: 40 runs; the rates are rough)' : ''}`);
