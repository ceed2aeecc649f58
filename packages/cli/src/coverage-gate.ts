import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GATE, INPUT_NAMES, resolveCoverageOptions, runCoverageGate, type RawInputs } from '@roadstop/coverage';
import { isBlocking, loadConfig, type ResultMessage } from '@roadstop/core';
import { changedLines, repositoryFiles, type ChangeSource } from '@roadstop/git';
import { commandBaseline, commandConfigPath, COMMON_OPTIONS, finishCommand, prepareCommandReport, stringInputs, wantsColor } from './common.js';
import type { Io } from './io.js';

export const COVERAGE_GATE_HELP = `Usage: roadstop coverage-gate [options] [reports...]

Check coverage reports (lcov, istanbul JSON, Cobertura, Clover; detected from
content, several files merged) against thresholds, the changed lines of the
branch, and a baseline result, with the config's coverage-gate section.

Options:
  --config FILE          config file (default: .github/roadstop.yml, optional)
  --cwd DIR              repository root (default: .)
  --files GLOB           coverage reports; repeatable (or give them as arguments)
  --preset NAME          launch (60% lines), harden (70%), strict (85%)
  --min-lines N          least coverage in percent; also --min-statements,
                         --min-functions, --min-branches
  --min-patch N          least coverage of the lines changed since --base
  --base REF             commit or branch the changed lines are taken against (e.g. origin/main)
  --max-drop N           largest drop against --baseline, in percentage points
  --baseline FILE        a coverage-gate result to compare with
  --fail-on MODE         fail (default) | warn | never
  --report FILE          also write the result JSON to FILE
  --json                 print the result JSON instead of the table
  --no-color             plain text
  -h, --help             this help

Exit codes: 0 pass, warn or skipped; 1 a check failed; 2 a mistake in the
options or config; 3 an internal error.`;

export async function coverageGateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...COMMON_OPTIONS,
      files: { type: 'string', multiple: true },
      preset: { type: 'string' },
      'min-lines': { type: 'string' },
      'min-statements': { type: 'string' },
      'min-functions': { type: 'string' },
      'min-branches': { type: 'string' },
      'min-patch': { type: 'string' },
      'max-drop': { type: 'string' },
      base: { type: 'string' },
    },
  });
  if (values.help) {
    io.stdout(`${COVERAGE_GATE_HELP}\n`);
    return 0;
  }
  const workspace = resolve(io.cwd, values.cwd ?? '.');
  const inputs: RawInputs = stringInputs(INPUT_NAMES, values, ['files']);
  const files = [...(values.files ?? []), ...positionals];
  if (files.length > 0) inputs.files = files.join('\n');
  const config = await loadConfig(commandConfigPath(values.config, io), { workspace, input: '--config' });
  const options = resolveCoverageOptions(config.section(GATE), inputs, workspace);
  const messages: ResultMessage[] = [];
  const baseline = await commandBaseline(options.baseline, io, workspace, GATE, messages);
  let changes: ChangeSource | undefined;
  if (options.base) {
    try {
      const found = await changedLines({ cwd: workspace, base: options.base, remote: false });
      changes = { lines: found.lines, base: found.mergeBase, via: 'git' };
    } catch (error) {
      changes = { unavailable: (error as Error).message };
    }
  } else if (options.minPatch !== undefined) {
    changes = { unavailable: 'give --base (e.g. origin/main) to measure the changed lines' };
  }
  const tracked = await repositoryFiles(workspace);
  const reportPath = await prepareCommandReport(values.report, io, GATE);
  const result = await runCoverageGate(options, { repositoryFiles: tracked, ...(changes ? { changes } : {}), ...(baseline ? { baseline } : {}), messages });
  return finishCommand(result, { reportPath, json: values.json, color: wantsColor(values, io), blocking: isBlocking(result, options.failOn) }, io);
}
