#!/usr/bin/env node
// Side-by-side benchmark of roadstop's bundle-budget gate, size-limit (+ @size-limit/file),
// bundlewatch and the floor (zlib gzip level 9 on every core, each file read once),
// over bench/corpus/ (make it first with bench/make-corpus.mjs).
//
//   node bench/run.mjs [--runs 3] [--only floor,roadstop,size-limit,size-limit-total,bundlewatch]
//                      [--cli dist/cli/index.js] [--threads N] [--no-verify-peers] [--max-wait S]
//   node bench/run.mjs startup [...]   the start-up benchmark instead (bench/startup.mjs)
//   node bench/run.mjs --quick           seconds, not minutes, and no peers needed: floor and roadstop only,
//                                        once each, over a small generated corpus in bench/.work/quick/
//                                        (no waiting for a quiet machine); the correctness checks as in a
//                                        full run, no targets. npm test runs it (bench-quick test).
//
// Every tool runs as its own process under `/usr/bin/time -f '%e %M'`, one at a time, with
// bench/lib/offline-guard.cjs preloaded (it refuses and reports any connection off this machine)
// and a scrubbed environment (no CI variables, no tokens). Rounds are interleaved (cold and warm
// cases of every tool, then again), and the median wall time and the largest peak RSS are kept.
// Writes bench/.work/results.json and bench/.work/results.md; exits 1 when roadstop's sizes
// are wrong, a run failed, or any tool tried to reach the network.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './lib/random.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
let WORK = join(BENCH, '.work');
let CORPUS = join(BENCH, 'corpus');
const NODE = process.execPath;
const GUARD = join(BENCH, 'lib', 'offline-guard.cjs');
const FLOOR = join(BENCH, 'lib', 'floor.mjs');
const GLOB = '**/*.{js,mjs,css}';
const HUGE = '10 GB';
const TARGET_COLD_RATIO = 1.2;
const TARGET_COLD_MB = 250;
const TARGET_WARM_SPEEDUP = 10;

function parseArgs(argv) {
  const args = {
    runs: 3,
    only: null,
    cli: process.env.ROADSTOP_CLI ?? join(ROOT, 'dist', 'cli', 'index.js'),
    threads: os.availableParallelism(),
    verifyPeers: true,
    maxWait: QUIET_MAX_WAIT_S,
    quick: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--only') args.only = new Set(argv[++i].split(','));
    else if (a === '--cli') args.cli = resolve(argv[++i]);
    else if (a === '--threads') args.threads = Number(argv[++i]);
    else if (a === '--no-verify-peers') args.verifyPeers = false;
    else if (a === '--max-wait') args.maxWait = Number(argv[++i]);
    else if (a === '--quick') args.quick = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.quick) Object.assign(args, { runs: 1, only: new Set(['floor', 'roadstop']), verifyPeers: false, maxWait: 0 });
  return args;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Sum of VmRSS (KiB) over the descendants of `pid` (the /usr/bin/time process), not `pid` itself. */
function treeRssKiB(pid) {
  let total = 0;
  const stack = childrenOf(pid);
  while (stack.length) {
    const p = stack.pop();
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch {
      /* gone */
    }
    stack.push(...childrenOf(p));
  }
  return total;
}

function childrenOf(pid) {
  const out = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    /* gone */
  }
  return out;
}

const CHILD_ENV = {
  PATH: `${dirname(NODE)}:/usr/local/bin:/usr/bin:/bin`,
  HOME: process.env.HOME ?? '/tmp',
  TMPDIR: process.env.TMPDIR ?? '/tmp',
  LANG: 'C.UTF-8',
  NO_COLOR: '1',
};

/** Busy and total CPU time of the whole machine so far, in seconds (from /proc/stat). */
function cpuTimes() {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f.map(Number);
  const HZ = 100;
  return { busy: (user + nice + system + irq + softirq + steal) / HZ, steal: steal / HZ };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The machine is shared (other people's lint, tests and builds run on it): before each timed
 * run, wait until the other processes use less than QUIET_CORES for a second, at most
 * QUIET_MAX_WAIT_S. A run during which they still used more than CONTENDED_CORES is repeated
 * (up to RETRIES times) and, if it stays contended, kept and flagged.
 */
const QUIET_CORES = 0.15;
const QUIET_MAX_WAIT_S = 180;
const CONTENDED_CORES = 0.25;
const RETRIES = 4;

async function waitQuiet(maxWait = QUIET_MAX_WAIT_S) {
  const start = Date.now();
  for (;;) {
    const a = cpuTimes();
    await sleep(1000);
    const b = cpuTimes();
    const load = b.busy - a.busy;
    if (load < QUIET_CORES) return { waited: (Date.now() - start) / 1000, load };
    if ((Date.now() - start) / 1000 > maxWait) return { waited: (Date.now() - start) / 1000, load, gaveUp: true };
  }
}

/** Runs `node --require offline-guard <args>` under /usr/bin/time; wall time from here, peak RSS from time and /proc. */
async function measureOnce(label, args, { cwd, env = {} }) {
  const base = join(WORK, label);
  const out = openSync(`${base}.stdout`, 'w');
  const err = openSync(`${base}.stderr`, 'w');
  const cpu0 = cpuTimes();
  const t0 = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', '%e %M %U %S', '-o', `${base}.time`, NODE, '--require', GUARD, ...args], {
    cwd,
    env: { ...CHILD_ENV, ...env },
    stdio: ['ignore', out, err],
  });
  let treePeak = 0;
  const timer = setInterval(() => {
    treePeak = Math.max(treePeak, treeRssKiB(child.pid));
  }, 50);
  const code = await new Promise((res, rej) => {
    child.once('error', rej);
    child.once('exit', (c, signal) => res(c ?? (signal ? 128 : 1)));
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu1 = cpuTimes();
  clearInterval(timer);
  closeSync(out);
  closeSync(err);
  const timeLine = readFileSync(`${base}.time`, 'utf8').trim().split('\n').pop();
  const [, maxKiB, userS, sysS] = timeLine.split(' ').map(Number);
  const stderr = readFileSync(`${base}.stderr`, 'utf8');
  const blocked = stderr.split('\n').filter((l) => l.startsWith('BENCH-NETWORK-BLOCKED'));
  const cpuSeconds = userS + sysS;
  // CPU the rest of the machine used meanwhile, in cores (steal counted: it is a neighbour's too).
  const others = Math.max(0, cpu1.busy - cpu0.busy - cpuSeconds) / seconds;
  return { label, code, seconds, cpuSeconds, others, peakMiB: Math.max(maxKiB, treePeak) / 1024, stdout: `${base}.stdout`, stderr, blocked };
}

async function measure(label, args, opts) {
  // Quick mode: one run as it comes; its timings mean nothing, its outputs are checked.
  if (opts.maxWait <= 0) return { ...(await measureOnce(label, args, opts)), waited: 0, attempts: 1, contended: false };
  let m;
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    const quiet = await waitQuiet(opts.maxWait);
    m = await measureOnce(label, args, opts);
    m.waited = quiet.waited;
    m.attempts = attempt + 1;
    m.contended = m.others > CONTENDED_CORES;
    if (!m.contended) break;
  }
  return m;
}

function prepare(manifest, args) {
  // Everything of the last run but the start-up benchmark's results (bench/startup.mjs writes them to .work/startup/).
  mkdirSync(WORK, { recursive: true });
  for (const entry of readdirSync(WORK)) if (entry !== 'startup' && entry !== 'quick' && join(WORK, entry) !== CORPUS) rmSync(join(WORK, entry), { recursive: true, force: true });
  for (const kind of ['cold', 'warm']) {
    const tree = join(CORPUS, kind);
    const files = manifest[kind].map((e) => e.path);
    writeFileSync(join(WORK, `list-${kind}.txt`), files.join('\n') + '\n');

    // size-limit, one check per file (as a per-file budget needs), gzip asked for explicitly:
    // @size-limit/file measures brotli unless `gzip: true` (and raw with `brotli: false`).
    const sl = join(WORK, `size-limit-${kind}`);
    mkdirSync(sl);
    writeFileSync(join(sl, 'package.json'), JSON.stringify(slPackage(), null, 2));
    writeFileSync(
      join(sl, '.size-limit.json'),
      JSON.stringify(files.map((f) => ({ name: f, path: join(tree, f), gzip: true, limit: HUGE }))),
    );
    // size-limit, one check over the whole tree: a single number, the sum of every file's own gzip size.
    const slt = join(WORK, `size-limit-total-${kind}`);
    mkdirSync(slt);
    writeFileSync(join(slt, 'package.json'), JSON.stringify(slPackage(), null, 2));
    writeFileSync(
      join(slt, '.size-limit.json'),
      JSON.stringify([{ name: 'bundle', path: ['js', 'mjs', 'css'].map((e) => join(tree, `**/*.${e}`)), gzip: true, limit: HUGE }]),
    );
  }
  // bundlewatch: one glob entry (it reports every matched file on its own), gzip, no service.
  writeFileSync(
    join(WORK, 'bundlewatch.json'),
    JSON.stringify({ files: [{ path: GLOB, maxSize: '10GB' }], defaultCompression: 'gzip' }, null, 2),
  );
  // Page cache: every tool reads the corpus from memory, the first one included.
  for (const kind of ['cold', 'warm']) for (const e of manifest[kind]) readFileSync(join(CORPUS, kind, e.path));
  void args;
}

function slPackage() {
  return { name: 'bench-size-limit', private: true, devDependencies: { 'size-limit': '*', '@size-limit/file': '*' } };
}

function cases(args) {
  const all = [];
  for (const kind of ['cold', 'warm']) {
    const tree = join(CORPUS, kind);
    all.push({
      tool: 'floor',
      kind,
      args: (i) => [FLOOR, tree, join(WORK, `list-${kind}.txt`), join(WORK, `floor-${kind}-${i}.json`), String(args.threads)],
      cwd: BENCH,
    });
    all.push({
      tool: 'roadstop',
      kind,
      args: (i) => [
        args.cliRun,
        'bundle-budget',
        '--cwd',
        tree,
        '--path',
        GLOB,
        '--max',
        HUGE,
        '--compression',
        'gzip',
        '--json',
        '--report',
        join(WORK, `roadstop-${kind}-${i}.json`),
        ...(kind === 'warm' ? ['--baseline', join(WORK, `roadstop-cold-${i}.json`)] : []),
      ],
      cwd: BENCH,
    });
    all.push({
      tool: 'size-limit',
      kind,
      args: () => [join(BENCH, 'node_modules', 'size-limit', 'bin.js'), '--json'],
      cwd: join(WORK, `size-limit-${kind}`),
    });
    all.push({
      tool: 'size-limit-total',
      kind,
      args: () => [join(BENCH, 'node_modules', 'size-limit', 'bin.js'), '--json'],
      cwd: join(WORK, `size-limit-total-${kind}`),
    });
    all.push({
      tool: 'bundlewatch',
      kind,
      args: () => [join(BENCH, 'node_modules', 'bundlewatch', 'lib', 'bin', 'index.js'), '--config', join(WORK, 'bundlewatch.json')],
      cwd: tree,
      env: { BENCH_STUB_BUNDLEWATCH_SHORTENER: '1' },
    });
  }
  // Order within a round: cold cases first (roadstop warm needs this round's cold report).
  return all
    .filter((c) => !args.only || args.only.has(c.tool))
    .filter((c) => c.tool !== 'roadstop' || existsSync(args.cli));
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * The quick mode's corpus, made without bench/node_modules: 60 files of seeded, JavaScript-like
 * text from 200 B to ~60 kB under hashed names, and a warm tree with 3 of them changed and renamed,
 * with the manifest make-corpus.mjs writes (path, size, sha256; changedFrom in warm).
 */
function makeQuickCorpus(dir) {
  rmSync(dir, { recursive: true, force: true });
  const random = seededRandom(0x9e3779b9);
  const words = ['const', 'function', 'return', 'export', 'import', 'value', 'props', 'render', 'state', 'null', '=>', '{', '}', '(', ')', ';', 'await', 'async'];
  const text = (bytes) => {
    const parts = [];
    let size = 0;
    while (size < bytes) {
      const word = random() < 0.1 ? `v${Math.floor(random() * 1e6).toString(36)}` : words[Math.floor(random() * words.length)];
      parts.push(word);
      size += word.length + 1;
    }
    return parts.join(random() < 0.5 ? ' ' : '\n') + '\n';
  };
  const sha = (content) => createHash('sha256').update(content).digest('hex');
  const write = (tree, path, content) => {
    mkdirSync(dirname(join(dir, tree, path)), { recursive: true });
    writeFileSync(join(dir, tree, path), content);
    return { path, size: Buffer.byteLength(content), sha256: sha(content) };
  };
  const manifest = { cold: [], warm: [] };
  for (let index = 0; index < 60; index++) {
    const folder = ['assets', 'static/js', '_next/static/chunks'][index % 3];
    const extension = index % 10 === 9 ? 'css' : 'js';
    const content = text(200 + Math.floor(random() ** 3 * 60_000));
    const path = `${folder}/chunk-${index}.${sha(content).slice(0, 8)}.${extension}`;
    manifest.cold.push(write('cold', path, content));
    if (index % 20 === 7) {
      const changed = content + text(100);
      manifest.warm.push({ ...write('warm', `${folder}/chunk-${index}.${sha(changed).slice(0, 8)}.${extension}`, changed), changedFrom: path });
    } else {
      manifest.warm.push(write('warm', path, content));
    }
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

/** Compares roadstop's result items with the floor's sizes and the manifest. */
function checkRoadstop(result, floor, manifestList, kind, coldHashes) {
  const problems = [];
  const items = result.items ?? [];
  const byId = new Map(items.map((it) => [it.id, it]));
  const expected = new Map(manifestList.map((e) => [e.path, e]));
  let gzipWrong = 0;
  let rawWrong = 0;
  let hashWrong = 0;
  let missing = 0;
  for (const [path, e] of expected) {
    const it = byId.get(path);
    if (!it) {
      missing++;
      if (missing <= 5) problems.push(`missing ${path}`);
      continue;
    }
    if (it.gzip !== floor[path].gzip) {
      gzipWrong++;
      if (gzipWrong <= 5) problems.push(`gzip ${path}: roadstop ${it.gzip}, zlib-9 ${floor[path].gzip}`);
    }
    if (it.raw !== e.size) {
      rawWrong++;
      if (rawWrong <= 5) problems.push(`raw ${path}: roadstop ${it.raw}, file ${e.size}`);
    }
    if (it.hash !== e.sha256) hashWrong++;
  }
  const extra = items.filter((it) => !expected.has(it.id)).length;
  if (extra) problems.push(`${extra} item(s) for files not in the corpus`);
  if (byId.size !== items.length) problems.push(`${items.length - byId.size} duplicate item id(s)`);
  const totalGzip = manifestList.reduce((s, e) => s + floor[e.path].gzip, 0);
  const checkValue = result.checks?.[0]?.value;
  if (checkValue !== totalGzip) problems.push(`budget value ${checkValue} != sum of zlib-9 sizes ${totalGzip}`);
  let hashDrift = 0;
  if (coldHashes) {
    for (const e of manifestList) if (!e.changedFrom && byId.get(e.path)?.hash !== coldHashes.get(e.path)) hashDrift++;
    if (hashDrift) problems.push(`${hashDrift} unchanged file(s) hashed differently than in the cold run`);
  }
  return {
    kind,
    items: items.length,
    expected: expected.size,
    missing,
    extra,
    gzipWrong,
    rawWrong,
    hashNotSha256: hashWrong,
    metrics: result.metrics,
    ok: missing === 0 && extra === 0 && gzipWrong === 0 && rawWrong === 0 && byId.size === items.length && checkValue === totalGzip && hashDrift === 0,
    problems,
  };
}

function fmt(n, d = 2) {
  return n === undefined || Number.isNaN(n) ? '–' : n.toFixed(d);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    console.error(`Node ${process.versions.node} is too old (size-limit 14 needs >= 22.19): run with /work/main/node_modules/node/bin/node or \`npx node\`.`);
    process.exit(2);
  }
  if (args.quick) {
    WORK = join(BENCH, '.work', 'quick');
    CORPUS = join(WORK, 'corpus');
    makeQuickCorpus(CORPUS);
  }
  if (!existsSync(join(CORPUS, 'manifest.json'))) {
    console.error('no bench/corpus/: run `node bench/make-corpus.mjs` first');
    process.exit(2);
  }
  if (!args.quick && !existsSync(join(BENCH, 'node_modules', 'size-limit'))) {
    console.error('no bench/node_modules/: run `npm --prefix bench install` first');
    process.exit(2);
  }
  const manifest = readJson(join(CORPUS, 'manifest.json'));
  const haveCli = existsSync(args.cli);
  if (!haveCli && args.quick) {
    console.error(`roadstop CLI not found at ${args.cli}: build it (node scripts/build.mjs cli)`);
    process.exit(2);
  }
  if (!haveCli) console.warn(`roadstop CLI not found at ${args.cli}: its rows are pending`);
  const cliId = () => (existsSync(args.cli) ? createHash('sha256').update(readFileSync(args.cli)).digest('hex').slice(0, 12) : 'none');
  const cliAtStart = cliId();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    /* not a git checkout */
  }
  if (haveCli) console.log(`roadstop: ${args.cli} (sha256 ${cliAtStart}), tree at ${commit}`);

  const corpusBytes = manifest.cold.reduce((s, e) => s + e.size, 0);
  const changed = manifest.warm.filter((e) => e.changedFrom).length;
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model?.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.versions.node}`;
  console.log(`corpus: ${manifest.cold.length} files, ${(corpusBytes / 1e6).toFixed(1)} MB; warm: ${changed} changed and renamed`);
  console.log(`machine: ${machine}`);

  prepare(manifest, args);
  if (haveCli) {
    // Run a snapshot of the CLI's folder (an ncc bundle, self-contained): dist/ may be rebuilt
    // by someone else while the bench runs, and the figures must be of one build.
    cpSync(dirname(args.cli), join(WORK, 'cli'), { recursive: true });
    args.cliRun = join(WORK, 'cli', basename(args.cli));
    if (cliId() !== createHash('sha256').update(readFileSync(args.cliRun)).digest('hex').slice(0, 12)) {
      console.error('dist/cli changed while being copied; run again');
      process.exit(2);
    }
  }
  const list = cases(args);
  const runs = new Map(); // "tool/kind" -> [measurement]
  const failures = [];
  for (let i = 1; i <= args.runs; i++) {
    for (const c of list) {
      const key = `${c.tool}/${c.kind}`;
      const m = await measure(`${c.tool}-${c.kind}-${i}`, c.args(i), { cwd: c.cwd, env: c.env, maxWait: args.maxWait });
      process.stdout.write(
        `  round ${i} ${key.padEnd(24)} ${fmt(m.seconds).padStart(7)} s ${fmt(m.peakMiB, 0).padStart(5)} MiB  cpu ${fmt(m.cpuSeconds)} s` +
          `  others ${fmt(m.others)} cores${m.contended ? ' CONTENDED' : ''}${m.attempts > 1 ? ` (attempt ${m.attempts})` : ''}  exit ${m.code}\n`,
      );
      if (m.code !== 0) failures.push(`${key} round ${i} exited ${m.code}: ${m.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      if (m.blocked.length) failures.push(`${key} round ${i} tried the network: ${[...new Set(m.blocked)].join('; ')}`);
      runs.set(key, [...(runs.get(key) ?? []), m]);
    }
  }

  if (haveCli && cliId() !== cliAtStart) console.log(`note: ${args.cli} was rebuilt during the run; the figures are of the snapshot taken at the start (sha256 ${cliAtStart}).`);

  // ---- correctness -------------------------------------------------------------------------
  const floor = {};
  const checks = [];
  for (const kind of ['cold', 'warm']) {
    const f = join(WORK, `floor-${kind}-1.json`);
    if (existsSync(f)) floor[kind] = readJson(f);
  }
  if (!floor.cold || !floor.warm) {
    console.error('the floor did not run (needed for the correctness check): include it in --only');
    process.exit(2);
  }
  const roadstopChecks = [];
  if (haveCli && (!args.only || args.only.has('roadstop'))) {
    for (let i = 1; i <= args.runs; i++) {
      let coldHashes;
      for (const kind of ['cold', 'warm']) {
        const reportFile = join(WORK, `roadstop-${kind}-${i}.json`);
        if (!existsSync(reportFile)) {
          failures.push(`roadstop ${kind} round ${i}: no report written`);
          continue;
        }
        const report = readJson(reportFile);
        let stdoutItems;
        try {
          stdoutItems = readJson(join(WORK, `roadstop-${kind}-${i}.stdout`)).items?.length;
        } catch (e) {
          failures.push(`roadstop ${kind} round ${i}: --json stdout is not JSON (${e.message})`);
        }
        const r = checkRoadstop(report, floor[kind], manifest[kind], kind, kind === 'warm' ? coldHashes : undefined);
        if (stdoutItems !== undefined && stdoutItems !== r.items) r.problems.push(`--json printed ${stdoutItems} items, --report ${r.items}`);
        if (kind === 'cold') coldHashes = new Map((report.items ?? []).map((it) => [it.id, it.hash]));
        r.round = i;
        roadstopChecks.push(r);
        if (!r.ok) failures.push(`roadstop ${kind} round ${i}: ${r.problems.join('; ')}`);
      }
    }
  }
  // Peers, informational: do they measure what the floor measures?
  const peerChecks = [];
  for (const kind of ['cold', 'warm']) {
    const sl = runs.get(`size-limit/${kind}`)?.[0];
    if (sl) {
      try {
        const out = readJson(sl.stdout);
        const wrong = out.filter((r) => r.size !== floor[kind][r.name]?.gzip).length;
        peerChecks.push(`size-limit/${kind}: ${out.length} per-file checks, ${wrong} differ from zlib-9`);
      } catch (e) {
        peerChecks.push(`size-limit/${kind}: unreadable output (${e.message})`);
      }
    }
    const slt = runs.get(`size-limit-total/${kind}`)?.[0];
    if (slt) {
      try {
        const [out] = readJson(slt.stdout);
        const sum = manifest[kind].reduce((s, e) => s + floor[kind][e.path].gzip, 0);
        peerChecks.push(`size-limit-total/${kind}: one number ${out.size} (sum of per-file zlib-9 sizes: ${sum}${out.size === sum ? ', equal' : ', DIFFERENT'})`);
      } catch (e) {
        peerChecks.push(`size-limit-total/${kind}: unreadable output (${e.message})`);
      }
    }
    const bw = runs.get(`bundlewatch/${kind}`)?.[0];
    if (bw) {
      const text = readFileSync(bw.stdout, 'utf8');
      const pass = text.split('\n').filter((l) => /^(PASS|FAIL|WARN) /.test(l)).length;
      peerChecks.push(`bundlewatch/${kind}: ${pass} per-file lines (corpus has ${manifest[kind].length})`);
    }
  }
  if (args.verifyPeers && runs.has('bundlewatch/cold')) {
    // bundlewatch prints rounded sizes; get its exact ones from its own library, untimed.
    const require = createRequire(join(BENCH, 'package.json'));
    const getLocalFileDetails = require('bundlewatch/lib/app/getLocalFileDetails').default;
    const cwd = process.cwd();
    process.chdir(join(CORPUS, 'cold'));
    try {
      const details = getLocalFileDetails({ files: [{ path: GLOB, maxSize: '10GB' }], defaultCompression: 'gzip' });
      const wrong = Object.entries(details).filter(([p, d]) => d.size !== floor.cold[p]?.gzip).length;
      peerChecks.push(`bundlewatch/cold (exact sizes from its getLocalFileDetails, untimed): ${Object.keys(details).length} files, ${wrong} differ from zlib-9`);
    } finally {
      process.chdir(cwd);
    }
  }

  // ---- table -------------------------------------------------------------------------------
  const stat = (key) => {
    const ms = runs.get(key);
    if (!ms) return undefined;
    return {
      median: median(ms.map((m) => m.seconds)),
      min: Math.min(...ms.map((m) => m.seconds)),
      max: Math.max(...ms.map((m) => m.seconds)),
      peak: Math.max(...ms.map((m) => m.peakMiB)),
      cpu: median(ms.map((m) => m.cpuSeconds)),
      contended: ms.filter((m) => m.contended).length,
      runs: ms.length,
    };
  };
  const CASE = { cold: 'cold (no baseline)', warm: 'warm (1% changed)' };
  const TOOL = {
    floor: `floor: zlib gzip -9, ${args.threads} threads`,
    roadstop: 'roadstop bundle-budget',
    'size-limit': 'size-limit + @size-limit/file, 1 check per file',
    'size-limit-total': 'size-limit + @size-limit/file, 1 check (total only)',
    bundlewatch: 'bundlewatch (per file)',
  };
  const rows = [];
  for (const tool of ['floor', 'roadstop', 'size-limit', 'size-limit-total', 'bundlewatch']) {
    for (const kind of ['cold', 'warm']) {
      const s = stat(`${tool}/${kind}`);
      const f = stat(`floor/${kind}`);
      let caseText = CASE[kind];
      if (tool === 'roadstop' && kind === 'warm') caseText = 'warm (1% changed, baseline = cold report)';
      if (!s) {
        if (tool === 'roadstop' && !haveCli) rows.push({ tool: TOOL[tool], kind: caseText, pending: true });
        continue;
      }
      rows.push({ tool: TOOL[tool], kind: caseText, ...s, ratio: f ? s.median / f.median : undefined, key: `${tool}/${kind}` });
    }
  }
  const peersWarm = ['size-limit', 'size-limit-total', 'bundlewatch'].map((t) => ({ t, s: stat(`${t}/warm`) })).filter((x) => x.s);
  const fastestPeer = peersWarm.sort((a, b) => a.s.median - b.s.median)[0];
  const rsCold = stat('roadstop/cold');
  const rsWarm = stat('roadstop/warm');
  const fCold = stat('floor/cold');

  const lines = [];
  lines.push(`| tool | case | median s | min–max s | CPU s (user+sys) | peak RSS MiB | × floor |`);
  lines.push(`| --- | --- | ---: | ---: | ---: | ---: | ---: |`);
  for (const r of rows) {
    if (r.pending) lines.push(`| ${r.tool} | ${r.kind} | pending | | | | |`);
    else
      lines.push(
        `| ${r.tool} | ${r.kind} | ${fmt(r.median)} | ${fmt(r.min)}–${fmt(r.max)}${r.contended ? ` (${r.contended} contended)` : ''} | ${fmt(r.cpu)} | ${fmt(r.peak, 0)} | ${fmt(r.ratio)} |`,
      );
  }
  const targets = [];
  if (rsCold && fCold) {
    const ratio = rsCold.median / fCold.median;
    targets.push(`cold within ${TARGET_COLD_RATIO}× of the floor: ${fmt(ratio)}× — ${ratio <= TARGET_COLD_RATIO ? 'MET' : 'NOT MET'}`);
    targets.push(`cold peak RSS under ${TARGET_COLD_MB} MB: ${fmt(rsCold.peak, 0)} MiB — ${rsCold.peak < TARGET_COLD_MB ? 'MET' : 'NOT MET'}`);
  }
  if (rsWarm && fastestPeer) {
    const speedup = fastestPeer.s.median / rsWarm.median;
    targets.push(
      `warm speedup vs fastest peer (${fastestPeer.t}, ${fmt(fastestPeer.s.median)} s on the warm corpus): ${fmt(speedup, 1)}× — ${speedup >= TARGET_WARM_SPEEDUP ? 'MET' : 'NOT MET'} (target ≥ ${TARGET_WARM_SPEEDUP}×)`,
    );
    if (rsCold) targets.push(`warm vs roadstop's own cold run: ${fmt(rsCold.median / rsWarm.median, 1)}× faster`);
  }
  if (!haveCli) targets.push('roadstop: pending (no dist/cli/index.js)');
  if (args.quick) targets.length = 0;

  const md = [
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine}; roadstop = dist/cli/index.js sha256 ${cliAtStart}… built from ${commit} (+ uncommitted changes, if any).`,
    `Corpus ${manifest.cold.length} files, ${(corpusBytes / 1e6).toFixed(1)} MB; warm = same with ${changed} files changed and renamed. ${args.runs} runs each, rounds interleaved,` +
      (args.quick
        ? ' quick mode: each run as it came, the machine busy or not.'
        : ` each run started once the rest of the machine was quiet (< ${QUIET_CORES} cores busy) and repeated if others used > ${CONTENDED_CORES} cores meanwhile.`),
    '',
    ...lines,
    '',
    ...targets.map((t) => `- ${t}`),
  ].join('\n');
  console.log('\n' + md + '\n');
  console.log('correctness (roadstop vs zlib level 9, every file):');
  for (const r of roadstopChecks) {
    const m = r.metrics ?? {};
    console.log(
      `  ${r.kind} round ${r.round}: ${r.items}/${r.expected} items, gzip mismatches ${r.gzipWrong}, raw mismatches ${r.rawWrong}, missing ${r.missing}, extra ${r.extra}` +
        `, hash≠sha256 ${r.hashNotSha256}; compressed ${m.compressed ?? '?'}, reused ${m.reused ?? '?'}` +
        (r.kind === 'warm' ? ' (a baseline file is never trusted for sizes: every file is measured again)' : '') +
        (r.problems.length ? `\n    ${r.problems.join('\n    ')}` : ''),
    );
  }
  if (!roadstopChecks.length) console.log('  (roadstop not run)');
  console.log('peers:');
  for (const p of peerChecks) console.log(`  ${p}`);
  const blockedTotal = [...runs.values()].flat().reduce((s, m) => s + m.blocked.length, 0);
  console.log(`network: ${blockedTotal} connection attempt(s) off this machine blocked across all runs`);

  writeFileSync(join(WORK, 'results.md'), md + '\n');
  writeFileSync(
    join(WORK, 'results.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        cli: { path: args.cli, sha256: cliAtStart, commit },
        corpus: { files: manifest.cold.length, bytes: corpusBytes, changed },
        runs: Object.fromEntries(
          [...runs].map(([k, ms]) => [k, ms.map(({ seconds, cpuSeconds, peakMiB, others, contended, attempts, code }) => ({ seconds, cpuSeconds, peakMiB, others, contended, attempts, code }))]),
        ),
        rows,
        targets,
        roadstopChecks,
        peerChecks,
        failures,
      },
      null,
      2,
    ),
  );
  if (failures.length) {
    console.error(`\nFAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\ncorrectness OK');
  if (args.quick) console.log('(quick mode: the timings above are of one run on a tiny corpus and mean nothing)');
}

if (process.argv[2] === 'startup') {
  // `npm run bench -- startup [options]`: the root's bench script runs this file.
  process.argv.splice(2, 1);
  await import('./startup.mjs');
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
