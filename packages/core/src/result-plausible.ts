/**
 * A result read back is checked against itself, beyond its shape
 * (findResultProblem): its status may not be better than its own checks say,
 * and no number may be out of any plausible range. A hand-edited or forged
 * file (`status: pass` over a failing check, a size of 1e308 bytes, which
 * Number.isInteger calls whole) is refused, never shown as "all good" or
 * compared with. Kept apart from the per-gate ranges of result-check.ts: these
 * hold for every gate.
 */

type Json = Record<string, unknown>;

/** No file roadstop measures is a terabyte: a size beyond this is not a measurement. */
export const MAX_PLAUSIBLE_BYTES = 2 ** 40;
/** Nor does a step run for a day. */
const MAX_PLAUSIBLE_MS = 24 * 60 * 60 * 1000;

type Bound = { min: number; max: number; integer: boolean };

/** What every number of a unit must be, whichever gate wrote it. */
const UNIT_BOUNDS: Record<string, Bound> = {
  bytes: { min: 0, max: MAX_PLAUSIBLE_BYTES, integer: true },
  percent: { min: 0, max: 100, integer: false },
  score: { min: 0, max: 100, integer: false },
  // Neither whole nor positive: canary-watch writes its `value` metrics (any Prometheus series) as counts.
  count: { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: false },
  ms: { min: 0, max: MAX_PLAUSIBLE_MS, integer: false },
  ratio: { min: 0, max: 1e9, integer: false },
};

/** Item fields and metrics that are sizes in bytes under any gate (bundle-budget's names). */
const BYTE_ITEM_FIELD = /^(?:base-)?(?:raw|gzip|brotli)$/;
const BYTE_METRIC = /^total-(?:raw|gzip|brotli)$/;
/** Any other number: finite and within what a double holds exactly, so no comparison is decided by rounding. */
const ANY: Bound = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: false };
const BYTES = UNIT_BOUNDS.bytes!;

const RANK: Record<string, number> = { skipped: 0, pass: 1, warn: 2, fail: 3 };

/** The first way `data` contradicts itself or is implausible, or undefined. Assumes findResultProblem found nothing. */
export function findImplausibleResult(data: Json): string | undefined {
  const checks = Array.isArray(data.checks) ? (data.checks as Json[]) : [];
  const status = String(data.status);
  const worst = checks.reduce((rank, check) => Math.max(rank, RANK[String(check.status)] ?? 0), 0);
  // fail-on: warn reports a failing check as a warning, so warn over a failing check is what roadstop writes.
  const allowed = worst === RANK.fail ? ['fail', 'warn'] : worst === RANK.warn ? ['warn', 'fail'] : undefined;
  if (allowed && !allowed.includes(status)) {
    const named = checks.find((check) => RANK[String(check.status)] === worst);
    return `its status is ${status}, but its check '${String(named?.name)}' is ${String(named?.status)}`;
  }

  const outside = (value: unknown, bound: Bound, at: string): string | undefined => {
    if (typeof value !== 'number') return undefined;
    if (!Number.isFinite(value) || value < bound.min || value > bound.max) return `${at} is ${value}, beyond any plausible value (${bound.min} to ${bound.max})`;
    if (bound.integer && !Number.isInteger(value)) return `${at} is ${value}, not a whole number`;
    return undefined;
  };
  for (const [index, check] of checks.entries()) {
    const bound = UNIT_BOUNDS[String(check.unit)] ?? ANY;
    for (const field of ['value', 'baseline'] as const) {
      const problem = outside(check[field], bound, `checks[${index}].${field}`);
      if (problem) return problem;
    }
    // A limit drawn from a baseline (`drop ≤ 3` under a score of 2) and an allowed increase may be negative.
    for (const field of ['limit', 'maxIncrease'] as const) {
      const problem = outside(check[field], { ...bound, min: -bound.max }, `checks[${index}].${field}`);
      if (problem) return problem;
    }
  }
  for (const [name, value] of Object.entries((data.metrics as Json | undefined) ?? {})) {
    const problem = outside(value, BYTE_METRIC.test(name) ? BYTES : ANY, `metrics.${name}`);
    if (problem) return problem;
  }
  const items = Array.isArray(data.items) ? (data.items as Json[]) : [];
  for (const [index, item] of items.entries()) {
    for (const [field, value] of Object.entries(item)) {
      const problem = outside(value, BYTE_ITEM_FIELD.test(field) ? BYTES : ANY, `items[${index}] (${String(item.id)}).${field}`);
      if (problem) return problem;
    }
  }
  return undefined;
}
