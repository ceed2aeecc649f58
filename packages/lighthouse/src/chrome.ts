import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ConfigurationError, type ErrorLocation } from '@roadstop/core';

/** Names Chrome and Chromium go by on PATH: GitHub's runners have google-chrome, Debian and Ubuntu chromium. */
const PATH_NAMES = ['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser'];
const WELL_KNOWN = ['/usr/bin/chromium', '/usr/bin/google-chrome'];

export const NO_CHROME_HINT =
  'install one (Debian/Ubuntu: apt-get install chromium; GitHub-hosted runners have google-chrome), set CHROME_PATH, or give chrome-path';

export type ChromeFound = { path: string; via: 'chrome-path' | 'CHROME_PATH' | 'PATH' | 'well-known' };

/**
 * The browser to measure with: the one the user named (which must exist: a
 * ConfigurationError otherwise), else CHROME_PATH, else Chrome or Chromium on
 * PATH or where Debian puts it. Undefined when there is none: the gate is
 * skipped with NO_CHROME_HINT.
 */
export function findChrome(named: string | undefined, origin: ErrorLocation | undefined, env: NodeJS.ProcessEnv = process.env, wellKnown: readonly string[] = WELL_KNOWN): ChromeFound | undefined {
  if (named !== undefined) {
    if (!isExecutable(named)) {
      throw new ConfigurationError(`no executable browser at '${named}'`, origin ?? { input: 'chrome-path' }, 'give the path of a Chrome or Chromium executable, or leave chrome-path empty to use the runner’s');
    }
    return { path: named, via: 'chrome-path' };
  }
  const fromEnv = env.CHROME_PATH?.trim();
  if (fromEnv) {
    // A browser the workflow named is that browser or an error: never silently another one found on PATH.
    if (!isExecutable(fromEnv)) {
      throw new ConfigurationError(`the environment variable CHROME_PATH names '${fromEnv}', which is not an executable file`, {}, 'set CHROME_PATH to a Chrome or Chromium executable, or unset it to use the runner’s');
    }
    return { path: fromEnv, via: 'CHROME_PATH' };
  }
  for (const folder of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const candidate = join(folder, name);
      if (isExecutable(candidate)) return { path: candidate, via: 'PATH' };
    }
  }
  for (const candidate of wellKnown) if (isExecutable(candidate)) return { path: candidate, via: 'well-known' };
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Longest a browser may take to print its version: a real one answers in well under a second. */
export const BROWSER_PROBE_TIMEOUT_MS = 15_000;

/**
 * Run `<browser> --version` before Lighthouse: a file that exits at once
 * (`/bin/false`) or is not a browser would otherwise cost lhci's three tries
 * of a page load (82 s) before "exit code 1". Returns the version line, or
 * why the browser is not one.
 */
export function probeBrowser(path: string, timeoutMs = BROWSER_PROBE_TIMEOUT_MS): Promise<{ version: string } | { problem: string }> {
  const { execFile } = process.getBuiltinModule('node:child_process');
  return new Promise((done) => {
    execFile(path, ['--version'], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 16, encoding: 'utf8' }, (error, stdout) => {
      const line = stdout.trim().split('\n')[0] ?? '';
      if (error) {
        const failure = error as { killed?: boolean; code?: number | string };
        return done({ problem: failure.killed ? `did not answer --version within ${Math.round(timeoutMs / 1000)} s` : `exited with ${String(failure.code ?? 'a signal')} when asked for its --version` });
      }
      // "Chromium 120.0.6099.224", "Google Chrome 126.0.6478.126": a Chromium browser's name and a dotted version
      // (`/bin/true --version` prints coreutils' version: not a browser).
      if (!/\d+\.\d+/.test(line) || !/chrom|edge|brave|opera|vivaldi/i.test(line)) return done({ problem: 'printed no Chrome or Chromium version for --version' });
      done({ version: line.slice(0, 200) });
    });
  });
}
