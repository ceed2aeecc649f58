import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from './store';

// The planner keeps trips in localStorage; the tests give it an in-memory one.
beforeEach(() => {
  const data = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  });
});

describe('store', () => {
  it('starts with the sample trip and adds trips and stops, telling subscribers', () => {
    const store = createStore();
    expect(store.trips().map((trip) => trip.title)).toEqual(['Coast road']);
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.trips().length));
    store.addTrip('Mountain pass');
    const pass = store.trips()[1];
    store.addStop(pass.id, { name: 'Summit', kind: 'sight', km: 88 });
    expect(store.trips()[1].stops.map((stop) => stop.name)).toEqual(['Summit']);
    expect(seen).toEqual([2, 2]);
  });

  it('keeps trips across reloads', () => {
    createStore().addTrip('Saved');
    expect(createStore().trips().map((trip) => trip.title)).toEqual(['Coast road', 'Saved']);
  });
});
