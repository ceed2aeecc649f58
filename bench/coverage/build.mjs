// Bundles @roadstop/coverage (and what it uses of @roadstop/core and saxes)
// into one ESM file, as ncc does for the action, so the benchmark times the
// parser rather than TypeScript stripping at start-up.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [join(here, '..', '..', 'packages', 'coverage', 'src', 'index.ts')],
  outfile: join(here, 'corpus', 'roadstop-coverage.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  logLevel: 'warning',
  // CommonJS dependencies bundled into ESM (yaml, via @roadstop/core) still call require().
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
console.log('built corpus/roadstop-coverage.mjs');
