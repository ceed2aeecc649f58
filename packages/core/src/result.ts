// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { confinedPath, readRegularFile, realLocation } from './confine.js';
import { ConfigurationError, type ErrorLocation } from './errors.js';
import { checkNesting } from './nesting.js';
import { findResultProblem, type ResultRanges } from './result-check.js';
import { findImplausibleResult } from './result-plausible.js';

/**
 * The result contract every gate writes and every renderer (job summary, PR
 * comment, Slack, CLI) reads. Bump RESULT_SCHEMA_VERSION on any change that an
 * older reader would misread; readers refuse other versions by name.
 */
export const RESULT_SCHEMA_VERSION = 1;
export const RESULT_SCHEMA_ID = 'https://roadstop.dev/schemas/result-v1.json';

export type GateStatus = 'pass' | 'warn' | 'fail' | 'skipped';
export type MessageLevel = 'error' | 'warning' | 'notice';

export interface ResultMessage {
  level: MessageLevel;
  text: string;
  /** Workspace-relative file the message is about, for annotations. */
  file?: string;
  line?: number;
  /** Short label for the annotation title. */
  title?: string;
}

/** One limit the gate enforced, such as a budget or a threshold. */
export interface ResultCheck {
  name: string;
  status: GateStatus;
  /** Measured value, in `unit`. */
  value: number;
  /** The limit `value` was held against, when there is one. */
  limit?: number;
  unit: 'bytes' | 'percent' | 'score' | 'ratio' | 'count' | 'ms';
  /** The same measurement on the baseline, when one was found. */
  baseline?: number;
  /** Allowed growth against `baseline`, in `unit`, once resolved. */
  maxIncrease?: number;
  /** How the limit was written by the user, e.g. `400 kB (gzip)`. */
  limitText?: string;
  /** Why the check has its status, in one sentence. */
  message?: string;
  /** Extra facts a renderer may show (e.g. compression, matched files). */
  details?: Record<string, string | number | boolean>;
}

/** One measured thing: a file, a page, a metric sample. */
export interface ResultItem {
  /** Workspace-relative path or another stable identifier. */
  id: string;
  [field: string]: string | number | boolean | null | undefined;
}

export interface BaselineInfo {
  /** Where the baseline came from: a file path, or `artifact` for an auto lookup. */
  source: string;
  commit?: string;
  runId?: number;
  /** Schema version and creation time of the baseline result. */
  createdAt?: string;
}

export interface GateResult {
  $schema: typeof RESULT_SCHEMA_ID;
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  gate: string;
  status: GateStatus;
  /** One line a person reads first, e.g. `main bundle 142 kB of 400 kB`. */
  headline: string;
  createdAt: string;
  /** Commit and ref the result was measured on, when known. */
  commit?: string;
  ref?: string;
  /** Flat numbers for outputs, trends and renderers. */
  metrics: Record<string, number>;
  checks: ResultCheck[];
  items: ResultItem[];
  messages: ResultMessage[];
  baseline?: BaselineInfo;
  /** Settings that decide whether two results compare (e.g. gzip level). */
  settings: Record<string, string | number | boolean>;
}

const ORDER: GateStatus[] = ['skipped', 'pass', 'warn', 'fail'];

/** The worse of the statuses: fail > warn > pass > skipped. */
export function worstStatus(statuses: Iterable<GateStatus>, empty: GateStatus = 'pass'): GateStatus {
  let worst: GateStatus | undefined;
  for (const status of statuses) {
    if (worst === undefined || ORDER.indexOf(status) > ORDER.indexOf(worst)) worst = status;
  }
  return worst ?? empty;
}

export function createResult(fields: Omit<GateResult, '$schema' | 'schemaVersion' | 'createdAt'> & { createdAt?: string }): GateResult {
  return {
    $schema: RESULT_SCHEMA_ID,
    schemaVersion: RESULT_SCHEMA_VERSION,
    createdAt: fields.createdAt ?? new Date().toISOString(),
    ...fields,
  };
}

/** Write atomically, so a reader never sees half a result and a failed write keeps the old one. */
export async function writeResult(path: string, result: GateResult, text = serializeResult(result)): Promise<void> {
  await fsp.mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await fsp.writeFile(temporary, text);
  await fsp.rename(temporary, path);
}

/** The file's text: indented JSON and a final newline, as every reader and diff expects. */
export function serializeResult(result: GateResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

const NOT_A_RESULT = 'point it at a file a roadstop gate wrote';
const NOT_WRITTEN_BY_ROADSTOP = 'a result roadstop wrote holds none of this; regenerate it, or compare with another run';

/** A result file larger than this is no result (the largest, coverage's, holds a line per file: a few MB). */
export const MAX_RESULT_BYTES = 64 * 1024 * 1024;

/**
 * Read a result written by any gate, refusing files that are not roadstop
 * results or that another schema version wrote. `input` names the action
 * input or option the path came from, for the error.
 */
export async function readResult(path: string, options: { input?: string; gate?: string; ranges?: ResultRangesOf } = {}): Promise<GateResult> {
  const where = { file: path, ...(options.input ? { input: options.input } : {}) };
  let text: string;
  try {
    const { size } = await fsp.stat(path);
    if (size > MAX_RESULT_BYTES) {
      throw new ConfigurationError(`not a roadstop result: ${size.toLocaleString('en-US')} bytes, more than the ${MAX_RESULT_BYTES.toLocaleString('en-US')} a result may be`, where, NOT_A_RESULT);
    }
    text = await readRegularFile(path, where, 'the result file');
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw new ConfigurationError(`cannot read the result file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, where);
  }
  return parseResult(text, { ...options, file: path });
}

/** A result's gate → the ranges its descriptor declares (the registry's lookup, passed in: core keeps no list of gates). */
export type ResultRangesOf = (gate: string) => ResultRanges | undefined;

export function parseResult(text: string, options: { input?: string; gate?: string; file?: string; ranges?: ResultRangesOf } = {}): GateResult {
  const where = { ...(options.file ? { file: options.file } : {}), ...(options.input ? { input: options.input } : {}) };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // Never the parser's message: it quotes the file's start, and the file may be anything (a key, /etc/passwd).
    const at = /line (\d+) column (\d+)/.exec((error as Error).message);
    throw new ConfigurationError(`not a roadstop result: invalid JSON${at ? ` at line ${at[1]}, column ${at[2]}` : ''}`, where, NOT_A_RESULT);
  }
  checkNesting(data, where, NOT_A_RESULT);
  if (typeof data !== 'object' || data === null || !('schemaVersion' in data) || !('gate' in data)) {
    throw new ConfigurationError('not a roadstop result: it has no schemaVersion and gate', where, NOT_A_RESULT);
  }
  const record = data as Record<string, unknown>;
  if (record.schemaVersion !== RESULT_SCHEMA_VERSION) {
    throw new ConfigurationError(
      `result schema version ${JSON.stringify(record.schemaVersion)} is not supported (this roadstop reads version ${RESULT_SCHEMA_VERSION})`,
      where,
      'produce the baseline with the same major version of roadstop',
    );
  }
  if (options.gate && record.gate !== options.gate) {
    throw new ConfigurationError(`this is a ${String(record.gate)} result, not a ${options.gate} result`, where);
  }
  for (const key of ['status', 'headline', 'metrics', 'checks', 'items', 'messages', 'settings'] as const) {
    if (!(key in record)) throw new ConfigurationError(`not a roadstop result: '${key}' is missing`, where);
  }
  if (!Array.isArray(record.items) || !Array.isArray(record.checks) || !Array.isArray(record.messages)) {
    throw new ConfigurationError('not a roadstop result: items, checks and messages must be lists', where);
  }
  const problem = findResultProblem(record, options.ranges?.(String(record.gate)));
  if (problem) throw new ConfigurationError(`not a valid ${String(record.gate)} result: ${problem}`, where, NOT_WRITTEN_BY_ROADSTOP);
  const implausible = findImplausibleResult(record);
  if (implausible) throw new ConfigurationError(`not a result roadstop wrote: ${implausible}`, where, NOT_WRITTEN_BY_ROADSTOP);
  return data as GateResult;
}

/**
 * Where a gate writes its result: the path the user gave (inside the
 * workspace, and never over a file that is not a result of this gate), or a
 * file in the runner's temp folder.
 */
export async function prepareReportPath(
  given: string | undefined,
  options: { workspace: string; gate: string; temp: string; input?: string; baseline?: string },
): Promise<string> {
  if (!given || given.trim() === '') return join(options.temp, 'roadstop', `${options.gate}.json`);
  const where = { input: options.input ?? 'report', file: given };
  // Inside the workspace, or the runner's temp folder where the default lives; after symlinks, not by the text.
  const target = await confinedPath(options.workspace, given, where, { also: [options.temp], what: 'the report' });
  if (options.baseline !== undefined && realLocation(options.baseline) === target) {
    throw new ConfigurationError('is the baseline file too: writing the result there would overwrite the baseline it is compared with', where, 'write the report to another path');
  }
  let existing: string | undefined;
  try {
    existing = await readRegularFile(target, where, 'the report');
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new ConfigurationError('is a folder, not a file', where);
    if (code !== 'ENOENT') throw new ConfigurationError(`cannot use it (${code ?? String(error)})`, where);
  }
  if (existing !== undefined) {
    try {
      parseResult(existing, { gate: options.gate });
    } catch {
      throw new ConfigurationError('already exists and is not a result of this gate; refusing to overwrite it', where, 'choose another path');
    }
  }
  return target;
}

/**
 * A baseline result the user named (`baseline: path`): it must be a result of
 * this gate, and the error names the path as the user wrote it.
 */
export async function readBaselineFile(
  path: string,
  options: { workspace: string; gate: string; origin: ErrorLocation; ranges?: ResultRangesOf },
): Promise<{ result: GateResult; info: BaselineInfo }> {
  let result: GateResult;
  try {
    const real = await confinedPath(options.workspace, path, { ...options.origin, file: path }, { what: 'the baseline' });
    result = await readResult(real, { gate: options.gate, ...(options.ranges ? { ranges: options.ranges } : {}) });
  } catch (error) {
    if (error instanceof ConfigurationError) throw new ConfigurationError(error.message, { ...options.origin, file: path }, error.hint);
    throw error;
  }
  return { result, info: { source: path, ...(result.commit ? { commit: result.commit } : {}), createdAt: result.createdAt } };
}
