import { describe, expect, it } from 'vitest';
import { ConfigurationError, MAX_NESTING, parseConfig, parseResult, parseSectionList, parseYamlData, parseYamlTree, YamlSyntaxError } from '../src/index.js';

function errorOf(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw new Error(`expected a ConfigurationError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a ConfigurationError, got none');
}

const DEEP = 10_000;
const deepFlowList = '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepFlowMap = 'bundle-budget: ' + '{a: '.repeat(DEEP) + '1' + '}'.repeat(DEEP) + '\n';
/** A block map nested one level a line, `depth` deep, two spaces an indent. */
const deepBlock = (depth: number) => Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}k${level}:`).join('\n') + ' 1\n';
/** The classic billion laughs: each anchor a list of nine aliases of the one before. */
const aliasBomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(',')}]`)].join('\n') + '\ntext: hi\n';

describe('YAML read with its limits', () => {
  it.each([
    ['a 10,000-deep flow list', deepFlowList, 1],
    ['a 10,000-deep flow map under a section', deepFlowMap, 1],
    ['a block map one level deeper than allowed', deepBlock(MAX_NESTING + 1), MAX_NESTING + 1],
  ])('refuses %s in a config as a located ConfigurationError', (_, text, line) => {
    const error = errorOf(() => parseConfig(text, 'c.yml'));
    expect(error.message).toBe(`YAML nested more than ${MAX_NESTING} levels deep`);
    expect(error.location).toEqual({ file: 'c.yml', line });
  });

  it('reads a block map as deep as allowed, each key at its line', () => {
    const tree = parseYamlTree(deepBlock(MAX_NESTING), { file: 'c.yml' });
    let node = tree;
    for (let level = 0; level < MAX_NESTING; level++) {
      if (node?.kind !== 'map') throw new Error(`level ${level} is not a map`);
      expect(node.entries[0]).toMatchObject({ name: `k${level}`, line: level + 1 });
      node = node.entries[0]!.value;
    }
    expect(node).toEqual({ kind: 'scalar', value: 1, line: MAX_NESTING });
  });

  it('refuses an alias bomb in a config at the first alias, without expanding it', () => {
    const error = errorOf(() => parseConfig(aliasBomb, 'c.yml'));
    expect(error.describe()).toBe('c.yml:2: YAML aliases are not supported: *a refers to an anchor (&a) elsewhere (write the value out where it is used)');
  });

  it('refuses an alias bomb in YAML data past its alias count, and reads a few aliases', () => {
    expect(errorOf(() => parseYamlData(aliasBomb, { input: 'payload' })).describe()).toMatch(/^input 'payload': YAML aliases expand to more than 100 values/);
    expect(parseYamlData('block: &b {type: divider}\nblocks: [*b, *b]\n', {})).toEqual({ block: { type: 'divider' }, blocks: [{ type: 'divider' }, { type: 'divider' }] });
  });

  it('refuses a YAML text past its size before parsing it', () => {
    const error = errorOf(() => parseYamlTree(`a: "${'x'.repeat(1024 * 1024)}"\n`, { input: 'metrics' }));
    expect(error.message).toMatch(/^is 1,048,582 characters of YAML, more than the 1,048,576 roadstop reads$/);
    expect(error.location).toEqual({ input: 'metrics' });
  });

  it('refuses a 10,000-deep metrics input, naming the input', () => {
    const error = errorOf(() => parseSectionList(`- ${deepFlowList}\n`, { key: 'metrics', file: "input 'metrics'", where: { input: 'metrics' }, expected: 'a list' }));
    expect(error.describe()).toBe("input 'metrics': YAML nested more than 100 levels deep (a config, a metric list or a message is a few levels deep)");
    expect(error.location).toEqual({ input: 'metrics', line: 1 });
  });

  it.each([
    ['a tab for an indent', 'a:\n\tb: 1\n', 2],
    ['a duplicate key', 'a: 1\na: 2\n', 2],
    ['two documents', 'a: 1\n---\nb: 2\n', 2],
  ])('reports %s as invalid YAML at its line', (_, text, line) => {
    const error = errorOf(() => parseYamlTree(text, { file: 'c.yml' }));
    expect(error).toBeInstanceOf(YamlSyntaxError);
    expect(error.message).toMatch(/^invalid YAML: \S/);
    expect(error.location).toEqual({ file: 'c.yml', line });
  });

  it('reads values as YAML 1.2 does, keys at their lines', () => {
    const text = 'a: 1\nb:\n  - x\n  - "y"\nc: {d: true, e: null}\n"1": 0x10\n';
    expect(parseYamlTree(text, {})).toEqual({
      kind: 'map',
      line: 1,
      entries: [
        { key: 'a', name: 'a', line: 1, value: { kind: 'scalar', value: 1, line: 1 } },
        { key: 'b', name: 'b', line: 2, value: { kind: 'list', line: 3, items: [{ kind: 'scalar', value: 'x', line: 3 }, { kind: 'scalar', value: 'y', line: 4 }] } },
        { key: 'c', name: 'c', line: 5, value: { kind: 'map', line: 5, entries: [
          { key: 'd', name: 'd', line: 5, value: { kind: 'scalar', value: true, line: 5 } },
          { key: 'e', name: 'e', line: 5, value: { kind: 'scalar', value: null, line: 5 } },
        ] } },
        { key: '1', name: '1', line: 6, value: { kind: 'scalar', value: 16, line: 6 } },
      ],
    });
    expect(parseYamlTree('# only a comment\n', {})).toBeNull();
  });
});

describe('JSON read back with its limits', () => {
  it('refuses a 10,000-deep result file as not a result, not an internal error', () => {
    const text = `{"schemaVersion": 1, "gate": "bundle-budget", "settings": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`;
    const error = errorOf(() => parseResult(text, { file: 'r.json', input: 'baseline' }));
    expect(error.describe()).toMatch(/^r\.json, input 'baseline': JSON nested more than 100 levels deep|^input 'baseline', r\.json: JSON nested more than 100 levels deep/);
  });
});
