import { describe, expect, it } from 'vitest';
import { ConfigurationError, formatBytes, formatDelta, parseIncrease, parseSize } from '../src/index.js';

describe('parseSize', () => {
  const cases: [string | number, number][] = [
    ['400 kB', 400_000],
    ['400kB', 400_000],
    ['400 KB', 400_000],
    ['1.5 MB', 1_500_000],
    ['512 KiB', 524_288],
    ['2 MiB', 2_097_152],
    ['2048', 2048],
    ['2048 B', 2048],
    ['.5 kB', 500],
    [350_000, 350_000],
    ['1 GB', 1_000_000_000],
  ];
  it.each(cases)('%s is %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['400 kbb', 'kB', '', '-1 kB', '1,5 MB', '4OO kB', 'ten'])('refuses %j, naming the input', (text) => {
    let error: unknown;
    try {
      parseSize(text, { input: 'max' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).describe()).toMatch(/^input 'max': '.*' is not a size \(write a number with B, kB/);
  });
});

describe('parseIncrease', () => {
  it('reads percentages and sizes', () => {
    expect(parseIncrease('2%')).toEqual({ kind: 'percent', value: 2 });
    expect(parseIncrease(' 0.5 % ')).toEqual({ kind: 'percent', value: 0.5 });
    expect(parseIncrease('5 kB')).toEqual({ kind: 'bytes', value: 5000 });
  });
  it.each(['%', 'two%', '-2%', '5 kbs'])('refuses %j', (text) => {
    expect(() => parseIncrease(text, { input: 'max-increase' })).toThrow(ConfigurationError);
  });
});

describe('formatBytes and formatDelta', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1 kB'],
    [1880, '1.88 kB'],
    [400_000, '400 kB'],
    [412_345, '412.3 kB'],
    [1_500_000, '1.5 MB'],
    [-12_000, '-12 kB'],
  ])('%d bytes read %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
  it('signs deltas and gives the percentage of the base', () => {
    expect(formatDelta(8000, 400_000)).toBe('+8 kB (+2.00%)');
    expect(formatDelta(-500, 1000)).toBe('-500 B (-50.0%)');
    expect(formatDelta(0, 1000)).toBe('0 B (0.00%)');
    expect(formatDelta(10, undefined)).toBe('+10 B');
  });
});
