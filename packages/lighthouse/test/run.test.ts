import { mkdtemp } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, type GateEnv } from '@roadstop/core';
import { startForwardProxy } from '@roadstop/testing';
import { LighthouseRunError, lighthouseGate, runLighthouseGate, type LighthouseDeps, type LighthouseGateOptions } from '../src/index.js';

async function env(): Promise<GateEnv> {
  const scratch = await mkdtemp(join(tmpdir(), 'roadstop-lighthouse-run-'));
  return { where: 'cli', workspace: scratch, scratch, messages: [], log: () => undefined, changes: () => Promise.resolve({ unavailable: 'not asked' }), uploadArtifact: () => Promise.resolve(undefined), secrets: [] };
}

/** A port nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const refused = `http://127.0.0.1:${await closedPort()}/`;

// An empty workspace of its own: a static-dir '.' is walked for symlinks that lead out, and all of /tmp has some.
const workspace = await mkdtemp(join(tmpdir(), 'roadstop-lighthouse-workspace-'));
const options = (target: LighthouseGateOptions['target']): LighthouseGateOptions => ({
  workspace,
  target,
  runs: 1,
  minScores: { performance: 80 },
  maxVitals: {},
  budgets: {},
  maxDrop: {},
  baseline: { kind: 'none' },
  failOn: 'fail',
});

const deps = (overrides: Partial<LighthouseDeps>): LighthouseDeps => ({
  findChrome: () => ({ path: '/usr/bin/chromium', via: 'PATH' }),
  locateLhci: () => Promise.resolve({ cli: '/lhci/cli.js', via: 'installed' }),
  runCollect: () => Promise.reject(new Error('not expected')),
  probeBrowser: () => Promise.resolve({ version: 'Chromium 120.0.6099.224' }),
  ...overrides,
});

describe('running the gate', () => {
  it('is skipped, saying how to get a browser, when there is no Chrome or Chromium', async () => {
    const result = await runLighthouseGate(options({ kind: 'static', dir: '.', origin: { input: 'static-dir' } }), await env(), deps({ findChrome: () => undefined }));
    expect(result.status).toBe('skipped');
    expect(result.headline).toBe('skipped: no Chrome or Chromium to run Lighthouse with');
    expect(result.messages).toEqual([expect.objectContaining({ level: 'warning', text: expect.stringContaining('apt-get install chromium') })]);
    expect(result.messages[0]!.text).toContain('chrome-path');
  });

  it('fails with Lighthouse’s own reason when lhci gives up on a page', async () => {
    const failing = deps({ runCollect: () => Promise.reject(new LighthouseRunError('Lighthouse failed (lhci collect exited 1): Chrome prevented page load with an interstitial.')) });
    const result = await runLighthouseGate(options({ kind: 'static', dir: '.', origin: { input: 'static-dir' } }), await env(), failing);
    expect(result.status).toBe('fail');
    expect(result.headline).toContain('Chrome prevented page load');
    expect(result.messages.filter((message) => message.level === 'error')).toHaveLength(1);
  });

  it('says that drops were not judged when max-drop has no baseline (issue 18), in a notice and the summary', async () => {
    const lhr = join(import.meta.dirname, 'fixtures/good.lhr.json');
    const collected = deps({ runCollect: () => Promise.resolve([{ json: lhr, html: lhr }]) });
    const result = await runLighthouseGate({ ...options({ kind: 'static', dir: '.', origin: { input: 'static-dir' } }), minScores: {}, maxDrop: { performance: 3 } }, await env(), collected);
    const text = 'max-drop needs a baseline; none was found, so drops are not judged';
    expect(result.messages).toContainEqual({ level: 'notice', title: 'Not judged', text });
    expect(lighthouseGate.renderMarkdown(result)).toContain(`- ℹ️ ${text}`);
    expect(lighthouseGate.renderTerminal(result, { color: false })).toContain(`notice: ${text}`);
  });

  it.each([
    ['the step’s artifact-name', 'web-lighthouse-gate', 'web-lighthouse-gate-reports'],
    ['no artifact-name (the CLI)', undefined, 'roadstop-lighthouse-gate-reports'],
  ])('names the reports artifact after %s', async (_, artifactName, expected) => {
    const lhr = join(import.meta.dirname, 'fixtures/good.lhr.json');
    const collected = deps({ runCollect: () => Promise.resolve([{ json: lhr, html: lhr }]) });
    const names: string[] = [];
    const base = await env();
    const uploadArtifact = (name: string, files: string[]) => {
      names.push(`${name}: ${files.length}`);
      return Promise.resolve(`uploaded ${files.length} files as artifact '${name}'`);
    };
    const result = await runLighthouseGate({ ...options({ kind: 'static', dir: '.', origin: { input: 'static-dir' } }), minScores: {} }, { ...base, uploadArtifact, ...(artifactName ? { artifactName } : {}) }, collected);
    expect(names).toEqual([`${expected}: 2`]);
    expect(result.messages).toContainEqual({ level: 'notice', text: `Lighthouse reports: uploaded 2 files as artifact '${expected}'` });
  });

  it.each([
    ['a static-dir that does not exist', { kind: 'static', dir: 'no-such-build', origin: { input: 'static-dir' } }, "input 'static-dir': the folder 'no-such-build' does not exist"],
    ['a URL that refuses the connection', { kind: 'urls', urls: [refused], origin: { input: 'urls' } }, `input 'urls': '${refused}' does not answer (ECONNREFUSED)`],
  ] as const)('%s is a ConfigurationError before any browser starts', async (_, target, message) => {
    const error = await runLighthouseGate(options(target as LighthouseGateOptions['target']), await env(), deps({})).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).describe()).toContain(message);
  });

  it('asks whether the URL answers through the proxy HTTP_PROXY names, as a runner behind a proxy must', async () => {
    const site = createHttpServer((_, response) => response.end('<html></html>'));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
    const proxy = await startForwardProxy();
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    process.env.HTTP_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    try {
      const lhr = join(import.meta.dirname, 'fixtures/good.lhr.json');
      const collected = deps({ runCollect: () => Promise.resolve([{ json: lhr, html: lhr }]) });
      const result = await runLighthouseGate(options({ kind: 'urls', urls: [url], origin: { input: 'urls' } }), await env(), collected);
      expect(result.status).toBe('pass');
      // undici's proxy agent tunnels plain HTTP too: a CONNECT to the site's host:port.
      expect(proxy.seen.map((request) => request.target)).toContain(new URL(url).host);
    } finally {
      for (const [name, value] of Object.entries(saved)) if (value === undefined) delete process.env[name]; else process.env[name] = value;
      await proxy.close();
      await new Promise((resolve) => site.close(resolve));
    }
  });
});
