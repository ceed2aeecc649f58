/**
 * Build tools put a content hash in chunk names so that `main.3f9a1c2e.js` in a
 * pull request is `main.a81b9f00.js` on the base branch. `stableName` replaces
 * the hash with `[hash]` so the two are recognised as the same file.
 *
 * Forms recognised (hashes of 6 or more characters, hex or base64url):
 *   webpack   main.3f9a1c2e.js, 123.3f9a1c2e.chunk.js, 3f9a1c2e9d0b.js
 *   Vite      index-BxK3a9_f.js, vendor-D-x3_a9f.css
 *   Rollup    chunk-5e8a3b1c.js
 *   esbuild   chunk-ABCDEFGH.js
 */
export const HASH_PLACEHOLDER = '[hash]';

const TOKEN = /^[A-Za-z0-9_-]{6,}$/;

/** Whether a name segment reads as a hash rather than a word such as `settings` or `Dashboard`. */
export function looksLikeHash(token: string): boolean {
  if (!TOKEN.test(token)) return false;
  if (/^[0-9a-f]+$/.test(token)) return /[0-9]/.test(token) || token.length >= 8;
  const digits = /[0-9]/.test(token);
  const letters = /[A-Za-z]/.test(token);
  if (digits && letters) return true;
  if (/^[A-Z2-7]{8,}$/.test(token)) return true; // esbuild's base32
  const lower = /[a-z]/.test(token);
  const upperInside = /[A-Z]/.test(token.slice(1));
  if (lower && upperInside && !/^[A-Z]?[a-z]+(?:[A-Z][a-z]+)*$/.test(token)) return true; // mixed case, not CamelCase words
  return /[_-]/.test(token.slice(1, -1)) && (digits || upperInside) && letters;
}

// Lengths tried at the end of a stem, most common first (Vite/Rollup/esbuild 8, webpack 20, others).
const SUFFIX_LENGTHS = [8, 10, 12, 16, 20, 6, 7, 9, 11, 13, 14, 15, 17, 18, 19, 32];

export function stableName(path: string): string {
  const slash = path.lastIndexOf('/');
  const directory = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  const parts = base.split('.');
  if (parts.length === 1) return directory + stableStem(base);
  const extension = parts.pop()!;
  const [stem, ...middle] = parts;
  const renamed = [stableStem(stem!), ...middle.map((part) => (looksLikeHash(part) ? HASH_PLACEHOLDER : part))];
  return `${directory}${renamed.join('.')}.${extension}`;
}

function stableStem(stem: string): string {
  if (looksLikeHash(stem) && !stem.includes('-')) return HASH_PLACEHOLDER;
  for (const length of SUFFIX_LENGTHS) {
    const cut = stem.length - length - 1;
    if (cut < 1 || stem[cut] !== '-') continue;
    const suffix = stem.slice(cut + 1);
    if (looksLikeHash(suffix)) return `${stem.slice(0, cut)}-${HASH_PLACEHOLDER}`;
  }
  return stem;
}

/**
 * A looser key for files `stableName` could not tell apart from words: any
 * 8-character base64url token after the last dash (Vite's and Rollup's hash
 * length), so `index-DiwrgTda.js` and `index-BxK3a9_f.js` meet. Used only for
 * files nothing else matched, where the worst case is calling an added and a
 * removed file one changed file.
 */
export function looseName(path: string): string {
  return stableName(path).replace(/-[A-Za-z0-9_-]{8}(\.[^/]*)$/, `-${HASH_PLACEHOLDER}$1`);
}
