import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, redactText } from '@roadstop/core';
import { configSections } from '@roadstop/gates';
import { RELEASE_INPUT_NAMES, releaseJson, releaseSecrets, renderReleaseTerminal, resolveReleaseOptions, runRelease, throwRampError, WATCH_INPUT_NAMES, type ReleaseRawInputs } from '@roadstop/release';
import { commandConfigPath, commandWorkspace } from './common.js';
import type { Io } from './io.js';

export const CANARY_RELEASE_SUMMARY = 'the whole canary ramp: move traffic step by step, watch, roll back or promote';

export const CANARY_RELEASE_HELP = `Usage: roadstop canary-release [options]

For each weight of --steps, move the traffic (--deploy with $CANARY_WEIGHT and
$CANARY_STEP), watch the metrics as canary-watch does for --duration every
--interval, and decide: a rollback, an inconclusive watch (unless
--on-inconclusive continue), a failed move or Ctrl-C runs --rollback and stops;
after the last step, --promote.

Options:
  --config FILE              config file (default: .github/roadstop.yml); metrics under canary-watch:
  --platform NAME            command (default)
  --steps LIST               rising weights ending at 100 (default 10,25,50,100)
  --on-inconclusive D        rollback (default) | continue
  --deploy CMD               gives the canary $CANARY_WEIGHT percent; may write canary=/baseline= lines to $CANARY_LABELS_FILE
  --rollback CMD             all traffic back on stable
  --promote CMD              after the last step (optional)
  --command-timeout D        the longest one command may take (default 10m)
  --timeout-minutes N        refuse to start unless N minutes hold steps × duration + 10
  --json                     print the outcome as JSON
  -h, --help                 this help
  and every option of 'roadstop canary-watch' (--provider, --metrics, --interval, --duration, --sentry-*, ...)

Exit codes: 0 promoted; 1 rolled back or inconclusive; 2 a mistake in the options.`;

/** \`roadstop canary-release\`: the action's ramp, from the same package, on a laptop or another CI. */
export async function runReleaseCommand(args: string[], io: Io): Promise<number> {
  const names = [...RELEASE_INPUT_NAMES, ...WATCH_INPUT_NAMES];
  const { values } = parseArgs({
    args,
    strict: true,
    options: { config: { type: 'string' }, cwd: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])) },
  });
  if (values.help) {
    io.stdout(`${CANARY_RELEASE_HELP}\n`);
    return 0;
  }
  const workspace = await commandWorkspace(typeof values.cwd === 'string' ? values.cwd : undefined, io);
  // All string options: parseArgs (strict) gives a string or nothing.
  const given = values as Record<string, string | undefined>;
  const inputs: ReleaseRawInputs = Object.fromEntries(names.filter((name) => given[name] !== undefined).map((name) => [name, given[name]]));
  const config = loadConfig(commandConfigPath(values.config, io), { workspace, input: '--config', also: [io.cwd], sections: configSections() });
  const options = resolveReleaseOptions(config.section('canary-watch'), inputs, workspace);
  const secrets = releaseSecrets(options);
  const outcome = await runRelease(options, { scratch: await mkdtemp(join(tmpdir(), 'roadstop-canary-release-')), log: (text) => io.stderr(`${redactText(text, secrets)}\n`), onMoved: () => undefined });
  io.stdout(values.json ? `${releaseJson(outcome, secrets)}\n` : redactText(renderReleaseTerminal(outcome), secrets));
  throwRampError(outcome, secrets);
  return outcome.decision === 'promote' ? 0 : 1;
}
