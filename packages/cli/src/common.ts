import { prepareReportPath, readBaselineFile, writeResult, type ErrorLocation, type GateResult, type ResultMessage } from '@roadstop/core';
import { renderResultTerminal } from '@roadstop/render';
import type { Io } from './io.js';

/** Options every gate command takes, beside its own. */
export const COMMON_OPTIONS = {
  config: { type: 'string' },
  cwd: { type: 'string' },
  baseline: { type: 'string' },
  'fail-on': { type: 'string' },
  report: { type: 'string' },
  json: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Spec = { kind: 'none' } | { kind: 'auto' } | { kind: 'file'; path: string; origin: ErrorLocation };

/** A baseline file read as the action reads it; `auto` is an Actions thing, said in a notice. */
export async function commandBaseline(spec: Spec, workspace: string, gate: string, messages: ResultMessage[]) {
  if (spec.kind === 'file') {
    return readBaselineFile(spec.path, { workspace, gate, origin: spec.origin.input ? { input: '--baseline' } : spec.origin });
  }
  if (spec.kind === 'auto') messages.push({ level: 'notice', text: 'baseline: auto finds the base branch result in GitHub Actions; locally, pass --baseline FILE' });
  return undefined;
}

export async function prepareCommandReport(path: string | undefined, io: Io, gate: string): Promise<string | undefined> {
  return path ? prepareReportPath(path, { workspace: io.cwd, gate, temp: '', input: '--report' }) : undefined;
}

/** Write --report, print the table or --json, and give the exit code. */
export async function finishCommand(
  result: GateResult,
  options: { reportPath: string | undefined; json: boolean | undefined; color: boolean; blocking: boolean },
  io: Io,
): Promise<number> {
  if (options.reportPath) await writeResult(options.reportPath, result);
  if (options.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(renderResultTerminal(result, { color: options.color }));
  return options.blocking ? 1 : 0;
}

export function wantsColor(values: { color?: boolean; 'no-color'?: boolean }, io: Io): boolean {
  return values['no-color'] ? false : (values.color ?? io.color);
}
