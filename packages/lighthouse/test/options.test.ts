import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseConfig } from '@roadstop/core';
import { findChrome, resolveLighthouseOptions, type RawInputs } from '../src/index.js';

const section = (yaml: string) => parseConfig(yaml, '.github/roadstop.yml').section('lighthouse-gate');
const resolve = (yaml: string, inputs: RawInputs = {}) => resolveLighthouseOptions(section(yaml), inputs, '/work/app');
const describeError = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.describe();
    throw error;
  }
  throw new Error('no error');
};

describe('lighthouse-gate options', () => {
  it('reads the config section, and inputs win over it', () => {
    const options = resolve(
      'lighthouse-gate:\n  static-dir: dist\n  preset: harden\n  thresholds: { seo: 95 }\n  max-lcp: 2.5s\n  max-tbt: 300ms\n  max-cls: 0.1\n  budgets: { total: 500 kB, script: 300 kB }\n  max-drop: { performance: 3 }\n',
      { 'min-performance': '70', runs: '5' },
    );
    expect(options.target).toMatchObject({ kind: 'static', dir: 'dist' });
    expect(options.runs).toBe(5);
    expect(options.minScores).toEqual({ performance: 70, accessibility: 85, 'best-practices': 85, seo: 95 });
    expect(options.maxVitals).toEqual({ lcp: 2500, tbt: 300, cls: 0.1 });
    expect(options.budgets).toEqual({ total: 500_000, script: 300_000 });
    expect(options.maxDrop).toEqual({ performance: 3 });
    expect(options.failOn).toBe('fail');
    expect(options.baseline).toEqual({ kind: 'default' });
  });

  it('defaults to 3 runs and no thresholds; an input URL replaces the config’s static-dir', () => {
    const options = resolve('lighthouse-gate:\n  static-dir: dist\n', { urls: 'https://preview.example.com/\nhttps://preview.example.com/about' });
    expect(options.runs).toBe(3);
    expect(options.minScores).toEqual({});
    expect(options.target).toEqual({ kind: 'urls', urls: ['https://preview.example.com/', 'https://preview.example.com/about'], origin: { input: 'urls' } });
  });

  it.each([
    ['no target at all', '', {}, "input 'static-dir': nothing to measure: no static-dir and no urls"],
    ['no target in a config section', 'lighthouse-gate:\n  runs: 2\n', {}, ".github/roadstop.yml:2, key 'lighthouse-gate': nothing to measure"],
    ['both inputs', '', { 'static-dir': 'dist', urls: 'http://127.0.0.1:8080/' }, "input 'static-dir': both static-dir and urls are given; which one to measure is ambiguous"],
    ['both config keys', 'lighthouse-gate:\n  static-dir: dist\n  urls: [http://127.0.0.1/]\n', {}, ".github/roadstop.yml:3, key 'lighthouse-gate.urls': both static-dir and urls are set"],
    ['runs 0', '', { 'static-dir': 'dist', runs: '0' }, "input 'runs': 0 is out of range: must be from 1 to 20"],
    ['runs 1.5 in the config', 'lighthouse-gate:\n  static-dir: dist\n  runs: 1.5\n', {}, ".github/roadstop.yml:3, key 'lighthouse-gate.runs': 1.5 must be a whole number"],
    ['a score over 100', '', { 'static-dir': 'dist', 'min-performance': '101' }, "input 'min-performance': 101 is out of range: must be from 0 to 100"],
    ['a score under 0', 'lighthouse-gate:\n  static-dir: dist\n  thresholds: { seo: -1 }\n', {}, "key 'lighthouse-gate.thresholds.seo': -1 is out of range: must be from 0 to 100"],
    ['a 0–1 score, as lhci writes it', '', { 'static-dir': 'dist', 'min-performance': '0.8' }, "input 'min-performance': 0.8 reads as 0.8 points out of 100, which looks like lhci's 0–1 score (did you mean 80? scores here are 0–100)"],
    ['a 0–1 score in the config', 'lighthouse-gate:\n  static-dir: dist\n  thresholds: { accessibility: 0.95 }\n', {}, "key 'lighthouse-gate.thresholds.accessibility': 0.95 reads as 0.95 points out of 100, which looks like lhci's 0–1 score (did you mean 95?"],
    ['chrome-path in the config file', 'lighthouse-gate:\n  static-dir: dist\n  chrome-path: /bin/sh\n', {}, ".github/roadstop.yml:3, key 'lighthouse-gate.chrome-path': chrome-path is not read from the config file"],
    ['a host that would break the resolver rules', '', { urls: 'http://x*y/' }, "has a host name Chrome's resolver rules cannot hold"],
    ['credentials in a URL that is not http', '', { urls: 'ftp://user:hunter22@example.com/' }, "input 'urls': 'ftp://***@example.com/' is not an http or https URL"],
    ['a score that is no number', '', { 'static-dir': 'dist', 'min-seo': 'high' }, "input 'min-seo': 'high' is not a score"],
    ['an unknown preset', '', { 'static-dir': 'dist', preset: 'beta' }, "input 'preset': 'beta' is not a preset"],
    ['a URL that is not one', '', { urls: 'preview.example.com' }, "input 'urls': 'preview.example.com' is not a URL"],
    ['a file URL', '', { urls: 'file:///etc/passwd' }, "input 'urls': 'file:///etc/passwd' is not an http or https URL"],
    ['a static-dir outside the workspace', '', { 'static-dir': '../elsewhere' }, "input 'static-dir': '../elsewhere' is outside the workspace"],
    ['a duration that is not one', '', { 'static-dir': 'dist', 'max-lcp': 'fast' }, "input 'max-lcp': 'fast' is not a duration"],
    ['an unknown resource type', 'lighthouse-gate:\n  static-dir: dist\n  budgets: { scripts: 1 kB }\n', {}, "key 'lighthouse-gate.budgets.scripts': unknown key 'scripts' (did you mean 'script'?)"],
    ['an unknown key', 'lighthouse-gate:\n  static-dir: dist\n  run: 3\n', {}, "key 'lighthouse-gate.run': unknown key 'run' (did you mean 'runs'?)"],
    ['a bad fail-on', '', { 'static-dir': 'dist', 'fail-on': 'sometimes' }, "input 'fail-on': 'sometimes' is not one of fail, warn, never"],
  ] as const)('%s is one clear error', (_, yaml, inputs, message) => {
    expect(describeError(() => resolve(yaml, inputs as RawInputs))).toContain(message);
  });
});

describe('finding Chrome', () => {
  it('takes chrome-path, then CHROME_PATH, then PATH, then the well-known places; none is undefined', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'roadstop-chrome-'));
    const fake = join(folder, 'chromium');
    await writeFile(fake, '#!/bin/sh\n');
    await chmod(fake, 0o755);
    expect(findChrome(fake, { input: 'chrome-path' }, {}, [])).toEqual({ path: fake, via: 'chrome-path' });
    expect(findChrome(undefined, undefined, { CHROME_PATH: fake }, [])).toEqual({ path: fake, via: 'CHROME_PATH' });
    expect(findChrome(undefined, undefined, { PATH: `/nowhere:${folder}` }, [])).toEqual({ path: fake, via: 'PATH' });
    expect(findChrome(undefined, undefined, {}, ['/nowhere/chrome', fake])).toEqual({ path: fake, via: 'well-known' });
    expect(findChrome(undefined, undefined, { PATH: '/nowhere' }, ['/nowhere/chromium'])).toBeUndefined();
  });

  it.each(['/nowhere/chrome', tmpdir(), '/etc/passwd'])('refuses a CHROME_PATH of %s rather than use another browser', (path) => {
    expect(describeError(() => findChrome(undefined, undefined, { CHROME_PATH: path, PATH: '/usr/bin' }, ['/usr/bin/chromium']))).toBe(
      `the environment variable CHROME_PATH names '${path}', which is not an executable file (set CHROME_PATH to a Chrome or Chromium executable, or unset it to use the runner’s)`,
    );
  });

  it('refuses a chrome-path that does not exist, or is a folder, naming where it was given', () => {
    expect(describeError(() => findChrome('/nowhere/chrome', { input: 'chrome-path' }, {}, []))).toBe(
      "input 'chrome-path': no executable browser at '/nowhere/chrome' (give the path of a Chrome or Chromium executable, or leave chrome-path empty to use the runner’s)",
    );
    expect(describeError(() => findChrome(tmpdir(), { file: '.github/roadstop.yml', key: 'lighthouse-gate.chrome-path', line: 4 }, {}, []))).toContain(
      ".github/roadstop.yml:4, key 'lighthouse-gate.chrome-path': no executable browser",
    );
  });
});
