import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '@roadstop/core';
import { commandPlatform, resolveReleaseOptions, type ReleaseRawInputs } from '../src/index.js';

// The README's command recipes (README.md, canary-release), run as canary-release runs them: their deploy, rollback and
// promote commands against stub kubectl and aws that record their arguments.

const DOC = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

function recipe(title: string): Record<string, string> {
  const section = DOC.split('### Recipe: ').find((part) => part.startsWith(title))!;
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  // A whole job (the Vercel recipe) or the steps of one (the command recipes, indented as in a job).
  const whole = yaml.startsWith('jobs:') ? (parse(yaml) as { jobs: Record<string, { steps: unknown[] }> }) : undefined;
  const steps = (whole ? Object.values(whole.jobs)[0]!.steps : parse(yaml.replace(/^ {6}/gm, ''))) as { uses?: string; with: Record<string, string> }[];
  return steps.find((step) => step.uses?.includes('canary-release'))!.with;
}

const TITLES = ['Vercel + Sentry', 'Kubernetes ingress-nginx', 'AWS ALB'];
const ACTION = parse(readFileSync(new URL('../../../actions/canary-release/action.yml', import.meta.url), 'utf8')) as { inputs: Record<string, unknown> };

/** A recipe's `${{ … }}` expressions as the runner would fill them in. */
const EXPRESSIONS: Record<string, string> = {
  'secrets.VERCEL_TOKEN': 'vercel-token-value',
  'secrets.SENTRY_TOKEN': 'sntrys-token-value',
  'vars.VERCEL_TEAM_ID': 'team_abc123',
  'steps.deploy.outputs.url': 'https://webapp-abc123.vercel.app',
  'github.sha': '0123456789abcdef0123456789abcdef01234567',
  'vars.STABLE_SHA': 'fedcba9876543210fedcba9876543210fedcba98',
};
const filled = (text: string) =>
  text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (whole, name: string) => {
    expect(EXPRESSIONS, `an expression of the recipe: ${whole}`).toHaveProperty([name]);
    return EXPRESSIONS[name]!;
  });

async function stubs(): Promise<{ dir: string; calls: () => string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'roadstop-recipes-'));
  for (const tool of ['kubectl', 'aws']) {
    writeFileSync(join(dir, tool), `#!/bin/bash\nprintf '%s' "${tool}" >> "${dir}/calls"; for a in "$@"; do printf ' [%s]' "$a" >> "${dir}/calls"; done; echo >> "${dir}/calls"\n`);
    chmodSync(join(dir, tool), 0o755);
  }
  return { dir, calls: () => readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n') };
}

describe('README recipes', () => {
  it('every recipe is a caller under 30 lines', () => {
    for (const title of TITLES) {
      const section = DOC.split('### Recipe: ').find((part) => part.startsWith(title))!;
      expect(/```yaml\n([\s\S]*?)```/.exec(section)![1]!.trim().split('\n').length, title).toBeLessThan(30);
    }
  });

  it.each(TITLES)('%s: every input it gives is one of canary-release, and they pass its checks (as the runner fills them in)', (title) => {
    const given = recipe(title);
    for (const name of Object.keys(given)) expect(Object.keys(ACTION.inputs), `${title}: ${name}`).toContain(name);
    const inputs = Object.fromEntries(Object.entries(given).map(([name, value]) => [name, filled(String(value))])) as ReleaseRawInputs;
    // The job's timeout-minutes (the Vercel recipe gives one) holds the watches.
    const job = /timeout-minutes: (\d+)/.exec(DOC.split('### Recipe: ').find((part) => part.startsWith(title))!)?.[1];
    const options = resolveReleaseOptions(parseConfig('', '.github/roadstop.yml').section('canary-watch'), { ...inputs, ...(job ? { 'timeout-minutes': job } : {}) }, tmpdir());
    expect(options.platform.kind).toBe(title === 'Vercel + Sentry' ? 'vercel' : 'command');
    expect(options.steps).toEqual([10, 25, 50, 100]);
  });

  it('ingress-nginx: the canary-weight annotation per step, 0 on rollback', async () => {
    const { dir, calls } = await stubs();
    const inputs = recipe('Kubernetes ingress-nginx');
    const platform = commandPlatform({ kind: 'command', deploy: inputs.deploy!, rollback: inputs.rollback!, timeoutMs: 10_000, cwd: dir }, { scratch: dir, log: () => undefined });
    process.env.PATH = `${dir}:${process.env.PATH}`;
    await platform.move(25, 2);
    await platform.rollback();
    expect(calls()).toEqual([
      'kubectl [-n] [web] [annotate] [ingress] [webapp-canary] [--overwrite] [nginx.ingress.kubernetes.io/canary=true] [nginx.ingress.kubernetes.io/canary-weight=25]',
      'kubectl [-n] [web] [annotate] [ingress] [webapp-canary] [--overwrite] [nginx.ingress.kubernetes.io/canary-weight=0]',
    ]);
  });

  it('AWS ALB: the two target groups weighted 100 - w and w, 100/0 on rollback', async () => {
    const { dir, calls } = await stubs();
    const inputs = recipe('AWS ALB');
    Object.assign(process.env, { LISTENER_ARN: 'arn:listener', STABLE_TG: 'arn:stable', CANARY_TG: 'arn:canary', PATH: `${dir}:${process.env.PATH}` });
    const platform = commandPlatform({ kind: 'command', deploy: inputs.deploy!, rollback: inputs.rollback!, timeoutMs: 10_000, cwd: dir }, { scratch: dir, log: () => undefined });
    await platform.move(10, 1);
    await platform.rollback();
    expect(calls()).toEqual([
      'aws [elbv2] [modify-listener] [--listener-arn] [arn:listener] [--default-actions] [Type=forward,ForwardConfig={TargetGroups=[{TargetGroupArn=arn:stable,Weight=90},{TargetGroupArn=arn:canary,Weight=10}]}]',
      'aws [elbv2] [modify-listener] [--listener-arn] [arn:listener] [--default-actions] [Type=forward,ForwardConfig={TargetGroups=[{TargetGroupArn=arn:stable,Weight=100},{TargetGroupArn=arn:canary,Weight=0}]}]',
    ]);
  });
});
