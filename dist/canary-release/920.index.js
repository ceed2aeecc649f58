export const id = 920;
export const ids = [920];
export const modules = {

/***/ 17049:
/***/ ((module) => {

/**
 * @license Copyright 2019 Google Inc. All Rights Reserved.
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 * Unless required by applicable law or agreed to in writing, software distributed under the License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the License for the specific language governing permissions and limitations under the License.
 */


/** @param {LH.Result} lhr @param {string} auditName */
const getAuditValue = (lhr, auditName) =>
  (lhr.audits[auditName] && lhr.audits[auditName].numericValue) || 0;

/**
 * @param {LH.Result} lhr
 * @param {number} medianFcp
 * @param {number} medianInteractive
 */
function getMedianSortValue(lhr, medianFcp, medianInteractive) {
  const distanceFcp = medianFcp - getAuditValue(lhr, 'first-contentful-paint');
  const distanceInteractive = medianInteractive - getAuditValue(lhr, 'interactive');

  return distanceFcp * distanceFcp + distanceInteractive * distanceInteractive;
}

/**
 * @template T
 * @param {Array<Array<[T, LH.Result]>>} runsByUrl
 * @return {Array<T>}
 */
function computeRepresentativeRuns(runsByUrl) {
  /** @type {Array<T>} */
  const representativeRuns = [];

  for (const runs of runsByUrl) {
    if (!runs.length) continue;

    const sortedByFcp = runs
      .slice()
      .sort(
        (a, b) =>
          getAuditValue(a[1], 'first-contentful-paint') -
          getAuditValue(b[1], 'first-contentful-paint')
      );
    const medianFcp = getAuditValue(
      sortedByFcp[Math.floor(runs.length / 2)][1],
      'first-contentful-paint'
    );

    const sortedByInteractive = runs
      .slice()
      .sort((a, b) => getAuditValue(a[1], 'interactive') - getAuditValue(b[1], 'interactive'));
    const medianInteractive = getAuditValue(
      sortedByInteractive[Math.floor(runs.length / 2)][1],
      'interactive'
    );

    const sortedByProximityToMedian = runs
      .slice()
      .sort(
        (a, b) =>
          getMedianSortValue(a[1], medianFcp, medianInteractive) -
          getMedianSortValue(b[1], medianFcp, medianInteractive)
      );

    representativeRuns.push(sortedByProximityToMedian[0][0]);
  }

  return representativeRuns;
}

module.exports = {computeRepresentativeRuns};


/***/ }),

/***/ 81920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ANSWER_TIMEOUT_MS: () => (/* binding */ ANSWER_TIMEOUT_MS),
  MAX_WAIT_FOR_LOAD_MS: () => (/* binding */ MAX_WAIT_FOR_LOAD_MS),
  formatCheckValue: () => (/* binding */ formatCheckValue),
  reportSlug: () => (/* binding */ reportSlug),
  runLighthouseGate: () => (/* binding */ runLighthouseGate)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(95758);
;// CONCATENATED MODULE: ./packages/lighthouse/src/chrome.ts



/** Names Chrome and Chromium go by on PATH: GitHub's runners have google-chrome, Debian and Ubuntu chromium. */
const PATH_NAMES = ['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser'];
const WELL_KNOWN = ['/usr/bin/chromium', '/usr/bin/google-chrome'];
const NO_CHROME_HINT = 'install one (Debian/Ubuntu: apt-get install chromium; GitHub-hosted runners have google-chrome), set CHROME_PATH, or give chrome-path';
/**
 * The browser to measure with: the one the user named (which must exist: a
 * ConfigurationError otherwise), else CHROME_PATH, else Chrome or Chromium on
 * PATH or where Debian puts it. Undefined when there is none: the gate is
 * skipped with NO_CHROME_HINT.
 */
function findChrome(named, origin, env = process.env, wellKnown = WELL_KNOWN) {
    if (named !== undefined) {
        if (!isExecutable(named)) {
            throw new src/* ConfigurationError */.j1(`no executable browser at '${named}'`, origin ?? { input: 'chrome-path' }, 'give the path of a Chrome or Chromium executable, or leave chrome-path empty to use the runner\u2019s');
        }
        return { path: named, via: 'chrome-path' };
    }
    const fromEnv = env.CHROME_PATH?.trim();
    if (fromEnv) {
        // A browser the workflow named is that browser or an error: never silently another one found on PATH.
        if (!isExecutable(fromEnv)) {
            throw new src/* ConfigurationError */.j1(`the environment variable CHROME_PATH names '${fromEnv}', which is not an executable file`, {}, 'set CHROME_PATH to a Chrome or Chromium executable, or unset it to use the runner\u2019s');
        }
        return { path: fromEnv, via: 'CHROME_PATH' };
    }
    for (const folder of (env.PATH ?? '').split(external_node_path_.delimiter).filter(Boolean)) {
        for (const name of PATH_NAMES) {
            const candidate = (0,external_node_path_.join)(folder, name);
            if (isExecutable(candidate))
                return { path: candidate, via: 'PATH' };
        }
    }
    for (const candidate of wellKnown)
        if (isExecutable(candidate))
            return { path: candidate, via: 'well-known' };
    return undefined;
}
function isExecutable(path) {
    try {
        if (!(0,external_node_fs_.statSync)(path).isFile())
            return false;
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/** Longest a browser may take to print its version: a real one answers in well under a second. */
const BROWSER_PROBE_TIMEOUT_MS = 15_000;
/**
 * Run `<browser> --version` before Lighthouse: a file that exits at once
 * (`/bin/false`) or is not a browser would otherwise cost lhci's three tries
 * of a page load (82 s) before "exit code 1". Returns the version line, or
 * why the browser is not one.
 */
function probeBrowser(path, timeoutMs = BROWSER_PROBE_TIMEOUT_MS) {
    const { execFile } = process.getBuiltinModule('node:child_process');
    return new Promise((done) => {
        execFile(path, ['--version'], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 16, encoding: 'utf8' }, (error, stdout) => {
            const line = stdout.trim().split('\n')[0] ?? '';
            if (error) {
                const failure = error;
                return done({ problem: failure.killed ? `did not answer --version within ${Math.round(timeoutMs / 1000)} s` : `exited with ${String(failure.code ?? 'a signal')} when asked for its --version` });
            }
            // "Chromium 120.0.6099.224", "Google Chrome 126.0.6478.126": a Chromium browser's name and a dotted version
            // (`/bin/true --version` prints coreutils' version: not a browser).
            if (!/\d+\.\d+/.test(line) || !/chrom|edge|brave|opera|vivaldi/i.test(line))
                return done({ problem: 'printed no Chrome or Chromium version for --version' });
            done({ version: line.slice(0, 200) });
        });
    });
}

// EXTERNAL MODULE: ./packages/lighthouse/src/judge.ts
var judge = __webpack_require__(3693);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(80481);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./packages/lighthouse/src/lhci.ts








/** The versions roadstop is tested with; the lock in actions/lighthouse-gate/lhci pins every transitive one. */
const LHCI_VERSION = '0.14.0';
const LIGHTHOUSE_VERSION = '12.2.3';
const LHCI_ENTRY = ['@lhci', 'cli', 'src', 'cli.js'].join('/');
/** A Lighthouse run failed for a reason in the page or the browser, not in roadstop: the gate fails with it. */
class LighthouseRunError extends Error {
    name = 'LighthouseRunError';
}
/**
 * Where lhci is: next to roadstop (a checkout with node_modules, as here and
 * in development), else in the runner's tool cache, installed there once from
 * the lock this action ships (npm ci, exact versions, no install scripts) and
 * reused by every later step and job on that runner. Bundling lhci and
 * Lighthouse with ncc is not done: both read their own files (locales, the
 * report renderer, axe-core) at run time by path.
 */
async function locateLhci(log, env = process.env, from = import.meta.url) {
    try {
        // The name is built, not literal, so ncc leaves the lookup to run time.
        return { cli: (0,external_node_module_.createRequire)(from).resolve(LHCI_ENTRY), via: 'installed' };
    }
    catch {
        // not installed next to roadstop: the tool cache below
    }
    const cache = (0,external_node_path_.join)(env.RUNNER_TOOL_CACHE || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cache'), 'roadstop-lhci', `${LHCI_VERSION}-lighthouse-${LIGHTHOUSE_VERSION}`, process.arch);
    const cli = (0,external_node_path_.join)(cache, 'node_modules', LHCI_ENTRY);
    const marker = (0,external_node_path_.join)(cache, '.complete');
    if ((0,external_node_fs_.existsSync)(marker) && (0,external_node_fs_.existsSync)(cli))
        return { cli, via: 'tool-cache' };
    const lockFolder = shippedLockFolder(from);
    log(`installing @lhci/cli ${LHCI_VERSION} and lighthouse ${LIGHTHOUSE_VERSION} into ${cache} (once per runner)`);
    await (0,promises_.rm)(cache, { recursive: true, force: true });
    await (0,promises_.mkdir)(cache, { recursive: true });
    for (const file of ['package.json', 'package-lock.json'])
        await (0,promises_.copyFile)((0,external_node_path_.join)(lockFolder, file), (0,external_node_path_.join)(cache, file));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const { code, stderr } = await runProcess(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: cache, env: withNodeFirst(env), timeoutMs: 300_000 });
    if (code !== 0 || !(0,external_node_fs_.existsSync)(cli)) {
        throw new LighthouseRunError(`could not install @lhci/cli ${LHCI_VERSION} into ${cache} (npm ci exited ${code}): ${lastLines(stderr, 5)}`);
    }
    await (0,promises_.writeFile)(marker, `${new Date().toISOString()}\n`);
    return { cli, via: 'tool-cache' };
}
/** actions/lighthouse-gate/lhci, from the bundle (dist/<name>/index.js) or from the sources. */
function shippedLockFolder(from) {
    const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(from));
    for (const candidate of [(0,external_node_path_.resolve)(here, '../../actions/lighthouse-gate/lhci'), (0,external_node_path_.resolve)(here, '../../../actions/lighthouse-gate/lhci')]) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(candidate, 'package-lock.json')))
            return candidate;
    }
    throw new LighthouseRunError(`the lhci lock file is missing next to ${here}; reinstall roadstop`);
}
/** Chrome's flags: headless and container-safe, no traffic of Chrome's own, and only the target's hosts resolvable. */
function chromeFlags(allowedHosts) {
    const rules = ['MAP * ~NOTFOUND', ...allowedHosts.map((host) => `EXCLUDE ${host}`)].join(', ');
    return [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
        '--disable-extensions',
        '--no-first-run',
        '--metrics-recording-only',
        `--host-resolver-rules="${rules}"`,
    ].join(' ');
}
/** lhci's `collect` config: nothing else of lhci runs, so nothing is uploaded anywhere. */
function collectConfig(settings) {
    return {
        ci: {
            collect: {
                method: 'node',
                numberOfRuns: settings.runs,
                chromePath: settings.chromePath,
                ...(settings.staticDistDir ? { staticDistDir: settings.staticDistDir } : {}),
                ...(settings.urls ? { url: settings.urls } : {}),
                settings: {
                    chromeFlags: chromeFlags(settings.allowedHosts),
                    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
                    maxWaitForLoad: settings.maxWaitForLoad,
                },
            },
        },
    };
}
/**
 * Run `lhci collect` in `folder` (its .lighthouseci/ holds the LHRs and HTML
 * reports) and return the files of every run. A run lhci gives up on is a
 * LighthouseRunError with Lighthouse's own reason.
 */
async function runCollect(lhci, settings, folder, log, env = process.env) {
    await (0,promises_.mkdir)(folder, { recursive: true });
    const config = (0,external_node_path_.join)(folder, 'lighthouserc.json');
    await (0,promises_.writeFile)(config, `${JSON.stringify(collectConfig(settings), null, 2)}\n`);
    const pages = settings.urls?.length ?? 5;
    // lhci tries a failing run three times; past this the browser hangs, and the step must not.
    const timeoutMs = pages * settings.runs * 3 * (settings.maxWaitForLoad + 30_000) + 30_000;
    const childEnv = withNodeFirst(env);
    childEnv.CHROME_PATH = settings.chromePath;
    const { code, stdout, stderr, timedOut } = await runProcess(process.execPath, [lhci.cli, 'collect', `--config=${config}`], { cwd: folder, env: childEnv, timeoutMs, onLine: (line) => log(`lhci: ${line}`) });
    if (timedOut)
        throw new LighthouseRunError(`Lighthouse did not finish within ${Math.round(timeoutMs / 1000)} s`);
    if (code !== 0)
        throw new LighthouseRunError(describeCollectFailure(stdout, stderr, code));
    const output = (0,external_node_path_.join)(folder, '.lighthouseci');
    const names = (await (0,promises_.readdir)(output)).filter((name) => /^lhr-\d+\.json$/.test(name)).sort();
    return names.map((name) => ({ json: (0,external_node_path_.join)(output, name), html: (0,external_node_path_.join)(output, name.replace(/\.json$/, '.html')) }));
}
/** Lighthouse's reason, as it printed it, in one line. */
function describeCollectFailure(stdout, stderr, code) {
    const runtime = /Runtime error encountered: (.+)/.exec(stderr)?.[1];
    const friendly = /"friendlyMessage":\s*"([^"]+)"/.exec(stderr)?.[1];
    const thrown = /^Error: (.+)$/m.exec(stderr)?.[1];
    const reason = runtime ?? friendly ?? thrown ?? (lastLines(stderr, 3) || lastLines(stdout, 3));
    return `Lighthouse failed (lhci collect exited ${code ?? 'on a signal'}): ${reason.trim()}`;
}
/** The environment for lhci and the Lighthouse it spawns (`node` from PATH): this Node first, no step inputs, no LHCI_ overrides. */
function withNodeFirst(env) {
    const clean = {};
    for (const [key, value] of Object.entries(env)) {
        if (key.startsWith('INPUT_') || key.startsWith('LHCI_') || key === 'GITHUB_TOKEN' || key === 'ACTIONS_RUNTIME_TOKEN')
            continue;
        clean[key] = value;
    }
    clean.PATH = [(0,external_node_path_.dirname)(process.execPath), env.PATH ?? ''].filter(Boolean).join(external_node_path_.delimiter);
    return clean;
}
function runProcess(command, args, options) {
    return new Promise((resolvePromise, reject) => {
        // detached: the timeout ends lhci, Lighthouse and Chrome together, as one process group.
        const child = (0,external_node_child_process_.spawn)(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
        let stdout = '';
        let stderr = '';
        let timedOut = false;
        child.stdout.setEncoding('utf8').on('data', (chunk) => {
            stdout += chunk;
        });
        const { onLine } = options;
        if (onLine)
            (0,external_node_readline_.createInterface)({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => line.trim() && onLine(line.trim()));
        child.stderr.setEncoding('utf8').on('data', (chunk) => {
            stderr = (stderr + chunk).slice(-20_000);
        });
        const timer = setTimeout(() => {
            timedOut = true;
            try {
                if (child.pid)
                    process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
            }
            catch {
                child.kill('SIGKILL');
            }
        }, options.timeoutMs);
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.on('close', (code) => {
            clearTimeout(timer);
            resolvePromise({ code, stdout, stderr, timedOut });
        });
    });
}
function lastLines(text, count) {
    return text.trim().split('\n').slice(-count).join(' ').trim();
}

// EXTERNAL MODULE: ./node_modules/@lhci/utils/src/representative-runs.js
var representative_runs = __webpack_require__(17049);
// EXTERNAL MODULE: ./packages/lighthouse/src/options.ts
var src_options = __webpack_require__(19636);
;// CONCATENATED MODULE: ./packages/lighthouse/src/lhr.ts


function readLhrUrl(lhr) {
    return lhr.requestedUrl ?? lhr.finalDisplayedUrl ?? lhr.finalUrl ?? '';
}
function summarizeRun(lhr) {
    const scores = {};
    for (const category of src_options/* CATEGORIES */.R6) {
        const score = lhr.categories[category]?.score;
        if (typeof score === 'number')
            scores[category] = Math.round(score * 100);
    }
    const vitals = {};
    for (const [vital, { audit }] of Object.entries(src_options/* VITALS */.gA)) {
        const value = lhr.audits[audit]?.numericValue;
        if (typeof value === 'number')
            vitals[vital] = vital === 'cls' ? Math.round(value * 1000) / 1000 : Math.round(value);
    }
    const bytes = {};
    let requests;
    for (const item of lhr.audits['resource-summary']?.details?.items ?? []) {
        const type = item.resourceType;
        if (src_options/* RESOURCE_TYPES */.Rx.includes(type) && typeof item.transferSize === 'number')
            bytes[type] = item.transferSize;
        if (type === 'total' && typeof item.requestCount === 'number')
            requests = item.requestCount;
    }
    const summary = { url: readLhrUrl(lhr), scores, vitals, bytes };
    const fcp = lhr.audits['first-contentful-paint']?.numericValue;
    if (typeof fcp === 'number')
        summary.fcp = Math.round(fcp);
    if (requests !== undefined)
        summary.requests = requests;
    return summary;
}
/**
 * The run that stands for a page: lhci's own choice (the run nearest the
 * median FCP and time to interactive), so roadstop's median is the one lhci
 * and its server would show.
 */
function representativeRun(runs) {
    const [chosen] = (0,representative_runs.computeRepresentativeRuns)([runs.map(([key, lhr]) => [key, lhr])]);
    if (chosen === undefined)
        throw new Error('representativeRun needs at least one run');
    return chosen;
}
/**
 * The audits that cost `category` the most points: for every weighted audit,
 * weight \u00d7 (1 \u2212 score) as a share of the category's weight; for performance
 * also the opportunities (render-blocking resources, unused JavaScript,
 * oversized images...) by the time they would save.
 */
function costliestAudits(lhr, category, limit = 3) {
    const entry = lhr.categories[category];
    if (!entry)
        return [];
    const totalWeight = entry.auditRefs.reduce((sum, ref) => sum + ref.weight, 0) || 1;
    const costly = [];
    for (const ref of entry.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1)
            continue;
        const cost = (100 * ref.weight * (1 - audit.score)) / totalWeight;
        costly.push({ id: audit.id, title: audit.title, cost: Math.round(cost * 10) / 10, ...(audit.displayValue ? { display: audit.displayValue } : {}) });
    }
    costly.sort((a, b) => b.cost - a.cost || a.id.localeCompare(b.id));
    if (category !== 'performance')
        return costly.slice(0, limit);
    const opportunities = performanceOpportunities(lhr).slice(0, limit);
    return [...costly.slice(0, limit), ...opportunities];
}
/** Performance audits that name what to fix, by the time they would save (ms). */
function performanceOpportunities(lhr) {
    const found = [];
    for (const audit of Object.values(lhr.audits)) {
        const savings = audit.details?.type === 'opportunity' ? (audit.details.overallSavingsMs ?? audit.numericValue ?? 0) : 0;
        const metricSavings = audit.metricSavings ? Math.max(0, ...Object.entries(audit.metricSavings).filter(([metric]) => metric !== 'CLS').map(([, value]) => value)) : 0;
        const cost = Math.max(savings, metricSavings);
        if (cost < 50 || (audit.score !== null && audit.score >= 0.9))
            continue;
        found.push({ id: audit.id, title: audit.title, cost: Math.round(cost), display: audit.displayValue ?? `saves about ${Math.round(cost)} ms` });
    }
    // Layout shifts have no time to save: the audit naming the shifting elements goes by its own score.
    const shifts = lhr.audits['layout-shifts'] ?? lhr.audits['layout-shift-elements'];
    if (shifts && shifts.score !== null && shifts.score < 0.9 && (lhr.audits['cumulative-layout-shift']?.score ?? 1) < 0.9) {
        found.push({ id: shifts.id, title: shifts.title, cost: 0, ...(shifts.displayValue ? { display: shifts.displayValue } : {}) });
    }
    return found.sort((a, b) => b.cost - a.cost || a.id.localeCompare(b.id));
}

;// CONCATENATED MODULE: ./packages/lighthouse/src/run.ts









/** How long a URL may take to answer before the gate gives up on it, before Lighthouse is started. */
const ANSWER_TIMEOUT_MS = 10_000;
/** Longest Lighthouse waits for one page load. */
const MAX_WAIT_FOR_LOAD_MS = 30_000;
const DEFAULT_DEPS = { findChrome: findChrome, locateLhci: locateLhci, runCollect: runCollect, probeBrowser: probeBrowser };
/** Find Chrome and lhci, run Lighthouse `runs` times per page, judge each page's representative run. */
async function runLighthouseGate(options, env, deps = DEFAULT_DEPS) {
    const messages = [...env.messages];
    // Credentials in a URL are the user's secret: every log line carries none, and the result is scrubbed of them in finish().
    const log = (text) => env.log((0,src/* redactUrlCredentials */.dE)(text));
    // Confined before anything else, browser or not: a static-dir that leads out is refused, never served.
    const staticDir = options.target.kind === 'static' ? await confineStaticDir(options.workspace, options.target.dir, options.target.origin) : undefined;
    const chrome = deps.findChrome(options.chromePath, options.chromePathOrigin);
    if (!chrome) {
        messages.push({ level: 'warning', title: 'Lighthouse: no browser', text: `Lighthouse needs Chrome or Chromium and none was found: ${NO_CHROME_HINT}` });
        return finish(options, env, { status: 'skipped', headline: 'skipped: no Chrome or Chromium to run Lighthouse with', messages });
    }
    const probe = await deps.probeBrowser(chrome.path);
    if ('problem' in probe) {
        const text = `the browser at '${chrome.path}' ${probe.problem}`;
        if (chrome.via === 'chrome-path')
            throw new src/* ConfigurationError */.j1(text, options.chromePathOrigin ?? { input: 'chrome-path' }, 'give the path of a Chrome or Chromium executable');
        if (chrome.via === 'CHROME_PATH')
            throw new src/* ConfigurationError */.j1(`${text} (named by the environment variable CHROME_PATH)`, {}, 'set CHROME_PATH to a Chrome or Chromium executable, or unset it');
        throw new src/* EnvironmentError */.eG(`lighthouse-gate: ${text} (found on ${chrome.via === 'PATH' ? 'the PATH' : 'a well-known path'}); install Chrome or Chromium, or give chrome-path`);
    }
    log(`Chrome: ${chrome.path} (from ${chrome.via}): ${probe.version}`);
    const urls = options.target.kind === 'urls' ? options.target.urls : undefined;
    for (const url of urls ?? [])
        await checkAnswers(url, options.target.origin);
    const allowedHosts = urls ? [...new Set(urls.map((url) => new URL(url).hostname))] : ['localhost', '127.0.0.1'];
    const target = urls ? { urls } : { staticDistDir: staticDir };
    const settings = { ...target, runs: options.runs, chromePath: chrome.path, allowedHosts, maxWaitForLoad: MAX_WAIT_FOR_LOAD_MS };
    const lhci = await deps.locateLhci(log);
    const folder = (0,external_node_path_.join)(env.scratch, 'lhci');
    await (0,promises_.rm)(folder, { recursive: true, force: true });
    let files;
    try {
        files = await deps.runCollect(lhci, settings, folder, log);
    }
    catch (error) {
        if (!(error instanceof LighthouseRunError))
            throw error;
        messages.push({ level: 'error', title: 'Lighthouse', text: error.message });
        return finish(options, env, { status: 'fail', headline: error.message, messages });
    }
    const pages = await measurePages(files, options, env.scratch);
    if (pages.length === 0) {
        const text = 'Lighthouse produced no report';
        messages.push({ level: 'error', title: 'Lighthouse', text });
        return finish(options, env, { status: 'fail', headline: text, messages });
    }
    const baseline = await env.baseline;
    const baseItems = new Map((baseline?.result.items ?? []).map((item) => [item.id, item]));
    const checks = [];
    for (const page of pages) {
        checks.push(...(0,judge/* judgePage */.zw)(page, options));
        const compared = (0,judge/* compareWithBase */.te)(page, baseItems.get(page.id), options.maxDrop);
        checks.push(...compared.checks);
        messages.push(...compared.messages);
    }
    if (baseline && Object.keys(options.maxDrop).length > 0) {
        const missing = pages.filter((page) => !baseItems.has(page.id)).map((page) => page.id);
        if (missing.length > 0)
            messages.push({ level: 'notice', text: `not on the base, so not compared: ${missing.join(', ')}` });
    }
    else if (!baseline && Object.keys(options.maxDrop).length > 0) {
        messages.push((0,src/* notJudgedWithoutBaseline */.CZ)('max-drop needs a baseline; none was found, so drops are not judged'));
    }
    for (const check of checks) {
        if (check.status === 'fail')
            messages.push({ level: 'error', title: `Lighthouse: ${check.name}`, text: check.message ?? check.name });
    }
    const reports = pages.flatMap((page) => (page.reports ? [(0,external_node_path_.join)(env.scratch, 'reports', page.reports.html), (0,external_node_path_.join)(env.scratch, 'reports', page.reports.json)] : []));
    // The reports are extra: a failed upload is a warning and the gate's own result stands (and is written).
    try {
        // Named after the step's result artifact, so gates.yml's artifact-prefix reaches the reports too.
        const uploaded = await env.uploadArtifact(`${env.artifactName || `roadstop-${src_options/* GATE */.k6}`}-reports`, reports, (0,external_node_path_.join)(env.scratch, 'reports'));
        if (uploaded)
            messages.push({ level: 'notice', text: `Lighthouse reports: ${uploaded}` });
    }
    catch (error) {
        messages.push({ level: 'warning', title: 'Lighthouse reports', text: `the reports were not uploaded: ${error.message}` });
    }
    const status = (0,src/* worstStatus */.A4)(checks.map((check) => check.status), 'pass');
    const metrics = pageMetrics(pages, options.runs);
    const items = pages.map(judge/* pageItem */.FW);
    return finish(options, env, { status, headline: headline(status, checks, metrics), checks, items, messages, metrics, baseline });
}
function finish(options, env, outcome) {
    const credentials = options.target.kind === 'urls' ? options.target.urls.flatMap(src/* urlCredentials */.O4) : [];
    const result = (0,src/* createResult */.kF)({
        gate: src_options/* GATE */.k6,
        status: outcome.status,
        headline: outcome.headline,
        ...(env.commit ? { commit: env.commit } : {}),
        ...(env.ref ? { ref: env.ref } : {}),
        metrics: outcome.metrics ?? {},
        checks: outcome.checks ?? [],
        items: outcome.items ?? [],
        messages: outcome.messages,
        ...(outcome.baseline ? { baseline: outcome.baseline.info } : {}),
        settings: { target: options.target.kind, runs: options.runs, ...(options.preset ? { preset: options.preset } : {}) },
    });
    (0,src/* applyFailOn */.m3)(result, options.failOn);
    return (0,src/* redactSecrets */.fp)(result, credentials);
}
/**
 * The static folder, confined: inside the workspace once symlinks are
 * resolved (`dist \u2192 /etc` would be served on localhost and measured), and
 * holding no symlink that leads out (lhci's server follows them). Returns the
 * real path, the one served.
 */
async function confineStaticDir(workspace, given, origin) {
    const dir = await (0,src/* confinedPath */.OR)(workspace, given, origin, { what: `the static-dir '${given}'` });
    if (!(0,external_node_fs_.existsSync)(dir) || !(0,external_node_fs_.statSync)(dir).isDirectory()) {
        throw new src/* ConfigurationError */.j1(`the folder '${given}' does not exist`, origin, 'build the site first (e.g. npm run build), or point static-dir at its output folder');
    }
    const root = await (0,promises_.realpath)(workspace);
    const { default: glob } = await __webpack_require__.e(/* import() */ 648).then(__webpack_require__.t.bind(__webpack_require__, 25648, 23));
    const entries = await glob('**', { cwd: dir, dot: true, onlyFiles: false, followSymbolicLinks: false, objectMode: true });
    for (const entry of entries) {
        if (!entry.dirent.isSymbolicLink())
            continue;
        const target = await (0,promises_.realpath)((0,external_node_path_.join)(dir, entry.path)).catch(() => undefined);
        if (target !== undefined && !(0,src/* isWithin */.UO)(root, target)) {
            throw new src/* ConfigurationError */.j1(`'${given}/${entry.path}' is a symlink to ${target}, outside the workspace, which would be served and measured`, origin, 'remove the symlink from the build output, or copy what it points to');
        }
    }
    return dir;
}
/** The URL answers at all, within ANSWER_TIMEOUT_MS: a dead preview fails here in seconds, not after Lighthouse's retries. */
async function checkAnswers(given, origin) {
    const url = (0,src/* redactUrlCredentials */.dE)(given);
    try {
        // fetch refuses a URL with credentials in it: they go as Basic authorization, as a browser sends them.
        const target = new URL(given);
        const headers = {};
        if (target.username || target.password) {
            headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
            target.username = '';
            target.password = '';
        }
        // With credentials, redirects are not followed, so they never go to another origin: a redirect is an answer.
        // edgeFetch, so a runner behind HTTPS_PROXY/HTTP_PROXY asks through its proxy, as Chromium does after it.
        const response = await (0,src/* edgeFetch */.aI)(target, { redirect: headers.authorization ? 'manual' : 'follow', headers, signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
        await response.body?.cancel();
        if (response.status >= 400) {
            throw new src/* ConfigurationError */.j1(`'${url}' answers HTTP ${response.status}`, origin, 'point urls at a page that is served (the deploy step\u2019s preview URL?)');
        }
    }
    catch (error) {
        if (error instanceof src/* ConfigurationError */.j1)
            throw error;
        const timedOut = error.name === 'TimeoutError';
        const cause = error.cause;
        const reason = (0,src/* redactUrlCredentials */.dE)(timedOut ? `no answer within ${ANSWER_TIMEOUT_MS / 1000} s` : (cause?.code ?? cause?.message ?? error.message));
        throw new src/* ConfigurationError */.j1(`'${url}' does not answer (${reason})`, origin, 'start the server or deploy first, and check the URL');
    }
}
/** Group the runs by page, pick each page's representative run, keep its reports under scratch/reports. */
async function measurePages(files, options, scratch) {
    const byUrl = new Map();
    for (const file of files) {
        const lhr = JSON.parse(await (0,promises_.readFile)(file.json, 'utf8'));
        if (lhr.runtimeError)
            throw new LighthouseRunError(`Lighthouse could not measure ${readLhrUrl(lhr)}: ${lhr.runtimeError.message}`);
        const url = readLhrUrl(lhr);
        byUrl.set(url, [...(byUrl.get(url) ?? []), { file, lhr }]);
    }
    const folder = (0,external_node_path_.join)(scratch, 'reports');
    await (0,promises_.rm)(folder, { recursive: true, force: true });
    await (0,promises_.mkdir)(folder, { recursive: true });
    const pages = [];
    for (const [url, runs] of byUrl) {
        const chosen = representativeRun(runs.map((run) => [run, run.lhr]));
        const id = options.target.kind === 'static' ? new URL(url).pathname : url;
        const costly = {};
        for (const category of src_options/* CATEGORIES */.R6)
            costly[category] = costliestAudits(chosen.lhr, category);
        const slug = reportSlug(id, pages.length);
        const reports = { html: `${slug}.report.html`, json: `${slug}.report.json` };
        await (0,promises_.copyFile)(chosen.file.json, (0,external_node_path_.join)(folder, reports.json));
        if ((0,external_node_fs_.existsSync)(chosen.file.html))
            await (0,promises_.copyFile)(chosen.file.html, (0,external_node_path_.join)(folder, reports.html));
        pages.push({ id, url, median: summarizeRun(chosen.lhr), runs: runs.map((run) => summarizeRun(run.lhr)), costly, reports });
    }
    return pages.sort((a, b) => a.id.localeCompare(b.id));
}
/** A file name for a page's reports: `/index.html` \u2192 `index`, `https://x.dev/a/` \u2192 `x.dev-a`. */
function reportSlug(id, index) {
    const slug = id
        .replace(/^https?:\/\//, '')
        .replace(/\.html?$/, '')
        .replace(/[^a-z0-9.]+/gi, '-')
        .replace(/^-+|-+$/g, '');
    return `${String(index + 1).padStart(2, '0')}-${slug || 'root'}`.slice(0, 80);
}
/** Flat numbers for outputs: each category's worst page, each vital's worst page. */
function pageMetrics(pages, runs) {
    const metrics = { pages: pages.length, runs };
    for (const category of src_options/* CATEGORIES */.R6) {
        const scores = pages.map((page) => page.median.scores[category]).filter((score) => score !== undefined);
        if (scores.length > 0)
            metrics[category] = Math.min(...scores);
    }
    for (const vital of Object.keys(src_options/* VITALS */.gA)) {
        const values = pages.map((page) => page.median.vitals[vital]).filter((value) => value !== undefined);
        if (values.length > 0)
            metrics[vital] = Math.max(...values);
    }
    return metrics;
}
/** The first failing check, or each category's worst page (from the metrics). */
function headline(status, checks, metrics) {
    const failing = checks.filter((check) => check.status === 'fail');
    const { pages, runs } = metrics;
    const scope = `${pages} page${pages === 1 ? '' : 's'}, ${runs === 1 ? '1 run' : `median of ${runs} runs`}`;
    if (status === 'fail' && failing.length > 0) {
        const first = failing[0];
        const more = failing.length > 1 ? ` (and ${failing.length - 1} more failing check${failing.length > 2 ? 's' : ''})` : '';
        return `${first.name} ${formatCheckValue(first)} (${first.limitText ?? first.limit})${more}`;
    }
    const worst = src_options/* CATEGORIES */.R6.filter((name) => metrics[name] !== undefined).map((name) => `${judge/* CATEGORY_LABEL */.gh[name]} ${metrics[name]}`);
    return `${worst.join(' \u00b7 ')} (${scope})`;
}
function formatCheckValue(check) {
    if (check.unit === 'bytes')
        return (0,src/* formatBytes */.z3)(check.value);
    if (check.unit === 'ms')
        return check.value >= 1000 ? `${Math.round(check.value / 100) / 10} s` : `${check.value} ms`;
    return String(check.value);
}


/***/ })

};
