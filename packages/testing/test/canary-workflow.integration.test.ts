import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/action-harness.js';
import { startFakeSlack } from '../src/slack-fake.js';
import { runLocalJob, type LocalJob } from '../src/workflows/local-job.js';

// canary.yml's ramp job, run step by step on this machine (packages/testing/src/workflows/local-job.ts): the plan,
// the slots, the rollback and the verdict, on the paths that need no metrics. The whole ramp against a real traffic
// split and Prometheus is rehearsal.integration.test.ts.
const WORKFLOW = '.github/workflows/canary.yml';

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
    runLocalJob({ workflow: WORKFLOW, job: 'ramp', workspace, inputs: { deploy: `echo "deploy $CANARY_STEP $CANARY_WEIGHT" >> ${log}`, rollback: `echo "rollback $CANARY_WEIGHT" >> ${log}`, ...inputs } });
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
      const job = await runLocalJob({
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

  it('the local runner refuses a step it cannot run rather than pass over it', async () => {
    await expect(runLocalJob({ workflow: '.github/workflows/gates.yml', job: 'security', workspace, inputs: { 'audit-level': '' } })).rejects.toThrow(
      /step 4 \(Secret scan\): trufflesecurity\/trufflehog@[0-9a-f]{40} cannot run on this machine/,
    );
  });

  it('the six slots are the same steps but for their number', async () => {
    const doc = parse(await readFile(join(REPO_ROOT, WORKFLOW), 'utf8')) as { jobs: { ramp: { steps: Record<string, unknown>[] } } };
    const slots = [1, 2, 3, 4, 5, 6].map((i) =>
      JSON.stringify(doc.jobs.ramp.steps.filter((each) => new RegExp(`step ${i}\\)?$`).test(String(each.name)))).replace(new RegExp(`(?<![0-9v])${i}(?![0-9%])`, 'g'), 'N'),
    );
    expect(JSON.parse(slots[0]!)).toHaveLength(3);
    for (const slot of slots) expect(slot).toBe(slots[0]);
  });
});
