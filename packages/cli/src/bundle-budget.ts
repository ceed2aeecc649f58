import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GATE, INPUT_NAMES, resolveOptions, runBundleBudget, type RawInputs } from '@roadstop/bundle';
import { isBlocking, loadConfig, type ResultMessage } from '@roadstop/core';
import { commandBaseline, commandConfigPath, COMMON_OPTIONS, finishCommand, prepareCommandReport, stringInputs, wantsColor } from './common.js';
import type { Io } from './io.js';

export const BUNDLE_BUDGET_HELP = `Usage: roadstop bundle-budget [options] [globs...]

Measure build output (raw, gzip, brotli) against the budgets of the roadstop
config (.github/roadstop.yml) or of the options, and against a baseline result.

Options:
  --config FILE          config file (default: .github/roadstop.yml, optional)
  --cwd DIR              workspace the globs and config are relative to (default: .)
  --path GLOB            files of one budget; repeatable; replaces the config's budgets
  --name NAME            name of that budget (default: bundle)
  --max SIZE             its largest allowed size, e.g. "400 kB"
  --compression KIND     gzip (default), brotli or raw
  --max-increase X       allowed growth against the baseline, e.g. 2% or "5 kB"
  --gzip-level N         1-9 (default 9)   --brotli-quality N  0-11 (default 11)
  --baseline FILE        a bundle-budget result to compare with ("none" to ignore the config's)
  --fail-on MODE         fail (default) | warn | never
  --allow-empty          pass a budget whose globs match nothing
  --report FILE          also write the result JSON to FILE
  --json                 print the result JSON instead of the table
  --no-color             plain text
  -h, --help             this help

Exit codes: 0 pass, warn or skipped; 1 a budget failed; 2 a mistake in the
options or config; 3 an internal error.`;

export async function bundleBudgetCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...COMMON_OPTIONS,
      path: { type: 'string', multiple: true },
      name: { type: 'string' },
      max: { type: 'string' },
      compression: { type: 'string' },
      'max-increase': { type: 'string' },
      'gzip-level': { type: 'string' },
      'brotli-quality': { type: 'string' },
      'allow-empty': { type: 'boolean' },
    },
  });
  if (values.help) {
    io.stdout(`${BUNDLE_BUDGET_HELP}\n`);
    return 0;
  }
  const workspace = resolve(io.cwd, values.cwd ?? '.');
  const inputs: RawInputs = stringInputs(INPUT_NAMES, values, ['path', 'allow-empty']);
  const globs = [...(values.path ?? []), ...positionals];
  if (globs.length > 0) inputs.path = globs.join('\n');
  if (values['allow-empty']) inputs['allow-empty'] = 'true';

  const config = await loadConfig(commandConfigPath(values.config, io), { workspace, input: '--config' });
  const options = resolveOptions(config.section(GATE), inputs, workspace);
  const messages: ResultMessage[] = [];
  const reportPath = await prepareCommandReport(values.report, io, GATE);
  // Read while the gate starts its workers and globs: a large baseline takes a while to parse.
  const baseline = commandBaseline(options.baseline, io, workspace, GATE, messages);
  const result = await runBundleBudget(options, baseline, { messages });
  return finishCommand(result, { reportPath, json: values.json, color: wantsColor(values, io), blocking: isBlocking(result, options.failOn) }, io);
}
