import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack, type FakeSlackChannel } from '../src/slack-fake.js';
import { startTrafficSplit, trafficSplitAvailable, type TrafficSplit } from '../src/traffic-split.js';
import { runLocalJob, type LocalJob, type LocalStep } from '../src/workflows/local-job.js';
import { cleanUpPublished, roadstopRelease } from '../src/workflows/publish.js';

// The release pipeline, rehearsed end to end on this machine: canary.yml's ramp job (a wrapper over the built
// canary-release), run step by step by the local runner (GitHub's expression library for if: and ${{ }}, bash for
// run:, the built actions for uses:), against a real
// traffic split: nginx with weighted upstreams between a stable and a canary build of examples/webapp, both scraped
// by a real Prometheus, under load; Slack is the stateful fake on loopback. canary.yml makes no GitHub API call of
// its own (the environment's approval and deployment are GitHub's), so no GitHub server takes part.
const METRICS = `canary-watch:
  metrics:
    - name: error-rate
      type: error-rate
      errors: sum(increase(http_requests_total{version="{{target}}",code=~"5.."}[{{interval}}]))
      requests: sum(increase(http_requests_total{version="{{target}}"}[{{interval}}]))
      alert: 2%
      rollback: 5%
    - name: p95-latency
      type: latency
      query: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{version="{{target}}"}[{{interval}}])))
      unit: seconds
      rollback: 250ms
`;

function progress(step: LocalStep): void {
  process.stdout.write(`  rehearsal · ${step.name}: ${step.outcome} (${step.seconds.toFixed(1)} s)\n`);
}

describe.skipIf(!trafficSplitAvailable())('the release pipeline, rehearsed', () => {
  let slack: FakeSlack;
  let channel: FakeSlackChannel;
  let workspace: string;
  let repositories: Record<string, string>;

  beforeAll(async () => {
    // canary.yml as a caller pins it: a release of roadstop made by scripts/release.mjs, read from its bare repository.
    repositories = (await roadstopRelease()).repositories;
    slack = await startFakeSlack();
    channel = slack.addChannel('releases', { member: true });
    workspace = await mkdtemp(join(tmpdir(), 'roadstop-rehearsal-'));
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/roadstop.yml'), METRICS);
  }, 120_000);
  afterAll(async () => {
    await cleanUpPublished();
    await slack?.close();
    await rm(workspace, { recursive: true, force: true });
  });

  const release = (split: TrafficSplit): Promise<LocalJob> =>
    runLocalJob({
      workflow: 'acme/roadstop/.github/workflows/canary.yml@v1.0.0',
      repositories,
      job: 'ramp',
      workspace,
      inputs: {
        deploy: `"${split.deployScript}" "$CANARY_WEIGHT"`,
        promote: 'echo "promoted" > promoted.txt',
        'prometheus-url': split.prometheusUrl,
        'baseline-label': 'stable',
        interval: '2s',
        duration: '10s',
        version: 'v1.4.2',
        'slack-channel': channel.id,
        'slack-api-url': slack.apiUrl,
      },
      secrets: { 'slack-bot-token': slack.token },
      onStep: (each) => {
        progress(each);
        if (process.env.REHEARSAL_DEBUG && each.name === 'Canary release') process.stdout.write(each.stdout);
      },
    });
  const step = (job: LocalJob, name: string): LocalStep => job.steps.find((each) => each.name === name)!;

  it('a healthy build: ramped 10 → 25 → 50 → 100 with a watch at each step, promoted, one Slack message told it all', async () => {
    const split = await startTrafficSplit({ requestsPerSecond: 800 });
    try {
      const job = await release(split);
      const ramp = step(job, 'Canary release');
      expect(job.result, ramp.stdout).toBe('success');
      expect(job.outputs).toEqual({ decision: 'promote', weight: '100' });
      expect(ramp.stdout.split('\n').filter((line) => /^canary-release: step \d: deploy at/.test(line))).toEqual([
        'canary-release: step 1: deploy at 10%',
        'canary-release: step 2: deploy at 25%',
        'canary-release: step 3: deploy at 50%',
        'canary-release: step 4: deploy at 100%',
      ]);
      expect(job.summary).toMatch(/\| 4 \| 100% \| canary vs stable \| promote \|/);
      expect(await split.weight()).toBe(100);
      expect(ramp.stdout).not.toMatch(/rollback/);
      expect(existsSync(join(workspace, 'promoted.txt'))).toBe(true);

      const parents = slack.parents(channel.id);
      expect(parents).toHaveLength(1);
      const story = parents[0]!.revisions.map((revision) => slack.render(revision).text);
      // Posted once, then updated at each step and at the end; each watch's reasons in the thread.
      expect(story).toHaveLength(6);
      expect(story[0]).toContain('canary release: 10 → 25 → 50 → 100%');
      ['step 1/4 · 10% of traffic', 'step 2/4 · 25% of traffic', 'step 3/4 · 50% of traffic', 'step 4/4 · 100% of traffic'].forEach((line, i) => expect(story[i + 1]).toContain(line));
      expect(story[5]).toMatch(/^✅ webapp deployed to production/);
      const replies = slack.replies(parents[0]!.ts).map((reply) => slack.render(reply).text);
      expect(replies).toHaveLength(5);
      expect(replies[0]).toMatch(/error-rate: pass: .*\n\s*p95-latency: pass/);
    } finally {
      await split.close();
    }
  }, 180_000);

  it('a broken build: rolled back at its first step, the traffic back on stable, Slack told', async () => {
    const split = await startTrafficSplit({ requestsPerSecond: 800, canaryBehaviour: { errorRate: 0.2, latencyMs: 0 } });
    try {
      const job = await release(split);
      const ramp = step(job, 'Canary release');
      expect(job.outputs, ramp.stdout).toEqual({ decision: 'rollback', weight: '0' });
      expect(ramp.stdout).not.toMatch(/step 2: deploy/);
      expect(ramp.stdout).toMatch(/canary-release: rolled back: all traffic on stable/);
      expect(job.result).toBe('failure');
      expect(await split.weight()).toBe(0);
      const parents = slack.parents(channel.id);
      const story = parents.at(-1)!.revisions.map((revision) => slack.render(revision).text);
      expect(story.at(-1)).toMatch(/rolled back/i);
    } finally {
      await split.close();
    }
  }, 180_000);
});
