import { describe, expect, it } from 'vitest';
import { LineHits } from '../src/line-hits.js';

describe('LineHits', () => {
  it('behaves as a Map of line to hits, iterating in line order', () => {
    const hits = new LineHits();
    hits.set(10, 1).set(2, 0).set(7, 3).set(2, 5);
    expect(hits.size).toBe(3);
    expect(hits.get(2)).toBe(5);
    expect(hits.get(3)).toBeUndefined();
    expect(hits.has(7)).toBe(true);
    expect([...hits]).toEqual([[2, 5], [7, 3], [10, 1]]);
    expect([...hits.keys()]).toEqual([2, 7, 10]);
    expect([...hits.values()]).toEqual([5, 3, 1]);
    const seen: Array<[number, number]> = [];
    hits.forEach((count, line) => seen.push([line, count]));
    expect(seen).toEqual([[2, 5], [7, 3], [10, 1]]);
    expect(hits.delete(7)).toBe(true);
    expect(hits.delete(7)).toBe(false);
    expect(Object.fromEntries(hits)).toEqual({ 2: 5, 10: 1 });
    expect(hits.covered()).toBe(2);
    hits.clear();
    expect(hits.size).toBe(0);
  });

  it('adds hits to a line, starting new lines at zero', () => {
    const hits = new LineHits([[1, 1]]);
    hits.add(1, 2);
    hits.add(5, 0);
    expect(Object.fromEntries(hits)).toEqual({ 1: 3, 5: 0 });
  });

  it('keeps order through many out-of-order lines', () => {
    const hits = new LineHits();
    const lines = Array.from({ length: 2000 }, (_, index) => (index * 7919) % 2003);
    for (const line of lines) hits.set(line, line);
    expect([...hits.keys()]).toEqual([...new Set(lines)].sort((a, b) => a - b));
  });

  it('takes collected columns, summing repeated lines when they are out of order', () => {
    const ordered = LineHits.from(Uint32Array.of(1, 2, 9, 0), Float64Array.of(1, 0, 4, 0), 3);
    expect(Object.fromEntries(ordered)).toEqual({ 1: 1, 2: 0, 9: 4 });
    const repeated = LineHits.from(Uint32Array.of(3, 1, 3), Float64Array.of(1, 2, 5), 3);
    expect(Object.fromEntries(repeated)).toEqual({ 1: 2, 3: 6 });
  });

  it('refuses a line number that is not one', () => {
    expect(() => new LineHits().set(-1, 1)).toThrow(RangeError);
    expect(() => new LineHits().set(1.5, 1)).toThrow(RangeError);
  });
});
