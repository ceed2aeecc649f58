import type * as Yaml from 'yaml';
import { ConfigurationError, type ErrorLocation } from './errors.js';
import { parseYamlSubset, type TreeDocument, type TreeEntry, type TreeNode } from './yaml-tree.js';

type YamlModule = typeof Yaml;
let loaded: YamlModule | undefined;

/**
 * The `yaml` package, loaded the first time a document needs it (one the
 * subset parser declines), so that a step whose config is plain YAML never
 * loads it. Synchronous, so the config reader stays synchronous: in a bundle
 * it is `yaml.cjs` beside the bundle's chunks (scripts/build.mjs writes it),
 * in the sources the installed package. The name is not a literal, so the
 * bundler leaves the require alone.
 */
export function fullYaml(): YamlModule {
  if (loaded) return loaded;
  const { createRequire } = process.getBuiltinModule('node:module');
  const here = import.meta.url;
  const name = here.endsWith('.ts') ? 'yaml' : './yaml.cjs';
  loaded = createRequire(here)(name) as YamlModule;
  return loaded;
}

/**
 * Parse YAML into a tree: the subset parser where it reads the text, `yaml`
 * where it declines. `where` locates the text in errors (a file, an input).
 */
export function parseYamlTree(text: string, where: ErrorLocation): TreeDocument {
  const fast = parseYamlSubset(text);
  if (fast !== undefined) return fast;
  return parseYamlFull(text, where);
}

/** The tree `yaml` makes of `text`: its first error, or its first alias, is a ConfigurationError at its line. */
export function parseYamlFull(text: string, where: ErrorLocation): TreeDocument {
  const yaml = fullYaml();
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line ?? lineCounter.linePos(problem.pos[0]).line;
    throw new ConfigurationError(`invalid YAML: ${problem.message.split('\n')[0]}`, { ...where, line });
  }
  const lineOf = (node: unknown): number => {
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
    return offset === undefined ? 1 : lineCounter.linePos(offset).line;
  };
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
      return { kind: 'scalar', value: node.value as string | number | boolean | null, line: lineOf(node) };
    }
    // No node at all: a value `yaml` leaves out (`? key` with no `:`).
    return { kind: 'scalar', value: null, line: fallbackLine };
  };
  return doc.contents === null ? null : convert(doc.contents, 1);
}

/**
 * Anchors and aliases (`&defaults`, `*defaults`, `<<: *defaults`) are refused
 * as such, wherever they stand (a key too), not read as a wrong type: an error
 * must point at the one line the user edits, and an alias makes one value live
 * on two; merge keys are YAML 1.1 only. A config of a few gates is short enough
 * to write out.
 */
function refuseAliases(yaml: YamlModule, doc: Yaml.Document.Parsed, where: ErrorLocation, lineOf: (node: unknown) => number): void {
  let alias: Yaml.Alias | undefined;
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
