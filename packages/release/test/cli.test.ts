import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentryFake, steadySessions, type SentryFake } from '@roadstop/testing';
import { main, type Io } from '../../cli/src/index.js';

// `roadstop canary-release` runs the action's ramp from the same package: stub commands record their calls,
// the Sentry stand-in answers the watch.

const TOKEN = 'sntrys-Secret-8383-clix';

function captureIo(cwd: string): Io & { out: string; err: string } {
  const io = { cwd, env: {}, color: false, out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

describe('roadstop canary-release', () => {
  let fake: SentryFake;
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'roadstop-release-cli-'));
    fake = await startSentryFake({ token: TOKEN });
    fake.releases = new Set(['canary-sha', 'stable-sha']);
    fake.traffic = steadySessions(() => ({ 'canary-sha': { perSecond: 5000, errored: 0.002 }, 'stable-sha': { perSecond: 5000, errored: 0.002 } }), Date.now() - 3_600_000);
  });
  afterAll(() => fake?.close());

  const args = (dir: string) => [
    '--steps=50,100',
    `--deploy=echo "deploy $CANARY_WEIGHT" >> ${dir}/calls`,
    `--rollback=echo rollback >> ${dir}/calls`,
    `--promote=echo promote >> ${dir}/calls`,
    '--provider=sentry',
    `--sentry-url=${fake.url}`,
    '--sentry-org=acme',
    '--sentry-project=webapp',
    `--sentry-token=${TOKEN}`,
    '--canary-label=canary-sha',
    '--baseline-label=stable-sha',
    '--interval=1s',
    '--duration=1s',
  ];

  it('ramps and promotes, exit 0, the token never printed', async () => {
    const dir = await mkdtemp(join(folder, 'ok-'));
    const io = captureIo(dir);
    expect(await main(['canary-release', ...args(dir)], io), io.err).toBe(0);
    expect(readFileSync(join(dir, 'calls'), 'utf8')).toBe('deploy 50\ndeploy 100\npromote\n');
    expect(io.out).toMatch(/canary-release: promote/);
    expect(io.out + io.err).not.toContain(TOKEN);
  });

  it('bad steps: exit 2 naming the input, nothing run', async () => {
    const dir = await mkdtemp(join(folder, 'bad-'));
    const io = captureIo(dir);
    expect(await main(['canary-release', ...args(dir), '--steps=50,20'], io)).toBe(2);
    expect(io.err).toMatch(/input 'steps': the steps must rise: 20 comes after 50/);
  });

  it('a timeout that cannot hold the watches: exit 2 naming the minimum, nothing run', async () => {
    const dir = await mkdtemp(join(folder, 'timeout-'));
    const io = captureIo(dir);
    expect(await main(['canary-release', ...args(dir), '--timeout-minutes=10'], io)).toBe(2);
    expect(io.err).toMatch(/input 'timeout-minutes': 10 is shorter than 2 steps × 1s of watching \+ 10 minutes for the moves.*set it to 11 or more/s);
    expect(existsSync(join(dir, 'calls'))).toBe(false);
  });

  it('--help', async () => {
    const io = captureIo(folder);
    expect(await main(['canary-release', '--help'], io)).toBe(0);
    expect(io.out).toMatch(/Usage: roadstop canary-release/);
  });
});
