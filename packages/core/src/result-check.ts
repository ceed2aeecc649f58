/**
 * A result read back (a baseline file, a downloaded artifact) is untrusted
 * input: a negative gzip size would make an over-budget file pass, a coverage
 * of 140% a drop vanish. This checks what result-v1.json says, by hand, plus
 * the ranges of the numbers each gate reads back from a baseline (from the
 * gate's descriptor), which the schema cannot say per gate.
 *
 * By hand rather than with ajv at run time: ajv would add its compiler to every
 * action bundle and its compile time to every step, for a schema of a dozen
 * fields; the tests hold this check and the schema (with ajv) to the same cases.
 */

type Json = Record<string, unknown>;
export type Range = { min?: number; max?: number; integer?: boolean };

const STATUSES = ['pass', 'warn', 'fail', 'skipped'];
const UNITS = ['bytes', 'percent', 'score', 'ratio', 'count', 'ms'];
const LEVELS = ['error', 'warning', 'notice'];

/** Per gate (its descriptor's resultRanges): the ranges of the numbers its run reads back from a baseline. */
export interface ResultRanges {
  item?: (field: string) => Range | undefined;
  metric?: (name: string) => Range | undefined;
  check?: (unit: string) => Range | undefined;
}

/** The first thing wrong with `data` as a result of its gate (whose `ranges` the caller gives), or undefined when it is sound. */
export function findResultProblem(data: Json, ranges: ResultRanges = {}): string | undefined {
  const problems: string[] = [];
  const fail = (text: string) => problems.push(text);
  const number = (value: unknown, at: string, range: Range = {}): void => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return void fail(`${at} is not a number`);
    if (range.integer && !Number.isInteger(value)) fail(`${at} is ${value}, not a whole number`);
    else if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
      fail(`${at} is ${value}, outside ${range.min ?? '…'} to ${range.max ?? '…'}`);
    }
  };
  const string = (value: unknown, at: string, optional = false): void => {
    if (value === undefined && optional) return;
    if (typeof value !== 'string') fail(`${at} is not a string`);
  };
  const oneOf = (value: unknown, allowed: readonly string[], at: string): void => {
    if (typeof value !== 'string' || !allowed.includes(value)) fail(`${at} is not one of ${allowed.join(', ')}`);
  };
  const flat = (value: unknown, at: string, allowNull = false): void => {
    const ok = ['string', 'number', 'boolean'].includes(typeof value) || (allowNull && value === null);
    if (!ok) fail(`${at} is not a string, number or boolean`);
    else if (typeof value === 'number') number(value, at);
  };
  const record = (value: unknown, at: string): value is Json => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
    fail(`${at} is not an object`);
    return false;
  };

  oneOf(data.status, STATUSES, 'status');
  string(data.headline, 'headline');
  string(data.createdAt, 'createdAt');
  string(data.commit, 'commit', true);
  string(data.ref, 'ref', true);
  if (record(data.metrics, 'metrics')) {
    for (const [name, value] of Object.entries(data.metrics)) number(value, `metrics.${name}`, ranges.metric?.(name));
  }
  if (record(data.settings, 'settings')) {
    for (const [name, value] of Object.entries(data.settings)) flat(value, `settings.${name}`);
  }
  (data.checks as unknown[]).forEach((check, index) => {
    const at = `checks[${index}]`;
    if (!record(check, at)) return;
    string(check.name, `${at}.name`);
    oneOf(check.status, STATUSES, `${at}.status`);
    oneOf(check.unit, UNITS, `${at}.unit`);
    const range = ranges.check?.(String(check.unit));
    number(check.value, `${at}.value`, range);
    if (check.baseline !== undefined) number(check.baseline, `${at}.baseline`, range);
    for (const field of ['limit', 'maxIncrease'] as const) if (check[field] !== undefined) number(check[field], `${at}.${field}`);
    if (check.details !== undefined && record(check.details, `${at}.details`)) {
      for (const [name, value] of Object.entries(check.details)) flat(value, `${at}.details.${name}`);
    }
  });
  (data.items as unknown[]).forEach((item, index) => {
    const at = `items[${index}]`;
    if (!record(item, at)) return;
    if (typeof item.id !== 'string' || item.id === '') return void fail(`${at}.id is not a path or name`);
    for (const [field, value] of Object.entries(item)) {
      const range = ranges.item?.(field);
      if (range && value !== null && value !== undefined) number(value, `items[${index}] (${item.id}).${field}`, range);
      else flat(value, `${at}.${field}`, true);
    }
  });
  (data.messages as unknown[]).forEach((message, index) => {
    const at = `messages[${index}]`;
    if (!record(message, at)) return;
    oneOf(message.level, LEVELS, `${at}.level`);
    string(message.text, `${at}.text`);
  });
  if (data.baseline !== undefined && record(data.baseline, 'baseline')) string(data.baseline.source, 'baseline.source');
  return problems[0];
}
