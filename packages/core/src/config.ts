import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode, type YAMLMap } from 'yaml';
import { confinedPath } from './confine.js';
import { ConfigurationError, type ErrorLocation } from './errors.js';

export const DEFAULT_CONFIG_PATH = '.github/roadstop.yml';
export const CONFIG_VERSION = 1;

/** Every section a roadstop config may hold; a gate reads its own and ignores the others. */
export const CONFIG_SECTIONS = [
  'version',
  'bundle-budget',
  'coverage-gate',
  'lighthouse-gate',
  'pr-staging-comment',
  'canary-watch',
  'slack-notify',
] as const;

interface Source {
  /** The path as the user sees it (workspace-relative when inside it). */
  file: string;
  lineCounter: LineCounter;
}

/**
 * A map in the config file, read with types checked and every mistake located
 * by file, dotted key and line. An absent section reads as empty.
 */
export class ConfigSection {
  readonly path: string;
  private readonly node: YAMLMap | undefined;
  private readonly source: Source | undefined;

  constructor(node: YAMLMap | undefined, path: string, source: Source | undefined) {
    this.node = node;
    this.path = path;
    this.source = source;
  }

  get file(): string | undefined {
    return this.source?.file;
  }

  keys(): string[] {
    return this.node ? this.node.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key)) : [];
  }

  has(key: string): boolean {
    return this.raw(key) !== undefined;
  }

  /** What kind of value `key` holds, for keys that take either a scalar or a map. */
  kind(key: string): 'map' | 'list' | 'scalar' | undefined {
    const node = this.raw(key);
    if (node === undefined) return undefined;
    return isMap(node) ? 'map' : isSeq(node) ? 'list' : 'scalar';
  }

  /** Where `key` (or the section itself) is, for an error. */
  locate(key?: string): ErrorLocation {
    const node = key === undefined ? this.node : (this.pair(key)?.key ?? this.node);
    const location: ErrorLocation = { key: key === undefined ? this.path : this.join(key) };
    if (this.source) {
      location.file = this.source.file;
      const offset = (node as YamlNode | undefined)?.range?.[0];
      if (offset !== undefined) location.line = this.source.lineCounter.linePos(offset).line;
    }
    return location;
  }

  /** Reject keys this version does not know, naming the closest known one. */
  rejectUnknown(allowed: readonly string[]): void {
    for (const key of this.keys()) {
      if (!allowed.includes(key)) {
        const close = closest(key, allowed);
        throw new ConfigurationError(
          `unknown key '${key}'`,
          this.locate(key),
          close ? `did you mean '${close}'?` : `known keys: ${allowed.join(', ')}`,
        );
      }
    }
  }

  string(key: string): string | undefined {
    const value = this.scalar(key);
    if (value === undefined) return undefined;
    if (typeof value === 'object') throw this.typeError(key, 'a string');
    return String(value);
  }

  /** A size or percentage that YAML may have read as a number (`max: 400000`). */
  stringOrNumber(key: string): string | number | undefined {
    const value = this.scalar(key);
    if (value === undefined || typeof value === 'number') return value;
    if (typeof value === 'object' || typeof value === 'boolean') throw this.typeError(key, 'a string or a number');
    return String(value);
  }

  number(key: string, range: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const value = this.scalar(key);
    if (value === undefined) return undefined;
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(number)) throw this.typeError(key, 'a number');
    checkRange(number, range, this.locate(key));
    return number;
  }

  boolean(key: string): boolean | undefined {
    const value = this.scalar(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw this.typeError(key, 'true or false');
    return value;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!values.includes(value as T)) {
      throw new ConfigurationError(`'${value}' is not one of ${values.join(', ')}`, this.locate(key));
    }
    return value as T;
  }

  /** A string or a list of strings. */
  stringList(key: string): string[] | undefined {
    const node = this.raw(key);
    if (node === undefined) return undefined;
    if (isSeq(node)) {
      return node.items.map((item, index) => {
        const value = isScalar(item) ? item.value : undefined;
        if (typeof value !== 'string' && typeof value !== 'number') {
          throw new ConfigurationError(`item ${index + 1} must be a string`, this.locate(key));
        }
        return String(value);
      });
    }
    const single = this.string(key);
    return single === undefined ? undefined : [single];
  }

  section(key: string): ConfigSection {
    const node = this.raw(key);
    if (node !== undefined && !isMap(node)) throw this.typeError(key, 'a map of keys');
    return new ConfigSection(node, this.join(key), this.source);
  }

  /** A list of maps, such as `budgets:`. */
  sections(key: string): ConfigSection[] {
    const node = this.raw(key);
    if (node === undefined) return [];
    if (!isSeq(node)) throw this.typeError(key, 'a list');
    return node.items.map((item, index) => {
      const path = `${this.join(key)}[${index}]`;
      if (!isMap(item)) {
        const line = this.source && (item as YamlNode | undefined)?.range ? this.source.lineCounter.linePos((item as YamlNode).range![0]).line : undefined;
        throw new ConfigurationError('must be a map of keys', { key: path, ...(this.source ? { file: this.source.file } : {}), ...(line ? { line } : {}) });
      }
      return new ConfigSection(item, path, this.source);
    });
  }

  private join(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  private pair(key: string) {
    return this.node?.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === key);
  }

  private raw(key: string): YamlNode | undefined {
    const value = this.pair(key)?.value as YamlNode | null | undefined;
    if (value === null || value === undefined) return undefined;
    if (isScalar(value) && value.value === null) return undefined;
    return value;
  }

  private scalar(key: string): string | number | boolean | object | undefined {
    const node = this.raw(key);
    if (node === undefined) return undefined;
    if (!isScalar(node)) return {};
    return node.value as string | number | boolean;
  }

  private typeError(key: string, expected: string): ConfigurationError {
    return new ConfigurationError(`must be ${expected}`, this.locate(key));
  }
}

export interface LoadedConfig {
  /** Path as given, or undefined when no file exists and none was required. */
  file: string | undefined;
  root: ConfigSection;
  section(gate: string): ConfigSection;
}

/**
 * Read the roadstop config. A missing file is fine at the default path and an
 * error at a path the user named.
 */
export async function loadConfig(path: string | undefined, options: { workspace: string; input?: string; also?: readonly string[] }): Promise<LoadedConfig> {
  // The default path is optional even when spelled out (action.yml's default): every gate also works from inputs alone.
  const file = path !== undefined && path.trim() !== '' ? path.trim() : DEFAULT_CONFIG_PATH;
  const explicit = file !== DEFAULT_CONFIG_PATH;
  const absolute = resolve(options.workspace, file);
  const shown = displayPath(absolute, options.workspace);
  const where = { file: shown, ...(options.input ? { input: options.input } : {}) };
  // Inside the workspace after symlinks (or in `also`, e.g. the CLI's shell folder for --config).
  const real = await confinedPath(options.workspace, absolute, where, { what: 'the config file', ...(options.also ? { also: options.also } : {}) });
  let text: string;
  try {
    text = await readFile(real, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return emptyConfig();
    throw new ConfigurationError(code === 'ENOENT' ? 'config file not found' : `cannot read the config file (${code ?? String(error)})`, where);
  }
  return parseConfig(text, shown);
}

export function parseConfig(text: string, file: string): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line ?? lineCounter.linePos(problem.pos[0]).line;
    throw new ConfigurationError(`invalid YAML: ${problem.message.split('\n')[0]}`, { file, line });
  }
  refuseAliases(doc, file, lineCounter);
  const contents = doc.contents as YamlNode | null;
  if (contents !== null && !isMap(contents)) {
    throw new ConfigurationError('the config must be a map of sections such as bundle-budget:', { file, line: 1 });
  }
  const root = new ConfigSection(contents ?? undefined, '', { file, lineCounter });
  root.rejectUnknown(CONFIG_SECTIONS);
  const version = root.number('version', { integer: true });
  if (version !== undefined && version !== CONFIG_VERSION) {
    throw new ConfigurationError(`config version ${version} is not supported (this roadstop reads version ${CONFIG_VERSION})`, root.locate('version'));
  }
  return { file, root, section: (gate) => root.section(gate) };
}

/**
 * Anchors and aliases (`&defaults`, `*defaults`, `<<: *defaults`) are refused
 * as such, not read as a wrong type: an error must point at the one line the
 * user edits, and an alias makes one value live on two; merge keys are YAML 1.1
 * only. A config of a few gates is short enough to write out.
 */
function refuseAliases(doc: ReturnType<typeof parseDocument>, file: string, lineCounter: LineCounter): void {
  let found: { offset: number; name: string } | undefined;
  visit(doc, {
    Alias(_, node) {
      found = { offset: node.range?.[0] ?? 0, name: node.source };
      return visit.BREAK;
    },
  });
  if (found) {
    throw new ConfigurationError(
      `YAML aliases are not supported: *${found.name} refers to an anchor (&${found.name}) elsewhere`,
      { file, line: lineCounter.linePos(found.offset).line },
      'write the value out where it is used',
    );
  }
}

function emptyConfig(): LoadedConfig {
  const root = new ConfigSection(undefined, '', undefined);
  return { file: undefined, root, section: (gate) => root.section(gate) };
}

export function checkRange(value: number, range: { min?: number; max?: number; integer?: boolean }, where: ErrorLocation): void {
  if (range.integer && !Number.isInteger(value)) throw new ConfigurationError(`${value} must be a whole number`, where);
  if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
    const bounds = range.max === undefined ? `at least ${range.min}` : range.min === undefined ? `at most ${range.max}` : `from ${range.min} to ${range.max}`;
    throw new ConfigurationError(`${value} is out of range: must be ${bounds}`, where);
  }
}

function displayPath(absolute: string, workspace: string): string {
  const inside = relative(workspace, absolute);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : absolute;
}

/** The candidate a mistyped name most likely meant, or none close enough. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (word.startsWith(candidate) || candidate.startsWith(word)) return candidate;
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
