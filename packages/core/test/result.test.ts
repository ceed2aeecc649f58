import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createResult, parseResult, prepareReportPath, readResult, worstStatus, writeResult } from '../src/index.js';
import { validateResult } from './validate-result.js';

const sample = () =>
  createResult({
    gate: 'bundle-budget',
    status: 'pass',
    headline: 'within budget',
    metrics: { 'total-raw': 10 },
    checks: [{ name: 'main', status: 'pass', value: 10, unit: 'bytes', limit: 20 }],
    items: [{ id: 'dist/a.js', raw: 10, hash: 'ab' }],
    messages: [{ level: 'notice', text: 'hello' }],
    settings: { gzipLevel: 9 },
  });

describe('result contract', () => {
  it('creates results that the JSON Schema accepts', () => {
    expect(validateResult(sample())).toEqual([]);
  });

  it('the schema rejects what readers could not use', () => {
    expect(validateResult({ ...sample(), status: 'ok' })).not.toEqual([]);
    expect(validateResult({ ...sample(), schemaVersion: 2 })).not.toEqual([]);
    expect(validateResult({ ...sample(), extra: 1 })).not.toEqual([]);
    const { headline: _, ...headless } = sample();
    expect(validateResult(headless)).not.toEqual([]);
  });

  it('round-trips through a file, written atomically', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'roadstop-result-'));
    const path = join(folder, 'deep/er/result.json');
    const original = sample();
    await writeResult(path, original);
    expect(await readResult(path, { gate: 'bundle-budget' })).toEqual(original);
    expect(await readFile(path, 'utf8')).toBe(`${JSON.stringify(original, null, 2)}\n`);
  });

  it.each([
    ['not JSON', '{', /not a roadstop result: invalid JSON/],
    ['another file', '{"name":"x"}', /not a roadstop result: it has no schemaVersion and gate/],
    ['another version', JSON.stringify({ ...sample(), schemaVersion: 2 }), /result schema version 2 is not supported \(this roadstop reads version 1\)/],
    ['a missing field', JSON.stringify({ ...sample(), items: undefined }), /'items' is missing/],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseResult(text, { file: 'base.json', input: 'baseline' })).toThrow(message);
  });

  it('refuses a result of another gate', () => {
    expect(() => parseResult(JSON.stringify(sample()), { gate: 'coverage-gate' })).toThrow('this is a bundle-budget result, not a coverage-gate result');
  });

  it('orders statuses fail > warn > pass > skipped', () => {
    expect(worstStatus(['pass', 'warn', 'skipped'])).toBe('warn');
    expect(worstStatus(['pass', 'fail', 'warn'])).toBe('fail');
    expect(worstStatus([], 'skipped')).toBe('skipped');
  });

  it('never overwrites a file that is not a result of the gate', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'roadstop-report-'));
    await writeFile(join(folder, 'notes.json'), '{"mine": true}');
    await expect(prepareReportPath('notes.json', { workspace: folder, gate: 'bundle-budget', temp: '/t' })).rejects.toThrow(/refusing to overwrite/);
    expect(await readFile(join(folder, 'notes.json'), 'utf8')).toBe('{"mine": true}');
    await writeResult(join(folder, 'old.json'), sample());
    expect(await prepareReportPath('old.json', { workspace: folder, gate: 'bundle-budget', temp: '/t' })).toBe(join(folder, 'old.json'));
    expect(await prepareReportPath('', { workspace: folder, gate: 'bundle-budget', temp: '/t' })).toBe('/t/roadstop/bundle-budget.json');
  });
});
