import { describe, expect, it } from 'vitest';
import { ConfigurationError, createResult, findImplausibleResult, parseResult, serializeResult, type GateResult, type ResultCheck } from '../src/index.js';

const check = (fields: Partial<ResultCheck> = {}): ResultCheck => ({ name: 'main', status: 'pass', value: 1000, limit: 2000, unit: 'bytes', ...fields });
const result = (fields: Partial<GateResult> = {}): GateResult =>
  createResult({ gate: 'bundle-budget', status: 'pass', headline: 'ok', metrics: {}, checks: [check()], items: [{ id: 'dist/a.js', raw: 1000, gzip: 400 }], messages: [], settings: {}, ...fields });

describe('a result checked against itself', () => {
  it.each<[string, Partial<GateResult>, RegExp]>([
    ['pass over a failing check', { status: 'pass', checks: [check({ status: 'fail', value: 3000 })] }, /its status is pass, but its check 'main' is fail/],
    ['skipped over a failing check', { status: 'skipped', checks: [check({ status: 'fail' })] }, /its status is skipped/],
    ['pass over a warning check', { status: 'pass', checks: [check({ status: 'warn' })] }, /its status is pass, but its check 'main' is warn/],
    ['1e308 bytes, which Number.isInteger calls whole', { checks: [check({ value: 1e308 })] }, /checks\[0\]\.value is 1e\+308, beyond any plausible value/],
    ['a limit of 2^41 bytes', { checks: [check({ limit: 2 ** 41 })] }, /checks\[0\]\.limit is 2199023255552/],
    ['half a byte', { checks: [check({ value: 10.5 })] }, /not a whole number/],
    ['a score of 8000', { checks: [check({ unit: 'score', value: 8000, limit: 80 })] }, /checks\[0\]\.value is 8000/],
    ['an item of 1e300 gzip bytes', { items: [{ id: 'dist/a.js', raw: 10, gzip: 1e300 }] }, /items\[0\] \(dist\/a\.js\)\.gzip is 1e\+300/],
    ['a total beyond 2^40', { metrics: { 'total-gzip': 2 ** 42 } }, /metrics\.total-gzip/],
    ['a metric beyond 2^53', { metrics: { pages: 2 ** 60 } }, /metrics\.pages/],
  ])('refuses %s', (_name, fields, message) => {
    const data = JSON.parse(serializeResult(result(fields))) as Record<string, unknown>;
    expect(findImplausibleResult(data)).toMatch(message);
    const error = (() => {
      try {
        parseResult(JSON.stringify(data), { file: 'baseline.json', input: 'baseline' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).describe()).toMatch(/^baseline\.json, input 'baseline': not a (?:result roadstop wrote|valid bundle-budget result): /);
  });

  it.each<[string, Partial<GateResult>]>([
    ['a pass over passing checks', {}],
    ['warn over a failing check (fail-on: warn)', { status: 'warn', checks: [check({ status: 'fail' })] }],
    ['fail with no checks (a run that could not measure)', { status: 'fail', checks: [] }],
    ['fail over passing checks (another reason, e.g. no files)', { status: 'fail' }],
    ['a 1 TiB file', { checks: [check({ value: 2 ** 40, limit: 2 ** 40 })] }],
    ['a drop limit under zero (a score of 2, drop ≤ 3)', { checks: [check({ unit: 'score', value: 2, baseline: 2, limit: -1 })] }],
    ['a CLS score', { checks: [check({ unit: 'score', value: 0.12, limit: 0.1, status: 'fail' })], status: 'fail' }],
  ])('accepts %s', (_name, fields) => {
    expect(findImplausibleResult(JSON.parse(serializeResult(result(fields))) as Record<string, unknown>)).toBeUndefined();
  });
});
