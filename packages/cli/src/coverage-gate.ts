import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GATE, INPUT_NAMES, resolveCoverageOptions, runCoverageGate, type RawInputs } from '@roadstop/coverage';
import { loadConfig, prepareReportPath, readBaselineFile, writeResult, type ResultMessage } from '@roadstop/core';
import { changedLines, repositoryFiles, type ChangeSource } from '@roadstop/git';
import { renderResultTerminal } from '@roadstop/render';
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
      config: { type: 'string' },
      cwd: { type: 'string' },
      files: { type: 'string', multiple: true },
      preset: { type: 'string' },
      'min-lines': { type: 'string' },
      'min-statements': { type: 'string' },
      'min-functions': { type: 'string' },
      'min-branches': { type: 'string' },
      'min-patch': { type: 'string' },
      'max-drop': { type: 'string' },
      base: { type: 'string' },
      baseline: { type: 'string' },
      'fail-on': { type: 'string' },
      report: { type: 'string' },
      json: { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${COVERAGE_GATE_HELP}\n`);
    return 0;
  }
  const workspace = resolve(io.cwd, values.cwd ?? '.');
  const inputs: RawInputs = {};
  const files = [...(values.files ?? []), ...positionals];
  if (files.length > 0) inputs.files = files.join('\n');
  for (const name of INPUT_NAMES) {
    if (name === 'files') continue;
    const value = values[name as keyof typeof values];
    if (typeof value === 'string') inputs[name] = value;
  }
  const config = await loadConfig(values.config, { workspace, input: '--config' });
  const options = resolveCoverageOptions(config.section(GATE), inputs, workspace);
  const messages: ResultMessage[] = [];
  let baseline;
  if (options.baseline.kind === 'file') {
    baseline = await readBaselineFile(options.baseline.path, { workspace, gate: GATE, origin: options.baseline.origin.input ? { input: '--baseline' } : options.baseline.origin });
  } else if (options.baseline.kind === 'auto') {
    messages.push({ level: 'notice', text: 'baseline: auto finds the base branch result in GitHub Actions; locally, pass --baseline FILE' });
  }
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
  const reportPath = values.report ? await prepareReportPath(values.report, { workspace: io.cwd, gate: GATE, temp: '', input: '--report' }) : undefined;
  const result = await runCoverageGate(options, { repositoryFiles: tracked, ...(changes ? { changes } : {}), ...(baseline ? { baseline } : {}), messages });
  if (reportPath) await writeResult(reportPath, result);
  if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(renderResultTerminal(result, { color: values['no-color'] ? false : (values.color ?? io.color) }));
  return result.status === 'fail' && options.failOn === 'fail' ? 1 : 0;
}
