import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvironmentError } from '@roadstop/core';
import { startVercelFake, type VercelFake } from '@roadstop/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError, PlatformUnavailableError, type PlatformAdapter } from '../src/platforms.js';
import { vercelPlatform } from '../src/vercel.js';

// The Vercel adapter against the stand-in of Vercel's API (packages/testing/src/vercel-fake.ts), unbuilt: its rate
// limit handling, its redirect policy and how often it reads the deployments.

const TOKEN = 'vercel-unit-Secret-7171';
const STABLE = { id: 'dpl_stable111', url: 'webapp-stable.vercel.app', sha: '1111111aaaaaaa' };
const CANARY = { id: 'dpl_canary222', url: 'webapp-canary.vercel.app', sha: '2222222bbbbbbb' };
const STEPS = [10, 25, 50, 100];

let vercel: VercelFake;
let waits: number[];
let logs: string[];
beforeEach(async () => {
  vercel = await startVercelFake({ token: TOKEN, deployments: [STABLE, CANARY], production: STABLE.id });
  waits = [];
  logs = [];
});
afterEach(async () => {
  await vercel.close();
});

const platform = (deployment: string = CANARY.url, need = { canary: true, baseline: true }, apiUrl = vercel.url): PlatformAdapter =>
  vercelPlatform({ kind: 'vercel', token: TOKEN, project: 'webapp', deployment, apiUrl }, STEPS, { scratch: '/nonexistent', log: (text) => logs.push(text), sleep: (ms) => Promise.resolve(void waits.push(ms)) }, need);

const deploymentReads = () => vercel.requests.filter((request) => request.path.startsWith('/v13/deployments/')).map((request) => request.path);

/** Answer the first `times` requests whose path ends so with 429 and these headers; then as documented. */
function rateLimit(suffix: string, times: number, headers: Record<string, string>) {
  let left = times;
  vercel.misbehave = (request) => {
    if (!request.path.endsWith(suffix) || left === 0) return undefined;
    left--;
    return { status: 429, headers, body: { error: { code: 'rate_limited', message: 'Rate limit exceeded' } } };
  };
}

describe('vercelPlatform: a 429 is waited out within the budget', () => {
  it('waits Retry-After seconds on an SDK call, then the stage moves', async () => {
    const adapter = platform();
    await adapter.prepare();
    rateLimit('/rolling-release/start', 2, { 'retry-after': '3' });
    expect(await adapter.move(10, 1)).toEqual({ canary: CANARY.sha, baseline: STABLE.sha });
    expect(waits).toEqual([3000, 3000]);
    expect(vercel.canaryPercentage()).toBe(10);
    expect(vercel.requests.filter((request) => request.path.endsWith('/start')).length).toBe(3);
    expect(logs.join('\n')).toMatch(/Vercel is rate limiting POST \/v1\/projects\/webapp\/rolling-release\/start \(HTTP 429, Retry-After 3 s\): waiting 3 s/);
  });

  it('waits a Retry-After given as an HTTP date on a plain call (the config)', async () => {
    rateLimit('/rolling-release/config', 1, { 'retry-after': new Date(Date.now() + 9_000).toUTCString() });
    await platform().prepare();
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(7000);
    expect(waits[0]).toBeLessThanOrEqual(10_000);
    expect(vercel.config?.stages.map((stage) => stage.targetPercentage)).toEqual(STEPS);
  });

  it.each([
    ['a day in seconds', '86400', /Retry-After 86400 s, more than the 1[12]\d s left of the 120 s one call may wait/],
    ['a date next year', new Date(Date.now() + 365 * 86_400_000).toUTCString(), /Retry-After \d{8} s, more than the/],
  ])('a Retry-After past the budget (%s) is an environment error naming Vercel, the status and the input, at once', async (_case, header, message) => {
    const adapter = platform();
    await adapter.prepare();
    rateLimit('/rolling-release/start', 1, { 'retry-after': header });
    const error = (await adapter.move(10, 1).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(PlatformUnavailableError);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error.message).toMatch(/^Vercel \(vercel-api-url\) is rate limiting POST \/v1\/projects\/webapp\/rolling-release\/start: HTTP 429/);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(TOKEN);
    expect(waits).toEqual([]);
    expect(vercel.canaryPercentage()).toBe(0);
  });

  it('a cancel ends a 429 wait of a move at once; the rollback that follows is not cancelled', async () => {
    const cancel = new AbortController();
    // The real timer: the wait is what the cancel must end.
    const adapter = vercelPlatform({ kind: 'vercel', token: TOKEN, project: 'webapp', deployment: CANARY.url, apiUrl: vercel.url }, STEPS, { scratch: '/nonexistent', log: (text) => logs.push(text), signal: cancel.signal });
    await adapter.prepare();
    await adapter.move(10, 1);
    rateLimit('/rolling-release/approve-stage', 1, { 'retry-after': '60' });
    const started = Date.now();
    const moving = adapter.move(25, 2).catch((caught: unknown) => caught);
    for (let waited = 0; !logs.some((line) => line.includes('waiting 60 s')) && waited < 5000; waited += 20) await new Promise((done) => setTimeout(done, 20));
    cancel.abort();
    expect(await moving).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(vercel.requests.filter((request) => request.path.endsWith('/approve-stage'))).toHaveLength(1);
    await adapter.rollback();
    expect(vercel.rollingRelease?.state).toBe('ABORTED');
    expect(vercel.production).toBe(STABLE.id);
  });

  it('without Retry-After backs off 1, 2, 4, 8 s and gives up after 5 tries', async () => {
    rateLimit('/v13/deployments/webapp-canary.vercel.app', 10, {});
    const error = (await platform().prepare().catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(PlatformUnavailableError);
    expect(error.message).toMatch(/rate limiting GET \/v13\/deployments\/webapp-canary\.vercel\.app: HTTP 429, 5 times/);
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
  });
});

describe('vercelPlatform: one redirect policy (same origin only)', () => {
  it('follows a redirect within vercel-api-url’s origin with the token', async () => {
    let once = true;
    vercel.misbehave = (request) => {
      if (!once || request.path !== `/v13/deployments/${CANARY.url}`) return undefined;
      once = false;
      return { status: 307, headers: { location: `/v13/deployments/${CANARY.id}` } };
    };
    await platform().prepare();
    expect(deploymentReads()).toEqual([`/v13/deployments/${CANARY.url}`, `/v13/deployments/${CANARY.id}`]);
    expect(vercel.requests[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('refuses one to another origin before the token goes there, plain and SDK calls alike', async () => {
    const seen: string[] = [];
    const redirector: Server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(307, { location: `${vercel.url}${req.url}` }).end();
    });
    await new Promise<void>((done) => redirector.listen(0, '127.0.0.1', done));
    try {
      const elsewhere = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
      const plain = (await platform(CANARY.url, undefined, elsewhere).prepare().catch((caught: unknown) => caught)) as Error;
      expect(plain).toBeInstanceOf(PlatformError);
      expect(plain.message).toBe(`Vercel (vercel-api-url) answered GET /v13/deployments/${CANARY.url} with HTTP 307, a redirect to ${vercel.url}: another origin, not followed: neither the credentials nor the request go there`);
      const sdk = (await platform(CANARY.id, { canary: false, baseline: false }, elsewhere).rollback().catch((caught: unknown) => caught)) as Error;
      expect(sdk).toBeInstanceOf(PlatformError);
      expect(sdk.message).toMatch(/^Vercel \(vercel-api-url\) answered GET \/v1\/projects\/webapp\/rolling-release with HTTP 307, a redirect to http:\/\/127\.0\.0\.1:\d+: another origin/);
      expect(vercel.requests).toEqual([]);
    } finally {
      redirector.closeAllConnections();
      await new Promise((done) => redirector.close(done));
    }
  });
});

describe('vercelPlatform: deployments read once, or not at all with explicit labels', () => {
  const ramp = async (adapter: PlatformAdapter) => {
    await adapter.prepare();
    const labels = [];
    for (const [index, weight] of STEPS.entries()) labels.push(await adapter.move(weight, index + 1));
    return labels;
  };

  it('without labels: the canary read once in prepare, the stable once at the first move, however many steps', async () => {
    const labels = await ramp(platform());
    expect(labels).toEqual(STEPS.map(() => ({ canary: CANARY.sha, baseline: STABLE.sha })));
    expect(deploymentReads()).toEqual([`/v13/deployments/${CANARY.url}`, `/v13/deployments/${STABLE.id}`]);
    expect(vercel.production).toBe(CANARY.id);
  });

  it('a stable deployment without a git SHA is still read only once', async () => {
    vercel.deployments[0] = { ...STABLE, sha: 'not a sha' };
    const labels = await ramp(platform());
    expect(labels.every((one) => one.baseline === undefined)).toBe(true);
    expect(deploymentReads()).toEqual([`/v13/deployments/${CANARY.url}`, `/v13/deployments/${STABLE.id}`]);
  });

  it('with both labels given and the deployment an ID: no deployment is read', async () => {
    const labels = await ramp(platform(CANARY.id, { canary: false, baseline: false }));
    expect(labels).toEqual(STEPS.map(() => ({})));
    expect(deploymentReads()).toEqual([]);
    expect(vercel.production).toBe(CANARY.id);
  });

  it('with both labels and the deployment a URL: read once for its ID, its metadata unused', async () => {
    const labels = await ramp(platform(CANARY.url, { canary: false, baseline: false }));
    expect(labels).toEqual(STEPS.map(() => ({})));
    expect(deploymentReads()).toEqual([`/v13/deployments/${CANARY.url}`]);
  });

  it('with both labels, an unknown deployment ID is a configuration error naming deployment when the release starts', async () => {
    const adapter = platform('dpl_nothere999', { canary: false, baseline: false });
    await adapter.prepare();
    await expect(adapter.move(10, 1)).rejects.toMatchObject({ name: 'ConfigurationError', message: expect.stringContaining("Vercel knows no deployment 'dpl_nothere999'") });
    expect(vercel.canaryPercentage()).toBe(0);
  });
});
