import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseConfig } from '@roadstop/core';
import { configSections } from '../src/index.js';

// schema/roadstop.schema.json is written by scripts/schema.mjs from the gates' option definitions, the
// same data parseConfig checks with. These tests hold the committed file to the script, and the schema
// (through ajv, as an editor reads it) to the code's verdict on every config in the repository and on a
// table of bad ones.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const schema = JSON.parse(readFileSync(join(ROOT, 'schema/roadstop.schema.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(schema);

/** The schema's verdict: the errors, or [] when it accepts the YAML. */
function schemaErrors(text: string): string[] {
  return validate(parse(text)) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

/** The code's verdict: the ConfigurationError's text, or undefined when parseConfig accepts it. */
function codeError(text: string): string | undefined {
  try {
    parseConfig(text, 'roadstop.yml', configSections());
    return undefined;
  } catch (error) {
    if (error instanceof ConfigurationError) return error.describe();
    throw error;
  }
}

/** Every roadstop config the repository shows: the example app's file, and each fenced YAML block of the docs that is one. */
function repositoryConfigs(): [string, string][] {
  const sections = new Set(['version', ...Object.keys(configSections())]);
  const configs: [string, string][] = [['examples/webapp/.github/roadstop.yml', readFileSync(join(ROOT, 'examples/webapp/.github/roadstop.yml'), 'utf8')]];
  const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
  for (const file of docs) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [index, match] of [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)].entries()) {
      let data: unknown;
      try {
        data = parse(match[1]!);
      } catch {
        continue;
      }
      // A config is a map of config sections only; workflows, steps and action inputs are other YAML.
      if (data && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length > 0 && Object.keys(data).every((key) => sections.has(key))) {
        configs.push([`${file} block ${index + 1}`, match[1]!]);
      }
    }
  }
  return configs;
}

describe('the config JSON Schema', () => {
  it('is what scripts/schema.mjs writes from the option definitions (run it when this fails)', () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts/schema.mjs'), '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('describes every key, and lists every section of the registry', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (!(child as { description?: string }).description) undescribed.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      for (const key of ['items', 'additionalProperties'] as const) walk((node as Record<string, unknown>)[key], `${path}[]`);
      for (const choice of (node as { anyOf?: unknown[] }).anyOf ?? []) walk(choice, path);
    };
    walk(schema, '');
    expect(undescribed).toEqual([]);
    expect(Object.keys(schema.properties as object)).toEqual(['version', ...Object.keys(configSections())]);
  });

  const configs = repositoryConfigs();
  it('finds the configs of the example app and the docs', () => {
    expect(configs.length).toBeGreaterThanOrEqual(3);
  });

  it.each(configs)('accepts %s, as the code does', (_, text) => {
    expect(codeError(text)).toBeUndefined();
    expect(schemaErrors(text)).toEqual([]);
  });

  it.each([
    ['an empty file', ''],
    ['a section with nothing in it', 'coverage-gate:\n'],
    ['an empty key', 'bundle-budget:\n  compression:\n'],
    ['a size as a number', 'bundle-budget:\n  budgets:\n    - path: dist/*.js\n      max: 400000\n'],
    ['one glob or a list', 'coverage-gate:\n  files: [a.info, b.info]\n  roots: packages/a\n'],
    ['a path threshold as a number or a map', "coverage-gate:\n  paths:\n    'src/core/**': 90\n    'src/ui/**': { lines: 70, branches: 50 }\n"],
    ["lighthouse-gate's max-drop as one number or per category", 'lighthouse-gate:\n  max-drop: { performance: 5, seo: 2 }\n'],
    ['a canary metric', 'canary-watch:\n  metrics:\n    - name: errors\n      type: error-rate\n      errors: a\n      requests: b\n      min-samples: 3\n      critical: false\n'],
    ["a reserved step's section", 'slack-notify:\n  anything: 1\n'],
    ["the old name of coverage-gate's min-patch", 'coverage-gate:\n  patch: 80\n'],
    ['the min-<metric> keys', 'coverage-gate:\n  min-lines: 80\n  min-branches: 70%\nlighthouse-gate:\n  min-seo: 90\n'],
  ])('accepts %s, as the code does', (_, text) => {
    expect(codeError(text)).toBeUndefined();
    expect(schemaErrors(text)).toEqual([]);
  });

  it.each([
    ['not a map', '- bundle-budget\n', /must be a map of sections/],
    ['an unknown section', 'bundle-budgets:\n  budgets: []\n', /unknown key 'bundle-budgets' \(did you mean 'bundle-budget'\?\)/],
    ['another version', 'version: 2\n', /config version 2 is not supported/],
    ['an unknown key', 'coverage-gate:\n  pach: 80\n', /key 'coverage-gate.pach': unknown key 'pach'/],
    ['an unknown key in a list item', 'bundle-budget:\n  budgets:\n    - pth: dist/*.js\n', /roadstop.yml:3, key 'bundle-budget.budgets\[0\].pth': unknown key/],
    ['an unknown key in a nested map', 'coverage-gate:\n  thresholds:\n    line: 80\n', /key 'coverage-gate.thresholds.line': unknown key 'line' \(did you mean 'lines'\?\)/],
    ['an unknown category in a per-category map', 'lighthouse-gate:\n  max-drop: { speed: 5 }\n', /unknown key 'speed'/],
    ['an unknown metric under a path', "coverage-gate:\n  paths:\n    'src/**': { line: 5 }\n", /unknown key 'line'/],
    ['a word for a number', 'bundle-budget:\n  gzip-level: high\n', /key 'bundle-budget.gzip-level': must be a number/],
    ['a quoted number', "canary-watch:\n  metrics:\n    - name: a\n      min-samples: '5'\n", /must be a number/],
    ['a number out of range', 'bundle-budget:\n  gzip-level: 12\n', /12 is out of range: must be from 1 to 9/],
    ['a fraction for a whole number', 'coverage-gate:\n  annotations: 2.5\n', /2.5 must be a whole number/],
    ['a value outside the enum', 'bundle-budget:\n  compression: zip\n', /'zip' is not one of gzip, brotli, raw/],
    ['a value outside a nested enum', 'bundle-budget:\n  budgets:\n    - path: a.js\n      compression: zip\n', /'zip' is not one of/],
    ["a value outside canary-watch's own fail-on", 'canary-watch:\n  fail-on: fail\n', /'fail' is not one of rollback, inconclusive/],
    ['a string for a boolean', 'bundle-budget:\n  allow-empty: sure\n', /must be true or false/],
    ['a boolean for a size', 'bundle-budget:\n  max-increase: true\n', /must be a string or a number/],
    ['a map for a string', 'coverage-gate:\n  base: { ref: main }\n', /must be a string/],
    ['a scalar for a list of budgets', 'bundle-budget:\n  budgets: dist/*.js\n', /must be a list/],
    ['a scalar for a map', 'coverage-gate:\n  thresholds: 80\n', /must be a map of keys/],
    ['a list item that is no map', 'bundle-budget:\n  budgets:\n    - dist/*.js\n', /must be a map of keys/],
    ['a list for a section', 'coverage-gate:\n  - files\n', /must be a map of keys/],
  ])('refuses %s, as the code does', (_, text, message) => {
    expect(codeError(text)).toMatch(message);
    expect(schemaErrors(text)).not.toEqual([]);
  });

  it("is named in the README for editors, by its own $id", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`# yaml-language-server: $schema=${String(schema.$id)}\n`);
  });

  it('is valid draft-07 with an $id at a release tag', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toMatch(/^https:\/\/raw\.githubusercontent\.com\/[^/]+\/roadstop\/v\d+\/schema\/roadstop\.schema\.json$/);
    expect(relative(ROOT, join(ROOT, 'schema/roadstop.schema.json'))).toBe('schema/roadstop.schema.json');
  });
});

/** The config texts the tests write or parse as string literals (`writeFile(…roadstop.yml'), '…')`, `parseConfig('…'`). */
function testFixtures(): [string, string][] {
  const fixtures: [string, string][] = [];
  const files = ['packages', 'actions'].flatMap((top) =>
    readdirSync(join(ROOT, top)).flatMap((name) => {
      const folder = join(ROOT, top, name, 'test');
      try {
        return readdirSync(folder).filter((file) => file.endsWith('.ts') && file !== 'schema.test.ts').map((file) => join(folder, file));
      } catch {
        return [];
      }
    }),
  );
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:roadstop\.yml'\), |parseConfig\()'((?:[^'\\]|\\.)*)'/g)) {
      const text = JSON.parse(`"${match[1]!.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
      fixtures.push([`${relative(ROOT, file)}: ${JSON.stringify(text).slice(0, 60)}`, text]);
    }
  }
  return fixtures;
}

describe("the tests' own configs", () => {
  const fixtures = testFixtures();
  it('are found', () => expect(fixtures.length).toBeGreaterThanOrEqual(20));

  it.each(fixtures)('%s: the schema and the code agree', (_, text) => {
    const code = codeError(text);
    // YAML the code's reader declines (aliases, invalid YAML) never reaches a verdict on keys.
    if (code !== undefined && /YAML/.test(code)) return;
    expect(schemaErrors(text).length > 0, code ?? 'the code accepts it').toBe(code !== undefined);
  });
});

describe('deprecated key names', () => {
  it("read coverage-gate's patch as min-patch, with a warning naming file, line, old and new name", () => {
    const config = parseConfig('version: 1\ncoverage-gate:\n  files: lcov.info\n  patch: 80\n', '.github/roadstop.yml', configSections());
    expect(config.section('coverage-gate').stringOrNumber('min-patch')).toBe(80);
    expect(config.section('coverage-gate').has('patch')).toBe(false);
    expect(config.warnings).toEqual([{ key: 'coverage-gate.patch', text: "'coverage-gate.patch' is deprecated: it is now 'coverage-gate.min-patch' (the input's name); the old name still works for now", file: '.github/roadstop.yml', line: 4 }]);
  });

  it.each([
    ['coverage-gate', 'thresholds: { lines: 70, branches: 60 }', { 'min-lines': 70, 'min-branches': 60 }, ['lines', 'branches'], 2],
    ['lighthouse-gate', 'thresholds:\n    seo: 95', { 'min-seo': 95 }, ['seo'], 3],
  ])("read %s's thresholds map as the min-<name> keys of the inputs, one warning each, and drop the emptied map", (gate, yaml, keys, moved, line) => {
    const config = parseConfig(`${gate}:\n  ${yaml}\n`, 'c.yml', configSections());
    const section = config.section(gate);
    for (const [key, value] of Object.entries(keys)) expect(section.stringOrNumber(key)).toBe(value);
    expect(section.has('thresholds')).toBe(false);
    expect(config.warnings.map((warning) => warning.text)).toEqual(moved.map((name) => `'${gate}.thresholds.${name}' is deprecated: it is now '${gate}.min-${name}' (the input's name); the old name still works for now`));
    expect(config.warnings[0]).toMatchObject({ file: 'c.yml', line });
    expect(schemaErrors(`${gate}:\n  ${yaml}\n`)).toEqual([]);
  });

  it('refuses the old and the new name together', () => {
    expect(codeError('coverage-gate:\n  patch: 80\n  min-patch: 70\n')).toBe("roadstop.yml:2, key 'coverage-gate.patch': 'patch' is the old name of 'min-patch', and both are set (keep only 'min-patch')");
    expect(codeError('coverage-gate:\n  min-lines: 80\n  thresholds: { lines: 70 }\n')).toBe("roadstop.yml:3, key 'coverage-gate.thresholds.lines': 'thresholds.lines' is the old name of 'min-lines', and both are set (keep only 'min-lines')");
  });

  it('leave no key whose name differs from an input of the same gate', () => {
    for (const [name, section] of Object.entries(configSections())) {
      const file = join(ROOT, 'actions', name, 'action.yml');
      const inputs = Object.keys((parse(readFileSync(file, 'utf8')) as { inputs: object }).inputs);
      for (const [key, definition] of Object.entries(section.options ?? {})) {
        // A key that spells an input differently (the old `patch` for `min-patch`) is only ever a renamedFrom.
        for (const old of definition.renamedFrom ?? []) expect(inputs, `${name}.${old}`).not.toContain(old);
        if (!inputs.includes(key)) expect(definition.description, `${name}.${key} is no input, so it says what it is`).toBeTruthy();
      }
    }
  });
});
