import type { createStore } from '../store';

export function renderTrips(root: HTMLElement, store: ReturnType<typeof createStore>): void {
  const draw = () => {
    const list = document.createElement('ul');
    list.className = 'trips';
    for (const trip of store.trips()) {
      const item = document.createElement('li');
      const total = trip.stops.reduce((sum, stop) => Math.max(sum, stop.km), 0);
      item.textContent = `${trip.title} — ${trip.stops.length} stops, ${total} km`;
      const remove = document.createElement('button');
      remove.textContent = 'Remove';
      remove.addEventListener('click', () => store.removeTrip(trip.id));
      item.append(' ', remove);
      list.append(item);
    }
    const form = document.createElement('form');
    form.innerHTML = '<label>New trip <input name="title" required></label> <button>Add</button>';
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const title = new FormData(form).get('title');
      if (typeof title === 'string' && title.trim()) store.addTrip(title.trim());
    });
    root.replaceChildren(list, form);
  };
  store.subscribe(draw);
  draw();
}
