// How much traffic canary-watch needs to decide, computed with its own judge: the README's table between
// <!-- canary-traffic:start --> and <!-- canary-traffic:end -->.
// Usage: node scripts/canary-traffic.mjs            prints the table
//        node scripts/canary-traffic.mjs --write    writes it into README.md
//        node scripts/canary-traffic.mjs --check    exits 1 when README.md's table differs
//
// The judge is not restated here: packages/canary/src (judge.ts, sequential.ts, options.ts) is loaded from its
// TypeScript sources (Node strips the types), so a change of the judge (the confidence sequence, its prior, the budget's split between the whole
// window and the recent ones, min-samples) changes the table and --check fails until it is written again. The metric
// is the README's example error rate (alert 1%, rollback 5%, no baseline: absolute limits alone, the hardest case),
// with the watch's defaults: 60 s interval, 15 min duration, false-rollback-rate 0.5% split between the example's
// two critical metrics. Errors are taken at their expected count (rate × requests), so each row is the typical case,
// not a guarantee.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
// Node strips the sources' types itself; the hook maps their `.js` imports to the `.ts` beside them (as the benchmarks do).
import './ts-resolve.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- canary-traffic:start -->';
const END = '<!-- canary-traffic:end -->';

const ALERT = 0.01;
const ROLLBACK = 0.05;
const INTERVAL_S = 60;
const LOOKS = 15;
const FALSE_ROLLBACK_RATE = 0.005;
const CRITICAL_METRICS = 2;
const PASSING = [0, 0.001, 0.0025, 0.005];
const FAILING = [0.075, 0.1, 0.2];
const TRAFFIC = [0.5, 5, 50];


async function loadJudge() {
  const [judge, options] = await Promise.all(['judge', 'options'].map((name) => import(pathToFileURL(join(root, `packages/canary/src/${name}.ts`)).href)));
  return { judgeErrorRate: judge.judgeErrorRate, defaultMinSamples: options.defaultMinSamples };
}

export async function canaryTrafficTable() {
  const { judgeErrorRate, defaultMinSamples } = await loadJudge();
  const spec = { name: 'error-rate', type: 'error-rate', alert: ALERT, rollback: ROLLBACK, maxIncrease: 0.01, critical: true };
  spec.minSamples = defaultMinSamples(spec);
  const budget = FALSE_ROLLBACK_RATE / CRITICAL_METRICS;
  // The watch's budget: the whole of it at every look (a confidence sequence), half for the whole window, half for the recent ones.
  const judgeBudget = { alpha: budget, lookAlpha: budget, looks: LOOKS };
  /** The verdict at a look after `requests` in all, spread evenly over the looks so far (the recent windows as the watch has them). */
  const verdict = (rate, requests, look) =>
    judgeErrorRate(spec, { type: 'error-rate', canary: Array.from({ length: look }, () => ({ errors: (rate * requests) / look, requests: requests / look })) }, judgeBudget).verdict;
  /** The fewest requests for which the judge gives `wanted` at this look (it is monotone in the requests at a fixed rate). */
  const needed = (rate, wanted, look) => {
    let high = spec.minSamples;
    while (verdict(rate, high, look) !== wanted) {
      high *= 2;
      if (high > 1e9) return undefined;
    }
    let low = Math.floor(high / 2);
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (verdict(rate, middle, look) === wanted) high = middle;
      else low = middle;
    }
    return high;
  };
  /** What a whole watch decides at this traffic: rollback at the first failing look, else promote when the last look passes. */
  const watch = (rate, perSecond) => {
    let last;
    for (let look = 1; look <= LOOKS; look++) {
      last = verdict(rate, perSecond * INTERVAL_S * look, look);
      if (last === 'fail') return `rollback at ${look} min`;
    }
    return last === 'pass' || last === 'alert' ? `promote at ${LOOKS} min` : 'inconclusive';
  };
  const pct = (rate) => `${Number((rate * 100).toFixed(2))}%`;
  const count = (n) => (n === undefined ? 'more than 10⁹' : n.toLocaleString('en-US'));
  const header = `| canary's error rate | the judge must see | requests needed | ${TRAFFIC.map((rate) => `watch at ${rate} req/s`).join(' | ')} |`;
  const rows = [
    ...PASSING.map((rate) => {
      const n = needed(rate, 'pass', LOOKS);
      return `| ${pct(rate)} | upper bound under ${pct(ALERT)} (promote) | ${count(n)} | ${TRAFFIC.map((perSecond) => watch(rate, perSecond)).join(' | ')} |`;
    }),
    ...FAILING.map((rate) => {
      const first = needed(rate, 'fail', 1);
      return `| ${pct(rate)} | lower bound over ${pct(ROLLBACK)} (rollback) | ${count(first)} | ${TRAFFIC.map((perSecond) => watch(rate, perSecond)).join(' | ')} |`;
    }),
  ];
  // A rate past the rollback level that the watch still promotes: its lower bound cleared the alert level (an alert,
  // which does not hold back a promote) but not the rollback level, for want of requests. Said under the table.
  const thin = FAILING.flatMap((rate) => TRAFFIC.filter((perSecond) => watch(rate, perSecond).startsWith('promote')).map((perSecond) => ({ rate, perSecond })));
  const warning = thin.map(({ rate, perSecond }) => ` At ${pct(rate)} and ${perSecond} req/s the watch promotes: the rate is shown to be above the ${pct(ALERT)} alert level (an alert, which does not hold back a promote) but not above the ${pct(ROLLBACK)} rollback level; give a canary with little traffic a longer duration.`).join('');
  const requestsInWatch = TRAFFIC.map((perSecond) => `${perSecond} req/s is ${(perSecond * INTERVAL_S * LOOKS).toLocaleString('en-US')}`).join(', ');
  return [
    header,
    `| --- | --- | --- | ${TRAFFIC.map(() => '---').join(' | ')} |`,
    ...rows,
    '',
    `Requests reaching the canary; over the ${LOOKS}-minute watch ${requestsInWatch} requests. The bounds are a confidence sequence at` +
      ` half the metric's false-rollback budget (${pct(budget)} per metric over the whole watch, the other half for the recent windows), valid at every look at once: the same evidence counts the same at any look.${warning}`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { write: { type: 'boolean' }, check: { type: 'boolean' } } });
  const table = await canaryTrafficTable();
  if (!values.write && !values.check) {
    process.stdout.write(`${table}\n`);
  } else {
    const path = join(root, 'README.md');
    const readme = await readFile(path, 'utf8');
    const from = readme.indexOf(START);
    const to = readme.indexOf(END);
    if (from === -1 || to < from) {
      process.stderr.write(`README.md has no ${START} … ${END} markers\n`);
      process.exit(1);
    }
    const next = `${readme.slice(0, from + START.length)}\n${table}\n${readme.slice(to)}`;
    if (values.check) {
      if (next !== readme) {
        process.stderr.write('README.md: the canary traffic table is stale; run node scripts/canary-traffic.mjs --write\n');
        process.exitCode = 1;
      }
    } else if (next !== readme) {
      await writeFile(path, next);
      process.stdout.write('README.md: canary traffic table updated\n');
    }
  }
}
