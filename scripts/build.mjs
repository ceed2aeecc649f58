// Bundle every JavaScript action and the CLI with @vercel/ncc into dist/<name>/.
// Usage: node scripts/build.mjs [--out DIR] [name...]   (DIR defaults to dist; check-dist builds into a temp folder)
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import { Script } from 'node:vm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** name → entry: every actions/<name>/src/index.ts, plus the CLI. */
export async function entries() {
  const list = { cli: join(root, 'packages/cli/src/bin.ts') };
  for (const name of (await readdir(join(root, 'actions'))).sort()) {
    const entry = join(root, 'actions', name, 'src/index.ts');
    if (existsSync(entry)) list[name] = entry;
  }
  return list;
}

/**
 * Several bundles: each in a child process of its own, as many at a time as there are cores.
 * ncc holds a whole TypeScript program per bundle; built one after another in one process they
 * passed 4 GB of heap and the build died of it on CI, so each program now lives and dies in its own process.
 */
export async function build(out, only = []) {
  const all = await entries();
  const names = only.length > 0 ? only : Object.keys(all);
  for (const name of names) {
    if (!all[name]) throw new Error(`no entry for '${name}'; known: ${Object.keys(all).join(', ')}`);
  }
  if (names.length === 1) return buildOne(out, names[0], all[names[0]]);
  const queue = [...names];
  const failures = [];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const { code, output } = await child(out, name);
      process.stdout.write(output);
      if (code !== 0) failures.push(name);
    }
  };
  await Promise.all(Array.from({ length: Math.min(names.length, Math.max(1, availableParallelism())) }, worker));
  if (failures.length > 0) throw new Error(`the build failed for ${failures.join(', ')} (see above)`);
}

function child(out, name) {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--out', out, name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (chunk) => (output += chunk));
    proc.stderr.on('data', (chunk) => (output += chunk));
    proc.on('error', fail);
    proc.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

async function buildOne(out, name, entry) {
  const { default: ncc } = await import('@vercel/ncc');
  // Not transpileOnly: only the full program knows from package.json "type" that sources are ESM,
  // and ESM-only packages such as @actions/core resolve only under the "import" condition.
  let bundle;
  try {
    bundle = await ncc(entry, { minify: false, sourceMap: false, quiet: true, license: 'licenses.txt', transpileOnly: false });
  } catch (error) {
    throw new Error(`ncc could not bundle ${name}: ${String(error?.message ?? error).slice(0, 4000)}`);
  }
  const { code, assets } = bundle;
  const folder = join(out, name);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const files = Object.entries(assets ?? {}).map(([file, asset]) => [file, file.endsWith('.js') ? asciiOnly(asset.source.toString()) : asset.source]);
  await writeFile(join(folder, 'index.js'), await cachedChunks(asciiOnly(code), files));
  for (const [file, source] of files) {
    await mkdir(dirname(join(folder, file)), { recursive: true });
    await writeFile(join(folder, file), source);
  }
  if (name === 'cli') await chmod(join(folder, 'index.js'), 0o755);
  process.stdout.write(`built dist/${name}/index.js (${Math.round(code.length / 1024)} kB)\n`);
}

/** webpack's loader of one chunk, in the entry of an ncc bundle whose chunks are ES modules. */
const CHUNK_IMPORT = 'import("./" + __nccwpck_require__.u(chunkId))';

/**
 * The entry with its chunk loader pointed at packages/action/src/chunk-cache.ts's hook (chunk-script.cjs) (installed
 * by every action's entry before it loads a chunk; where it is not, as in a bundle whose entry does
 * not install it, `import()` as before), with the SHA-256 of every chunk the hook can compile as a
 * script: the hook names the chunk's code cache by it. A chunk that is not a plain ncc chunk (one
 * reading `import.meta`) has no digest and is imported as before. Checked by compiling each chunk
 * here, so a chunk the hook would fail on never reaches it.
 */
async function cachedChunks(entry, files) {
  if (!entry.includes(CHUNK_IMPORT)) return entry;
  const { chunkScript, CHUNK_HOOK } = await import('../packages/action/src/chunk-script.cjs');
  const digests = {};
  for (const [file, text] of files) {
    const id = /^(\d+)\.index\.js$/.exec(file)?.[1];
    const script = id === undefined ? undefined : chunkScript(text);
    if (script === undefined) continue;
    try {
      new Script(script, { filename: file });
    } catch {
      continue;
    }
    digests[id] = createHash('sha256').update(text).digest('hex');
  }
  const hooked = `(globalThis[Symbol.for(${JSON.stringify(CHUNK_HOOK)})]?.(new URL("./" + __nccwpck_require__.u(chunkId), import.meta.url), ${JSON.stringify(digests)}[chunkId]) ?? ${CHUNK_IMPORT})`;
  return entry.replace(CHUNK_IMPORT, () => hooked);
}

/**
 * JavaScript with every character past ASCII written as a \u escape, as esbuild writes its output.
 * V8 holds a source with one such character (a '…' in a message) as a two-byte string: Node's
 * compile cache then re-encodes it to UTF-8 to check it, and the scanner reads twice the bytes;
 * re-measured (bench/README.md): bundle-budget's config-error step runs 149 M instructions with this
 * pass and 168 M without (bare node 89 M). ncc has no option for it (it minifies with terser's defaults
 * or not at all), and reprinting with terser's ascii_only cost more than it saved (201 M): terser drops
 * the parentheses around webpack's module functions, which V8 compiles eagerly, into the compile
 * cache, only when they are there. The escapes mean the same in strings,
 * templates, regular expressions (with or without the u flag) and identifiers, and nothing in
 * comments. `\é` (an identity escape) becomes `\u00e9`, not `\\u00e9`; no bundle reads a
 * template's raw text, which would see the escape. A test runs `node --check` over every file.
 */
export function asciiOnly(code) {
  // Not the spaces and line separators past ASCII: between tokens (a no-break space in a dependency's
  // `options ||\u00a0{}`) an escape is a syntax error, and no tokenizer here tells where they stand.
  return code.replace(/(\\*)([^\x00-\x7f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff])/g, (_, slashes, char) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  try {
    await build(resolve(values.out ?? join(root, 'dist')), positionals);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
