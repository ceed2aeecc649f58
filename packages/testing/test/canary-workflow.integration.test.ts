import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/action-harness.js';
import { startFakeSlack } from '../src/slack-fake.js';
import { startSentryFake, steadySessions, type SentryFake, type SessionRates } from '../src/sentry-fake.js';
import { startVercelFake } from '../src/vercel-fake.js';
import { runLocalJob, type LocalJob, type LocalJobOptions } from '../src/workflows/local-job.js';
import { cleanUpPublished, roadstopRelease } from '../src/workflows/publish.js';

// canary.yml, a thin wrapper over actions/canary-release, its ramp job run step by step on this machine
// (packages/testing/src/workflows/local-job.ts) with the BUILT dist/canary-release of a release of roadstop
// (acme/roadstop@v1.0.0, made by scripts/release.mjs), as a caller pins it. The deploy, rollback and promote commands
// are stubs that record their calls; the metrics come from the Sentry stand-in (release health per release). The
// ramp's own cases (Vercel, a cancel or a kill rolled back by the post step, hostile servers) are the action's tests,
// actions/canary-release/test/*.integration.test.ts; here: what the wrapper adds or passes through.
const WORKFLOW = 'acme/roadstop/.github/workflows/canary.yml@v1.0.0';
const TOKEN = 'sntrys-Wrapper-5151-secret';
const CANARY = 'c0ffee1';
const STABLE = 'beef002';
const healthy: SessionRates = { [CANARY]: { perSecond: 5000, errored: 0.002 }, [STABLE]: { perSecond: 5000, errored: 0.002 } };
const broken: SessionRates = { ...healthy, [CANARY]: { perSecond: 5000, errored: 0.2 } };

let repositories: Record<string, string>;
let sentry: SentryFake;
let rates: SessionRates = healthy;
beforeAll(async () => {
  repositories = (await roadstopRelease()).repositories;
  sentry = await startSentryFake({ token: TOKEN });
  sentry.releases = new Set([CANARY, STABLE]);
  sentry.traffic = steadySessions(() => rates, Date.now() - 3_600_000);
}, 120_000);
afterAll(async () => {
  await sentry?.close();
  await cleanUpPublished();
});
const runJob = (options: Omit<LocalJobOptions, 'repositories'>) => runLocalJob({ ...options, repositories });

describe('canary.yml, the wrapper itself', () => {
  it('keeps every input and secret its callers had (names, types, defaults), under 150 lines, one roadstop step', async () => {
    const text = await readFile(join(REPO_ROOT, '.github/workflows/canary.yml'), 'utf8');
    const doc = parse(text) as { on: { workflow_call: { inputs: Record<string, { type: string; default?: unknown }>; secrets: Record<string, unknown> } }; jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> };
    const { inputs, secrets } = doc.on.workflow_call;
    // Before the wrapper (roadstop at d21ebfc), with the defaults callers relied on.
    const before: Record<string, [string, unknown]> = {
      deploy: ['string', undefined], rollback: ['string', ''], promote: ['string', ''], steps: ['string', '10,25,50,100'], environment: ['string', 'production'],
      'environment-url': ['string', ''], version: ['string', ''], install: ['string', ''], 'node-version': ['string', '24'], 'working-directory': ['string', '.'],
      config: ['string', '.github/roadstop.yml'], provider: ['string', ''], 'prometheus-url': ['string', ''], 'canary-label': ['string', ''], 'baseline-label': ['string', ''],
      interval: ['string', ''], duration: ['string', ''], 'on-inconclusive': ['string', 'rollback'], 'slack-channel': ['string', ''], 'slack-api-url': ['string', ''],
      'timeout-minutes': ['number', 120], 'env-secrets': ['string', ''],
    };
    for (const [name, [type, value]] of Object.entries(before)) {
      expect(inputs[name]?.type, name).toBe(type);
      if (value !== undefined) expect(inputs[name]?.default, name).toBe(value);
    }
    expect(Object.keys(secrets)).toEqual(expect.arrayContaining(['deploy-token', 'metrics-token', 'datadog-api-key', 'datadog-app-key', 'slack-bot-token', 'slack-webhook-url']));
    // Every input of canary-release reaches it from the wrapper (a secret's under its secret's name), but the judge's
    // tuning and the http provider's headers, which the config file's canary-watch section holds.
    const CONFIG_ONLY = ['http-headers', 'failure-limit', 'consecutive-successes', 'max-consecutive-errors', 'false-rollback-rate'];
    const action = parse(await readFile(join(REPO_ROOT, 'actions/canary-release/action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
    const given = Object.values(doc.jobs).flatMap((job) => job.steps).find((step) => step.uses?.includes('canary-release')) as { with: Record<string, string> };
    expect(Object.keys(action.inputs).filter((name) => !(name in given.with) && !CONFIG_ONLY.includes(name))).toEqual([]);
    for (const [name, value] of Object.entries(given.with)) expect(value, name).toMatch(/^\$\{\{ (inputs|secrets)\.[a-z-]+/);
    expect(text.split('\n').length).toBeLessThan(150);
    expect(Object.values(doc.jobs).flatMap((job) => job.steps.map((step) => step.uses ?? '')).filter((uses) => uses.includes('roadstop'))).toEqual(['owner/roadstop/actions/canary-release@v1']);
  });
});

describe('canary.yml, its ramp job run here over the built canary-release', () => {
  let workspace: string;
  let log: string;
  beforeEach(async () => {
    rates = healthy;
    workspace = await mkdtemp(join(tmpdir(), 'roadstop-canary-yml-'));
    log = join(workspace, 'calls.log');
    await writeFile(log, '');
  });
  afterEach(async () => rm(workspace, { recursive: true, force: true }));

  const watch = { provider: 'sentry', 'sentry-url': '', 'sentry-org': 'acme', 'sentry-project': 'webapp', 'canary-label': CANARY, 'baseline-label': STABLE, interval: '1s', duration: '2s' };
  const ramp = (inputs: Record<string, string | number>, extra: Partial<LocalJobOptions> = {}): Promise<LocalJob> =>
    runJob({
      workflow: WORKFLOW,
      job: 'ramp',
      workspace,
      inputs: { deploy: `echo "deploy $CANARY_STEP $CANARY_WEIGHT" >> ${log}`, rollback: `echo "rollback $CANARY_WEIGHT" >> ${log}`, ...watch, 'sentry-url': sentry.url, ...inputs },
      ...extra,
      secrets: { 'sentry-token': TOKEN, ...extra.secrets },
    });
  const release = (job: LocalJob) => job.steps.find((each) => each.name === 'Canary release')!;
  const calls = async () => (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
  /** What the release step printed, but for its ::add-mask:: lines (the runner masks those values in its log). */
  const printed = (job: LocalJob) => (release(job).stdout + release(job).stderr).split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
  const errors = (job: LocalJob) => release(job).annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);

  it('ramps 10 → 25 → 50 → 100 through the deploy command, watching each step, then promotes', async () => {
    await mkdir(join(workspace, 'apps/web'), { recursive: true });
    const job = await ramp({ promote: `echo "promote $(basename "$PWD")" >> ${log}`, 'working-directory': 'apps/web', install: 'touch installed' });
    const text = release(job).stdout + release(job).stderr;
    expect(job.result, text).toBe('success');
    expect(await calls()).toEqual(['deploy 1 10', 'deploy 2 25', 'deploy 3 50', 'deploy 4 100', 'promote web']);
    expect(existsSync(join(workspace, 'apps/web/installed'))).toBe(true);
    expect(job.outputs).toEqual({ decision: 'promote', weight: '100' });
    expect(job.summary).toMatch(/\| 4 \| 100% \| c0ffee1 vs beef002 \| promote \|/);
    expect(job.settings).toMatchObject({ environment: 'production', concurrency: 'roadstop-canary-production', cancelInProgress: false, timeoutMinutes: 120 });
    expect(release(job).note).toMatch(/^acme\/roadstop\/actions\/canary-release at [0-9a-f]{40}$/);
    expect(printed(job)).not.toContain(TOKEN);
    expect(job.summary).not.toContain(TOKEN);
  }, 90_000);

  it('a failed watch rolls back at its step and stops the ramp: weight 0, the job failed', async () => {
    rates = broken;
    const job = await ramp({ steps: '10,50,100' });
    expect(job.result).toBe('failure');
    expect(await calls()).toEqual(['deploy 1 10', 'rollback 0']);
    expect(job.outputs).toEqual({ decision: 'rollback', weight: '0' });
    expect(errors(job)).toEqual([expect.stringMatching(/^roadstop canary-release: rollback: step 1 \(10%\): session-error-rate failed/)]);
  }, 60_000);

  it('a failing deploy command fails the move: rolled back, named', async () => {
    const job = await ramp({ steps: '10,100', deploy: `echo "deploy $CANARY_STEP $CANARY_WEIGHT" >> ${log}; [ "$CANARY_STEP" = 1 ] || exit 3` });
    expect(await calls()).toEqual(['deploy 1 10', 'deploy 2 100', 'rollback 0']);
    expect(job.outputs).toEqual({ decision: 'rollback', weight: '0' });
    expect(errors(job)).toEqual([expect.stringMatching(/step 2 \(100%\): the traffic move failed: the deploy command \(input 'deploy'\) exited with 3; rolled back/)]);
  }, 60_000);

  it('no rollback command: the deploy command rolls back, with CANARY_WEIGHT=0', async () => {
    rates = broken;
    const job = await ramp({ steps: '10,100', rollback: '' });
    expect(await calls()).toEqual(['deploy 1 10', 'deploy rollback 0']);
    expect(job.outputs).toMatchObject({ decision: 'rollback', weight: '0' });
  }, 60_000);

  it('platform vercel: the inputs and the vercel-token secret reach the action; a broken canary is aborted, production back on stable', async () => {
    rates = broken;
    const vercelToken = 'vercel-Wrapper-7171-secret';
    const stable = { id: 'dpl_stable111', url: 'webapp-stable.vercel.app', sha: STABLE };
    const canary = { id: 'dpl_canary222', url: 'webapp-canary.vercel.app', sha: CANARY };
    const vercel = await startVercelFake({ token: vercelToken, deployments: [stable, canary], production: stable.id });
    try {
      // No labels given: the deployments' git SHAs are the releases the Sentry stand-in knows.
      const job = await ramp({ platform: 'vercel', deploy: '', rollback: '', 'vercel-project': 'webapp', deployment: canary.url, 'vercel-api-url': vercel.url, 'canary-label': '', 'baseline-label': '', steps: '10,100' }, { secrets: { 'vercel-token': vercelToken } });
      expect(job.outputs, printed(job)).toEqual({ decision: 'rollback', weight: '0' });
      expect(vercel.requests.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual(['/v1/projects/webapp/rolling-release/start', `/v1/projects/webapp/rollback/${stable.id}`]);
      expect(vercel.production).toBe(stable.id);
      expect(job.summary).toMatch(/\| 1 \| 10% \| c0ffee1 vs beef002 \| rollback \|/);
      expect(printed(job)).not.toContain(vercelToken);
      expect(await calls()).toEqual([]);
    } finally {
      await vercel.close();
    }
  }, 60_000);

  it.each([
    [{ steps: 'abc' }, "'abc' is not a whole percentage from 1 to 100"],
    [{ steps: '50,25,100' }, 'the steps must rise: 25 comes after 50'],
    [{ steps: '10,50' }, 'the last step is 50, not 100'],
    [{ 'sentry-source': 'logs' }, "input 'sentry-source': 'logs' is not a Sentry source"],
    [{ steps: '10,25,50,100', duration: '30m' }, "input 'timeout-minutes': 120 is shorter than 4 steps × 30m of watching + 10 minutes for the moves"],
    [{ steps: '10,50,100', duration: '', 'timeout-minutes': 60 }, "input 'timeout-minutes': 60 is shorter than 3 steps × 20m of watching + 10 minutes for the moves"],
  ])('refused before anything moves: %j', async (inputs, message) => {
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/roadstop.yml'), "canary-watch:\n  duration: 20m # the config's\n");
    const job = await ramp(inputs);
    expect(job.result).toBe('failure');
    expect(errors(job)).toEqual([expect.stringContaining(message)]);
    expect(await calls()).toEqual([]);
    expect(job.outputs).toEqual({ decision: '', weight: '' });
  }, 60_000);

  it('Slack refusing the token is a warning: the release goes on', async () => {
    const slack = await startFakeSlack();
    try {
      const channel = slack.addChannel('releases', { member: true });
      const job = await ramp({ steps: '10,100', 'slack-channel': channel.id, 'slack-api-url': slack.apiUrl }, { secrets: { 'slack-bot-token': 'xoxb-not-the-one' } });
      expect(job.outputs, release(job).stdout).toEqual({ decision: 'promote', weight: '100' });
      expect(release(job).annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message).join('\n')).toMatch(/invalid_auth/);
      expect(slack.messages).toHaveLength(0);
    } finally {
      await slack.close();
    }
  }, 60_000);

  it('with a Slack webhook alone (an upper-case secret through secrets: inherit), Slack hears the start and the end', async () => {
    rates = broken;
    const slack = await startFakeSlack();
    try {
      slack.addChannel('releases', { member: true });
      const url = slack.addWebhook('releases');
      const job = await ramp({ steps: '10,100', title: 'webapp', version: 'v1.4.2' }, { inheritSecrets: true, secrets: { SLACK_WEBHOOK_URL: url } });
      expect(job.outputs).toEqual({ decision: 'rollback', weight: '0' });
      const texts = slack.messages.map((message) => slack.render(message).text);
      expect(slack.messages.map((message) => message.via)).toEqual(['webhook', 'webhook', 'webhook']);
      expect(texts[0]).toMatch(/v1\.4\.2/);
      expect(texts[0]).toMatch(/canary release: 10 → 100%/);
      expect(texts.at(-1)).toMatch(/rolled back/i);
      expect(printed(job)).not.toContain(url);
    } finally {
      await slack.close();
    }
  }, 60_000);

  it("the environment's own secrets reach the commands through secrets: inherit and env-secrets, and DEPLOY_TOKEN", async () => {
    const deploy = `echo "deploy $CANARY_WEIGHT $VERCEL_TOKEN $DEPLOY_TOKEN" >> ${log}; [ "$CANARY_WEIGHT" = 0 ] || exit 3`;
    const job = await ramp(
      { steps: '100', deploy, rollback: '', 'env-secrets': 'VERCEL_TOKEN' },
      { inheritSecrets: true, secrets: { DEPLOY_TOKEN: 'repository-token' }, environmentSecrets: { VERCEL_TOKEN: 'environment-token', DEPLOY_TOKEN: 'environment-deploy-token' } },
    );
    expect(job.steps.find((each) => each.name === 'Environment secrets')!.outcome).toBe('success');
    expect(await calls()).toEqual(['deploy 100 environment-token environment-deploy-token', 'deploy 0 environment-token environment-deploy-token']);
  }, 60_000);

  it.each([
    [{}, "input 'env-secrets': no secret VERCEL_TOKEN reached the workflow: pass secrets: inherit, and set VERCEL_TOKEN in the environment or the repository"],
    [{ inheritSecrets: true, secrets: { PATH: '/evil', 'sentry-token': TOKEN } }, "input 'env-secrets': PATH is the runner's or roadstop's variable, not a secret's"],
    [{ inheritSecrets: true, secrets: { CANARY_WEIGHT: '100', 'sentry-token': TOKEN } }, "input 'env-secrets': CANARY_WEIGHT is the runner's or roadstop's variable, not a secret's"],
  ])('env-secrets refuses what it cannot give, before anything deploys', async (extra, message) => {
    const names = 'secrets' in extra ? Object.keys(extra.secrets).find((name) => name !== 'sentry-token')! : 'VERCEL_TOKEN';
    const job = await ramp({ 'env-secrets': names }, extra);
    expect(job.steps.find((each) => each.name === 'Environment secrets')!.annotations.map((annotation) => annotation.message)).toEqual([message]);
    expect(release(job).outcome).toBe('skipped');
    expect(await calls()).toEqual([]);
  }, 60_000);

  it('a run cancelled while the release watches (SIGINT to the step, as the runner sends it) rolls back; its post step then has nothing to do', async () => {
    const when = async () => {
      for (let waited = 0; !(await calls()).includes('deploy 1 10') && waited < 30_000; waited += 100) await new Promise((done) => setTimeout(done, 100));
      await new Promise((done) => setTimeout(done, 500));
    };
    const job = await ramp({ steps: '10,100', duration: '20s' }, { cancelDuring: { step: 'Canary release', when } });
    expect(job.result).toBe('cancelled');
    expect(release(job).outcome).toBe('cancelled');
    expect(await calls()).toEqual(['deploy 1 10', 'rollback 0']);
    expect(errors(job)).toEqual([expect.stringMatching(/the run was cancelled/)]);
    const post = job.steps.find((each) => each.name === 'Post Canary release')!;
    expect(post.outcome).toBe('success');
    expect(post.stdout).not.toMatch(/rolling back/);
  }, 60_000);

  it('a rollback that fails in the release step is done again by its post step: the split never stays', async () => {
    rates = broken;
    const flaky = `echo "rollback $CANARY_WEIGHT" >> ${log}; [ -f ${workspace}/rolled-once ] || { touch ${workspace}/rolled-once; exit 4; }`;
    const job = await ramp({ steps: '10,100', rollback: flaky });
    expect(job.result).toBe('failure');
    expect(errors(job)).toEqual([expect.stringMatching(/and the rollback failed: the rollback command \(input 'rollback'\) exited with 4/)]);
    const post = job.steps.find((each) => each.name === 'Post Canary release')!;
    expect(post.outcome, post.stdout).toBe('success');
    expect(post.stdout).toMatch(/the release did not finish .*: rolling back/);
    expect(await calls()).toEqual(['deploy 1 10', 'rollback 0', 'rollback 0']);
  }, 60_000);

  it('a run cancelled before the release step has nothing to roll back', async () => {
    const job = await ramp({ steps: '10,100' }, { cancelAfterSteps: 3 });
    expect(job.result).toBe('cancelled');
    expect(release(job).outcome).toBe('skipped');
    expect(job.steps.find((each) => each.name === 'Post Canary release')).toBeUndefined();
    expect(await calls()).toEqual([]);
  }, 60_000);

  it('the local runner refuses a step it cannot run rather than pass over it', async () => {
    await expect(runJob({ workflow: 'acme/roadstop/.github/workflows/gates.yml@v1.0.0', job: 'security', workspace, inputs: { 'audit-level': '' } })).rejects.toThrow(
      /step 4 \(Secret scan\): trufflesecurity\/trufflehog@[0-9a-f]{40} cannot run on this machine/,
    );
  });
});
