import { cp, mkdir, mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A folder of real build output: the built browser bundles that npm packages
 * ship (yaml, ajv), copied under content-hashed names as Vite would write them.
 */
export async function realBuildOutput(): Promise<{ workspace: string; files: string[] }> {
  const workspace = await mkdtemp(join(tmpdir(), 'roadstop-build-'));
  const assets = join(workspace, 'dist/assets');
  await mkdir(assets, { recursive: true });
  const sources = [
    ['yaml', 'browser/dist'],
    ['ajv', 'dist/compile'],
  ] as const;
  const files: string[] = [];
  let counter = 0;
  for (const [pkg, folder] of sources) {
    const root = join(dirname(require.resolve(`${pkg}/package.json`)), folder);
    for (const name of (await readdir(root)).filter((entry) => entry.endsWith('.js')).sort().slice(0, 12)) {
      if ((await stat(join(root, name))).size < 200) continue;
      const hash = (counter++ * 2654435761).toString(36).padStart(8, 'x').slice(-8);
      const target = `dist/assets/${pkg}-${name.replace(/\.js$/, '')}-${hash}.js`;
      await cp(join(root, name), join(workspace, target));
      files.push(target);
    }
  }
  return { workspace, files: files.sort() };
}
