import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/action-harness.js';
import { startFakeSlack } from '../src/slack-fake.js';
import { runLocalJob, type LocalJob, type LocalJobOptions } from '../src/workflows/local-job.js';
import { cleanUpPublished, roadstopRelease } from '../src/workflows/publish.js';

// canary.yml's ramp job, run step by step on this machine (packages/testing/src/workflows/local-job.ts): the plan,
// the slots, the rollback and the verdict, on the paths that need no metrics. The whole ramp against a real traffic
// split and Prometheus is rehearsal.integration.test.ts. The workflow is a release of roadstop (acme/roadstop@v1.0.0,
// made by scripts/release.mjs), as a caller pins it: its actions are that release's, not this working tree's.
const WORKFLOW = 'acme/roadstop/.github/workflows/canary.yml@v1.0.0';
let repositories: Record<string, string>;
beforeAll(async () => {
  repositories = (await roadstopRelease()).repositories;
}, 120_000);
afterAll(cleanUpPublished);
const runJob = (options: Omit<LocalJobOptions, 'repositories'>) => runLocalJob({ ...options, repositories });

describe('canary.yml, its ramp job run here', () => {
  let workspace: string;
  let log: string;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'roadstop-canary-yml-'));
    log = join(workspace, 'deploys.log');
    await writeFile(log, '');
  });
  afterEach(async () => rm(workspace, { recursive: true, force: true }));

  const ramp = (inputs: Record<string, string>): Promise<LocalJob> =>
    runJob({ workflow: WORKFLOW, job: 'ramp', workspace, inputs: { deploy: `echo "deploy $CANARY_STEP $CANARY_WEIGHT" >> ${log}`, rollback: `echo "rollback $CANARY_WEIGHT" >> ${log}`, ...inputs } });
  const step = (job: LocalJob, name: string) => job.steps.find((each) => each.name === name)!;

  it.each([
    ['abc', "input 'steps': 'abc' is not a weight from 1 to 100"],
    ['50,25', "input 'steps': 25 does not rise above 50"],
    ['0,100', "input 'steps': '0' is not a weight from 1 to 100"],
    ['1,2,3,4,5,6,7', "input 'steps': 7 weights; at most 6"],
  ])('steps %s: refused before any deploy, nothing to roll back', async (steps, message) => {
    const job = await ramp({ steps });
    expect(job.result).toBe('failure');
    expect(step(job, 'Plan').annotations.map((annotation) => annotation.message)).toEqual([message]);
    expect(step(job, 'Deploy step 1').outcome).toBe('skipped');
    expect(step(job, 'Rollback').outcome).toBe('skipped');
    expect(await readFile(log, 'utf8')).toBe('');
    expect(job.outputs).toMatchObject({ decision: 'inconclusive', weight: '0' });
  });

  it('a watch that cannot reach its Prometheus at step 1 rolls back with weight 0 and stops the ramp', async () => {
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/roadstop.yml'), 'canary-watch:\n  metrics:\n    - name: errors\n      type: error-rate\n      errors: sum(e{v="{{target}}"})\n      requests: sum(r{v="{{target}}"})\n      rollback: 5%\n');
    const job = await ramp({ steps: '10, 25%, 50', duration: '1s', interval: '1s', 'prometheus-url': 'http://127.0.0.1:9' });
    expect(step(job, 'Watch step 1').outcome).toBe('failure');
    expect(step(job, 'Watch step 1').stdout + step(job, 'Watch step 1').stderr).toMatch(/prometheus-url/);
    expect(step(job, 'Deploy step 2').outcome).toBe('skipped');
    expect(await readFile(log, 'utf8')).toBe('deploy 1/3 10\nrollback 0\n');
    expect(job.outputs).toMatchObject({ decision: 'rollback', weight: '0' });
    expect(job.summary).toContain('| 1/3 | 10% | success | failure |');
    expect(job.summary).toContain('**Decision: rollback**, the canary at 0%.');
    expect(job.settings).toMatchObject({ environment: 'production', concurrency: 'roadstop-canary-production', cancelInProgress: false, timeoutMinutes: 120 });
  });

  it('a failing deploy command: its own step fails, the watch is skipped, the rollback runs', async () => {
    const job = await ramp({ steps: '10,100', deploy: 'echo "deploy $CANARY_WEIGHT" >> ' + log + '; exit 3' });
    expect(step(job, 'Deploy step 1').outcome).toBe('failure');
    expect(step(job, 'Watch step 1').outcome).toBe('skipped');
    expect(await readFile(log, 'utf8')).toBe('deploy 10\nrollback 0\n');
    expect(job.outputs).toMatchObject({ decision: 'rollback', weight: '0' });
  });

  it('no rollback command: the deploy command runs with CANARY_WEIGHT=0', async () => {
    const job = await ramp({ steps: '10', rollback: '', deploy: `echo "$CANARY_STEP $CANARY_WEIGHT" >> ${log}; [ "$CANARY_WEIGHT" = 0 ] || exit 1` });
    expect(await readFile(log, 'utf8')).toBe('1/1 10\nrollback 0\n');
    expect(step(job, 'Rollback').outcome).toBe('success');
  });

  it('Slack refusing the token is a warning: the release goes on, the later Slack steps are skipped', async () => {
    const slack = await startFakeSlack();
    try {
      const channel = slack.addChannel('releases', { member: true });
      const job = await runJob({
        workflow: WORKFLOW,
        job: 'ramp',
        workspace,
        inputs: { steps: '10', deploy: `echo "deploy $CANARY_WEIGHT" >> ${log}`, rollback: `echo "rollback $CANARY_WEIGHT" >> ${log}`, 'slack-channel': channel.id, 'slack-api-url': slack.apiUrl },
        secrets: { 'slack-bot-token': 'xoxb-not-the-one' },
      });
      expect(step(job, 'Slack (started)').conclusion).toBe('success');
      expect(step(job, 'Slack (started)').stdout).toMatch(/invalid_auth/);
      expect(step(job, 'Deploy step 1').outcome).toBe('success');
      expect(step(job, 'Slack (end)').outcome).toBe('skipped');
      expect((await readFile(log, 'utf8')).split('\n')[0]).toBe('deploy 10');
      expect(slack.messages).toHaveLength(0);
    } finally {
      await slack.close();
    }
  });

  const stepIndex = async (name: string): Promise<number> => {
    const doc = parse(await readFile(join(REPO_ROOT, '.github/workflows/canary.yml'), 'utf8')) as { jobs: { ramp: { steps: { name?: string }[] } } };
    return doc.jobs.ramp.steps.findIndex((each) => each.name === name);
  };

  it('a run cancelled (or past its timeout) while a step watches rolls back: the split never stays at the canary', async () => {
    const job = await runJob({ workflow: WORKFLOW, job: 'ramp', workspace, inputs: { steps: '10,100', deploy: `echo "deploy $CANARY_WEIGHT" >> ${log}`, rollback: `echo "rollback $CANARY_WEIGHT" >> ${log}` }, cancelAfterSteps: await stepIndex('Watch step 1') });
    expect(job.result).toBe('cancelled');
    expect(step(job, 'Deploy step 1').outcome).toBe('success');
    expect(step(job, 'Watch step 1').outcome).toBe('skipped');
    expect(step(job, 'Rollback').outcome).toBe('success');
    expect(await readFile(log, 'utf8')).toBe('deploy 10\nrollback 0\n');
    expect(job.outputs).toMatchObject({ decision: 'rollback', weight: '0' });
  });

  it('a run cancelled before the first deploy has nothing to roll back', async () => {
    const job = await runJob({ workflow: WORKFLOW, job: 'ramp', workspace, inputs: { steps: '10,100', deploy: `echo "deploy $CANARY_WEIGHT" >> ${log}` }, cancelAfterSteps: await stepIndex('Deploy step 1') });
    expect(step(job, 'Plan').outcome).toBe('success');
    expect(step(job, 'Deploy step 1').outcome).toBe('skipped');
    expect(step(job, 'Rollback').outcome).toBe('skipped');
    expect(await readFile(log, 'utf8')).toBe('');
  });

  it.each([
    [{ steps: '10,25,50,100', duration: '30m' }, '', "input 'timeout-minutes': 120 is shorter than 4 steps × 30m of watching + 10 minutes for the deploys; set it to 130 or more, or shorten duration"],
    [{ steps: '10,50,100', 'timeout-minutes': '60' }, 'canary-watch:\n  duration: 20m # the config\'s\n', "input 'timeout-minutes': 60 is shorter than 3 steps × 20m of watching + 10 minutes for the deploys; set it to 70 or more, or shorten duration"],
    [{ steps: '10', duration: '15 minutes' }, '', "duration '15 minutes' is not a whole number with ms, s, m or h (e.g. 15m)"],
  ])('a timeout too short for steps × duration is refused before anything deploys (%j)', async (inputs, config, message) => {
    if (config) {
      await mkdir(join(workspace, '.github'));
      await writeFile(join(workspace, '.github/roadstop.yml'), config);
    }
    const job = await ramp(inputs);
    expect(step(job, 'Plan').annotations.map((annotation) => annotation.message)).toEqual([message]);
    expect(step(job, 'Deploy step 1').outcome).toBe('skipped');
    expect(await readFile(log, 'utf8')).toBe('');
  });

  it('with a Slack webhook alone, Slack hears the start and the end', async () => {
    const slack = await startFakeSlack();
    try {
      slack.addChannel('releases', { member: true });
      const url = slack.addWebhook('releases');
      const job = await runJob({ workflow: WORKFLOW, job: 'ramp', workspace, inputs: { steps: '10', deploy: `echo "deploy $CANARY_WEIGHT" >> ${log}`, rollback: `echo "rollback $CANARY_WEIGHT" >> ${log}` }, secrets: { 'slack-webhook-url': url } });
      expect(step(job, 'Rollback').outcome).toBe('success');
      expect(step(job, 'Slack (end)').outcome).toBe('success');
      expect(slack.messages.map((message) => message.via)).toEqual(['webhook', 'webhook']);
      expect(slack.render(slack.messages[1]!).text).toMatch(/roll/i);
    } finally {
      await slack.close();
    }
  });

  it("the environment's own secrets reach the deploy and rollback commands through secrets: inherit and env-secrets", async () => {
    const deploy = `echo "deploy $CANARY_WEIGHT $VERCEL_TOKEN $DEPLOY_TOKEN" >> ${log}; [ "$CANARY_WEIGHT" = 0 ] || exit 3`;
    const job = await runJob({
      workflow: WORKFLOW,
      job: 'ramp',
      workspace,
      inputs: { steps: '10', deploy, 'env-secrets': 'VERCEL_TOKEN' },
      inheritSecrets: true,
      secrets: { DEPLOY_TOKEN: 'repository-token' },
      environmentSecrets: { VERCEL_TOKEN: 'environment-token', DEPLOY_TOKEN: 'environment-deploy-token' },
    });
    expect(step(job, 'Environment secrets').outcome).toBe('success');
    expect(await readFile(log, 'utf8')).toBe('deploy 10 environment-token environment-deploy-token\ndeploy 0 environment-token environment-deploy-token\n');
  });

  it.each([
    [{}, "input 'env-secrets': no secret VERCEL_TOKEN reached the workflow: pass secrets: inherit, and set VERCEL_TOKEN in the environment or the repository"],
    [{ inheritSecrets: true, secrets: { PATH: '/evil' } }, "input 'env-secrets': PATH is the runner's or roadstop's variable, not a secret's"],
  ])('env-secrets refuses what it cannot give, before anything deploys', async (extra, message) => {
    const names = 'secrets' in extra ? 'PATH' : 'VERCEL_TOKEN';
    const job = await runJob({ workflow: WORKFLOW, job: 'ramp', workspace, inputs: { steps: '10', deploy: `echo deploy >> ${log}`, 'env-secrets': names }, ...extra });
    expect(step(job, 'Environment secrets').annotations.map((annotation) => annotation.message)).toEqual([message]);
    expect(step(job, 'Deploy step 1').outcome).toBe('skipped');
    expect(await readFile(log, 'utf8')).toBe('');
  });

  it('the local runner refuses a step it cannot run rather than pass over it', async () => {
    await expect(runJob({ workflow: 'acme/roadstop/.github/workflows/gates.yml@v1.0.0', job: 'security', workspace, inputs: { 'audit-level': '' } })).rejects.toThrow(
      /step 4 \(Secret scan\): trufflesecurity\/trufflehog@[0-9a-f]{40} cannot run on this machine/,
    );
  });

  it('the six slots are the same steps but for their number', async () => {
    const doc = parse(await readFile(join(REPO_ROOT, '.github/workflows/canary.yml'), 'utf8')) as { jobs: { ramp: { steps: Record<string, unknown>[] } } };
    const slots = [1, 2, 3, 4, 5, 6].map((i) =>
      JSON.stringify(doc.jobs.ramp.steps.filter((each) => new RegExp(`step ${i}\\)?$`).test(String(each.name)))).replace(new RegExp(`(?<![0-9v])${i}(?![0-9%])`, 'g'), 'N'),
    );
    expect(JSON.parse(slots[0]!)).toHaveLength(3);
    for (const slot of slots) expect(slot).toBe(slots[0]);
  });
});
