import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, EnvironmentError, parseConfig } from '@roadstop/core';
import type { Provider } from '@roadstop/canary';
import { describe, expect, it } from 'vitest';
import { commandPlatform, parseLabelsFile, parseSteps, PlatformError, PlatformUnavailableError, resolveReleaseOptions, runRamp, type Labels, type PlatformAdapter, type ReleaseRawInputs } from '../src/index.js';

describe('parseSteps', () => {
  it.each([
    ['10,25,50,100', [10, 25, 50, 100]],
    ['5% 100%', [5, 100]],
    ['100', [100]],
  ])('%s', (text, steps) => expect(parseSteps(text)).toEqual(steps));
  it.each([
    ['', /no steps/],
    ['10,10,100', /must rise: 10 comes after 10/],
    ['0,100', /'0' is not a whole percentage/],
    ['10,150', /'150' is not a whole percentage/],
    ['10.5,100', /'10.5' is not a whole percentage/],
    ['10,50', /the last step is 50, not 100/],
    [Array.from({ length: 21 }, (_, i) => i + 80).join(','), /21 steps: at most 20/],
  ])('refuses %j', (text, error) => expect(() => parseSteps(text)).toThrow(error));
});

describe('parseLabelsFile', () => {
  it('reads canary= and baseline= lines, ignoring others', () => expect(parseLabelsFile('# hi\ncanary = abc123 \nbaseline=def456\nother=x\n')).toEqual({ canary: 'abc123', baseline: 'def456' }));
  it('refuses an empty or unprintable label', () => {
    expect(() => parseLabelsFile('canary=\n')).toThrow(PlatformError);
    expect(() => parseLabelsFile('canary=a\u0007b\n')).toThrow(PlatformError);
  });
});

const METRICS = `- name: errors
  type: error-rate
  errors: e{v="{{target}}"}
  requests: r{v="{{target}}"}
  rollback: 5%
`;
const options = (inputs: ReleaseRawInputs = {}) =>
  resolveReleaseOptions(parseConfig('', '.github/roadstop.yml').section('canary-watch'), { deploy: 'true', rollback: 'true', 'prometheus-url': 'http://127.0.0.1:9', metrics: METRICS, interval: '1s', duration: '2s', steps: '10,50,100', ...inputs }, tmpdir());

/** A platform that records its calls; `labels` per step; `failAt` a step whose move throws. */
function recorder(labels: Labels = { canary: 'c1', baseline: 's1' }, failAt?: number, failure: Error = new PlatformError('boom')) {
  const calls: string[] = [];
  const platform: PlatformAdapter = {
    prepare: () => Promise.resolve(),
    move: (weight, step) => {
      calls.push(`move ${weight} ${step}`);
      return step === failAt ? Promise.reject(failure) : Promise.resolve(labels);
    },
    rollback: () => {
      calls.push('rollback');
      return Promise.resolve();
    },
    promote: () => {
      calls.push('promote');
      return Promise.resolve();
    },
  };
  return { calls, platform };
}

/** A provider answering per label: `errors` per 1000 requests each interval. */
const provider = (errorsOf: (label: string) => number, seen: string[] = []): Provider => ({
  range: (query, window) => {
    seen.push(query);
    const label = /v="([^"]*)"/.exec(query)![1]!;
    const value = query.startsWith('e') ? errorsOf(label) : 1000;
    const points: [number, number][] = [];
    for (let t = window.start; t <= window.end; t += window.stepSeconds) points.push([t, value]);
    return Promise.resolve([{ labels: label, points }]);
  },
});

function deps(platform: PlatformAdapter, source: Provider) {
  let clock = 1_000_000;
  return {
    platform,
    log: () => undefined,
    now: () => clock,
    sleep: (ms: number) => {
      clock += ms;
      return Promise.resolve();
    },
    secrets: [],
    provider: () => Promise.resolve(source),
  };
}

describe('timeout-minutes', () => {
  it.each([
    [{ steps: '10,25,50,100', duration: '30m', 'timeout-minutes': '120' }, "input 'timeout-minutes': 120 is shorter than 4 steps × 30m of watching + 10 minutes for the moves"],
    [{ steps: '10,100', duration: '90s', 'timeout-minutes': '12' }, 'shorter than 2 steps × 90s of watching + 10 minutes for the moves'],
    [{ 'timeout-minutes': 'two hours' }, "input 'timeout-minutes': 'two hours' is not a whole number of minutes"],
    [{ 'timeout-minutes': '0' }, "'0' is not a whole number of minutes"],
  ])('refuses a timeout that cannot hold the watches (%j)', (inputs, message) => {
    let error: unknown;
    try {
      options(inputs);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).describe()).toContain(message);
    expect((error as ConfigurationError).hint ?? '').toMatch(/^(set it to \d+ or more, or shorten duration|e\.g\. 120)$/);
  });
  it('says the timeout it needs, and takes one that holds the watches (the config’s duration counted)', () => {
    expect(() => options({ steps: '10,25,50,100', duration: '30m', 'timeout-minutes': '129' })).toThrow(expect.objectContaining({ hint: 'set it to 130 or more, or shorten duration' }));
    expect(options({ steps: '10,25,50,100', duration: '30m', 'timeout-minutes': '130' }).steps).toEqual([10, 25, 50, 100]);
    expect(options({ steps: '10,100', duration: '90s', 'timeout-minutes': '13' }).steps).toEqual([10, 100]);
    expect(() => options()).not.toThrow();
  });
});

describe('working-directory', () => {
  it('runs the commands in a folder of the workspace, refusing one outside it or missing', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'roadstop-workspace-'));
    mkdirSync(join(workspace, 'apps/web'), { recursive: true });
    const resolveIn = (dir?: string) => resolveReleaseOptions(parseConfig('', '.github/roadstop.yml').section('canary-watch'), { deploy: 'true', rollback: 'true', 'prometheus-url': 'http://127.0.0.1:9', metrics: METRICS, ...(dir === undefined ? {} : { 'working-directory': dir }) }, workspace).platform;
    expect(resolveIn()).toMatchObject({ cwd: workspace });
    expect(resolveIn('apps/web/')).toMatchObject({ cwd: join(workspace, 'apps/web') });
    expect(() => resolveIn('../elsewhere')).toThrow(/is not a folder inside the workspace/);
    expect(() => resolveIn('/etc')).toThrow(/is not a folder inside the workspace/);
    expect(() => resolveIn('apps/api')).toThrow(/is not a folder of the workspace/);
  });
});

describe('commandPlatform', () => {
  it('runs the deploy with CANARY_WEIGHT and CANARY_STEP, the rollback at CANARY_WEIGHT=0 (once), the promote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roadstop-command-platform-'));
    const log = join(dir, 'calls');
    const record = `echo "$CANARY_STEP $CANARY_WEIGHT $(basename "$PWD")" >> ${log}`;
    const platform = commandPlatform({ kind: 'command', deploy: record, rollback: record, promote: `echo promote >> ${log}`, timeoutMs: 10_000, cwd: dir }, { scratch: dir, log: () => undefined });
    await platform.move(10, 1);
    await platform.rollback();
    await platform.rollback();
    await platform.promote();
    const here = dir.split('/').pop()!;
    expect(readFileSync(log, 'utf8')).toBe(`1 10 ${here}\nrollback 0 ${here}\npromote\n`);
  });
});

describe('runRamp', () => {
  it('moves through every step, watching the platform’s labels, then promotes', async () => {
    const { calls, platform } = recorder();
    const seen: string[] = [];
    const outcome = await runRamp(options(), deps(platform, provider(() => 1, seen)));
    expect(outcome.decision).toBe('promote');
    expect(outcome.weight).toBe(100);
    expect(calls).toEqual(['move 10 1', 'move 50 2', 'move 100 3', 'promote']);
    expect(seen).toContain('e{v="c1"}');
    expect(seen).toContain('r{v="s1"}');
    expect(outcome.steps.map((step) => step.decision)).toEqual(['promote', 'promote', 'promote']);
  });

  it('explicit labels win over the platform’s', async () => {
    const { platform } = recorder();
    const seen: string[] = [];
    await runRamp(options({ 'canary-label': 'mine', 'baseline-label': 'theirs' }), deps(platform, provider(() => 1, seen)));
    expect(seen.some((query) => query.includes('c1') || query.includes('s1'))).toBe(false);
    expect(seen).toContain('e{v="mine"}');
  });

  it('a failing canary rolls back at its first step and stops', async () => {
    const { calls, platform } = recorder();
    const outcome = await runRamp(options(), deps(platform, provider((label) => (label === 'c1' ? 200 : 1))));
    expect(outcome).toMatchObject({ decision: 'rollback', weight: 0, rolledBack: true });
    expect(calls).toEqual(['move 10 1', 'rollback']);
  });

  it('inconclusive rolls back, unless on-inconclusive: continue', async () => {
    const silent: Provider = { range: (query) => Promise.resolve(query.includes('c1') ? [] : [{ labels: '', points: [] }]) };
    const first = recorder();
    expect((await runRamp(options(), deps(first.platform, silent))).decision).toBe('inconclusive');
    expect(first.calls).toEqual(['move 10 1', 'rollback']);
    const second = recorder();
    await runRamp(options({ 'on-inconclusive': 'continue' }), deps(second.platform, silent));
    expect(second.calls).toEqual(['move 10 1', 'move 50 2', 'move 100 3', 'promote']);
  });

  it('a cancel that ends the provider’s request ends the watch as a cancel: rolled back, not the provider errors’ decision', async () => {
    const { calls, platform } = recorder();
    const cancel = new AbortController();
    let opened: AbortSignal | undefined;
    // The provider's request is what the cancel stops (as getJson does): a provider error, and then the watch would go on to decide.
    const stopped: Provider = {
      range: () => {
        cancel.abort();
        return Promise.reject(new Error('the request to Prometheus (prometheus-url) was stopped: the run was cancelled'));
      },
    };
    const outcome = await runRamp(options({ 'max-consecutive-errors': '1', 'on-inconclusive': 'continue' }), {
      ...deps(platform, stopped),
      provider: (_options, signal) => {
        opened = signal;
        return Promise.resolve(stopped);
      },
      cancelled: cancel.signal,
    });
    expect(opened).toBe(cancel.signal);
    expect(outcome).toMatchObject({ decision: 'rollback', weight: 0, rolledBack: true, reason: 'the run was cancelled during the watch' });
    expect(outcome.error?.message).toBe('the run was cancelled');
    expect(calls).toEqual(['move 10 1', 'rollback']);
  });

  it('a failed move rolls back, with the error kept', async () => {
    const { calls, platform } = recorder(undefined, 2);
    const outcome = await runRamp(options(), deps(platform, provider(() => 1)));
    expect(calls).toEqual(['move 10 1', 'move 50 2', 'rollback']);
    expect(outcome.error).toBeInstanceOf(PlatformError);
    expect(outcome.reason).toMatch(/step 2 \(50%\): the traffic move failed: boom/);
  });

  it('a platform rate limiting past its budget judged nothing: inconclusive (not a rollback decision), the environment error kept, traffic put back', async () => {
    const { calls, platform } = recorder(undefined, 2, new PlatformUnavailableError('Vercel (vercel-api-url) is rate limiting POST /x: HTTP 429, Retry-After 86400 s'));
    const outcome = await runRamp(options(), deps(platform, provider(() => 1)));
    expect(outcome).toMatchObject({ decision: 'inconclusive', rolledBack: true });
    expect(outcome.error).toBeInstanceOf(EnvironmentError);
    expect(outcome.reason).toMatch(/step 2 \(50%\): the traffic move failed: Vercel \(vercel-api-url\) is rate limiting POST \/x: HTTP 429/);
    expect(calls).toEqual(['move 10 1', 'move 50 2', 'rollback']);
  });

  it('a provider refusing a metric after the first move: rolled back, the ConfigurationError kept', async () => {
    const { calls, platform } = recorder();
    const outcome = await runRamp(options(), { ...deps(platform, provider(() => 1)), provider: () => Promise.reject(new ConfigurationError('bad query', { input: 'metrics' })) });
    expect(calls).toEqual(['move 10 1', 'rollback']);
    expect(outcome.error).toBeInstanceOf(ConfigurationError);
  });
});
