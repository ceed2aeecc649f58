import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '@roadstop/lighthouse';
import { REPO_ROOT, runAction } from '@roadstop/testing';
import { validateResult } from '../../../packages/core/test/validate-result.js';
import { writeSlowSite } from '../../../packages/lighthouse/test/slow-site.js';

const run = promisify(execFile);
const action = 'lighthouse-gate';

// Without a browser these skip on a laptop; scripts/test.mjs fails instead when CI=true, and .ci/run installs Chromium.
const browser = findChrome(undefined, undefined);

/** The example app's production build, as `npm run build:example` makes it, in a workspace of its own. */
let appWorkspace: string;

beforeAll(async () => {
  if (!browser) return;
  appWorkspace = await mkdtemp(join(tmpdir(), 'roadstop-lighthouse-app-'));
  await run(join(REPO_ROOT, 'node_modules/.bin/vite'), ['build', join(REPO_ROOT, 'examples/webapp'), '--logLevel', 'warn', '--outDir', join(appWorkspace, 'dist'), '--emptyOutDir'], { cwd: REPO_ROOT });
  await mkdir(join(appWorkspace, '.github'));
  await cp(join(REPO_ROOT, 'examples/webapp/.github/roadstop.yml'), join(appWorkspace, '.github/roadstop.yml'));
});

describe.skipIf(!browser)('lighthouse-gate action, built dist/ run as the runner runs it, with Chromium', () => {
  it("passes the example app's build with the config's launch preset", async () => {
    const result = await runAction({ action, workspace: appWorkspace, inputs: { runs: '1' }, timeoutMs: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('pass');
    expect(Number(result.outputs.performance)).toBeGreaterThanOrEqual(80);
    expect(Number(result.outputs.accessibility)).toBeGreaterThanOrEqual(80);
    const written = JSON.parse(await readFile(result.outputs.report!, 'utf8'));
    expect(validateResult(written)).toEqual([]);
    expect(written.items.map((item: { id: string }) => item.id)).toEqual(['/index.html']);
    expect(result.summary).toContain('### ✅ Lighthouse: pass');
    expect(result.summary).toContain('| `/index.html` |');
    expect(result.summary).toContain('nothing uploaded to public storage');
  });

  it('fails the slow variant on performance and names the audits that cost the most', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-lighthouse-slow-'));
    await writeSlowSite(join(workspace, 'site'));
    const result = await runAction({ action, workspace, inputs: { 'static-dir': 'site', runs: '1', preset: 'launch', 'max-cls': '0.1' }, timeoutMs: 120_000 });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('fail');
    expect(Number(result.outputs.performance)).toBeLessThan(80);
    expect(result.summary).toContain('### ❌ Lighthouse: fail');
    expect(result.summary).toMatch(/\/index\.html: performance \d+ is below 80; cost the most:/);
    expect(result.summary).toContain('Largest Contentful Paint');
    expect(result.summary).toContain('Total Blocking Time');
    const errors = result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
    expect(errors.some((message) => /performance \d+ is below 80/.test(message))).toBe(true);
    expect(errors.some((message) => /CLS [\d.]+ is over 0\.1/.test(message))).toBe(true);
  });

  describe('a URL that does not answer', () => {
    let silent: Server;
    let url: string;
    beforeAll(async () => {
      // Accepts the connection and never answers, as a hung preview deployment does.
      silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    });
    afterAll(() => {
      silent.closeAllConnections();
      silent.close();
    });

    it('fails within seconds, naming the input and the URL, with no stack trace', async () => {
      const started = Date.now();
      const result = await runAction({ action, workspace: appWorkspace, inputs: { urls: url, runs: '1' }, timeoutMs: 60_000 });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(result.exitCode).toBe(1);
      const errors = result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`input 'urls': '${url}' does not answer (no answer within 10 s)`);
      expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it('refuses a chrome-path that does not exist, naming the input', async () => {
    const result = await runAction({ action, workspace: appWorkspace, inputs: { 'chrome-path': '/nowhere/chrome', runs: '1' } });
    expect(result.exitCode).toBe(1);
    const errors = result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
    expect(errors).toEqual([expect.stringContaining("input 'chrome-path': no executable browser at '/nowhere/chrome'")]);
  });
});

describe.skipIf(!browser)('roadstop lighthouse-gate, the CLI from dist/', () => {
  it('measures the example app from its config and prints the pages', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-lighthouse-cli-'));
    await cp(appWorkspace, workspace, { recursive: true });
    await writeFile(join(workspace, '.github/roadstop.yml'), 'version: 1\nlighthouse-gate:\n  static-dir: dist\n  runs: 1\n  preset: launch\n');
    const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'dist/cli/index.js'), 'lighthouse-gate', '--cwd', workspace, '--no-color'], { timeout: 120_000 });
    expect(stdout).toContain('✔ lighthouse-gate: pass');
    expect(stdout).toContain('/index.html performance');
    expect(stdout).toMatch(/performance \d+ · accessibility \d+ · best practices \d+ · SEO \d+/);
  });
});
