import { describe, expect, it } from 'vitest';
import { longestGap, stopsByKind, tripDays, tripLength } from './trip-math';
import type { Trip } from './store';

const trip: Trip = {
  id: 1,
  title: 'Coast road',
  stops: [
    { id: 2, name: 'Harbour café', kind: 'food', km: 42 },
    { id: 3, name: 'Lighthouse', kind: 'sight', km: 130 },
    { id: 4, name: 'Pumps', kind: 'fuel', km: 95 },
  ],
};

describe('trip maths', () => {
  it('measures a trip by its farthest stop', () => {
    expect(tripLength(trip)).toBe(130);
    expect(tripLength({ ...trip, stops: [] })).toBe(0);
  });

  it('counts stops by kind', () => {
    expect(stopsByKind(trip)).toEqual({ fuel: 1, food: 1, sight: 1, sleep: 0 });
  });

  it('finds the longest stretch', () => {
    expect(longestGap(trip)).toBe(53);
  });

  it('counts driving days', () => {
    expect(tripDays(trip, 50)).toBe(3);
  });
});
