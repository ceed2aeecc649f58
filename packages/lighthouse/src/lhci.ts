import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { createInterface } from 'node:readline';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The versions roadstop is tested with; the lock in actions/lighthouse-gate/lhci pins every transitive one. */
export const LHCI_VERSION = '0.14.0';
export const LIGHTHOUSE_VERSION = '12.2.3';
const LHCI_ENTRY = ['@lhci', 'cli', 'src', 'cli.js'].join('/');

/** A Lighthouse run failed for a reason in the page or the browser, not in roadstop: the gate fails with it. */
export class LighthouseRunError extends Error {
  override readonly name = 'LighthouseRunError';
}

export interface LhciLocation {
  cli: string;
  via: 'installed' | 'tool-cache';
}

/**
 * Where lhci is: next to roadstop (a checkout with node_modules, as here and
 * in development), else in the runner's tool cache, installed there once from
 * the lock this action ships (npm ci, exact versions, no install scripts) and
 * reused by every later step and job on that runner. Bundling lhci and
 * Lighthouse with ncc is not done: both read their own files (locales, the
 * report renderer, axe-core) at run time by path.
 */
export async function locateLhci(log: (text: string) => void, env: NodeJS.ProcessEnv = process.env, from = import.meta.url): Promise<LhciLocation> {
  try {
    // The name is built, not literal, so ncc leaves the lookup to run time.
    return { cli: createRequire(from).resolve(LHCI_ENTRY), via: 'installed' };
  } catch {
    // not installed next to roadstop: the tool cache below
  }
  const cache = join(env.RUNNER_TOOL_CACHE || join(homedir(), '.cache'), 'roadstop-lhci', `${LHCI_VERSION}-lighthouse-${LIGHTHOUSE_VERSION}`, process.arch);
  const cli = join(cache, 'node_modules', LHCI_ENTRY);
  const marker = join(cache, '.complete');
  if (existsSync(marker) && existsSync(cli)) return { cli, via: 'tool-cache' };
  const lockFolder = shippedLockFolder(from);
  log(`installing @lhci/cli ${LHCI_VERSION} and lighthouse ${LIGHTHOUSE_VERSION} into ${cache} (once per runner)`);
  await rm(cache, { recursive: true, force: true });
  await mkdir(cache, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) await copyFile(join(lockFolder, file), join(cache, file));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { code, stderr } = await runProcess(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: cache, env: withNodeFirst(env), timeoutMs: 300_000 });
  if (code !== 0 || !existsSync(cli)) {
    throw new LighthouseRunError(`could not install @lhci/cli ${LHCI_VERSION} into ${cache} (npm ci exited ${code}): ${lastLines(stderr, 5)}`);
  }
  await writeFile(marker, `${new Date().toISOString()}\n`);
  return { cli, via: 'tool-cache' };
}

/** actions/lighthouse-gate/lhci, from the bundle (dist/<name>/index.js) or from the sources. */
function shippedLockFolder(from: string): string {
  const here = dirname(fileURLToPath(from));
  for (const candidate of [resolve(here, '../../actions/lighthouse-gate/lhci'), resolve(here, '../../../actions/lighthouse-gate/lhci')]) {
    if (existsSync(join(candidate, 'package-lock.json'))) return candidate;
  }
  throw new LighthouseRunError(`the lhci lock file is missing next to ${here}; reinstall roadstop`);
}

export interface CollectSettings {
  /** Served by lhci from this folder, or these URLs as they are. */
  staticDistDir?: string;
  urls?: string[];
  runs: number;
  chromePath: string;
  /** Host names the page may resolve; every other one fails to resolve. */
  allowedHosts: string[];
  /** Longest wait for one page load, in ms. */
  maxWaitForLoad: number;
}

/** Chrome's flags: headless and container-safe, no traffic of Chrome's own, and only the target's hosts resolvable. */
export function chromeFlags(allowedHosts: readonly string[]): string {
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
export function collectConfig(settings: CollectSettings): object {
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

export interface CollectedRun {
  json: string;
  html: string;
}

/**
 * Run `lhci collect` in `folder` (its .lighthouseci/ holds the LHRs and HTML
 * reports) and return the files of every run. A run lhci gives up on is a
 * LighthouseRunError with Lighthouse's own reason.
 */
export async function runCollect(lhci: LhciLocation, settings: CollectSettings, folder: string, log: (text: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<CollectedRun[]> {
  await mkdir(folder, { recursive: true });
  const config = join(folder, 'lighthouserc.json');
  await writeFile(config, `${JSON.stringify(collectConfig(settings), null, 2)}\n`);
  const pages = settings.urls?.length ?? 5;
  // lhci tries a failing run three times; past this the browser hangs, and the step must not.
  const timeoutMs = pages * settings.runs * 3 * (settings.maxWaitForLoad + 30_000) + 30_000;
  const childEnv = withNodeFirst(env);
  childEnv.CHROME_PATH = settings.chromePath;
  const { code, stdout, stderr, timedOut } = await runProcess(process.execPath, [lhci.cli, 'collect', `--config=${config}`], { cwd: folder, env: childEnv, timeoutMs, onLine: (line) => log(`lhci: ${line}`) });
  if (timedOut) throw new LighthouseRunError(`Lighthouse did not finish within ${Math.round(timeoutMs / 1000)} s`);
  if (code !== 0) throw new LighthouseRunError(describeCollectFailure(stdout, stderr, code));
  const output = join(folder, '.lighthouseci');
  const names = (await readdir(output)).filter((name) => /^lhr-\d+\.json$/.test(name)).sort();
  return names.map((name) => ({ json: join(output, name), html: join(output, name.replace(/\.json$/, '.html')) }));
}

/** Lighthouse's reason, as it printed it, in one line. */
export function describeCollectFailure(stdout: string, stderr: string, code: number | null): string {
  const runtime = /Runtime error encountered: (.+)/.exec(stderr)?.[1];
  const friendly = /"friendlyMessage":\s*"([^"]+)"/.exec(stderr)?.[1];
  const thrown = /^Error: (.+)$/m.exec(stderr)?.[1];
  const reason = runtime ?? friendly ?? thrown ?? (lastLines(stderr, 3) || lastLines(stdout, 3));
  return `Lighthouse failed (lhci collect exited ${code ?? 'on a signal'}): ${reason.trim()}`;
}

/** The environment for lhci and the Lighthouse it spawns (`node` from PATH): this Node first, no step inputs, no LHCI_ overrides. */
function withNodeFirst(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('INPUT_') || key.startsWith('LHCI_') || key === 'GITHUB_TOKEN' || key === 'ACTIONS_RUNTIME_TOKEN') continue;
    clean[key] = value;
  }
  clean.PATH = [dirname(process.execPath), env.PATH ?? ''].filter(Boolean).join(delimiter);
  return clean;
}

interface ProcessOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; onLine?: (line: string) => void }): Promise<ProcessOutcome> {
  return new Promise((resolvePromise, reject) => {
    // detached: the timeout ends lhci, Lighthouse and Chrome together, as one process group.
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const { onLine } = options;
    if (onLine) createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => line.trim() && onLine(line.trim()));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
      } catch {
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

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' ').trim();
}
