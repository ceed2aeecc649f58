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
  if (fromEnv && isExecutable(fromEnv)) return { path: fromEnv, via: 'CHROME_PATH' };
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
