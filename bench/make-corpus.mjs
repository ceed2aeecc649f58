#!/usr/bin/env node
// Generates bench/corpus/: a build-output-like tree made of real built JS/CSS from
// the npm packages installed in bench/node_modules, deterministically.
//
//   node bench/make-corpus.mjs              cold + warm trees and manifest.json
//   node bench/make-corpus.mjs --warm-only  only redo corpus/warm/ from corpus/cold/
//   node bench/make-corpus.mjs --stats      only print what the candidates would give
//
// Options: --files N (default 4500), --mb N (default 100), --fraction F (warm share, default 0.01)
//
// Layout (all under bench/corpus/):
//   cold/     the "previous build": assets/ (Vite), chunks/ and static/js|css/ (webpack/CRA),
//             _next/static/chunks|css/ (Next.js), names carrying a content hash as those tools write them
//   warm/     the "next build": the same files, with `fraction` of them changed and renamed
//             with their new content hash, the rest byte-identical under the same names
//   manifest.json  {cold: [...], warm: [...]} with path (relative to its tree), size, sha256
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = dirname(fileURLToPath(import.meta.url));
const NODE_MODULES = join(BENCH, 'node_modules');
export const CORPUS = join(BENCH, 'corpus');

/** Packages in bench/package.json that are tools, not corpus. */
const TOOLS = new Set(['size-limit', '@size-limit/file', 'bundlewatch']);
const EXTENSIONS = new Set(['.js', '.mjs', '.css']);
const MIN_BYTES = 200;
const MAX_BYTES = 2 * 1024 * 1024;
const WEIGHT_EXP = 0.25;

const sha256 = (data) => createHash('sha256').update(data).digest();
const byCodepoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function parseArgs(argv) {
  const args = { files: 4500, mb: 100, fraction: 0.01, warmOnly: false, stats: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--warm-only') args.warmOnly = true;
    else if (a === '--stats') args.stats = true;
    else if (a === '--files') args.files = Number(argv[++i]);
    else if (a === '--mb') args.mb = Number(argv[++i]);
    else if (a === '--fraction') args.fraction = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

/** Where `name` resolves from package directory `fromDir`, as Node would find it on disk. */
function resolvePackageDir(name, fromDir) {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir || !parent.startsWith(BENCH)) return undefined;
    dir = parent;
  }
}

/** The corpus packages (bench/package.json's dependencies minus the tools) and their runtime dependencies. */
export function corpusPackages() {
  const pkg = JSON.parse(readFileSync(join(BENCH, 'package.json'), 'utf8'));
  const seen = new Map(); // dir -> name
  const queue = Object.keys(pkg.dependencies ?? {})
    .filter((n) => !TOOLS.has(n))
    .sort(byCodepoint)
    .map((name) => ({ name, from: BENCH }));
  while (queue.length) {
    const { name, from } = queue.shift();
    const dir = resolvePackageDir(name, from);
    if (!dir) continue; // optional dependency not installed
    if (seen.has(dir)) continue;
    seen.set(dir, name);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(meta.dependencies ?? {}).sort(byCodepoint)) queue.push({ name: dep, from: dir });
  }
  return [...seen].map(([dir, name]) => ({ dir, name })).sort((a, b) => byCodepoint(a.dir, b.dir));
}

function walk(dir, out) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodepoint(a.name, b.name));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules') continue; // nested packages are visited as packages of their own
      walk(full, out);
    } else if (e.isFile() && EXTENSIONS.has(extname(e.name))) {
      out.push(full);
    }
  }
}

/** Every distinct (by content) .js/.mjs/.css file of the corpus packages within the size bounds. */
export function candidates() {
  const list = [];
  const seenContent = new Set();
  for (const { dir, name } of corpusPackages()) {
    const files = [];
    walk(dir, files);
    for (const file of files) {
      const size = statSync(file).size;
      if (size < MIN_BYTES || size > MAX_BYTES) continue;
      const content = readFileSync(file);
      const digest = sha256(content).toString('hex');
      if (seenContent.has(digest)) continue; // identical copies (e.g. dist/ and es/ twins) would not be in one build
      seenContent.add(digest);
      const rel = `${name}/${relative(dir, file).split('\\').join('/')}`;
      // Deterministic weighted shuffle (Efraimidis-Spirakis, weight size^WEIGHT_EXP): the selection
      // mixes packages instead of exhausting the first one, and leans towards chunk-sized files,
      // since package sources are mostly small modules while build output is mostly bundles.
      const u = (parseInt(sha256(`corpus:${rel}`).toString('hex').slice(0, 12), 16) + 0.5) / 2 ** 48;
      list.push({ source: file, rel, size, key: Math.log(u) / size ** WEIGHT_EXP });
    }
  }
  return list.sort((a, b) => b.key - a.key || byCodepoint(a.rel, b.rel));
}

function chunkName(rel) {
  const ext = extname(rel);
  let base = basename(rel, ext).replace(/\.min$/, '');
  if (base === 'index' || base === 'main') base = `${basename(dirname(rel))}-${base}`;
  base = base.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_-]+|[_-]+$/g, '') || 'chunk';
  return base.slice(0, 40);
}

/**
 * The output path of a file as one bundler or another would name it, from its content.
 * `slot` (a stable number per logical file) chooses the bundler style, so a changed file
 * keeps its place in the tree and only its hash changes, as in a real rebuild.
 */
export function outputPath(rel, content, slot) {
  const ext = extname(rel);
  const name = chunkName(rel);
  const digest = sha256(content);
  const hex8 = digest.toString('hex').slice(0, 8);
  const hex16 = digest.toString('hex').slice(0, 16);
  const b64 = digest.toString('base64url').slice(0, 8);
  const css = ext === '.css';
  switch (slot % 20) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
      return `assets/${name}-${b64}${ext}`; // Vite/Rollup: [name]-[hash].js, 8 base64url chars
    case 8: case 9: case 10: case 11: case 12:
      return css ? `css/${name}.${hex8}.css` : `chunks/${name}.${hex8}${ext}`; // webpack [name].[contenthash:8].js
    case 13: case 14: case 15: case 16:
      return css ? `static/css/${name}.${hex8}.chunk.css` : `static/js/${name}.${hex8}.chunk${ext}`; // CRA
    case 17: case 18:
      return css ? `_next/static/css/${hex16}.css` : `_next/static/chunks/${name}-${hex16}${ext}`; // Next.js
    default:
      return css ? `_next/static/css/${hex16}.css` : `_next/static/chunks/pages/${name}-${hex16}${ext}`;
  }
}

function writeTree(root, entries) {
  rmSync(root, { recursive: true, force: true });
  const dirs = new Set(entries.map((e) => dirname(join(root, e.path))));
  for (const d of [...dirs].sort(byCodepoint)) mkdirSync(d, { recursive: true });
  for (const e of entries) {
    const target = join(root, e.path);
    if (e.content) writeFileSync(target, e.content);
    else copyFileSync(e.source, target);
  }
}

function uniquePath(path, taken) {
  if (!taken.has(path)) return path;
  const ext = extname(path);
  for (let i = 2; ; i++) {
    const p = `${path.slice(0, -ext.length)}~${i}${ext}`; // never happens with 8+ hash chars over distinct contents, but stay deterministic
    if (!taken.has(p)) return p;
  }
}

export function makeCold({ files = 4500, mb = 100 } = {}) {
  const wantBytes = mb * 1e6;
  const selected = [];
  let bytes = 0;
  for (const c of candidates()) {
    if (selected.length >= files && bytes >= wantBytes) break;
    selected.push(c);
    bytes += c.size;
  }
  if (selected.length < files || bytes < wantBytes) {
    console.warn(`warning: only ${selected.length} files / ${(bytes / 1e6).toFixed(1)} MB available`);
  }
  const taken = new Set();
  const entries = selected.map((c, slot) => {
    const content = readFileSync(c.source);
    const path = uniquePath(outputPath(c.rel, content, slot), taken);
    taken.add(path);
    return { path, size: c.size, sha256: sha256(content).toString('hex'), from: c.rel, slot, source: c.source };
  });
  entries.sort((a, b) => byCodepoint(a.path, b.path));
  writeTree(join(CORPUS, 'cold'), entries);
  return entries.map(({ source, ...e }) => e);
}

/**
 * The next build: `fraction` of the files changed (a few bytes edited and a comment appended,
 * as a one-line source change would do) and renamed with their new content hash; the others
 * unchanged under the same names.
 */
export function makeWarm(cold, { fraction = 0.01 } = {}) {
  const count = Math.max(1, Math.round(cold.length * fraction));
  const changed = new Set(
    [...cold]
      .sort((a, b) => byCodepoint(sha256(`warm:${a.path}`).toString('hex'), sha256(`warm:${b.path}`).toString('hex')))
      .slice(0, count)
      .map((e) => e.path),
  );
  const coldRoot = join(CORPUS, 'cold');
  const taken = new Set();
  const entries = cold.map((e) => {
    if (!changed.has(e.path)) {
      taken.add(e.path);
      return { ...e, source: join(coldRoot, e.path) };
    }
    return e;
  });
  const out = entries.map((e) => {
    if (!changed.has(e.path)) return e;
    const original = readFileSync(join(coldRoot, e.path));
    const tag = sha256(`rebuild:${e.path}`).toString('hex').slice(0, 12);
    // Edit a few bytes in the middle (at a line start, inside a fresh comment) and append a comment.
    const mid = original.indexOf(0x0a, original.length >> 1);
    const at = mid === -1 ? original.length : mid + 1;
    const content = Buffer.concat([
      original.subarray(0, at),
      Buffer.from(`/* edited ${tag} */\n`),
      original.subarray(at),
      Buffer.from(`\n/* rebuild ${tag} */\n`),
    ]);
    const path = uniquePath(outputPath(e.from, content, e.slot), taken);
    taken.add(path);
    return {
      path,
      size: content.length,
      sha256: sha256(content).toString('hex'),
      from: e.from,
      slot: e.slot,
      changedFrom: e.path,
      content,
    };
  });
  out.sort((a, b) => byCodepoint(a.path, b.path));
  writeTree(join(CORPUS, 'warm'), out);
  return out.map(({ source, content, ...e }) => e);
}

function summary(label, list) {
  const bytes = list.reduce((s, e) => s + e.size, 0);
  const byExt = {};
  for (const e of list) byExt[extname(e.path)] = (byExt[extname(e.path)] ?? 0) + 1;
  return `${label}: ${list.length} files, ${(bytes / 1e6).toFixed(1)} MB (${Object.entries(byExt)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')})`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  if (args.stats) {
    const all = candidates();
    console.log(summary('candidates', all.map((c) => ({ path: c.rel, size: c.size }))));
    const perPackage = new Map();
    for (const c of all) {
      const pkg = c.rel.startsWith('@') ? c.rel.split('/').slice(0, 2).join('/') : c.rel.split('/')[0];
      const p = perPackage.get(pkg) ?? { files: 0, bytes: 0 };
      p.files++;
      p.bytes += c.size;
      perPackage.set(pkg, p);
    }
    for (const [pkg, p] of [...perPackage].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 30)) {
      console.log(`  ${pkg.padEnd(36)} ${String(p.files).padStart(5)} files ${(p.bytes / 1e6).toFixed(1).padStart(6)} MB`);
    }
    return;
  }
  const manifestPath = join(CORPUS, 'manifest.json');
  let cold;
  let options = { files: args.files, mb: args.mb, fraction: args.fraction };
  if (args.warmOnly) {
    if (!existsSync(manifestPath)) throw new Error('no corpus/manifest.json: run without --warm-only first');
    const previous = JSON.parse(readFileSync(manifestPath, 'utf8'));
    cold = previous.cold;
    options = { ...previous.options, fraction: args.fraction };
  } else {
    mkdirSync(CORPUS, { recursive: true });
    cold = makeCold(args);
  }
  const warm = makeWarm(cold, args);
  const packages = [...new Set(cold.map((e) => (e.from.startsWith('@') ? e.from.split('/').slice(0, 2) : e.from.split('/').slice(0, 1)).join('/')))];
  writeFileSync(
    manifestPath,
    JSON.stringify({ generated: 'bench/make-corpus.mjs', options, packages: packages.sort(byCodepoint), cold, warm }, null, 1),
  );
  console.log(summary('corpus/cold', cold));
  console.log(summary('corpus/warm', warm) + `, ${warm.filter((e) => e.changedFrom).length} changed and renamed`);
  console.log(`from ${packages.length} packages; ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
