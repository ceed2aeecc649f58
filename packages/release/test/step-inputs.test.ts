import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionStep } from '@roadstop/action';
import { ConfigurationError } from '@roadstop/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RELEASE_INPUT_DEFINITIONS } from '../src/options.js';
import { readReleaseInputs } from '../src/step-inputs.js';

const SLACK_TOKEN = 'xoxb-1234-5678-abcdefghijkl';
const WEBHOOKS = ['https://hooks.slack.com/services/T000/B000/aaaaaaaaaaaa', 'https://hooks.slack.com/services/T000/B000/bbbbbbbbbbbb'];

/** A step whose inputs are `inputs`; every call to secret() and input() recorded in order. */
function fakeStep(inputs: Record<string, string>): { step: ActionStep; calls: string[] } {
  const calls: string[] = [];
  const step = {
    input: (name: string) => {
      calls.push(`input:${name}`);
      return inputs[name] ?? '';
    },
    secret: (value: string) => void calls.push(`secret:${value}`),
  } as unknown as ActionStep;
  return { step, calls };
}

describe('readReleaseInputs: the Slack secrets are declared once and masked before first use', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'roadstop-step-inputs-'));
  const previous = { GITHUB_WORKSPACE: process.env.GITHUB_WORKSPACE, RUNNER_TEMP: process.env.RUNNER_TEMP };
  // Set before each test and put back after it (an unset variable deleted, not set to the string 'undefined').
  beforeEach(() => {
    process.env.GITHUB_WORKSPACE = workspace;
    process.env.RUNNER_TEMP = workspace;
  });
  afterEach(() => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const inputs = {
    deploy: 'true',
    rollback: 'true',
    'canary-label': 'v2',
    'baseline-label': 'v1',
    provider: 'sentry',
    'sentry-org': 'acme',
    'sentry-project': 'webapp',
    'sentry-token': 'sntrys-test-token',
    'slack-token': SLACK_TOKEN,
    'slack-webhook-url': `${WEBHOOKS[0]}\n${WEBHOOKS[1]}`,
  };

  it('declares both as secret inputs, the one place masking comes from', () => {
    expect(RELEASE_INPUT_DEFINITIONS['slack-token']?.secret).toBe(true);
    expect(RELEASE_INPUT_DEFINITIONS['slack-webhook-url']?.secretParts?.(`${WEBHOOKS[0]}, ${WEBHOOKS[1]}`)).toEqual(WEBHOOKS);
  });

  it('masks the token and each webhook URL, and returns them among the secrets', () => {
    const { step, calls } = fakeStep(inputs);
    const { secrets } = readReleaseInputs(step);
    expect(secrets).toEqual(expect.arrayContaining([SLACK_TOKEN, ...WEBHOOKS]));
    for (const secret of [SLACK_TOKEN, ...WEBHOOKS]) expect(calls).toContain(`secret:${secret}`);
  });

  it('masks them before the config file is read, so even a broken config cannot print them unmasked', () => {
    writeFileSync(join(workspace, 'broken.yml'), 'canary-watch: [');
    const { step, calls } = fakeStep({ ...inputs, config: 'broken.yml' });
    expect(() => readReleaseInputs(step)).toThrow(ConfigurationError);
    const configRead = calls.indexOf('input:config');
    expect(configRead).toBeGreaterThan(-1);
    for (const secret of [SLACK_TOKEN, ...WEBHOOKS]) {
      const masked = calls.indexOf(`secret:${secret}`);
      expect(masked).toBeGreaterThan(-1);
      expect(masked).toBeLessThan(configRead);
    }
  });
});
