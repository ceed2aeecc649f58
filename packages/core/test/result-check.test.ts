import { describe, expect, it } from 'vitest';
import { createResult, parseResult, type GateResult } from '../src/index.js';
import { validateResult } from './validate-result.js';
// The ranges live in each gate's descriptor; the registry's lookup is what every reader passes in.
import { resultRangesOf as ranges } from '@roadstop/gates';

// A baseline is untrusted input: every number a gate reads back from it is
// checked, so a bad one is a clear error (or, for baseline: auto, a warning),
// never a verdict.

const bundle = (): GateResult =>
  createResult({
    gate: 'bundle-budget',
    status: 'pass',
    headline: 'ok',
    metrics: { 'total-raw': 10, 'total-gzip': 5 },
    checks: [{ name: 'main', status: 'pass', value: 5, unit: 'bytes', limit: 20, details: { compression: 'gzip' } }],
    items: [{ id: 'dist/a.js', raw: 10, gzip: 5, hash: 'ab' }],
    messages: [],
    settings: { gzipLevel: 9 },
  });

const coverage = (): GateResult =>
  createResult({
    gate: 'coverage-gate',
    status: 'pass',
    headline: 'ok',
    metrics: { lines: 80, 'lines-covered': 8, 'lines-total': 10, files: 1 },
    checks: [{ name: 'lines', status: 'pass', value: 80, unit: 'percent', limit: 70 }],
    items: [{ id: 'src/a.ts', lines: 80 }],
    messages: [],
    settings: {},
  });

type Case = [string, () => GateResult, (result: GateResult) => void, RegExp, boolean];

const cases: Case[] = [
  ['a negative reused gzip size', bundle, (r) => void (r.items[0]!.gzip = -5000), /items\[0\] \(dist\/a\.js\)\.gzip is -5000, outside 0 to …/, false],
  ['a fractional raw size', bundle, (r) => void (r.items[0]!.raw = 1.5), /items\[0\] \(dist\/a\.js\)\.raw is 1\.5, not a whole number/, false],
  ['a gzip size that is a string', bundle, (r) => void (r.items[0]!.gzip = '5'), /items\[0\] \(dist\/a\.js\)\.gzip is not a number/, false],
  ['a negative budget baseline', bundle, (r) => void (r.checks[0]!.value = -1), /checks\[0\]\.value is -1, outside 0 to …/, false],
  ['a coverage metric above 100', coverage, (r) => void (r.metrics.lines = 140), /metrics\.lines is 140, outside 0 to 100/, false],
  ['a coverage metric that is no number', coverage, (r) => void ((r.metrics as Record<string, unknown>).lines = '80'), /metrics\.lines is not a number/, true],
  ['a negative covered count', coverage, (r) => void (r.metrics['lines-covered'] = -3), /metrics\.lines-covered is -3/, false],
  ['a percent check above 100', coverage, (r) => void (r.checks[0]!.value = 1e9), /checks\[0\]\.value is 1000000000, outside 0 to 100/, false],
  ['a check status that is unknown', coverage, (r) => void ((r.checks[0] as unknown as Record<string, unknown>).status = 'great'), /checks\[0\]\.status is not one of/, true],
  ['an item without an id', coverage, (r) => void ((r.items[0] as unknown as Record<string, unknown>).id = ''), /items\[0\]\.id is not a path or name/, true],
  ['a message without text', coverage, (r) => void ((r.messages as unknown[]).push({ level: 'error' })), /messages\[0\]\.text is not a string/, true],
  ['a setting that is an object', bundle, (r) => void ((r.settings as Record<string, unknown>).gzipLevel = { level: 9 }), /settings\.gzipLevel is not a string, number or boolean/, true],
];

describe('a result read back is checked, numbers and all', () => {
  it.each(cases)('refuses %s', (_, make, spoil, message, schemaToo) => {
    const result = make();
    spoil(result);
    expect(() => parseResult(JSON.stringify(result), { gate: result.gate, file: 'base.json', input: 'baseline', ranges })).toThrow(message);
    // What the schema can say, the schema says too: the hand check and result-v1.json agree.
    if (schemaToo) expect(validateResult(result)).not.toEqual([]);
  });

  it('refuses a number JSON reads as Infinity', () => {
    const text = JSON.stringify(bundle()).replace('"raw":10', '"raw":1e999');
    expect(() => parseResult(text, { gate: 'bundle-budget', ranges })).toThrow(/items\[0\] \(dist\/a\.js\)\.raw is not a number/);
  });

  it.each([bundle, coverage])('accepts what the gates write', (make) => {
    const result = make();
    expect(parseResult(JSON.stringify(result), { gate: result.gate, ranges })).toEqual(result);
    expect(validateResult(result)).toEqual([]);
  });
});
