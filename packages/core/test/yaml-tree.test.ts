import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlFull, parseYamlSubset, treeToJS, type TreeDocument } from '../src/index.js';
import { parse as yamlParse } from 'yaml';

const ROOT = join(import.meta.dirname, '../../..');

/** What `yaml` makes of the text, or the error it reports. */
function reference(text: string): { tree: TreeDocument } | { error: string } {
  try {
    return { tree: parseYamlFull(text, {}) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * The subset parser either declines or agrees with `yaml` exactly: the same
 * kinds, values (0 and -0 apart), keys in the same order, the same lines. It
 * never reads a document that `yaml` refuses.
 */
function expectAgreement(text: string): 'read' | 'declined' {
  const fast = parseYamlSubset(text);
  if (fast === undefined) return 'declined';
  const full = reference(text);
  if ('error' in full) throw new Error(`the subset parser read a document yaml refuses (${full.error}):\n${text}`);
  expect(fast, text).toStrictEqual(full.tree);
  expect(treeToJS(fast), text).toStrictEqual(yamlParse(text));
  return 'read';
}

function yamlFilesIn(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    if (['node_modules', 'dist', '.git', '.work'].includes(name)) continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) found.push(...yamlFilesIn(path));
    else if (/\.ya?ml$/.test(name)) found.push(path);
  }
  return found;
}

describe('parseYamlSubset against yaml', () => {
  it("reads the repo's own configs and agrees with yaml on every YAML file in the repo", () => {
    const files = yamlFilesIn(ROOT);
    expect(files.length).toBeGreaterThan(10);
    const outcomes = Object.fromEntries(files.map((file) => [relative(ROOT, file), expectAgreement(readFileSync(file, 'utf8'))]));
    // The configs a step reads at its start must take the fast path, or the parser saves nothing.
    expect(outcomes['.github/roadstop.yml']).toBe('read');
    expect(outcomes['examples/webapp/.github/roadstop.yml']).toBe('read');
    expect(outcomes['action.yml']).toBe('read');
  });

  const read: Array<[string, string]> = [
    ['an empty document', ''],
    ['only comments', '# nothing\n  # here\n'],
    ['a document marker', '---\na: 1\n'],
    ['a marker with a comment', '--- # config\na: 1\n'],
    ['nested maps', 'a:\n  b:\n    c: x\n  d: 2\ne: true\n'],
    ['a list under a key, indented', 'a:\n  - 1\n  - two\n'],
    ['a list at the key indent', 'a:\n- 1\n- two\nb: 3\n'],
    ['maps in a list', 'budgets:\n  - name: app\n    path: dist/*.js\n    max: 10 kB\n  - name: css\n    max: 400000\n'],
    ['a list in a map in a list', '- a:\n  - x\n  b: 1\n'],
    ['wide dash indent', '-   a: 1\n    b: 2\n'],
    ['numbers', 'a: 1\nb: -0\nc: +5\nd: 007\ne: 1.5\nf: .5\ng: 5.\nh: -.25\n'],
    ['booleans and nulls', 'a: true\nb: False\nc: TRUE\nd: null\ne: ~\nf:\ng: Null\n'],
    ['numeric and boolean keys', '1: a\ntrue: b\n2.5: d\n'],
    ['strings that look like others', 'a: 10 kB\nb: 1.5 MB\nc: 80%\nd: yes\ne: on\nf: tRue\n'],
    ['quoted scalars', `a: 'it''s'\nb: "tab\\tnew\\nline \\u00e9 \\" \\\\ \\/"\nc: '# not a comment'\nd: "x" # a comment\n`],
    ['comments after values', 'a: 1 # one\nb: x#y\nc: http://example.com/#frag\n'],
    ['glob characters in plain scalars', 'a: dist/**/*.{js,css}\nb: src/[abc].ts\nc: a,b\n'],
    ['flow collections', 'a: [1, two, "3", \'four\']\nb: {x: 1, y: [a, b]}\nc: []\nd: {}\n'],
    ['unicode', 'text: "déployé 🚀"\nplain: déployé 🚀\n'],
    ['blank lines and comments between', 'a:\n\n  # c\n  b: 1\n\n# d\nc: 2\n'],
    ['null list items', 'a:\n  -\n  - # empty\n  - x\n'],
    ['a nested list item', '-\n  - x\n'],
    ['indented root', '  a: 1\n  b: 2\n'],
    ['a list root', '- name: x\n  type: latency\n- name: y\n'],
  ];
  it.each(read)('reads %s exactly as yaml does', (_, text) => {
    expect(expectAgreement(text)).toBe('read');
  });

  const declined: Array<[string, string]> = [
    ['tabs', 'a:\n\tb: 1\n'],
    ['carriage returns', 'a: 1\r\nb: 2\r\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['merge keys', 'a: &x {c: 1}\nb:\n  <<: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['block scalars', 'a: |\n  line\n'],
    ['folded scalars', 'a: >-\n  line\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
    ['a multi-line flow list', 'a: [1,\n  2]\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['keys equal once resolved', '1: a\n01: b\n'],
    ['quoted keys', '"a": 1\n'],
    ['complex keys', '? a\n: 1\n'],
    ['a key without a space after the colon', 'a:1\n'],
    ['a plain value with a colon and space', 'a: b: c\n'],
    ['hex, octal and exponents', 'a: 0x1f\n'],
    ['infinity', 'a: .inf\n'],
    ['not a number', 'a: .nan\n'],
    ['exponents', 'a: 1e3\n'],
    ['directives', '%YAML 1.2\n---\na: 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a document end', 'a: 1\n...\n'],
    ['a scalar root', 'hello\n'],
    ['a bad indent', 'a:\n    b: 1\n  c: 2\n'],
    ['an alias as a value', 'a: *x\n'],
    ['a trailing comma in flow', 'a: [1, 2, ]\n'],
    ['an unknown escape', 'a: "\\x41"\n'],
    ['an unclosed quote', "a: 'open\n"],
    ['text after a quote', 'a: "x" y\n'],
    ['a compact nested list', '- - a\n'],
  ];
  it.each(declined)('declines %s (yaml reads or refuses it)', (_, text) => {
    expect(parseYamlSubset(text)).toBeUndefined();
  });

  it('agrees with yaml on thousands of generated documents, and reads most of the plain ones', () => {
    const random = seeded(20261204);
    let plainRead = 0;
    const plainCount = 1500;
    for (let index = 0; index < plainCount; index++) {
      const text = generateDocument(random, false);
      if (expectAgreement(text) === 'read') plainRead++;
    }
    for (let index = 0; index < 3000; index++) expectAgreement(mutate(generateDocument(random, true), random));
    // Documents built only from the subset's own forms must mostly be read, or the fast path is dead code.
    expect(plainRead / plainCount).toBeGreaterThan(0.9);
  });
});

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T,>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const PLAIN_KEYS = ['a', 'b', 'name', 'path', 'max', 'version', 'bundle-budget', 'x.y', 'src/app', 'min_score', 'k1', '2', 'true'];
const ODD_KEYS = ['"q"', "'q'", '*a', '&a b', '? a', 'a b', '-a', '<<', 'a:b', '1e3', '0x10', ''];
const PLAIN_VALUES = [
  '1', '-0', '+5', '007', '1.5', '.5', '5.', '-.25', '0', '123456789012', 'true', 'False', 'null', '~', 'yes', 'off', 'tRue',
  '10 kB', 'dist/*.js', 'dist/**/*.{js,css}', 'a,b', 'x#y', 'http://h:1/p', 'déjà vu', '🚀 go', '-x', 'a - b', 'a b c',
  `'single'`, `'it''s'`, '"double"', '"esc \\n \\t \\u00e9"', '"#"', `''`, '""',
  '[]', '{}', '[1, a, "b"]', '{a: 1, b: [x, y]}', '[[1], {c: d}]',
];
const ODD_VALUES = [
  '1e3', '0x1f', '0o17', '.inf', '-.Inf', '.nan', '1_000', '1.5.0', '*alias', '&anchor x', '!!str 5', '|', '>', '|-', '@x', '`x`',
  '%x', ':x', '?x', '- x', 'a: b', 'a:', '[1, 2, ]', '[1', '{a 1}', '"\\x41"', '"open', "'open", '"x" y', '[a: b]', '{a:1}', '- ',
  '#', '2026-12-04', '12:30', '0b101', '+.5e-3', '99999999999999999999', '1E3', '0X1F', '0o8', '1.e5', '-0x1', '+.INF', '-.nan', '2x', '1_0', 'x1e3',
];

function generateDocument(random: () => number, odd: boolean): string {
  const lines: string[] = [];
  const oddChance = odd ? 0.15 : 0;
  const key = () => (random() < oddChance ? pick(random, ODD_KEYS) : pick(random, PLAIN_KEYS));
  const value = () => (random() < oddChance ? pick(random, ODD_VALUES) : pick(random, PLAIN_VALUES));
  const comment = () => (random() < 0.1 ? ' # note' : '');
  const step = 1 + Math.floor(random() * 3);
  const emitMap = (indent: number, depth: number, firstPrefix?: string) => {
    const used = new Set<string>();
    const count = 1 + Math.floor(random() * 4);
    for (let index = 0; index < count; index++) {
      let name = key();
      if (!odd) {
        if (used.has(name)) name = `key${used.size}`;
        used.add(name);
      }
      const lead = index === 0 && firstPrefix !== undefined ? firstPrefix : ' '.repeat(indent);
      const shape = depth > 2 ? 0 : random();
      if (random() < 0.05) lines.push(`${' '.repeat(indent)}# a comment line`);
      if (random() < 0.05) lines.push('');
      if (shape < 0.55) lines.push(`${lead}${name}: ${value()}${comment()}`);
      else if (shape < 0.7) {
        lines.push(`${lead}${name}:${comment()}`);
        emitMap(indent + step, depth + 1);
      } else if (shape < 0.9) {
        lines.push(`${lead}${name}:${comment()}`);
        emitList(random() < 0.3 ? indent : indent + step, depth + 1);
      } else lines.push(`${lead}${name}:${comment()}`);
    }
  };
  const emitList = (indent: number, depth: number) => {
    const count = 1 + Math.floor(random() * 3);
    for (let index = 0; index < count; index++) {
      const shape = depth > 2 ? 0 : random();
      const dash = `${' '.repeat(indent)}-${' '.repeat(1 + Math.floor(random() * 2))}`;
      if (shape < 0.5) lines.push(`${dash}${value()}${comment()}`);
      else if (shape < 0.85) emitMap(dash.length, depth + 1, dash);
      else if (shape < 0.95) {
        lines.push(`${' '.repeat(indent)}-`);
        emitMap(indent + step, depth + 1);
      } else lines.push(`${' '.repeat(indent)}-`);
    }
  };
  if (random() < 0.1) lines.push('---');
  if (random() < 0.2) emitList(0, 0);
  else emitMap(0, 0);
  return `${lines.join('\n')}\n`;
}

/** One small change a hand might make: a space, a character, a line moved or doubled. */
function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  const roll = random();
  if (roll < 0.25) return text;
  if (roll < 0.45) return `${text.slice(0, at)} ${text.slice(at)}`;
  if (roll < 0.6) return `${text.slice(0, at)}${text.slice(at + 1)}`;
  if (roll < 0.8) return `${text.slice(0, at)}${pick(random, [':', '-', '#', '"', "'", '[', '{', ',', '\t', '*', '&', '!', '|', '>', '\n', '\n  ', '?', '%'])}${text.slice(at)}`;
  const lines = text.split('\n');
  const line = Math.floor(random() * lines.length);
  lines.splice(line, 0, lines[line]!);
  return lines.join('\n');
}
