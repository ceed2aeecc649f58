import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ActionStep } from '@roadstop/action';
import { loadConfig, secretInputValues } from '@roadstop/core';
import { configSections } from '@roadstop/gates';
import { secretsOf } from '@roadstop/canary/options';
import { RELEASE_INPUT_DEFINITIONS, RELEASE_INPUT_NAMES, RELEASE_SLACK_SECRET_INPUTS, resolveReleaseOptions, WATCH_INPUT_NAMES, type ReleaseOptions, type ReleaseRawInputs } from './options.js';

/** Read every input once, mask the secrets first, and check them all: nothing moves before this returns. */
export function readReleaseInputs(step: ActionStep): { options: ReleaseOptions; secrets: string[]; scratch: string } {
  const names = [...RELEASE_INPUT_NAMES, ...WATCH_INPUT_NAMES, ...RELEASE_SLACK_SECRET_INPUTS];
  const raw: ReleaseRawInputs = Object.fromEntries(names.flatMap((name) => (step.input(name) !== '' ? [[name, step.input(name)]] : [])));
  // Every secret input, the Slack token and webhook URLs among them, as RELEASE_INPUT_DEFINITIONS declares it.
  const secrets = secretInputValues(RELEASE_INPUT_DEFINITIONS, raw);
  for (const secret of secrets) step.secret(secret);
  const workspace = resolve(process.env.GITHUB_WORKSPACE || process.cwd());
  const config = loadConfig(step.input('config') || undefined, { workspace, input: 'config', sections: configSections() });
  const options = resolveReleaseOptions(config.section('canary-watch'), raw, workspace);
  // Secrets the config file gave (canary-watch's http-headers there) are masked too, before the ramp uses them.
  const fromConfig = secretsOf(options.watch).filter((value) => value !== '' && !secrets.includes(value));
  for (const secret of fromConfig) step.secret(secret);
  secrets.push(...fromConfig);
  const scratch = join(process.env.RUNNER_TEMP || tmpdir(), 'roadstop', 'canary-release');
  mkdirSync(scratch, { recursive: true });
  return { options, secrets, scratch };
}
