import { describe, expect, it } from 'vitest';
import { createResult, redactSecrets, redactText, secretInputValues, type GateResult } from '../src/index.js';
import { validateResult } from './validate-result.js';

const TOKEN = 'ghs_0000000000000000000000000000000000000001';
const WEBHOOK = 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX';

/** A result with a secret in every kind of string it can hold. */
function leaky(secret: string): GateResult {
  return createResult({
    gate: 'bundle-budget',
    status: 'warn',
    headline: `no baseline (${secret})`,
    commit: 'c0ffee',
    ref: `refs/heads/${secret}`,
    metrics: { 'total-raw': 10 },
    checks: [
      {
        name: `budget ${secret}`,
        status: 'pass',
        value: 10,
        unit: 'bytes',
        limitText: `20 B ${secret}`,
        message: `within ${secret}`,
        details: { compression: secret, files: 1, brotli: false },
      },
    ],
    items: [{ id: `dist/${secret}.js`, raw: 10, note: `echo:${secret}:${secret}`, change: 'added' }],
    messages: [
      { level: 'warning', title: `Baseline ${secret}`, text: `GitHub refused (403): Bad token ${secret}`, file: `${secret}.yml`, line: 3 },
      { level: 'notice', text: 'nothing secret here' },
    ],
    baseline: { source: `artifact ${secret}`, commit: secret, runId: 1, createdAt: secret },
    settings: { proxy: `http://user:${secret}@proxy`, gzipLevel: 9 },
  });
}

describe('redactSecrets', () => {
  it.each([
    { name: 'a GitHub token', secret: TOKEN },
    { name: 'a Slack webhook URL', secret: WEBHOOK },
  ])('replaces $name in every string of the result, and only there', ({ secret }) => {
    const result = redactSecrets(leaky(secret), [secret]);
    const text = JSON.stringify(result);
    expect(text).not.toContain(secret);
    expect(result.headline).toBe('no baseline (***)');
    expect(result.ref).toBe('refs/heads/***');
    expect(result.checks[0]).toMatchObject({ name: 'budget ***', limitText: '20 B ***', message: 'within ***', details: { compression: '***', files: 1, brotli: false } });
    expect(result.items[0]).toEqual({ id: 'dist/***.js', raw: 10, note: 'echo:***:***', change: 'added' });
    expect(result.messages).toEqual([
      { level: 'warning', title: 'Baseline ***', text: 'GitHub refused (403): Bad token ***', file: '***.yml', line: 3 },
      { level: 'notice', text: 'nothing secret here' },
    ]);
    expect(result.baseline).toEqual({ source: 'artifact ***', commit: '***', runId: 1, createdAt: '***' });
    expect(result.settings).toEqual({ proxy: 'http://user:***@proxy', gzipLevel: 9 });
    // Numbers, booleans and the contract's own fields are untouched: the file is still a valid result.
    expect(result.metrics).toEqual({ 'total-raw': 10 });
    expect(validateResult(result)).toEqual([]);
  });

  it('redacts every secret it is given, the longer first, so one inside another leaves no tail', () => {
    const short = 'ghs_0000';
    const result = redactSecrets(leaky(`${TOKEN} and ${short}`), [short, TOKEN]);
    expect(result.headline).toBe('no baseline (*** and ***)');
  });

  it.each([
    { name: 'no secrets', secrets: [] },
    { name: 'empty and too short values, which would wreck the file and hide nothing', secrets: ['', 'a', 'ghs'] },
  ])('leaves the result as it is with $name', ({ secrets }) => {
    const before = leaky('ghs_secret');
    expect(redactSecrets(structuredClone(before), secrets)).toEqual(before);
  });
});

describe('secretInputValues', () => {
  it.each([
    { name: 'a secret input whole, and each line of one of several', definitions: { token: { secret: true } }, inputs: { token: 'abcd-1234\r\nefgh-5678' }, values: ['abcd-1234\r\nefgh-5678', 'abcd-1234', 'efgh-5678'] },
    { name: 'only its secret parts when it has them', definitions: { url: { secret: true, secretParts: (value: string) => [value.slice(0, 5)] } }, inputs: { url: 'abcdefgh' }, values: ['abcde'] },
    { name: 'nothing of an input not declared secret', definitions: { token: { secret: false } }, inputs: { token: 'abcd-1234' }, values: [] },
    { name: 'nothing of an empty or absent one, nor of a value too short to search for', definitions: { a: { secret: true }, b: { secret: true }, c: { secret: true } }, inputs: { a: '', c: 'xyz' }, values: [] },
  ])('$name', ({ definitions, inputs, values }) => {
    expect(secretInputValues(definitions, inputs)).toEqual(values);
  });
});

describe('redactText', () => {
  it('replaces the longest secret first, and leaves short ones alone', () => {
    expect(redactText('Bearer abcd-1234-long and abcd and ab', ['abcd', 'abcd-1234-long', 'ab'])).toBe('Bearer *** and *** and ab');
  });
});
