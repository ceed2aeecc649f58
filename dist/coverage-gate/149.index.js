export const id = 149;
export const ids = [149];
export const modules = {

/***/ 52149:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TOTAL_CHECK: () => (/* binding */ TOTAL_CHECK),
  runBundleBudget: () => (/* binding */ runBundleBudget),
  unjudgedGrowth: () => (/* binding */ unjudgedGrowth)
});

// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(95758);
;// CONCATENATED MODULE: ./packages/bundle/src/hashed-names.ts
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
const HASH_PLACEHOLDER = '[hash]';
const TOKEN = /^[A-Za-z0-9_-]{6,}$/;
/** Whether a name segment reads as a hash rather than a word such as `settings` or `Dashboard`. */
function looksLikeHash(token) {
    if (!TOKEN.test(token))
        return false;
    if (/^[0-9a-f]+$/.test(token))
        return /[0-9]/.test(token) || token.length >= 8;
    const digits = /[0-9]/.test(token);
    const letters = /[A-Za-z]/.test(token);
    if (digits && letters)
        return true;
    if (/^[A-Z2-7]{8,}$/.test(token))
        return true; // esbuild's base32
    const lower = /[a-z]/.test(token);
    const upperInside = /[A-Z]/.test(token.slice(1));
    if (lower && upperInside && !/^[A-Z]?[a-z]+(?:[A-Z][a-z]+)*$/.test(token))
        return true; // mixed case, not CamelCase words
    return /[_-]/.test(token.slice(1, -1)) && (digits || upperInside) && letters;
}
// Lengths tried at the end of a stem, most common first (Vite/Rollup/esbuild 8, webpack 20, others).
const SUFFIX_LENGTHS = [8, 10, 12, 16, 20, 6, 7, 9, 11, 13, 14, 15, 17, 18, 19, 32];
function stableName(path) {
    const slash = path.lastIndexOf('/');
    const directory = path.slice(0, slash + 1);
    const base = path.slice(slash + 1);
    const parts = base.split('.');
    if (parts.length === 1)
        return directory + stableStem(base);
    const extension = parts.pop();
    const [stem, ...middle] = parts;
    const renamed = [stableStem(stem), ...middle.map((part) => (looksLikeHash(part) ? HASH_PLACEHOLDER : part))];
    return `${directory}${renamed.join('.')}.${extension}`;
}
function stableStem(stem) {
    if (looksLikeHash(stem) && !stem.includes('-'))
        return HASH_PLACEHOLDER;
    for (const length of SUFFIX_LENGTHS) {
        const cut = stem.length - length - 1;
        if (cut < 1 || stem[cut] !== '-')
            continue;
        const suffix = stem.slice(cut + 1);
        if (looksLikeHash(suffix))
            return `${stem.slice(0, cut)}-${HASH_PLACEHOLDER}`;
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
function looseName(path) {
    return stableName(path).replace(/-[A-Za-z0-9_-]{8}(\.[^/]*)$/, `-${HASH_PLACEHOLDER}$1`);
}

;// CONCATENATED MODULE: ./packages/bundle/src/baseline.ts

/** The measured files of a bundle-budget result, without those it listed as removed. */
function baselineFiles(result) {
    const files = [];
    for (const item of result.items) {
        if (item.change === 'removed' || typeof item.raw !== 'number' || typeof item.hash !== 'string')
            continue;
        const file = { path: item.id, raw: item.raw, hash: item.hash };
        if (typeof item.gzip === 'number')
            file.gzip = item.gzip;
        if (typeof item.brotli === 'number')
            file.brotli = item.brotli;
        files.push(file);
    }
    return files;
}
/**
 * Compressed sizes from the baseline, keyed by content hash, for the settings
 * that produced them: a gzip size at level 6 is no answer for level 9.
 */
function sizeCacheFrom(result, settings, files = baselineFiles(result)) {
    const sameGzip = result.settings.gzipLevel === settings.gzipLevel;
    const sameBrotli = result.settings.brotliQuality === settings.brotliQuality;
    const cache = new Map();
    for (const file of files) {
        const entry = {};
        if (sameGzip && file.gzip !== undefined)
            entry.gzip = file.gzip;
        if (sameBrotli && file.brotli !== undefined)
            entry.brotli = file.brotli;
        if (entry.gzip !== undefined || entry.brotli !== undefined)
            cache.set(file.hash, entry);
    }
    return cache;
}
/**
 * Pair each current file with its baseline version: the same path first, then
 * the same content under a new name, then the same name once content hashes
 * in file names are set aside (`main.3f9a1c2e.js` ~ `main.a81b9f00.js`); where
 * several files share such a name, the closest in size pair up.
 */
function matchBaseline(current, baseline) {
    const matched = new Map();
    const remaining = new Set(baseline);
    const byPath = new Map(baseline.map((file) => [file.path, file]));
    let unmatched = current.filter((file) => {
        const same = byPath.get(file.path);
        if (!same)
            return true;
        matched.set(file.path, same);
        remaining.delete(same);
        return false;
    });
    const byHash = new Map();
    for (const file of remaining)
        byHash.set(file.hash, [...(byHash.get(file.hash) ?? []), file]);
    unmatched = unmatched.filter((file) => {
        const candidates = byHash.get(file.hash)?.filter((candidate) => remaining.has(candidate));
        const pick = candidates?.find((candidate) => stableName(candidate.path) === stableName(file.path)) ?? candidates?.[0];
        if (!pick)
            return true;
        matched.set(file.path, pick);
        remaining.delete(pick);
        return false;
    });
    for (const key of [stableName, looseName]) {
        unmatched = pairByName(unmatched, remaining, matched, key);
    }
    return { matched, removed: [...remaining].sort((a, b) => a.path.localeCompare(b.path)) };
}
function pairByName(unmatched, remaining, matched, key) {
    const groups = new Map();
    const group = (name) => {
        let entry = groups.get(name);
        if (!entry)
            groups.set(name, (entry = { current: [], baseline: [] }));
        return entry;
    };
    for (const file of unmatched)
        group(key(file.path)).current.push(file);
    for (const file of remaining)
        group(key(file.path)).baseline.push(file);
    for (const { current: now, baseline: before } of groups.values()) {
        if (now.length === 0 || before.length === 0)
            continue;
        for (const { a, b } of closestPairs(now, before)) {
            if (matched.has(a.path) || !remaining.has(b))
                continue;
            matched.set(a.path, b);
            remaining.delete(b);
        }
    }
    return unmatched.filter((file) => !matched.has(file.path));
}
// Beyond this many candidate pairs in one name group (e.g. hundreds of esbuild
// `chunk-[hash].js`), pair by rank of size instead of comparing every pair.
const MAX_PAIRS = 20_000;
function closestPairs(now, before) {
    if (now.length * before.length > MAX_PAIRS) {
        const bySize = (list) => [...list].sort((x, y) => x.raw - y.raw || x.path.localeCompare(y.path));
        const a = bySize(now);
        const b = bySize(before);
        return a.slice(0, b.length).map((file, index) => ({ a: file, b: b[index] }));
    }
    const pairs = now.flatMap((a) => before.map((b) => ({ a, b, distance: Math.abs(a.raw - b.raw) })));
    pairs.sort((x, y) => x.distance - y.distance || x.a.path.localeCompare(y.a.path) || x.b.path.localeCompare(y.b.path));
    return pairs;
}

;// CONCATENATED MODULE: ./packages/bundle/src/evaluate.ts

/** Hold one budget's size against its max, its warn size and its allowed growth. */
function judgeBudget({ budget, size, files, baseline }) {
    const label = compressionLabel(budget.compression);
    const check = {
        name: budget.name,
        status: 'pass',
        value: size,
        unit: 'bytes',
        details: { compression: budget.compression, files, path: budget.patterns.join(', ') },
    };
    const limits = [];
    if (budget.max !== undefined) {
        check.limit = budget.max;
        limits.push(`${(0,src/* formatBytes */.z3)(budget.max)}${label}`);
    }
    // Without a baseline the growth limit is shown as not judged, never as a limit this size passed.
    if (budget.maxIncrease)
        limits.push(`+${(0,src/* formatIncrease */.Gb)(budget.maxIncrease)} vs base${baseline === undefined ? ' (not judged: no baseline)' : ''}`);
    if (limits.length > 0)
        check.limitText = limits.join(', ');
    if (baseline !== undefined)
        check.baseline = baseline;
    const problems = [];
    if (budget.max !== undefined && size > budget.max) {
        problems.push({ status: 'fail', text: `${budget.name} is ${(0,src/* formatBytes */.z3)(size)}${label}, over its ${(0,src/* formatBytes */.z3)(budget.max)} budget by ${(0,src/* formatBytes */.z3)(size - budget.max)}` });
    }
    if (budget.maxIncrease && baseline !== undefined) {
        const { kind, value } = budget.maxIncrease;
        const allowed = kind === 'percent' ? Math.floor((baseline * value) / 100) : value;
        check.maxIncrease = allowed;
        const growth = size - baseline;
        if (growth > allowed) {
            const percent = baseline > 0 ? ` (${((growth / baseline) * 100).toFixed(2)}%)` : '';
            problems.push({
                status: 'fail',
                text: `${budget.name} grew by ${(0,src/* formatBytes */.z3)(growth)}${percent}${label} against the base, more than the ${(0,src/* formatIncrease */.Gb)(budget.maxIncrease)} allowed`,
            });
        }
    }
    if (problems.length === 0 && budget.warn !== undefined && size > budget.warn) {
        problems.push({ status: 'warn', text: `${budget.name} is ${(0,src/* formatBytes */.z3)(size)}${label}, past its warning size ${(0,src/* formatBytes */.z3)(budget.warn)}` });
    }
    if (files === 0) {
        check.status = 'skipped';
        check.message = `${budget.name}: no files matched ${budget.patterns.join(', ')}`;
    }
    else if (problems.length > 0) {
        check.status = problems.some((problem) => problem.status === 'fail') ? 'fail' : 'warn';
        check.message = problems.map((problem) => problem.text).join('; ');
    }
    else {
        const room = budget.max !== undefined ? `, ${(0,src/* formatBytes */.z3)(budget.max - size)} under its budget` : '';
        check.message = `${budget.name} is ${(0,src/* formatBytes */.z3)(size)}${label}${room}`;
    }
    return check;
}
function compressionLabel(compression) {
    return compression === 'raw' ? '' : ` (${compression})`;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./packages/bundle/src/measure.ts



/**
 * Below these a job stays on the calling thread: starting a worker costs
 * ~30-40 ms of CPU (a Node environment of its own), about what gzip -9 takes
 * for 1-2 MB, and a small build (or a step that only checks its config)
 * should cost little more than starting Node.
 */
const SMALL_JOB_FILES = 256;
const SMALL_JOB_BYTES = 2_000_000;
/**
 * The loop every thread of a job runs, the calling one too, from measure-worker.mjs: loaded with
 * import() when a job comes, not with the bundle, as it loads node:crypto, node:zlib and
 * node:worker_threads (~10 ms of CPU, a third of starting Node), which a step that stops before
 * measuring (a config mistake) should not pay for.
 */
let loop;
const loadLoop = () => (loop ??= __webpack_require__.e(/* import() */ 761).then(__webpack_require__.bind(__webpack_require__, 12761)));
/**
 * Measures one list of files on the calling thread and, for a job worth it,
 * on threads - 1 worker threads beside it, all taking files from one shared
 * counter. Workers start when a large job is announced (prestart) or once the
 * list is known: a small job (most builds, and every step that stops before
 * measuring) starts none, and in a large one the calling thread measures
 * while they start.
 */
class MeasurePool {
    threads;
    workers = [];
    answers = [];
    started = false;
    closed = false;
    constructor(threads = (0,external_node_os_.availableParallelism)()) {
        this.threads = Math.max(1, threads);
    }
    /** Worker threads started for the job (0 for a small one). */
    get workersStarted() {
        return this.workers.length;
    }
    /**
     * A job of about this many files is coming (as many as the baseline had,
     * say): if that is a large one, the workers start now, so their start-up
     * overlaps the globbing instead of the measuring.
     */
    prestart(expectedFiles) {
        if (expectedFiles >= SMALL_JOB_FILES)
            this.start();
    }
    start() {
        if (this.started || this.threads <= 1 || this.closed)
            return;
        this.started = true;
        const { Worker } = process.getBuiltinModule('node:worker_threads');
        // The worker runs measure-worker.mjs itself: ncc copies it beside the bundle as an asset.
        this.workers = Array.from({ length: this.threads - 1 }, () => new Worker(new URL(/* asset import */ __webpack_require__(58079), __webpack_require__.b), { workerData: 'roadstop-measure' }));
        this.answers = this.workers.map((worker) => answerOf(worker));
        // Until a job is sent (or if the calling thread fails first), a failed worker must not be an unhandled rejection.
        for (const answer of this.answers)
            answer.catch(() => undefined);
    }
    /**
     * Measure files: each is read once, hashed (sha256), and compressed only
     * with the compressions asked for, unless the baseline already knows its
     * sizes by content hash.
     */
    async measure(paths, options) {
        const { measureLoop } = await loadLoop();
        const cache = Object.fromEntries(options.cache ?? []);
        const job = {
            files: paths,
            workspace: options.workspace,
            gzip: options.compressions.has('gzip'),
            brotli: options.compressions.has('brotli'),
            gzipLevel: options.gzipLevel,
            brotliQuality: options.brotliQuality,
            counter: new SharedArrayBuffer(4),
        };
        // Started early, the workers take part whatever the size; otherwise only a job worth them starts any.
        if (!this.started && this.threads > 1 && !isSmallJob(paths, options))
            this.start();
        if (this.workers.length > 0) {
            // One string is copied to each worker far faster than a structured clone of thousands of objects.
            const workerJob = { ...job, cache: JSON.stringify(cache) };
            for (const worker of this.workers)
                worker.postMessage(workerJob);
        }
        const own = measureLoop(job, cache);
        const batches = [own, ...(await Promise.all(this.answers))];
        const failure = batches.find((batch) => 'error' in batch);
        if (failure) {
            const { path, code } = failure.error;
            throw new src/* ConfigurationError */.j1(`cannot read ${path} (${code})`, { file: path }, code === 'EACCES' ? 'check the file permissions of the build output' : undefined);
        }
        const sizes = new Array(paths.length);
        for (const batch of batches) {
            for (const { index, ...entry } of batch.results)
                sizes[index] = { path: paths[index], ...entry };
        }
        return sizes;
    }
    /** End the workers, whether or not they measured anything. */
    async close() {
        this.closed = true;
        await Promise.all(this.workers.map((worker) => worker.terminate()));
    }
}
/** Few files and few bytes: a worker would cost more than it saves. A file that cannot be stat'ed is left to the read to report. */
function isSmallJob(paths, options) {
    const limit = options.smallJobBytes ?? SMALL_JOB_BYTES;
    if (limit <= 0 || paths.length >= SMALL_JOB_FILES)
        return false;
    let bytes = 0;
    for (const path of paths) {
        bytes += sizeOf(`${options.workspace}/${path}`);
        if (bytes >= limit)
            return false;
    }
    return true;
}
function sizeOf(file) {
    try {
        return (0,external_node_fs_.statSync)(file, { throwIfNoEntry: false })?.size ?? 0;
    }
    catch {
        return 0;
    }
}
/** Measure files on a pool of its own; see MeasurePool.measure. */
async function measureFiles(paths, options) {
    if (paths.length === 0)
        return [];
    const pool = new MeasurePool(Math.min(options.threads ?? availableParallelism(), paths.length));
    try {
        return await pool.measure(paths, options);
    }
    finally {
        await pool.close();
    }
}
function answerOf(worker) {
    return new Promise((resolve, reject) => {
        worker.once('message', (message) => resolve(message));
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`a measuring worker stopped with exit code ${code} before it answered`)));
    });
}

// EXTERNAL MODULE: ./packages/bundle/src/options.ts
var src_options = __webpack_require__(3632);
;// CONCATENATED MODULE: ./packages/bundle/src/run.ts





const TOTAL_CHECK = 'total';
/** Measure the build output, compare it with the budgets and the baseline, and produce the gate's result. */
async function runBundleBudget(options, baseline, context = {}) {
    // Workers, if the job is worth any, start once the files are known and the calling thread measures beside
    // them; a baseline of many files announces a large job, and then they start now, while the globs expand.
    const pool = new MeasurePool(options.threads);
    // If globbing fails first, a failing baseline must not become an unhandled rejection; awaited below, it still throws.
    if (baseline instanceof Promise)
        baseline.then((read) => read && pool.prestart(read.result.items.length)).catch(() => undefined);
    else if (baseline)
        pool.prestart(baseline.result.items.length);
    try {
        return await measureAndJudge(options, pool, baseline, context);
    }
    finally {
        await pool.close();
    }
}
async function measureAndJudge(options, pool, pendingBaseline, context) {
    const messages = [...(context.messages ?? [])];
    const selections = new Map();
    for (const budget of options.budgets) {
        const selection = await (0,src/* selectFiles */.AL)(options.workspace, budget.patterns, budget.origin);
        const { files } = selection;
        const skipped = (0,src/* describeSkippedLinks */.j5)(selection);
        if (files.length === 0 && !options.allowEmpty) {
            throw new src/* ConfigurationError */.j1(`no files match ${budget.patterns.map((pattern) => `'${pattern}'`).join(', ')} (budget '${budget.name}') in ${options.workspace}${skipped ? `; ${skipped}` : ''}`, budget.origin, 'build first, fix the glob, or set allow-empty: true');
        }
        if (skipped)
            messages.push({ level: 'warning', title: 'Symlinks skipped', text: `budget '${budget.name}': ${skipped}` });
        if (files.length === 0)
            messages.push({ level: 'warning', text: `budget '${budget.name}': no files match ${budget.patterns.join(', ')}` });
        selections.set(budget, files);
    }
    const budgetFiles = [...new Set([...selections.values()].flat())].sort();
    const explicitTotal = options.total.patterns.join('\n') !== [...new Set(options.budgets.flatMap((budget) => budget.patterns))].join('\n');
    const totalFiles = explicitTotal ? (await (0,src/* selectFiles */.AL)(options.workspace, options.total.patterns, options.total.origin)).files : budgetFiles;
    const allFiles = [...new Set([...budgetFiles, ...totalFiles])].sort();
    const compressions = new Set([...options.budgets.map((budget) => budget.compression), options.total.compression]);
    compressions.delete('raw');
    const settings = { gzipLevel: options.gzipLevel, brotliQuality: options.brotliQuality };
    const baseline = await pendingBaseline;
    const before = baseline ? baselineFiles(baseline.result) : [];
    // Sizes are reused by content hash only from the base branch's own run (the artifact the GitHub lookup fetched):
    // a local baseline file is the pull request's to write, and one with real hashes and `gzip: 1` would pass any
    // bundle. Its files are measured again; its sizes stand only as the base side of the comparison.
    const cache = baseline?.fromBaseRun ? sizeCacheFrom(baseline.result, settings, before) : undefined;
    if (baseline && !baseline.fromBaseRun && before.length > 0) {
        messages.push({ level: 'notice', title: 'Baseline', text: `baseline ${baseline.info.source}: a local file, so its sizes are only compared with; every file of this build was measured` });
    }
    const inOrder = await pool.measure(cache ? likelyChangedFirst(allFiles, before) : allFiles, {
        workspace: options.workspace,
        compressions,
        ...settings,
        ...(cache ? { cache } : {}),
    });
    const byPath = new Map(inOrder.map((file) => [file.path, file]));
    const measured = allFiles.map((path) => byPath.get(path));
    const match = baseline ? matchBaseline(measured, before) : undefined;
    const baselineChecks = new Map((baseline?.result.checks ?? []).map((check) => [check.name, check]));
    const measure = (budget, files) => {
        const size = sum(files.map((path) => run_sizeOf(byPath.get(path), budget.compression)));
        const entry = { budget, size, files: files.length };
        const previous = baselineChecks.get(budget.name);
        if (previous && previous.details?.compression === budget.compression && comparable(baseline.result, settings, budget.compression)) {
            entry.baseline = previous.value;
        }
        return entry;
    };
    const checks = options.budgets.map((budget) => judgeBudget(measure(budget, selections.get(budget))));
    const total = options.total;
    if (total.max !== undefined || total.maxIncrease !== undefined || total.warn !== undefined) {
        checks.push(judgeBudget(measure({ ...total, name: TOTAL_CHECK }, totalFiles)));
    }
    const limited = new Set([...options.budgets.filter((budget) => budget.maxIncrease).map((budget) => budget.name), ...(total.maxIncrease ? [TOTAL_CHECK] : [])]);
    messages.push(...unjudgedGrowth(checks, limited, baseline !== undefined));
    for (const check of checks) {
        if (check.status === 'fail' || check.status === 'warn') {
            messages.push({ level: check.status === 'fail' ? 'error' : 'warning', title: `Budget: ${check.name}`, text: check.message });
        }
    }
    if (baseline && baseline.result.settings.gzipLevel !== options.gzipLevel && compressions.has('gzip')) {
        messages.push({ level: 'notice', text: `the baseline used gzip level ${String(baseline.result.settings.gzipLevel)}, this run ${options.gzipLevel}: gzip deltas are not shown` });
    }
    const items = buildItems(measured, match, selections, totalFiles);
    const status = (0,src/* worstStatus */.A4)(checks.map((check) => check.status), 'pass');
    const metrics = {
        'total-raw': sum(totalFiles.map((path) => byPath.get(path).raw)),
        files: totalFiles.length,
        compressed: measured.filter((file) => !file.reused && compressions.size > 0).length,
        reused: measured.filter((file) => file.reused).length,
    };
    if (compressions.has('gzip'))
        metrics['total-gzip'] = sum(totalFiles.map((path) => byPath.get(path).gzip));
    if (compressions.has('brotli'))
        metrics['total-brotli'] = sum(totalFiles.map((path) => byPath.get(path).brotli));
    if (match) {
        metrics['files-added'] = items.filter((item) => item.change === 'added').length;
        metrics['files-removed'] = match.removed.length;
        metrics['files-changed'] = items.filter((item) => item.change === 'changed').length;
    }
    const result = (0,src/* createResult */.kF)({
        gate: src_options/* GATE */.k6,
        status: checks.every((check) => check.status === 'skipped') ? 'skipped' : status,
        headline: headline(checks, options.budgets),
        ...(context.commit ? { commit: context.commit } : {}),
        ...(context.ref ? { ref: context.ref } : {}),
        metrics,
        checks,
        items,
        messages,
        ...(baseline ? { baseline: baseline.info } : {}),
        settings: { ...settings, compressions: [...compressions].sort().join(',') || 'raw' },
    });
    (0,src/* applyFailOn */.m3)(result, options.failOn);
    return result;
}
/**
 * Files the baseline has under another path (or not at all) first: bundlers
 * put a content hash in the name, so these are the ones likely to need
 * compressing, and taken first they spread over the threads instead of one
 * large one landing last on a single thread while the others sit idle.
 */
function likelyChangedFirst(paths, before) {
    const known = new Set(before.map((file) => file.path));
    return [...paths.filter((path) => !known.has(path)), ...paths.filter((path) => known.has(path))];
}
function buildItems(measured, match, selections, totalFiles) {
    const budgetsOf = new Map();
    for (const [budget, files] of selections)
        for (const path of files)
            budgetsOf.set(path, [...(budgetsOf.get(path) ?? []), budget.name]);
    const inTotal = new Set(totalFiles);
    const items = measured.map((file) => {
        const item = { id: file.path, raw: file.raw };
        if (file.gzip !== undefined)
            item.gzip = file.gzip;
        if (file.brotli !== undefined)
            item.brotli = file.brotli;
        item.hash = file.hash;
        const budgets = budgetsOf.get(file.path);
        if (budgets)
            item.budgets = budgets.join(', ');
        if (!inTotal.has(file.path))
            item.total = false;
        if (match) {
            const previous = match.matched.get(file.path);
            if (!previous)
                item.change = 'added';
            else {
                item.change = previous.hash === file.hash ? 'unchanged' : 'changed';
                item.base = previous.path;
                baseSizes(item, previous, file);
            }
        }
        return item;
    });
    for (const gone of match?.removed ?? [])
        items.push(baseSizes({ id: gone.path, change: 'removed' }, gone));
    return items;
}
/** The base's sizes of a file, each compressed one only where this run has it too (a removed file: every one it has). */
function baseSizes(item, previous, now) {
    item['base-raw'] = previous.raw;
    if (previous.gzip !== undefined && (!now || now.gzip !== undefined))
        item['base-gzip'] = previous.gzip;
    if (previous.brotli !== undefined && (!now || now.brotli !== undefined))
        item['base-brotli'] = previous.brotli;
    return item;
}
function comparable(result, settings, compression) {
    if (compression === 'gzip')
        return result.settings.gzipLevel === settings.gzipLevel;
    if (compression === 'brotli')
        return result.settings.brotliQuality === settings.brotliQuality;
    return true;
}
function run_sizeOf(file, compression) {
    return compression === 'raw' ? file.raw : (file[compression] ?? 0);
}
function sum(values) {
    return values.reduce((total, value) => total + value, 0);
}
/** A max-increase that had nothing to compare with is said, once for the run or once for the budgets the baseline lacks. */
function unjudgedGrowth(checks, limited, hadBaseline) {
    const unjudged = checks.filter((check) => limited.has(check.name) && check.baseline === undefined && check.status !== 'skipped').map((check) => check.name);
    if (unjudged.length === 0)
        return [];
    if (!hadBaseline)
        return [(0,src/* notJudgedWithoutBaseline */.CZ)('max-increase needs a baseline and none was found, so growth was not judged')];
    return [(0,src/* notJudgedWithoutBaseline */.CZ)(`max-increase: the baseline has no size measured alike for ${unjudged.join(', ')}, so ${unjudged.length === 1 ? 'its' : 'their'} growth was not judged`)];
}
function headline(checks, budgets) {
    const failing = checks.filter((check) => check.status === 'fail');
    const lead = failing[0] ?? checks.find((check) => check.name === budgets[0]?.name) ?? checks[0];
    const compression = String(lead.details?.compression ?? 'gzip');
    const size = `${(0,src/* formatBytes */.z3)(lead.value)}${lead.limit !== undefined ? ` of ${(0,src/* formatBytes */.z3)(lead.limit)}` : ''}${compressionLabel(compression)}`;
    if (failing.length > 0)
        return `${failing.length} of ${checks.length} budget${checks.length === 1 ? '' : 's'} failed \u00b7 ${lead.name} ${size}`;
    const warned = checks.filter((check) => check.status === 'warn').length;
    const state = warned > 0 ? `${warned} warning${warned === 1 ? '' : 's'}` : `within ${checks.length === 1 ? 'budget' : `${checks.length} budgets`}`;
    return `${state} \u00b7 ${lead.name} ${size}`;
}


/***/ }),

/***/ 58079:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

module.exports = __webpack_require__.p + "0a1bfeb3723f1d7e2ce4.mjs";

/***/ })

};
