import { isAbsolute, relative, resolve } from 'node:path';
import { confinedPathSync, readRegularFileSync } from './confine.js';
import { checkSection, type ConfigSectionDefinitions, type ConfigWarning } from './config-options.js';
import { ConfigurationError, type ErrorLocation } from './errors.js';
import { checkRange, oneOf } from './input-values.js';
import { parseYamlTree, type TreeList, type TreeMap, type TreeNode } from './yaml.js';

export const DEFAULT_CONFIG_PATH = '.github/roadstop.yml';
export const CONFIG_VERSION = 1;

/** The key of every gate's section that lets the gate be skipped without failing gates.yml's summary. */
export const ALLOW_SKIP = 'allow-skip';

interface Source {
  /** The path as the user sees it (workspace-relative when inside it), or what else holds the YAML. */
  file: string;
}

/**
 * A map in the config file, read with types checked and every mistake located
 * by file, dotted key and line. An absent section reads as empty.
 */
export class ConfigSection {
  readonly path: string;
  private readonly node: TreeMap | undefined;
  private readonly source: Source | undefined;

  constructor(node: TreeMap | undefined, path: string, source: Source | undefined) {
    this.node = node;
    this.path = path;
    this.source = source;
  }

  get file(): string | undefined {
    return this.source?.file;
  }

  keys(): string[] {
    return this.node ? this.node.entries.map((entry) => entry.name) : [];
  }

  has(key: string): boolean {
    return this.raw(key) !== undefined;
  }

  /** What kind of value `key` holds, for keys that take either a scalar or a map. */
  kind(key: string): 'map' | 'list' | 'scalar' | undefined {
    return this.raw(key)?.kind;
  }

  /** Where `key` (or the section itself) is, for an error. */
  locate(key?: string): ErrorLocation {
    const line = key === undefined ? this.node?.line : (this.entry(key)?.line ?? this.node?.line);
    const location: ErrorLocation = { key: key === undefined ? this.path : this.join(key) };
    if (this.source) {
      location.file = this.source.file;
      if (line !== undefined) location.line = line;
    }
    return location;
  }

  /**
   * Reject keys this version does not know, naming the closest known one. Every gate's own section also takes
   * `allow-skip: true` (checked here, read by gates.yml's summary): a configured gate that did not run passes only then.
   */
  rejectUnknown(given: readonly string[]): void {
    // A section at the top (a gate's own; the top itself and `version` are not sections of a gate).
    const gateSection = this.path !== '' && this.path !== 'version' && !/[.[]/.test(this.path);
    const allowed = gateSection ? [...given, ALLOW_SKIP] : given;
    if (gateSection) this.boolean(ALLOW_SKIP);
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

  /** The scalar under `key` as YAML read it (a map or list reads as an object). */
  value(key: string): string | number | boolean | object | undefined {
    const node = this.raw(key);
    if (node === undefined) return undefined;
    if (node.kind !== 'scalar') return {};
    return node.value as string | number | boolean;
  }

  /**
   * Read an older spelling of a setting under its current name, in place:
   * `from` is a key of this map, or `parent.key` of a map inside it (the
   * entry moves up, and the map goes once it is empty). Returns where `from`
   * was, or undefined when it is not there; both set is a mistake.
   */
  renameKey(from: string, to: string): ErrorLocation | undefined {
    const dot = from.indexOf('.');
    const parent = dot === -1 ? undefined : from.slice(0, dot);
    const child = from.slice(dot + 1);
    const holder = parent === undefined ? this : this.kind(parent) === 'map' ? this.section(parent) : undefined;
    const index = holder?.node?.entries.findIndex((entry) => entry.key === child) ?? -1;
    if (!this.node || !holder?.node || index === -1) return undefined;
    const where = holder.locate(child);
    if (this.keys().includes(to)) throw new ConfigurationError(`'${from}' is the old name of '${to}', and both are set`, where, `keep only '${to}'`);
    const [entry] = holder.node.entries.splice(index, 1);
    this.node.entries.push({ ...entry!, key: to, name: to });
    if (parent !== undefined && holder.node.entries.length === 0) this.node.entries = this.node.entries.filter((each) => each.key !== parent);
    return where;
  }

  string(key: string): string | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    if (typeof value === 'object') throw this.typeError(key, 'a string');
    return String(value);
  }

  /** A size or percentage that YAML may have read as a number (`max: 400000`). */
  stringOrNumber(key: string): string | number | undefined {
    const value = this.value(key);
    if (value === undefined || typeof value === 'number') return value;
    if (typeof value === 'object' || typeof value === 'boolean') throw this.typeError(key, 'a string or a number');
    return String(value);
  }

  number(key: string, range: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(number)) throw this.typeError(key, 'a number');
    checkRange(number, range, this.locate(key));
    return number;
  }

  boolean(key: string): boolean | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw this.typeError(key, 'true or false');
    return value;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.string(key);
    return value === undefined ? undefined : oneOf(value, values, this.locate(key));
  }

  /** A string or a list of strings. */
  stringList(key: string): string[] | undefined {
    const node = this.raw(key);
    if (node === undefined) return undefined;
    if (node.kind === 'list') {
      return node.items.map((item, index) => {
        const value = item.kind === 'scalar' ? item.value : undefined;
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
    if (node !== undefined && node.kind !== 'map') throw this.typeError(key, 'a map of keys');
    return new ConfigSection(node, this.join(key), this.source);
  }

  /** A list of maps, such as `budgets:`. */
  sections(key: string): ConfigSection[] {
    const node = this.raw(key);
    if (node === undefined) return [];
    if (node.kind !== 'list') throw this.typeError(key, 'a list');
    return listSections(node, this.join(key), this.source);
  }

  private join(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  private entry(key: string) {
    return this.node?.entries.find((entry) => entry.key === key);
  }

  private raw(key: string): TreeNode | undefined {
    const value = this.entry(key)?.value;
    if (value === undefined) return undefined;
    if (value.kind === 'scalar' && value.value === null) return undefined;
    return value;
  }

  private typeError(key: string, expected: string): ConfigurationError {
    return new ConfigurationError(`must be ${expected}`, this.locate(key));
  }
}

/** The maps of a list, as sections named `path[index]`; an item that is not a map is an error at its line. */
function listSections(list: TreeList, path: string, source: Source | undefined): ConfigSection[] {
  return list.items.map((item, index) => {
    const itemPath = `${path}[${index}]`;
    if (item.kind !== 'map') {
      throw new ConfigurationError('must be a map of keys', { key: itemPath, ...(source ? { file: source.file, line: item.line } : {}) });
    }
    return new ConfigSection(item, itemPath, source);
  });
}

/**
 * A YAML list of maps that is not part of the config file (an action input
 * such as canary-watch's `metrics`), read as the sections `key[0]`, `key[1]`…
 * whose errors name `file` (e.g. "input 'metrics'") and lines counted from the
 * text's first; YAML mistakes are located at `where`, and anything but a list
 * is refused with `expected`.
 */
export function parseSectionList(text: string, options: { key: string; file: string; where: ErrorLocation; expected: string }): ConfigSection[] {
  const tree = parseYamlTree(text, options.where);
  if (tree === null || tree.kind !== 'list') throw new ConfigurationError(options.expected, options.where);
  return listSections(tree, options.key, { file: options.file });
}

export interface LoadedConfig {
  /** Path as given, or undefined when no file exists and none was required. */
  file: string | undefined;
  root: ConfigSection;
  section(gate: string): ConfigSection;
  /** Deprecated key names met, for the edge to show. */
  warnings: ConfigWarning[];
}

interface LoadConfigOptions {
  /** Every section the config may hold (the registry's gates and steps): core keeps no list of its own. */
  sections: ConfigSectionDefinitions;
  workspace: string;
  input?: string;
  also?: readonly string[];
}

/**
 * Read the roadstop config. A missing file is fine at the default path and an
 * error at a path the user named; a mistake is thrown. Synchronous: every step
 * starts with a file of a few kB, and the promise API of node:fs (with the
 * streams it loads) cost more than the read.
 */
export function loadConfig(path: string | undefined, options: LoadConfigOptions): LoadedConfig {
  // The default path is optional even when spelled out (action.yml's default): every gate also works from inputs alone.
  const file = path !== undefined && path.trim() !== '' ? path.trim() : DEFAULT_CONFIG_PATH;
  const explicit = file !== DEFAULT_CONFIG_PATH;
  const absolute = resolve(options.workspace, file);
  const shown = displayPath(absolute, options.workspace);
  const where = { file: shown, ...(options.input ? { input: options.input } : {}) };
  // Inside the workspace after symlinks (or in `also`, e.g. the CLI's shell folder for --config).
  const real = confinedPathSync(options.workspace, absolute, where, { what: 'the config file', ...(options.also ? { also: options.also } : {}) });
  let text: string;
  try {
    text = readRegularFileSync(real, where, 'the config file');
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return loadedConfig(undefined, new ConfigSection(undefined, '', undefined), []);
    throw new ConfigurationError(code === 'ENOENT' ? 'config file not found' : `cannot read the config file (${code ?? String(error)})`, where);
  }
  return parseConfig(text, shown, options.sections);
}

/**
 * Parse a config: sections not in `sections` are refused, and each section
 * present is checked against its option definitions. Without `sections` (a
 * gate's own unit tests), only the YAML and the version are checked.
 */
export function parseConfig(text: string, file: string, sections?: ConfigSectionDefinitions): LoadedConfig {
  const contents = parseYamlTree(text, { file });
  if (contents !== null && contents.kind !== 'map') {
    throw new ConfigurationError('the config must be a map of sections such as bundle-budget:', { file, line: 1 });
  }
  const root = new ConfigSection(contents ?? undefined, '', { file });
  const version = root.number('version', { integer: true });
  if (version !== undefined && version !== CONFIG_VERSION) {
    throw new ConfigurationError(`config version ${version} is not supported (this roadstop reads version ${CONFIG_VERSION})`, root.locate('version'));
  }
  const warnings: ConfigWarning[] = [];
  if (sections) {
    root.rejectUnknown(['version', ...Object.keys(sections)]);
    for (const [name, definition] of Object.entries(sections)) {
      if (definition.options) checkSection(root.section(name), definition.options, warnings);
      else root.section(name);
    }
  }
  return loadedConfig(file, root, warnings);
}

function loadedConfig(file: string | undefined, root: ConfigSection, warnings: ConfigWarning[]): LoadedConfig {
  return { file, root, section: (gate) => root.section(gate), warnings };
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
