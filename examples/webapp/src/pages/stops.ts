import type { createStore, Stop } from '../store';

const ICONS: Record<Stop['kind'], string> = { fuel: '⛽', food: '🍽', sight: '📷', sleep: '🛏' };

export function renderStops(root: HTMLElement, store: ReturnType<typeof createStore>): void {
  const table = document.createElement('table');
  table.innerHTML = '<thead><tr><th>Trip</th><th>Stop</th><th>Kind</th><th>km</th></tr></thead>';
  const body = document.createElement('tbody');
  const rows = store.trips().flatMap((trip) => trip.stops.map((stop) => ({ trip, stop })));
  rows.sort((a, b) => a.stop.km - b.stop.km);
  for (const { trip, stop } of rows) {
    const row = document.createElement('tr');
    for (const text of [trip.title, stop.name, `${ICONS[stop.kind]} ${stop.kind}`, String(stop.km)]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    body.append(row);
  }
  table.append(body);
  root.replaceChildren(table);
}
