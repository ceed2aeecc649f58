import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFileCommand, runAction, textOutsideMasks, startFakeSlack, startSentryFake, steadySessions, type ActionRun, type SentryFake, type SessionRates } from '@roadstop/testing';

// canary-release with platform: command, the BUILT action (node scripts/build.mjs canary-release): stub commands
// record their calls; the metrics come from the Sentry stand-in (release health per release), the labels from the
// deploy command's $CANARY_LABELS_FILE. Hostile cases end in one clear error or an explicit rollback/inconclusive,
// with the token in no output, summary or file; a cancel rolls back in the main step, a kill in the post step.

const TOKEN = 'sntrys-Secret-7272-relz';
const CANARY = 'a1b2c3d4e5f6';
const STABLE = 'f6e5d4c3b2a1';
type Rates = SessionRates;
const healthy: Rates = { [CANARY]: { perSecond: 5000, errored: 0.002 }, [STABLE]: { perSecond: 5000, errored: 0.002 } };

interface Case {
  name: string;
  inputs?: Record<string, string>;
  rates?: Rates;
  /** The deploy command fails at this step. */
  failAt?: number;
  decision?: 'promote' | 'rollback' | 'inconclusive';
  weight?: string;
  error?: RegExp;
  /** The recorded calls of the stub commands, in order. */
  calls: string[];
  summary?: RegExp;
  /** The report's steps (the `report` output's JSON): weight, watch decision and the verdict of each metric. */
  report?: { decision: string; weight: number; steps: [number, string, string][] };
}

/** The summary's row of one step: its weight, the labels, the watch's decision and each metric's reason. */
const row = (step: number, weight: number, decision: string, verdict: string) =>
  new RegExp(`\\| ${step} \\| ${weight}% \\| ${CANARY} vs ${STABLE} \\| ${decision} \\| [^|\\n]* — session-error-rate: ${verdict}: [^|\\n]+ \\|`);

const CASES: Case[] = [
  {
    name: 'a healthy canary ramps 10 → 25 → 50 → 100 and is promoted',
    decision: 'promote',
    weight: '100',
    calls: ['deploy 10 1', 'deploy 25 2', 'deploy 50 3', 'deploy 100 4', 'promote'],
    summary: /\| 4 \| 100% \| a1b2c3d4e5f6 vs f6e5d4c3b2a1 \| promote \|/,
    report: { decision: 'promote', weight: 100, steps: [[10, 'promote', 'pass'], [25, 'promote', 'pass'], [50, 'promote', 'pass'], [100, 'promote', 'pass']] },
  },
  {
    name: 'a broken canary (one session in five errors) is rolled back at its first step',
    rates: { ...healthy, [CANARY]: { perSecond: 5000, errored: 0.2 } },
    decision: 'rollback',
    weight: '0',
    error: /rollback: step 1 \(10%\): session-error-rate failed 1 look in a row/,
    calls: ['deploy 10 1', 'rollback'],
    summary: /\| 1 \| 10% \| a1b2c3d4e5f6 vs f6e5d4c3b2a1 \| rollback \| .*session-error-rate: fail/,
    report: { decision: 'rollback', weight: 0, steps: [[10, 'rollback', 'fail']] },
  },
  {
    name: 'a canary without sessions: inconclusive, rolled back (on-inconclusive: rollback)',
    rates: { [STABLE]: healthy[STABLE]! },
    decision: 'inconclusive',
    weight: '0',
    error: /inconclusive: step 1 \(10%\) was inconclusive: .*no data over the whole watch from metric 'session-error-rate'/,
    calls: ['deploy 10 1', 'rollback'],
  },
  { name: 'steps that fall are refused before anything runs', inputs: { steps: '10,50,25,100' }, error: /input 'steps': the steps must rise: 25 comes after 50/, calls: [] },
  { name: 'steps not ending at 100 are refused', inputs: { steps: '10,50' }, error: /input 'steps': the last step is 50, not 100/, calls: [] },
  { name: 'a step that is not a percentage is refused', inputs: { steps: '10,abc,100' }, error: /input 'steps': 'abc' is not a whole percentage/, calls: [] },
  { name: 'no rollback command is refused before anything runs', inputs: { rollback: '' }, error: /input 'rollback': platform command needs rollback/, calls: [] },
  { name: 'a failed traffic move rolls back and names the command', failAt: 2, decision: 'rollback', weight: '0', error: /step 2 \(25%\): the traffic move failed: the deploy command \(input 'deploy'\) exited with 3; rolled back: all traffic on stable/, calls: ['deploy 10 1', 'deploy 25 2', 'rollback'] },
  { name: 'a wrong Sentry token: one error naming it, the first step rolled back, inconclusive', inputs: { 'sentry-token': `${TOKEN}-wrong` }, decision: 'inconclusive', weight: '0', error: /step 1: the watch could not start: .*Sentry refused the token \(sentry-token\): HTTP 401.*; rolled back: all traffic on stable/, calls: ['deploy 10 1', 'rollback'] },
];

describe('canary-release with platform command (the built action)', () => {
  let folder: string;
  let fake: SentryFake;
  let rates: Rates = healthy;
  const began = Date.now() - 3_600_000;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'roadstop-canary-release-'));
    fake = await startSentryFake({ token: TOKEN });
    fake.releases = new Set([CANARY, STABLE]);
    fake.traffic = steadySessions(() => rates, began);
  });
  afterAll(async () => {
    await fake?.close();
    await rm(folder, { recursive: true, force: true });
  });

  /** Stub commands that append their calls to a file; deploy writes the labels and the action's pid. */
  const commands = (dir: string, failAt?: number) => ({
    deploy: `echo "deploy $CANARY_WEIGHT $CANARY_STEP" >> ${dir}/calls; echo $PPID > ${dir}/pid; ${failAt ? `[ "$CANARY_STEP" != ${failAt} ] || exit 3; ` : ''}printf 'canary=${CANARY}\\nbaseline=${STABLE}\\n' > "$CANARY_LABELS_FILE"`,
    rollback: `echo rollback >> ${dir}/calls`,
    promote: `echo promote >> ${dir}/calls`,
  });
  const baseInputs = (dir: string, failAt?: number): Record<string, string> => ({
    ...commands(dir, failAt),
    steps: '10,25,50,100',
    provider: 'sentry',
    'sentry-url': fake.url,
    'sentry-org': 'acme',
    'sentry-project': 'webapp',
    'sentry-token': TOKEN,
    interval: '1s',
    duration: '2s',
  });
  const calls = (dir: string) => (existsSync(join(dir, 'calls')) ? readFileSync(join(dir, 'calls'), 'utf8').split('\n').filter((line) => line !== '') : []);
  const noSecret = (run: ActionRun, report?: string) => {
    expect(textOutsideMasks(run, report)).not.toContain(TOKEN);
    expect(run.stdout + run.stderr, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(run.stdout + run.stderr, 'not a bug').not.toContain('internal error');
  };

  it.each(CASES)('$name', async (hostile) => {
    rates = hostile.rates ?? healthy;
    const dir = await mkdtemp(join(folder, 'case-'));
    const inputs = { ...baseInputs(dir, hostile.failAt), ...hostile.inputs };
    for (const [name, value] of Object.entries(inputs)) if (value === '') delete inputs[name];
    const run = await runAction({ action: 'canary-release', workspace: dir, inputs, timeoutMs: 60_000 });
    const log = run.stdout + run.stderr;
    if (hostile.decision) {
      expect(run.outputs.decision, log).toBe(hostile.decision);
      expect(run.outputs.weight).toBe(hostile.weight);
    } else {
      expect(run.outputs.decision).toBeUndefined();
    }
    expect(run.exitCode, log).toBe(hostile.decision === 'promote' ? 0 : 1);
    if (hostile.error) {
      const errors = run.annotations.filter((annotation) => annotation.level === 'error');
      expect(errors, log).toHaveLength(1);
      expect(errors[0]!.message).toMatch(hostile.error);
    }
    expect(calls(dir), log).toEqual(hostile.calls);
    if (hostile.summary) expect(run.summary).toMatch(hostile.summary);
    if (hostile.report) {
      // A row per step in the job summary, each with its watch's reasons; the steps not reached said so.
      hostile.report.steps.forEach(([weight, decision, verdict], index) => expect(run.summary).toMatch(row(index + 1, weight, decision, verdict)));
      for (const [index, weight] of [10, 25, 50, 100].entries()) if (index >= hostile.report.steps.length) expect(run.summary).toContain(`| ${index + 1} | ${weight}% | – | – | not reached |`);
      const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as { decision: string; weight: number; steps: { weight: number; decision: string; reasons: { name: string; verdict: string; reason: string }[] }[] };
      expect([report.decision, report.weight]).toEqual([hostile.report.decision, hostile.report.weight]);
      expect(report.steps.map((one) => [one.weight, one.decision, one.reasons.map((reason) => `${reason.name}: ${reason.verdict}`).join('; ')])).toEqual(hostile.report.steps.map(([weight, decision, verdict]) => [weight, decision, `session-error-rate: ${verdict}`]));
      for (const one of report.steps) expect(one.reasons[0]!.reason).not.toBe('');
    }
    expect(run.masked).toContain(inputs['sentry-token']);
    noSecret(run, run.outputs.report);
  });

  /** Run the action in the background, and signal it once it is watching its second step. */
  const runAndSignal = async (dir: string, signal: NodeJS.Signals, state: string) => {
    const pending = runAction({ action: 'canary-release', workspace: dir, inputs: baseInputs(dir), env: { GITHUB_STATE: state }, timeoutMs: 60_000 });
    for (let waited = 0; calls(dir).length < 2 && waited < 30_000; waited += 100) await new Promise((done) => setTimeout(done, 100));
    await new Promise((done) => setTimeout(done, 1000));
    process.kill(Number(readFileSync(join(dir, 'pid'), 'utf8').trim()), signal);
    return pending;
  };

  it('a cancel (SIGTERM) mid-watch rolls back in the main step; the post step then has nothing to do', async () => {
    rates = healthy;
    const dir = await mkdtemp(join(folder, 'cancel-'));
    const state = join(dir, 'state');
    await writeFile(state, '');
    const run = await runAndSignal(dir, 'SIGTERM', state);
    expect(run.outputs.decision, run.stdout).toBe('rollback');
    expect(run.outputs.weight).toBe('0');
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message)).toEqual([expect.stringMatching(/the run was cancelled/)]);
    expect(calls(dir)).toEqual(['deploy 10 1', 'deploy 25 2', 'rollback']);
    noSecret(run);
    const saved = parseFileCommand(readFileSync(state, 'utf8'));
    expect(saved).toMatchObject({ isPost: 'true', moved: 'true', finished: 'true' });
    const post = await runAction({ action: 'canary-release', workspace: dir, inputs: baseInputs(dir), env: { STATE_isPost: 'true', STATE_moved: 'true', STATE_finished: 'true' } });
    expect(post.exitCode).toBe(0);
    expect(calls(dir)).toEqual(['deploy 10 1', 'deploy 25 2', 'rollback']);
  });

  it('a run killed mid-watch (the job’s timeout) is rolled back by the post step', async () => {
    rates = healthy;
    const dir = await mkdtemp(join(folder, 'kill-'));
    const state = join(dir, 'state');
    await writeFile(state, '');
    const run = await runAndSignal(dir, 'SIGKILL', state);
    expect(run.outputs.decision).toBeUndefined();
    expect(calls(dir)).toEqual(['deploy 10 1', 'deploy 25 2']);
    const saved = parseFileCommand(readFileSync(state, 'utf8'));
    expect(saved).toEqual({ isPost: 'true', moved: 'true' });
    const post = await runAction({ action: 'canary-release', workspace: dir, inputs: baseInputs(dir), env: { STATE_isPost: 'true', STATE_moved: 'true' } });
    expect(post.exitCode, post.stdout).toBe(0);
    expect(post.stdout).toMatch(/the release did not finish .*: rolling back/);
    expect(calls(dir)).toEqual(['deploy 10 1', 'deploy 25 2', 'rollback']);
    noSecret(post);
  });

  it('the Slack lifecycle over a whole healthy ramp (bot token): the one message updated at each of the 4 steps and at the end, a threaded verdict per step', async () => {
    rates = healthy;
    const slack = await startFakeSlack();
    try {
      slack.addChannel('releases');
      const dir = await mkdtemp(join(folder, 'slack-ramp-'));
      const run = await runAction({ action: 'canary-release', workspace: dir, inputs: { ...baseInputs(dir), 'slack-token': slack.token, 'slack-channel': 'releases', 'slack-api-url': slack.apiUrl, title: 'webapp' }, timeoutMs: 60_000 });
      expect(run.outputs.decision, run.stdout).toBe('promote');
      const parents = slack.parents('releases');
      expect(parents).toHaveLength(1);
      // started, a progress per step, succeeded.
      expect(parents[0]!.revisions.length).toBe(6);
      const replies = slack.replies(parents[0]!.ts).map((reply) => slack.render(reply).text).join('\n');
      for (const [index, weight] of [10, 25, 50, 100].entries()) expect(replies).toMatch(new RegExp(`step ${index + 1} at ${weight}%: promote: [^\\n]+\\n?[^]*session-error-rate: pass`));
      expect(slack.render(parents[0]!.revisions.at(-1)!).text).toMatch(/promote/);
      noSecret(run);
      expect(textOutsideMasks(run)).not.toContain(slack.token);
    } finally {
      await slack.close();
    }
  });

  it('the Slack lifecycle with a bot token: one message updated per step, each verdict threaded; a webhook gets one message per event', async () => {
    rates = { ...healthy, [CANARY]: { perSecond: 5000, errored: 0.2 } };
    const slack = await startFakeSlack();
    try {
      slack.addChannel('releases');
      const dir = await mkdtemp(join(folder, 'slack-'));
      const run = await runAction({ action: 'canary-release', workspace: dir, inputs: { ...baseInputs(dir), 'slack-token': slack.token, 'slack-channel': 'releases', 'slack-api-url': slack.apiUrl, title: 'webapp' }, timeoutMs: 60_000 });
      expect(run.outputs.decision, run.stdout).toBe('rollback');
      const parents = slack.parents('releases');
      expect(parents).toHaveLength(1);
      // started, then the step's progress, then rolled-back: the parent updated twice, each a reply in its thread.
      expect(parents[0]!.revisions.length).toBe(3);
      const replies = slack.replies(parents[0]!.ts).map((reply) => slack.render(reply).text);
      expect(replies.join('\n')).toMatch(/step 1 at 10%: rollback: session-error-rate failed/);
      expect(run.masked).toContain(slack.token);
      noSecret(run);
      expect(textOutsideMasks(run)).not.toContain(slack.token);

      const hook = slack.addWebhook('releases');
      const dir2 = await mkdtemp(join(folder, 'slack-hook-'));
      await runAction({ action: 'canary-release', workspace: dir2, inputs: { ...baseInputs(dir2), 'slack-webhook-url': hook }, timeoutMs: 60_000 });
      // started, progress of step 1, rolled-back: three messages of their own.
      expect(slack.parents('releases')).toHaveLength(4);
    } finally {
      await slack.close();
    }
  });
});
