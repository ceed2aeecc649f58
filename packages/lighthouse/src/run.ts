import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  applyFailOn,
  ConfigurationError,
  confinedPath,
  createResult,
  edgeFetch,
  EnvironmentError,
  formatBytes,
  notJudgedWithoutBaseline,
  isWithin,
  redactSecrets,
  redactUrlCredentials,
  urlCredentials,
  worstStatus,
  type BaselineInput,
  type GateEnv,
  type GateResult,
  type ResultCheck,
  type ResultMessage,
} from '@roadstop/core';
import { findChrome, NO_CHROME_HINT, probeBrowser } from './chrome.js';
import { CATEGORY_LABEL, compareWithBase, judgePage, pageItem, type PageMeasurement } from './judge.js';
import { LighthouseRunError, locateLhci, runCollect, type CollectedRun, type CollectSettings } from './lhci.js';
import { costliestAudits, representativeRun, summarizeRun, readLhrUrl, type Lhr } from './lhr.js';
import { CATEGORIES, GATE, VITALS, type LighthouseGateOptions, type Vital } from './options.js';

/** How long a URL may take to answer before the gate gives up on it, before Lighthouse is started. */
export const ANSWER_TIMEOUT_MS = 10_000;
/** Longest Lighthouse waits for one page load. */
export const MAX_WAIT_FOR_LOAD_MS = 30_000;

const DEFAULT_DEPS = { findChrome, locateLhci, runCollect, probeBrowser };
/** What the gate runs outside its own code: the tests give stand-ins. */
export type LighthouseDeps = typeof DEFAULT_DEPS;

/** Find Chrome and lhci, run Lighthouse `runs` times per page, judge each page's representative run. */
export async function runLighthouseGate(options: LighthouseGateOptions, env: GateEnv, deps: LighthouseDeps = DEFAULT_DEPS): Promise<GateResult> {
  const messages: ResultMessage[] = [...env.messages];
  // Credentials in a URL are the user's secret: every log line carries none, and the result is scrubbed of them in finish().
  const log = (text: string) => env.log(redactUrlCredentials(text));
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
    if (chrome.via === 'chrome-path') throw new ConfigurationError(text, options.chromePathOrigin ?? { input: 'chrome-path' }, 'give the path of a Chrome or Chromium executable');
    if (chrome.via === 'CHROME_PATH') throw new ConfigurationError(`${text} (named by the environment variable CHROME_PATH)`, {}, 'set CHROME_PATH to a Chrome or Chromium executable, or unset it');
    throw new EnvironmentError(`lighthouse-gate: ${text} (found on ${chrome.via === 'PATH' ? 'the PATH' : 'a well-known path'}); install Chrome or Chromium, or give chrome-path`);
  }
  log(`Chrome: ${chrome.path} (from ${chrome.via}): ${probe.version}`);

  const urls = options.target.kind === 'urls' ? options.target.urls : undefined;
  for (const url of urls ?? []) await checkAnswers(url, options.target.origin);
  const allowedHosts = urls ? [...new Set(urls.map((url) => new URL(url).hostname))] : ['localhost', '127.0.0.1'];
  const target = urls ? { urls } : { staticDistDir: staticDir! };
  const settings: CollectSettings = { ...target, runs: options.runs, chromePath: chrome.path, allowedHosts, maxWaitForLoad: MAX_WAIT_FOR_LOAD_MS };

  const lhci = await deps.locateLhci(log);
  const folder = join(env.scratch, 'lhci');
  await rm(folder, { recursive: true, force: true });
  let files;
  try {
    files = await deps.runCollect(lhci, settings, folder, log);
  } catch (error) {
    if (!(error instanceof LighthouseRunError)) throw error;
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
  const checks: ResultCheck[] = [];
  for (const page of pages) {
    checks.push(...judgePage(page, options));
    const compared = compareWithBase(page, baseItems.get(page.id), options.maxDrop);
    checks.push(...compared.checks);
    messages.push(...compared.messages);
  }
  if (baseline && Object.keys(options.maxDrop).length > 0) {
    const missing = pages.filter((page) => !baseItems.has(page.id)).map((page) => page.id);
    if (missing.length > 0) messages.push({ level: 'notice', text: `not on the base, so not compared: ${missing.join(', ')}` });
  } else if (!baseline && Object.keys(options.maxDrop).length > 0) {
    messages.push(notJudgedWithoutBaseline('max-drop needs a baseline; none was found, so drops are not judged'));
  }
  for (const check of checks) {
    if (check.status === 'fail') messages.push({ level: 'error', title: `Lighthouse: ${check.name}`, text: check.message ?? check.name });
  }

  const reports = pages.flatMap((page) => (page.reports ? [join(env.scratch, 'reports', page.reports.html), join(env.scratch, 'reports', page.reports.json)] : []));
  // The reports are extra: a failed upload is a warning and the gate's own result stands (and is written).
  try {
    // Named after the step's result artifact, so gates.yml's artifact-prefix reaches the reports too.
    const uploaded = await env.uploadArtifact(`${env.artifactName || `roadstop-${GATE}`}-reports`, reports, join(env.scratch, 'reports'));
    if (uploaded) messages.push({ level: 'notice', text: `Lighthouse reports: ${uploaded}` });
  } catch (error) {
    messages.push({ level: 'warning', title: 'Lighthouse reports', text: `the reports were not uploaded: ${(error as Error).message}` });
  }

  const status = worstStatus(checks.map((check) => check.status), 'pass');
  const metrics = pageMetrics(pages, options.runs);
  const items = pages.map(pageItem);
  return finish(options, env, { status, headline: headline(status, checks, metrics), checks, items, messages, metrics, baseline });
}

/** How a run ended; one that stopped before measuring has no checks, items or metrics. */
type Outcome = Pick<GateResult, 'status' | 'headline' | 'messages'> & Partial<Pick<GateResult, 'checks' | 'items' | 'metrics'>> & {
  baseline?: BaselineInput;
};

function finish(options: LighthouseGateOptions, env: GateEnv, outcome: Outcome): GateResult {
  const credentials = options.target.kind === 'urls' ? options.target.urls.flatMap(urlCredentials) : [];
  const result = createResult({
    gate: GATE,
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
  applyFailOn(result, options.failOn);
  return redactSecrets(result, credentials);
}

/**
 * The static folder, confined: inside the workspace once symlinks are
 * resolved (`dist → /etc` would be served on localhost and measured), and
 * holding no symlink that leads out (lhci's server follows them). Returns the
 * real path, the one served.
 */
async function confineStaticDir(workspace: string, given: string, origin: ConfigurationError['location']): Promise<string> {
  const dir = await confinedPath(workspace, given, origin, { what: `the static-dir '${given}'` });
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ConfigurationError(`the folder '${given}' does not exist`, origin, 'build the site first (e.g. npm run build), or point static-dir at its output folder');
  }
  const root = await realpath(workspace);
  const { default: glob } = await import('fast-glob');
  const entries = await glob('**', { cwd: dir, dot: true, onlyFiles: false, followSymbolicLinks: false, objectMode: true });
  for (const entry of entries) {
    if (!entry.dirent.isSymbolicLink()) continue;
    const target = await realpath(join(dir, entry.path)).catch(() => undefined);
    if (target !== undefined && !isWithin(root, target)) {
      throw new ConfigurationError(`'${given}/${entry.path}' is a symlink to ${target}, outside the workspace, which would be served and measured`, origin, 'remove the symlink from the build output, or copy what it points to');
    }
  }
  return dir;
}

/** The URL answers at all, within ANSWER_TIMEOUT_MS: a dead preview fails here in seconds, not after Lighthouse's retries. */
async function checkAnswers(given: string, origin: ConfigurationError['location']): Promise<void> {
  const url = redactUrlCredentials(given);
  try {
    // fetch refuses a URL with credentials in it: they go as Basic authorization, as a browser sends them.
    const target = new URL(given);
    const headers: Record<string, string> = {};
    if (target.username || target.password) {
      headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
      target.username = '';
      target.password = '';
    }
    // With credentials, redirects are not followed, so they never go to another origin: a redirect is an answer.
    // edgeFetch, so a runner behind HTTPS_PROXY/HTTP_PROXY asks through its proxy, as Chromium does after it.
    const response = await edgeFetch(target, { redirect: headers.authorization ? 'manual' : 'follow', headers, signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
    await response.body?.cancel();
    if (response.status >= 400) {
      throw new ConfigurationError(`'${url}' answers HTTP ${response.status}`, origin, 'point urls at a page that is served (the deploy step’s preview URL?)');
    }
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const timedOut = (error as Error).name === 'TimeoutError';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = redactUrlCredentials(timedOut ? `no answer within ${ANSWER_TIMEOUT_MS / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message));
    throw new ConfigurationError(`'${url}' does not answer (${reason})`, origin, 'start the server or deploy first, and check the URL');
  }
}

/** Group the runs by page, pick each page's representative run, keep its reports under scratch/reports. */
async function measurePages(files: CollectedRun[], options: LighthouseGateOptions, scratch: string): Promise<PageMeasurement[]> {
  const byUrl = new Map<string, { file: CollectedRun; lhr: Lhr }[]>();
  for (const file of files) {
    const lhr = JSON.parse(await readFile(file.json, 'utf8')) as Lhr;
    if (lhr.runtimeError) throw new LighthouseRunError(`Lighthouse could not measure ${readLhrUrl(lhr)}: ${lhr.runtimeError.message}`);
    const url = readLhrUrl(lhr);
    byUrl.set(url, [...(byUrl.get(url) ?? []), { file, lhr }]);
  }
  const folder = join(scratch, 'reports');
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const pages: PageMeasurement[] = [];
  for (const [url, runs] of byUrl) {
    const chosen = representativeRun(runs.map((run) => [run, run.lhr] as const));
    const id = options.target.kind === 'static' ? new URL(url).pathname : url;
    const costly: PageMeasurement['costly'] = {};
    for (const category of CATEGORIES) costly[category] = costliestAudits(chosen.lhr, category);
    const slug = reportSlug(id, pages.length);
    const reports = { html: `${slug}.report.html`, json: `${slug}.report.json` };
    await copyFile(chosen.file.json, join(folder, reports.json));
    if (existsSync(chosen.file.html)) await copyFile(chosen.file.html, join(folder, reports.html));
    pages.push({ id, url, median: summarizeRun(chosen.lhr), runs: runs.map((run) => summarizeRun(run.lhr)), costly, reports });
  }
  return pages.sort((a, b) => a.id.localeCompare(b.id));
}

/** A file name for a page's reports: `/index.html` → `index`, `https://x.dev/a/` → `x.dev-a`. */
export function reportSlug(id: string, index: number): string {
  const slug = id
    .replace(/^https?:\/\//, '')
    .replace(/\.html?$/, '')
    .replace(/[^a-z0-9.]+/gi, '-')
    .replace(/^-+|-+$/g, '');
  return `${String(index + 1).padStart(2, '0')}-${slug || 'root'}`.slice(0, 80);
}

/** Flat numbers for outputs: each category's worst page, each vital's worst page. */
function pageMetrics(pages: PageMeasurement[], runs: number): Record<string, number> {
  const metrics: Record<string, number> = { pages: pages.length, runs };
  for (const category of CATEGORIES) {
    const scores = pages.map((page) => page.median.scores[category]).filter((score): score is number => score !== undefined);
    if (scores.length > 0) metrics[category] = Math.min(...scores);
  }
  for (const vital of Object.keys(VITALS) as Vital[]) {
    const values = pages.map((page) => page.median.vitals[vital]).filter((value): value is number => value !== undefined);
    if (values.length > 0) metrics[vital] = Math.max(...values);
  }
  return metrics;
}

/** The first failing check, or each category's worst page (from the metrics). */
function headline(status: GateResult['status'], checks: ResultCheck[], metrics: Record<string, number>): string {
  const failing = checks.filter((check) => check.status === 'fail');
  const { pages, runs } = metrics;
  const scope = `${pages} page${pages === 1 ? '' : 's'}, ${runs === 1 ? '1 run' : `median of ${runs} runs`}`;
  if (status === 'fail' && failing.length > 0) {
    const first = failing[0]!;
    const more = failing.length > 1 ? ` (and ${failing.length - 1} more failing check${failing.length > 2 ? 's' : ''})` : '';
    return `${first.name} ${formatCheckValue(first)} (${first.limitText ?? first.limit})${more}`;
  }
  const worst = CATEGORIES.filter((name) => metrics[name] !== undefined).map((name) => `${CATEGORY_LABEL[name]} ${metrics[name]}`);
  return `${worst.join(' · ')} (${scope})`;
}

export function formatCheckValue(check: ResultCheck): string {
  if (check.unit === 'bytes') return formatBytes(check.value);
  if (check.unit === 'ms') return check.value >= 1000 ? `${Math.round(check.value / 100) / 10} s` : `${check.value} ms`;
  return String(check.value);
}
