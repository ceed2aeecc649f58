export interface Stop {
  id: number;
  name: string;
  kind: 'fuel' | 'food' | 'sight' | 'sleep';
  km: number;
}

export interface Trip {
  id: number;
  title: string;
  stops: Stop[];
}

const KEY = 'roadtrip-planner';

export function createStore() {
  let trips: Trip[] = load();
  const listeners = new Set<() => void>();
  const save = () => {
    localStorage.setItem(KEY, JSON.stringify(trips));
    listeners.forEach((listener) => listener());
  };
  return {
    trips: () => trips,
    addTrip(title: string) {
      trips = [...trips, { id: Date.now(), title, stops: [] }];
      save();
    },
    addStop(tripId: number, stop: Omit<Stop, 'id'>) {
      trips = trips.map((trip) => (trip.id === tripId ? { ...trip, stops: [...trip.stops, { ...stop, id: Date.now() }] } : trip));
      save();
    },
    removeTrip(id: number) {
      trips = trips.filter((trip) => trip.id !== id);
      save();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function load(): Trip[] {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved) return JSON.parse(saved) as Trip[];
  } catch {
    // A corrupt entry starts the planner afresh rather than breaking it.
  }
  return [{ id: 1, title: 'Coast road', stops: [{ id: 2, name: 'Harbour café', kind: 'food', km: 42 }] }];
}
