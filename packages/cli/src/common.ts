import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigurationError, prepareReportPath, readBaselineFile, serializeResult, writeResult, type BaselineSpec, type GateDescriptor, type GateResult, type ResultMessage } from '@roadstop/core';
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

/**
 * A baseline file read as the action reads it; `auto` is an Actions thing, said
 * in a notice. A path given on the command line is relative to the shell's
 * directory, as --report is; one from the config file, to the workspace.
 */
export async function commandBaseline(spec: BaselineSpec, io: Io, workspace: string, gate: Pick<GateDescriptor, 'name' | 'resultRanges'>, messages: ResultMessage[]) {
  if (spec.kind === 'file') {
    const fromCommandLine = spec.origin.input !== undefined;
    return readBaselineFile(spec.path, { workspace: fromCommandLine ? io.cwd : workspace, gate: gate.name, origin: fromCommandLine ? { input: '--baseline' } : spec.origin, ranges: () => gate.resultRanges });
  }
  if (spec.kind === 'auto') messages.push({ level: 'notice', text: 'baseline: auto finds the base branch result in GitHub Actions; locally, pass --baseline FILE' });
  return undefined;
}

/**
 * --report, relative to the shell's folder and kept inside it (as every path
 * a user names stays in its workspace), never over the baseline it is compared with.
 */
export async function prepareCommandReport(path: string | undefined, io: Io, gate: string, baseline: BaselineSpec, workspace: string): Promise<string | undefined> {
  if (!path) return undefined;
  const baselinePath = baseline.kind === 'file' ? resolve(baseline.origin.input !== undefined ? io.cwd : workspace, baseline.path) : undefined;
  return prepareReportPath(path, { workspace: io.cwd, gate, temp: '', input: '--report', ...(baselinePath ? { baseline: baselinePath } : {}) });
}

/** Write --report, print the table or --json, and give the exit code. */
export async function finishCommand(
  result: GateResult,
  gate: Pick<GateDescriptor, 'renderTerminal'>,
  options: { reportPath: string | undefined; json: boolean | undefined; color: boolean; blocking: boolean },
  io: Io,
): Promise<number> {
  const text = options.reportPath || options.json ? serializeResult(result) : '';
  if (options.reportPath) await writeResult(options.reportPath, result, text);
  if (options.json) io.stdout(text);
  else io.stdout(gate.renderTerminal(result, { color: options.color }));
  return options.blocking ? 1 : 0;
}

/** --config on the command line is relative to the shell's directory; the default one lives in the workspace. */
export function commandConfigPath(given: string | undefined, io: Io): string | undefined {
  return given ? resolve(io.cwd, given) : undefined;
}

export function wantsColor(values: { color?: boolean; 'no-color'?: boolean }, io: Io): boolean {
  return values['no-color'] ? false : (values.color ?? io.color);
}

/** The folder the gates run in: --cwd against the shell's directory, which must be a folder that exists. */
export async function commandWorkspace(given: string | undefined, io: Io): Promise<string> {
  const workspace = resolve(io.cwd, given ?? '.');
  const found = await stat(workspace).catch(() => undefined);
  if (!found) throw new ConfigurationError(`no such folder: ${workspace}`, { input: '--cwd' });
  if (!found.isDirectory()) throw new ConfigurationError(`${workspace} is a file; --cwd takes the folder to run in (the repository root)`, { input: '--cwd' });
  return workspace;
}
