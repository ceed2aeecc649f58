import { ConfigurationError, createResult, EnvironmentError, redactSecrets, redactText, type GateEnv, type GateResult, type GateStatus, type ResultCheck, type ResultItem } from '@roadstop/core';
import type { MetricJudgement } from './judge.js';
import { secretsOf, type CanaryWatchOptions } from './options.js';
import { openProvider } from './providers.js';
import { watchCanary, type WatchOutcome } from './watch.js';

const VERDICT_STATUS: Record<MetricJudgement['verdict'], GateStatus> = { pass: 'pass', alert: 'warn', fail: 'fail', insufficient: 'skipped' };
export const DECISION_SCORE = { promote: 100, inconclusive: 50, rollback: 0 } as const;
const SCORE_POINTS: Record<MetricJudgement['verdict'], number> = { pass: 1, alert: 0.5, fail: 0, insufficient: 0 };

/** The gate's run: open the provider (every query checked first), watch, and write the decision as a result. */
export async function runCanaryWatch(options: CanaryWatchOptions, env: GateEnv): Promise<GateResult> {
  // Servers echo what they were sent (an Authorization header in an error): every line out is redacted, not only the result.
  const secrets = [...secretsOf(options), ...env.secrets];
  const log = (text: string) => env.log(redactText(text, secrets));
  const provider = await openProvider(options).catch((error: unknown) => {
    throw redactError(error, secrets);
  });
  log(`canary-watch: watching ${options.metrics.length} metric${options.metrics.length === 1 ? '' : 's'} of '${options.canaryLabel}'${options.baselineLabel ? ` against '${options.baselineLabel}'` : ''} every ${options.intervalMs / 1000}s for ${options.durationMs / 1000}s`);
  const outcome = await watchCanary(options, {
    provider,
    now: () => Date.now(),
    sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    log,
  });
  return redactSecrets(canaryResult(options, outcome, env), secrets);
}

/** The same error, its text redacted; anything that is not the user's or the environment's stays a bug. */
function redactError(error: unknown, secrets: readonly string[]): unknown {
  if (error instanceof ConfigurationError) return new ConfigurationError(redactText(error.message, secrets), error.location, error.hint === undefined ? undefined : redactText(error.hint, secrets));
  if (error instanceof EnvironmentError) return new EnvironmentError(redactText(error.message, secrets));
  if (error instanceof Error) error.message = redactText(error.message, secrets);
  return error;
}

function statusOf(options: CanaryWatchOptions, outcome: WatchOutcome): GateStatus {
  if (outcome.decision === 'rollback') return 'fail';
  if (outcome.decision === 'inconclusive') return options.decisionFailOn === 'inconclusive' ? 'fail' : 'warn';
  return outcome.judgements.some((judgement) => judgement.verdict === 'alert') ? 'warn' : 'pass';
}

/** Score: the share of metrics passing, 0–100 (an alert counts half), as Kayenta scores a canary. */
export function canaryScore(judgements: readonly MetricJudgement[]): number {
  if (judgements.length === 0) return 0;
  const points = judgements.reduce((total, judgement) => total + SCORE_POINTS[judgement.verdict], 0);
  return Math.round((100 * points) / judgements.length);
}

export function canaryResult(options: CanaryWatchOptions, outcome: WatchOutcome, env: Pick<GateEnv, 'messages' | 'commit' | 'ref'>): GateResult {
  const status = statusOf(options, outcome);
  const checks: ResultCheck[] = outcome.judgements.map((judgement) => {
    const spec = options.metrics.find((metric) => metric.name === judgement.name)!;
    // Rates are fractions in the judgement and percent in the result.
    const shown = (value: number) => (spec.type === 'error-rate' ? value * 100 : value);
    const details: NonNullable<ResultCheck['details']> = { verdict: judgement.verdict, n: judgement.n, type: spec.type };
    const check: ResultCheck = {
      name: judgement.name,
      status: VERDICT_STATUS[judgement.verdict],
      value: judgement.canary === undefined ? 0 : shown(judgement.canary),
      unit: spec.type === 'error-rate' ? 'percent' : spec.type === 'latency' ? 'ms' : 'count',
      message: judgement.reason,
      details,
    };
    // The contract needs a number: with no data the value is 0 and `measured: false` says it is not a measurement.
    if (judgement.canary === undefined) details.measured = false;
    if (judgement.baseline !== undefined) check.baseline = shown(judgement.baseline);
    if (spec.rollback !== undefined) check.limit = shown(spec.rollback);
    if (judgement.baselineN !== undefined) details.baselineN = judgement.baselineN;
    if (judgement.p !== undefined) details.p = judgement.p;
    if (judgement.effect !== undefined) details.effect = shown(judgement.effect);
    if (judgement.superiority !== undefined) details.superiority = judgement.superiority;
    if (judgement.test) details.test = judgement.test;
    return check;
  });
  const items: ResultItem[] = [];
  for (const [name, series] of Object.entries(outcome.series)) {
    const spec = options.metrics.find((metric) => metric.name === name)!;
    const scale = spec.type === 'error-rate' ? 100 : spec.type === 'latency' && spec.unit === 'seconds' ? 1000 : 1;
    const base = new Map(series.baseline ?? []);
    for (const [t, value] of series.canary) {
      const baseline = base.get(t);
      items.push({ id: `${name}@${t}`, metric: name, t, canary: Number.isFinite(value) ? value * scale : null, baseline: baseline !== undefined && Number.isFinite(baseline) ? baseline * scale : null });
    }
  }
  const messages = [...env.messages];
  if (outcome.decision !== 'promote') messages.push({ level: outcome.decision === 'rollback' || status === 'fail' ? 'error' : 'warning', text: `${outcome.decision}: ${outcome.reason}`, title: 'canary-watch' });
  const score = canaryScore(outcome.judgements);
  return createResult({
    gate: 'canary-watch',
    status,
    headline: `${outcome.decision}: ${outcome.reason}`,
    ...(env.commit ? { commit: env.commit } : {}),
    ...(env.ref ? { ref: env.ref } : {}),
    metrics: { score, decision: DECISION_SCORE[outcome.decision], elapsedSeconds: Math.round(outcome.elapsedMs / 1000), looks: outcome.looks.length, providerErrors: outcome.providerErrors },
    checks,
    items,
    messages,
    settings: { decision: outcome.decision, provider: options.provider, interval: options.intervalMs / 1000, duration: options.durationMs / 1000, canary: options.canaryLabel, ...(options.baselineLabel ? { baseline: options.baselineLabel } : {}), falseRollbackRate: options.falseRollbackRate, failOn: options.decisionFailOn },
  });
}
