import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSentryFake, startVercelFake, steadySessions } from '@roadstop/testing';
import { describe, expect, it, vi } from 'vitest';
import { main, type Io } from '../../cli/src/index.js';

// Issue 20: importing @vercel/sdk's whole `Vercel` class costs seconds, so the platform uses the standalone
// functions over VercelCore, and every input is checked before the SDK loads. The SDK's core module records when
// it is loaded (once: the module is cached, so the refusals run first and `loaded` is never reset); a release
// refused for its inputs never loads it, one that starts does.

const loaded = vi.hoisted(() => [] as string[]);
vi.mock('@vercel/sdk/core.js', async (original) => {
  loaded.push('@vercel/sdk/core.js');
  return original();
});

const TOKEN = 'vercel-load-Secret-5151';
const SENTRY_TOKEN = 'sntrys-load-Secret-5252';

function captureIo(cwd: string): Io & { out: string; err: string } {
  const io = { cwd, env: {}, color: false, out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

const vercelArgs = (vercelUrl: string, sentryUrl: string) => [
  '--platform=vercel',
  `--vercel-token=${TOKEN}`,
  '--vercel-project=webapp',
  '--deployment=dpl_canary222',
  `--vercel-api-url=${vercelUrl}`,
  '--steps=50,100',
  '--provider=sentry',
  `--sentry-url=${sentryUrl}`,
  '--sentry-org=acme',
  '--sentry-project=webapp',
  `--sentry-token=${SENTRY_TOKEN}`,
  '--canary-label=canary-sha',
  '--baseline-label=stable-sha',
  '--interval=1s',
  '--duration=1s',
];

describe('@vercel/sdk is loaded only after every input was checked', () => {
  it('no source imports the whole SDK (the Vercel class) or imports any of it statically', () => {
    const dir = join(import.meta.dirname, '../src');
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/^\s*import\s[^(]*['"]@vercel\/sdk/m);
      expect(source, file).not.toMatch(/import\(\s*['"]@vercel\/sdk['"]\s*\)/);
    }
  });

  it.each([
    ['a bad step', ['--steps=50,20'], /input 'steps'/],
    ['no vercel-project', ['--vercel-project='], /input 'vercel-project'/],
    ['a bad watch interval', ['--interval=soon'], /input 'interval'/],
    ['a timeout that cannot hold the watches', ['--timeout-minutes=10'], /input 'timeout-minutes'/],
  ])('%s: exit 2 naming the input, the SDK never loaded', async (_name, extra, error) => {
    const io = captureIo(await mkdtemp(join(tmpdir(), 'roadstop-sdk-load-')));
    expect(await main(['canary-release', ...vercelArgs('http://127.0.0.1:9', 'http://127.0.0.1:9'), ...extra], io), io.err).toBe(2);
    expect(io.err).toMatch(error);
    await new Promise((done) => setTimeout(done, 200));
    expect(loaded).toEqual([]);
  });

  it('a release whose inputs hold loads it (the control: the mock sees the import)', async () => {
    const vercel = await startVercelFake({ token: TOKEN, deployments: [{ id: 'dpl_stable111', url: 'webapp-stable.vercel.app', sha: 'stable-sha' }, { id: 'dpl_canary222', url: 'webapp-canary.vercel.app', sha: 'canary-sha' }], production: 'dpl_stable111' });
    const sentry = await startSentryFake({ token: SENTRY_TOKEN });
    try {
      sentry.releases = new Set(['canary-sha', 'stable-sha']);
      sentry.traffic = steadySessions(() => ({ 'canary-sha': { perSecond: 5000, errored: 0.002 }, 'stable-sha': { perSecond: 5000, errored: 0.002 } }), Date.now() - 3_600_000);
      const io = captureIo(await mkdtemp(join(tmpdir(), 'roadstop-sdk-load-')));
      expect(await main(['canary-release', ...vercelArgs(vercel.url, sentry.url)], io), io.err).toBe(0);
      expect(loaded).toEqual(['@vercel/sdk/core.js']);
      expect(vercel.rollingRelease?.state).toBe('COMPLETE');
    } finally {
      await vercel.close();
      await sentry.close();
    }
  });
});
