// Lets Node 24 run roadstop's TypeScript sources as they are, for the scripts and the benchmarks alike: Node strips
// the types itself; the sources import `./x.js` (as TypeScript wants) where the file on disk is x.ts, and this hook
// maps such an import to the .ts beside it when no .js is there. Imported for its effect, before the first .ts:
//   import './ts-resolve.mjs';                                   (a script: scripts/schema.mjs)
//   node --import ./scripts/ts-resolve.mjs bench/canary/run.mjs  (a command line)
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.endsWith('.js') && (specifier.startsWith('./') || specifier.startsWith('../')) && context.parentURL?.startsWith('file:')) {
      const url = new URL(specifier, context.parentURL);
      const ts = new URL(url.href.replace(/\.js$/, '.ts'));
      if (!existsSync(fileURLToPath(url)) && existsSync(fileURLToPath(ts))) return nextResolve(ts.href, context);
    }
    return nextResolve(specifier, context);
  },
});
