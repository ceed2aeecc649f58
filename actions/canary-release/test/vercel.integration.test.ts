import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFileCommand, runAction, textOutsideMasks, startSentryFake, startVercelFake, type ActionRun, type SentryFake, type VercelFake } from '@roadstop/testing';

// canary-release with platform: vercel, the BUILT action against two stand-ins: Vercel's Rolling Releases API
// (packages/testing/src/vercel-fake.ts; its active stage's targetPercentage splits the load below) and Sentry's
// sessions API. The labels are the deployments' git SHAs (meta.githubCommitSha), as Sentry's releases.

const VERCEL_TOKEN = 'vercel-Secret-5353-ramp';
const SENTRY_TOKEN = 'sntrys-Secret-6464-ramp';
const STABLE = { id: 'dpl_stable111', url: 'webapp-stable.vercel.app', sha: '1111111aaaaaaa' };
const CANARY = { id: 'dpl_canary222', url: 'webapp-canary.vercel.app', sha: '2222222bbbbbbb' };
/** The load: sessions a second over both deployments, and each build's share of errored sessions. */
const LOAD_PER_SECOND = 40_000;

describe('canary-release with platform vercel (the built action)', () => {
  let folder: string;
  let vercel: VercelFake;
  let sentry: SentryFake;
  let errored: Record<string, number> = {};
  /** [time, canary percentage] each time it was sampled: the load generator's split over time. */
  let split: [number, number][] = [];
  let sampler: NodeJS.Timeout;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'roadstop-release-vercel-'));
    sentry = await startSentryFake({ token: SENTRY_TOKEN });
    sentry.releases = new Set([STABLE.sha, CANARY.sha]);
    const began = Date.now() - 3_600_000;
    // The load generator: every 50 ms, the traffic of the last 50 ms goes to canary and stable by Vercel's stage.
    sentry.traffic = (release, fromMs, toMs) => {
      let healthy = 0;
      let bad = 0;
      for (let t = Math.max(fromMs, began); t < Math.min(toMs, Date.now()); t += 50) {
        const percentage = t < split[0]![0] ? 0 : split.findLast(([at]) => at <= t)![1];
        const share = release === CANARY.sha ? percentage / 100 : 1 - percentage / 100;
        const sessions = (LOAD_PER_SECOND / 20) * share;
        bad += sessions * (errored[release] ?? 0.002);
        healthy += sessions * (1 - (errored[release] ?? 0.002));
      }
      return { healthy: Math.round(healthy), errored: Math.round(bad) };
    };
  });
  beforeEach(async () => {
    vercel = await startVercelFake({ token: VERCEL_TOKEN, deployments: [STABLE, CANARY], production: STABLE.id });
    split = [[Date.now() - 3_600_000, 0]];
    sampler = setInterval(() => split.push([Date.now(), vercel.canaryPercentage()]), 50);
    errored = {};
  });
  afterEach(async () => {
    clearInterval(sampler);
    await vercel.close();
  });
  afterAll(async () => {
    await sentry?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
    platform: 'vercel',
    'vercel-token': VERCEL_TOKEN,
    'vercel-project': 'webapp',
    deployment: CANARY.url,
    'vercel-api-url': vercel.url,
    steps: '10,25,50,100',
    provider: 'sentry',
    'sentry-url': sentry.url,
    'sentry-org': 'acme',
    'sentry-project': 'webapp',
    'sentry-token': SENTRY_TOKEN,
    interval: '1s',
    duration: '2s',
    ...extra,
  });
  const noSecret = (run: ActionRun) => {
    const outside = textOutsideMasks(run, run.outputs.report);
    for (const secret of [VERCEL_TOKEN, SENTRY_TOKEN]) expect(outside).not.toContain(secret);
    expect(run.masked).toContain(VERCEL_TOKEN);
    expect(run.stdout + run.stderr, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(run.stdout + run.stderr, 'not a bug').not.toContain('internal error');
  };
  const calls = () => vercel.requests.map((request) => `${request.method} ${request.path.replace(/^\/v1\/projects\/webapp/, '')}${request.body && typeof request.body === 'object' && 'nextStageIndex' in request.body ? ` ${String((request.body as { nextStageIndex: number }).nextStageIndex)}` : ''}`);
  /** The action is this test process's own child. */
  const signalChildren = (signal: NodeJS.Signals) => {
    for (const pid of execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n').map((line) => Number(line.trim())).filter((pid) => pid > 0)) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  };
  const errorsOf = (run: ActionRun) => run.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);

  it('a healthy canary ramps 10 → 25 → 50 → 100 on Vercel’s stages and completes', async () => {
    const run = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs(), timeoutMs: 90_000 });
    expect(run.outputs.decision, run.stdout).toBe('promote');
    expect(run.outputs.weight).toBe('100');
    expect(run.exitCode).toBe(0);
    expect(vercel.config?.stages).toEqual([
      { targetPercentage: 10, requireApproval: true },
      { targetPercentage: 25, requireApproval: true },
      { targetPercentage: 50, requireApproval: true },
      { targetPercentage: 100, requireApproval: false },
    ]);
    expect(calls().filter((call) => call.startsWith('POST'))).toEqual(['POST /rolling-release/start', 'POST /rolling-release/approve-stage 1', 'POST /rolling-release/approve-stage 2', 'POST /rolling-release/approve-stage 3']);
    expect(vercel.production).toBe(CANARY.id);
    // Without explicit labels each deployment is read once, not once per step.
    expect(vercel.requests.filter((request) => request.path.startsWith('/v13/deployments/')).map((request) => request.path)).toEqual([`/v13/deployments/${CANARY.url}`, `/v13/deployments/${STABLE.id}`]);
    expect(run.summary).toMatch(/\| 1 \| 10% \| 2222222bbbbbbb vs 1111111aaaaaaa \| promote \|/);
    // The split was real: the canary's share of sessions rose with the stages.
    expect(split.map(([, percentage]) => percentage)).toEqual(expect.arrayContaining([10, 25, 50]));
    noSecret(run);
  });

  it('a broken canary (one session in five errors) is aborted at its first stage: 100% back on stable', async () => {
    errored = { [CANARY.sha]: 0.2 };
    const run = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs(), timeoutMs: 90_000 });
    expect(run.outputs.decision, run.stdout).toBe('rollback');
    expect(run.outputs.weight).toBe('0');
    expect(run.exitCode).toBe(1);
    expect(calls().filter((call) => call.startsWith('POST'))).toEqual(['POST /rolling-release/start', `POST /rollback/${STABLE.id}`]);
    expect(vercel.rollingRelease?.state).toBe('ABORTED');
    expect(vercel.production).toBe(STABLE.id);
    expect(vercel.canaryPercentage()).toBe(0);
    expect(errorsOf(run)).toEqual([expect.stringMatching(/rollback: step 1 \(10%\): session-error-rate failed/)]);
    noSecret(run);
  });

  it('a project without Rolling Releases (Hobby: 403): one error naming vercel-project and the plan, no traffic moved', async () => {
    vercel.plan = 'hobby';
    const run = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs(), timeoutMs: 60_000 });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.decision).toBeUndefined();
    expect(errorsOf(run)).toEqual([expect.stringMatching(/input 'vercel-project'.*HTTP 403 .*Rolling Releases need a Pro or Enterprise plan/)]);
    expect(calls().some((call) => call.includes('start'))).toBe(false);
    noSecret(run);
  });

  it('a project Vercel does not know (404): the same one error naming vercel-project and the plan, nothing moved or rolled back', async () => {
    const run = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs({ 'vercel-project': 'nothing' }), timeoutMs: 60_000 });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.decision).toBeUndefined();
    expect(errorsOf(run)).toEqual([expect.stringMatching(/input 'vercel-project'.*HTTP 404 .*Rolling Releases need a Pro or Enterprise plan/)]);
    expect(vercel.requests.filter((request) => request.method === 'POST')).toEqual([]);
    expect(vercel.rollingRelease).toBeUndefined();
    expect(vercel.production).toBe(STABLE.id);
    noSecret(run);
  });

  it('a wrong token (401): one error naming vercel-token, never printed', async () => {
    const run = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs({ 'vercel-token': `${VERCEL_TOKEN}x` }), timeoutMs: 60_000 });
    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([expect.stringMatching(/input 'vercel-token'.*Vercel refused the token: HTTP 401/)]);
    expect(textOutsideMasks(run)).not.toContain(VERCEL_TOKEN);
    expect(run.masked).toContain(`${VERCEL_TOKEN}x`);
    expect(vercel.rollingRelease).toBeUndefined();
  });

  it('an unknown deployment: one error naming deployment', async () => {
    const run = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs({ deployment: 'dpl_nothing' }), timeoutMs: 60_000 });
    expect(errorsOf(run)).toEqual([expect.stringMatching(/input 'deployment'.*Vercel knows no deployment 'dpl_nothing'/)]);
    expect(vercel.rollingRelease).toBeUndefined();
  });

  it('Sentry down mid-watch: inconclusive, the rolling release aborted', async () => {
    let reads = 0;
    sentry.misbehave = (request) => (request.path.endsWith('/sessions/') && request.params.has('start') && ++reads > 2 ? { status: 502, body: { detail: 'bad gateway' } } : undefined);
    try {
      const run = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs({ duration: '4s' }), timeoutMs: 90_000 });
      expect(run.outputs.decision, run.stdout).toBe('inconclusive');
      expect(run.outputs.weight).toBe('0');
      expect(vercel.rollingRelease?.state).toBe('ABORTED');
      expect(vercel.production).toBe(STABLE.id);
      noSecret(run);
    } finally {
      sentry.misbehave = undefined;
    }
  });

  it('Vercel rate limiting an approval (429, Retry-After 1): waited out, the ramp goes on and completes', async () => {
    let limited = 0;
    vercel.misbehave = (request) => (request.path.endsWith('/approve-stage') && limited++ < 1 ? { status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'rate_limited', message: 'Too many requests' } } } : undefined);
    const run = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs({ steps: '10,100' }), timeoutMs: 90_000 });
    expect(run.outputs.decision, run.stdout).toBe('promote');
    expect(calls().filter((call) => call.startsWith('POST'))).toEqual(['POST /rolling-release/start', 'POST /rolling-release/approve-stage 1', 'POST /rolling-release/approve-stage 1']);
    expect(run.stdout).toMatch(/Vercel is rate limiting POST \/v1\/projects\/webapp\/rolling-release\/approve-stage \(HTTP 429, Retry-After 1 s\): waiting 1 s/);
    expect(vercel.production).toBe(CANARY.id);
    noSecret(run);
  });

  it('Vercel rate limiting an approval past the budget (Retry-After a day): an environment error naming Vercel, 429 and vercel-api-url; inconclusive, not a rollback decision; traffic back on stable', async () => {
    vercel.misbehave = (request) => (request.path.endsWith('/approve-stage') ? { status: 429, headers: { 'retry-after': '86400' }, body: { error: { code: 'rate_limited', message: 'Too many requests' } } } : undefined);
    const started = Date.now();
    const run = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs({ steps: '10,100' }), timeoutMs: 90_000 });
    expect(Date.now() - started, 'no wait of a day').toBeLessThan(60_000);
    expect(run.outputs.decision, run.stdout).toBe('inconclusive');
    expect(errorsOf(run)).toEqual([expect.stringMatching(/step 2 \(100%\): the traffic move failed: Vercel \(vercel-api-url\) is rate limiting POST \/v1\/projects\/webapp\/rolling-release\/approve-stage: HTTP 429, Retry-After 86400 s, more than the \d+ s left of the 120 s one call may wait; rolled back: all traffic on stable/)]);
    expect(vercel.rollingRelease?.state).toBe('ABORTED');
    expect(vercel.production).toBe(STABLE.id);
    noSecret(run);
  });

  it('a cancel (SIGTERM) during a 429 wait (Retry-After 60) on an approval: the wait ends at once and the main step rolls back', async () => {
    vercel.misbehave = (request) => (request.path.endsWith('/approve-stage') ? { status: 429, headers: { 'retry-after': '60' }, body: { error: { code: 'rate_limited', message: 'Too many requests' } } } : undefined);
    const state = join(folder, 'state-cancel');
    await writeFile(state, '');
    const pending = runAction({ action: 'canary-release', workspace: folder, inputs: inputs({ steps: '10,100' }), env: { GITHUB_STATE: state }, timeoutMs: 90_000 });
    for (let waited = 0; !vercel.requests.some((request) => request.path.endsWith('/approve-stage')) && waited < 60_000; waited += 50) await new Promise((done) => setTimeout(done, 50));
    await new Promise((done) => setTimeout(done, 500));
    const signalled = Date.now();
    signalChildren('SIGTERM');
    const run = await pending;
    expect(Date.now() - signalled, 'the 60 s wait was not waited').toBeLessThan(5000);
    expect(run.stdout).toMatch(/Retry-After 60 s\): waiting 60 s/);
    expect(run.outputs.decision, run.stdout).toBe('rollback');
    expect(run.outputs.weight).toBe('0');
    expect(errorsOf(run)).toEqual([expect.stringMatching(/the run was cancelled; rolled back: all traffic on stable/)]);
    expect(calls().filter((call) => call.startsWith('POST'))).toEqual(['POST /rolling-release/start', 'POST /rolling-release/approve-stage 1', `POST /rollback/${STABLE.id}`]);
    expect(vercel.rollingRelease?.state).toBe('ABORTED');
    expect(vercel.production).toBe(STABLE.id);
    // Rolled back in the main step: the post step has nothing left to do.
    expect(parseFileCommand(readFileSync(state, 'utf8'))).toMatchObject({ moved: 'true', finished: 'true' });
    noSecret(run);
  });

  it('Vercel failing the start (500): rolled back where nothing had moved, named', async () => {
    vercel.misbehave = (request) => (request.path.endsWith('/start') ? { status: 500, body: { error: { code: 'internal', message: `boom ${String(request.headers.authorization)}` } } } : undefined);
    const run = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs(), timeoutMs: 90_000 });
    expect(run.outputs.decision, run.stdout).toBe('rollback');
    expect(errorsOf(run)).toEqual([expect.stringMatching(/step 1 \(10%\): the traffic move failed: Vercel answered HTTP 500 to starting the rolling release: boom Bearer \*\*\*/)]);
    expect(run.stdout).toMatch(/no rolling release for the project: nothing to abort/);
    noSecret(run);
  });

  it('explicit labels win: with both given and the deployment an ID, no deployment is read at all', async () => {
    const run = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs({ steps: '50,100', deployment: CANARY.id, 'canary-label': CANARY.sha, 'baseline-label': STABLE.sha }), timeoutMs: 90_000 });
    expect(run.outputs.decision, run.stdout).toBe('promote');
    expect(vercel.requests.filter((request) => request.path.startsWith('/v13/deployments/'))).toEqual([]);
  });

  it('a run killed mid-watch is rolled back by the post step, which is idempotent', async () => {
    const state = join(folder, 'state');
    await writeFile(state, '');
    const pending = runAction({ action: 'canary-release', workspace: folder, inputs: inputs({ duration: '20s' }), env: { GITHUB_STATE: state }, timeoutMs: 90_000 });
    for (let waited = 0; vercel.rollingRelease === undefined && waited < 30_000; waited += 100) await new Promise((done) => setTimeout(done, 100));
    await new Promise((done) => setTimeout(done, 1500));
    signalChildren('SIGKILL');
    await pending;
    expect(parseFileCommand(readFileSync(state, 'utf8'))).toEqual({ isPost: 'true', moved: 'true' });
    expect(vercel.canaryPercentage()).toBe(10);
    const post = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs(), env: { STATE_isPost: 'true', STATE_moved: 'true' } });
    expect(post.exitCode, post.stdout).toBe(0);
    expect(vercel.rollingRelease?.state).toBe('ABORTED');
    expect(vercel.production).toBe(STABLE.id);
    const again = await runAction({ action: 'canary-release', workspace: folder, inputs: inputs(), env: { STATE_isPost: 'true', STATE_moved: 'true' } });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/rolling release is ABORTED: nothing to abort/);
    expect(calls().filter((call) => call.includes('/rollback/'))).toHaveLength(1);
    noSecret(post);
  });
});
