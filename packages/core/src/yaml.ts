import type { Alias, CST, Document } from 'yaml';
import { ConfigurationError, type ErrorLocation } from './errors.js';
import { MAX_NESTING } from './nesting.js';
import { yamlPackage } from './yaml-package.cjs';

type YamlModule = ReturnType<typeof yamlPackage>;

/**
 * YAML as roadstop reads it: the `yaml` package, loaded the first time a step
 * reads YAML (yaml-package.cjs), and a tree of maps, lists and scalars, each
 * with the line it starts on, for errors that point at the line to edit.
 */
export type TreeNode = TreeScalar | TreeMap | TreeList;
export type ScalarValue = string | number | boolean | null;

export interface TreeScalar {
  kind: 'scalar';
  value: ScalarValue;
  line: number;
}

export interface TreeEntry {
  /** The key as YAML resolves it (`1:` is the number 1). */
  key: unknown;
  /** The key as text, for messages. */
  name: string;
  line: number;
  value: TreeNode;
}

export interface TreeMap {
  kind: 'map';
  line: number;
  entries: TreeEntry[];
}

export interface TreeList {
  kind: 'list';
  line: number;
  items: TreeNode[];
}

/** More YAML than this is not a config, a metric list or a message (a few kB each): it is refused before parsing. */
export const MAX_YAML_CHARACTERS = 1024 * 1024;

/** How many aliases a document that may hold them (a Slack message) may resolve: yaml's own guard against alias bombs. */
export const MAX_YAML_ALIASES = 100;

/** Text that is not YAML, as yaml's first error says (`detail`), at its line. */
export class YamlSyntaxError extends ConfigurationError {
  readonly detail: string;

  constructor(detail: string, where: ErrorLocation) {
    super(`invalid YAML: ${detail}`, where);
    this.detail = detail;
  }
}

interface ParsedYaml {
  yaml: YamlModule;
  doc: Document.Parsed;
  lineOf: (node: unknown) => number;
}

/**
 * Parse one YAML document with its limits checked: its size, its nesting
 * (before yaml composes it: yaml recurses per level and, at a few thousand,
 * reports a stack overflow as a YAML error at some column), and yaml's own
 * errors, each a ConfigurationError at its line of `where`.
 */
function parseBounded(text: string, where: ErrorLocation): ParsedYaml {
  if (text.length > MAX_YAML_CHARACTERS) {
    throw new ConfigurationError(
      `is ${text.length.toLocaleString('en-US')} characters of YAML, more than the ${MAX_YAML_CHARACTERS.toLocaleString('en-US')} roadstop reads`,
      where,
      'a config, a metric list or a message is a few kB',
    );
  }
  const yaml = yamlPackage();
  // Lines from the first pass's line starts: the text is the same for parseDocument.
  const lineCounter = new yaml.LineCounter();
  const tooDeep = deepestOffset(Array.from(new yaml.Parser(lineCounter.addNewLine).parse(text)), MAX_NESTING);
  if (tooDeep !== undefined) {
    throw new ConfigurationError(
      `YAML nested more than ${MAX_NESTING} levels deep`,
      { ...where, line: lineCounter.linePos(tooDeep).line },
      'a config, a metric list or a message is a few levels deep',
    );
  }
  const doc = yaml.parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) throw new YamlSyntaxError(problem.message.split('\n')[0]!, { ...where, line: lineCounter.linePos(problem.pos[0]).line });
  const lineOf = (node: unknown): number => {
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
    return offset === undefined ? 1 : lineCounter.linePos(offset).line;
  };
  return { yaml, doc, lineOf };
}

/**
 * The offset of the first collection nested deeper than `max` in yaml's
 * concrete syntax tree, walked with a stack of its own (the tree may be
 * thousands deep), or undefined.
 */
function deepestOffset(tokens: CST.Token[], max: number): number | undefined {
  const stack: Array<[CST.Token | null | undefined, number]> = tokens.map((token) => [token, 0]);
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [token, depth] = top;
    if (!token) continue;
    if (token.type === 'document') {
      stack.push([token.value, depth]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth >= max) return token.offset;
      for (const item of token.items) {
        stack.push([(item as { key?: CST.Token | null }).key, depth + 1], [item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * YAML (a config file, canary-watch's `metrics` input) as a tree. Its first
 * error, its first alias, a nesting too deep or a text too long is a
 * ConfigurationError at its line; `where` locates the text (a file, an input).
 */
export function parseYamlTree(text: string, where: ErrorLocation): TreeNode | null {
  const { yaml, doc, lineOf } = parseBounded(text, where);
  refuseAliases(yaml, doc, where, lineOf);
  const convert = (node: unknown, fallbackLine: number): TreeNode => {
    if (yaml.isMap(node)) {
      const entries: TreeEntry[] = node.items.map((pair) => {
        const key = yaml.isScalar(pair.key) ? pair.key.value : pair.key;
        const keyLine = pair.key ? lineOf(pair.key) : lineOf(node);
        return { key, name: String(key), line: keyLine, value: convert(pair.value, keyLine) };
      });
      return { kind: 'map', line: lineOf(node), entries };
    }
    if (yaml.isSeq(node)) {
      return { kind: 'list', line: lineOf(node), items: node.items.map((item) => convert(item, lineOf(node))) };
    }
    if (yaml.isScalar(node)) {
      return { kind: 'scalar', value: node.value as ScalarValue, line: lineOf(node) };
    }
    // No node at all: a value `yaml` leaves out (`? key` with no `:`).
    return { kind: 'scalar', value: null, line: fallbackLine };
  };
  return doc.contents === null ? null : convert(doc.contents, 1);
}

/**
 * YAML data (a Slack message) as plain JavaScript, its limits checked as
 * parseYamlTree checks them. Aliases are read here, as a message may repeat a
 * block, but at most MAX_YAML_ALIASES of them: an alias bomb (each anchor a
 * list of aliases of the one before) is refused, not expanded.
 */
export function parseYamlData(text: string, where: ErrorLocation): unknown {
  const { doc } = parseBounded(text, where);
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    // yaml's guard throws a ReferenceError ("Excessive alias count ..."); anything else is a bug, not the user's.
    if (!(error instanceof ReferenceError)) throw error;
    throw new ConfigurationError(`YAML aliases expand to more than ${MAX_YAML_ALIASES} values`, where, 'write the message out without anchors and aliases');
  }
}

/**
 * Anchors and aliases (`&defaults`, `*defaults`, `<<: *defaults`) are refused
 * as such, wherever they stand (a key too), not read as a wrong type: an error
 * must point at the one line the user edits, and an alias makes one value live
 * on two; merge keys are YAML 1.1 only. A config of a few gates is short enough
 * to write out. This also keeps a config free of alias bombs.
 */
function refuseAliases(yaml: YamlModule, doc: Document.Parsed, where: ErrorLocation, lineOf: (node: unknown) => number): void {
  let alias: Alias | undefined;
  yaml.visit(doc, {
    Alias(_, node) {
      alias = node;
      return yaml.visit.BREAK;
    },
  });
  if (alias) {
    throw new ConfigurationError(
      `YAML aliases are not supported: *${alias.source} refers to an anchor (&${alias.source}) elsewhere`,
      { ...where, line: lineOf(alias) },
      'write the value out where it is used',
    );
  }
}
