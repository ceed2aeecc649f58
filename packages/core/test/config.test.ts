import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig, parseBoolean, parseConfig, splitList } from '../src/index.js';

function errorOf(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

/** Core keeps no list of sections: the caller (the registry) passes them. */
const SECTIONS = { 'bundle-budget': { description: 'budgets' }, 'coverage-gate': { description: 'coverage' } };

const CONFIG = `version: 1
bundle-budget:
  compression: gzip
  budgets:
    - name: main
      path: dist/main.js
      max: 400 kB
    - name: vendor
      pth: dist/vendor.js
`;

describe('config file', () => {
  it('names file, key and line of an unknown key, with the closest known key', () => {
    const config = parseConfig(CONFIG, '.github/roadstop.yml');
    const budgets = config.section('bundle-budget').sections('budgets');
    const error = errorOf(() => budgets[1]!.rejectUnknown(['name', 'path', 'max']));
    expect(error.describe()).toBe(".github/roadstop.yml:9, key 'bundle-budget.budgets[1].pth': unknown key 'pth' (did you mean 'path'?)");
  });

  it("takes allow-skip (true or false) in every gate's own section, and nowhere below it", () => {
    const config = parseConfig('version: 1\nlighthouse-gate:\n  runs: 1\n  allow-skip: true\ncoverage-gate:\n  allow-skip: false\n  thresholds:\n    allow-skip: true\n', 'roadstop.yml');
    expect(() => config.section('lighthouse-gate').rejectUnknown(['runs'])).not.toThrow();
    expect(() => config.section('coverage-gate').rejectUnknown(['thresholds'])).not.toThrow();
    expect(errorOf(() => config.section('coverage-gate').section('thresholds').rejectUnknown(['lines'])).message).toBe("unknown key 'allow-skip'");
    const wrong = parseConfig('version: 1\nbundle-budget:\n  allow-skip: sometimes\n', 'roadstop.yml');
    expect(errorOf(() => wrong.section('bundle-budget').rejectUnknown(['budgets'])).location).toMatchObject({ file: 'roadstop.yml', line: 3 });
  });

  it('refuses an unknown section at the top', () => {
    const error = errorOf(() => parseConfig('version: 1\nbundle-budgets:\n  budgets: []\n', 'roadstop.yml', SECTIONS));
    expect(error.location).toMatchObject({ file: 'roadstop.yml', line: 2, key: 'bundle-budgets' });
    expect(error.hint).toBe("did you mean 'bundle-budget'?");
  });

  it('names the line of a wrong type', () => {
    const config = parseConfig('bundle-budget:\n  gzip-level: high\n', 'c.yml');
    const error = errorOf(() => config.section('bundle-budget').number('gzip-level', { min: 1, max: 9 }));
    expect(error.describe()).toBe("c.yml:2, key 'bundle-budget.gzip-level': must be a number");
  });

  it('checks ranges', () => {
    const config = parseConfig('bundle-budget:\n  gzip-level: 12\n', 'c.yml');
    expect(errorOf(() => config.section('bundle-budget').number('gzip-level', { min: 1, max: 9 })).message).toBe('12 is out of range: must be from 1 to 9');
  });

  it('reports invalid YAML with its line', () => {
    const error = errorOf(() => parseConfig('bundle-budget:\n  budgets:\n    - name: a\n   path: [\n', 'c.yml'));
    expect(error.location.file).toBe('c.yml');
    expect(error.location.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/^invalid YAML/);
  });

  it('refuses duplicate keys and other versions', () => {
    expect(errorOf(() => parseConfig('version: 1\nversion: 1\n', 'c.yml')).message).toMatch(/invalid YAML/);
    expect(errorOf(() => parseConfig('version: 2\n', 'c.yml')).describe()).toBe("c.yml:1, key 'version': config version 2 is not supported (this roadstop reads version 1)");
  });

  it('reads strings, lists, booleans and absent keys', () => {
    const config = parseConfig('bundle-budget:\n  allow-empty: true\n  path: [a, b]\n  one: x\n  empty:\n', 'c.yml');
    const section = config.section('bundle-budget');
    expect(section.boolean('allow-empty')).toBe(true);
    expect(section.stringList('path')).toEqual(['a', 'b']);
    expect(section.stringList('one')).toEqual(['x']);
    expect(section.string('empty')).toBeUndefined();
    expect(section.string('missing')).toBeUndefined();
    expect(config.section('coverage-gate').keys()).toEqual([]);
  });

  it('is optional at the default path and required at a named one', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-config-'));
    expect(loadConfig(undefined, { workspace, sections: SECTIONS }).file).toBeUndefined();
    expect(() => loadConfig('ci/roadstop.yml', { workspace, input: 'config', sections: SECTIONS })).toThrow(/config file not found/);
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/roadstop.yml'), 'bundle-budget:\n  compression: raw\n');
    const loaded = loadConfig('', { workspace, sections: SECTIONS });
    expect(loaded.file).toBe('.github/roadstop.yml');
    expect(loaded.section('bundle-budget').string('compression')).toBe('raw');
  });
});

describe('splitList', () => {
  it.each([
    ['dist/*.js', ['dist/*.js']],
    ['dist/*.js\ndist/*.css', ['dist/*.js', 'dist/*.css']],
    ['dist/*.js, dist/*.css', ['dist/*.js', 'dist/*.css']],
    ['dist/**/*.{js,css}', ['dist/**/*.{js,css}']],
    ['a/{x,{y,z}}/*.js,b.js', ['a/{x,{y,z}}/*.js', 'b.js']],
    ['\n  dist/a.js  \r\n\n# comment\n', ['dist/a.js']],
    ['', []],
  ])('%j → %j', (text, items) => {
    expect(splitList(text)).toEqual(items);
  });
});

describe('YAML anchors and aliases', () => {
  it.each([
    ['an alias for a budget', 'bundle-budget:\n  budgets:\n    - &main\n      path: dist/a.js\n      max: 1 kB\n    - *main\n', 6],
    ['a merge key', 'bundle-budget:\n  budgets:\n    - &main\n      path: dist/a.js\n      max: 1 kB\n    - <<: *main\n      name: other\n', 6],
    ['an alias for a scalar', 'coverage-gate:\n  files: &f coverage/lcov.info\n  roots: *f\n', 3],
  ])('refuses %s as such, at its line', (_, text, line) => {
    const error = errorOf(() => parseConfig(text, '.github/roadstop.yml'));
    expect(error.describe()).toMatch(/^\.github\/roadstop\.yml:\d+: YAML aliases are not supported: \*(main|f) refers to an anchor \(&(main|f)\) elsewhere \(write the value out where it is used\)$/);
    expect(error.location.line).toBe(line);
  });
});

describe('boolean inputs', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    [' false ', false],
    ['False', false],
    ['FALSE', false],
  ])('reads %s as GitHub Actions does', (text, expected) => {
    expect(parseBoolean(text, { input: 'allow-empty' })).toBe(expected);
  });

  it.each(['yes', 'on', '1', 'no', 'off', '0', 'tRuE', ''])('refuses %j, which Actions and YAML 1.2 do not read as a boolean', (text) => {
    expect(errorOf(() => parseBoolean(text, { input: 'allow-empty' })).describe()).toBe(`input 'allow-empty': '${text}' is not true or false (write true or false, as every GitHub Actions boolean input)`);
  });
});
