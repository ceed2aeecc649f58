import { join } from 'node:path';
import { ConfigurationError } from './errors.js';
import { describeSkippedLinks, selectFiles } from './globs.js';
import { readResult, type GateResult, type ResultRangesOf } from './result.js';

/** Gate names are identifiers, shown and keyed on: anything else is not a result of a roadstop gate. */
export const GATE_NAME = /^[a-z][a-z0-9-]{0,63}$/;

export interface ResultFile {
  /** As a person names it: workspace-relative, or the absolute path under the runner's temp folder. */
  file: string;
  result: GateResult;
}

export interface ResultFilesOptions {
  workspace: string;
  /** RUNNER_TEMP: the gates write there by default, so globs under it are read from there. */
  runnerTemp?: string | undefined;
  /** The input the globs came from, for messages. */
  input: string;
  warn: (text: string) => void;
  /** The registry's result ranges by gate name, held against each file. */
  ranges?: ResultRangesOf;
}

/**
 * The roadstop results a `results` input names, for the steps that show
 * every gate (the PR comment, Slack). Globs under $RUNNER_TEMP are read from
 * there, everything else from the workspace; symlinks are never followed. A
 * file that is not a result is skipped with a warning, never the step's end:
 * it may come from another job, or a fork. `matched` counts the files the
 * globs found, results or not.
 */
export async function readResultFiles(patterns: readonly string[], options: ResultFilesOptions): Promise<{ results: ResultFile[]; matched: number }> {
  if (patterns.length === 0) return { results: [], matched: 0 };
  const { workspace, input, warn } = options;
  const temp = options.runnerTemp ? `${options.runnerTemp.replace(/\/+$/, '')}/` : undefined;
  const inTemp = (pattern: string) => !!temp && pattern.replace(/^!/, '').startsWith(temp);
  const roots: [string, string[]][] = [
    [workspace, patterns.filter((pattern) => !inTemp(pattern))],
    ...(temp ? [[temp, patterns.filter(inTemp).map((pattern) => pattern.replace(temp, ''))] as [string, string[]]] : []),
  ];
  const paths: string[] = [];
  for (const [root, selected] of roots) {
    if (!selected.some((pattern) => !pattern.startsWith('!'))) continue;
    const selection = await selectFiles(root, selected, { input });
    const links = describeSkippedLinks(selection);
    if (links) warn(`input '${input}': ${links}`);
    paths.push(...selection.files.map((file) => join(root, file)));
  }
  const results: ResultFile[] = [];
  for (const path of paths) {
    const file = path.startsWith(`${workspace}/`) ? path.slice(workspace.length + 1) : path;
    try {
      const result = await readResult(path, { input, ...(options.ranges ? { ranges: options.ranges } : {}) });
      if (!GATE_NAME.test(result.gate)) throw new ConfigurationError('not a roadstop result: its gate is not a gate name');
      results.push({ file, result });
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      warn(`input '${input}': skipped ${file}: ${error.message}`);
    }
  }
  return { results, matched: paths.length };
}
