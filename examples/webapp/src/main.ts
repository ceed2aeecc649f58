import './styles.css';
import { createStore } from './store';
import { renderTrips } from './pages/trips';

type Page = (root: HTMLElement, store: ReturnType<typeof createStore>) => void | Promise<void>;

const store = createStore();

// Each route but the first is a lazy chunk, so the build has the hashed
// chunk names that bundle budgets must follow from build to build.
const routes: Record<string, () => Promise<Page>> = {
  '/': () => Promise.resolve(renderTrips),
  '/stops': async () => (await import('./pages/stops')).renderStops,
  '/about': async () => (await import('./pages/about')).renderAbout,
};

async function route(): Promise<void> {
  const root = document.getElementById('app')!;
  const path = location.hash.replace(/^#/, '') || '/';
  const load = routes[path] ?? (() => Promise.resolve(renderTrips));
  const page = await load();
  root.replaceChildren();
  await page(root, store);
}

window.addEventListener('hashchange', () => void route());
void route();
