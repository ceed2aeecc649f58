import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseConfig } from '@roadstop/core';
import { resolveOptions, type RawInputs } from '../src/index.js';

const resolve = (yaml: string, inputs: RawInputs = {}) => resolveOptions(parseConfig(yaml, '.github/roadstop.yml').section('bundle-budget'), inputs, '/ws');
const failure = (yaml: string, inputs: RawInputs = {}): string => {
  try {
    resolve(yaml, inputs);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.describe();
    throw error;
  }
  throw new Error('expected a ConfigurationError');
};

const CONFIG = `bundle-budget:
  compression: gzip
  max-increase: 2%
  budgets:
    - name: main bundle
      path: dist/assets/index-*.js
      max: 400 kB
    - name: styles
      path: [dist/assets/*.css]
      max: 50 kB
      compression: brotli
      max-increase: 1 kB
  total:
    max: 1 MB
`;

describe('resolveOptions', () => {
  it('reads budgets with their defaults', () => {
    const options = resolve(CONFIG);
    expect(options.budgets.map(({ origin: _, ...budget }) => budget)).toEqual([
      { name: 'main bundle', patterns: ['dist/assets/index-*.js'], compression: 'gzip', max: 400_000, maxIncrease: { kind: 'percent', value: 2 } },
      { name: 'styles', patterns: ['dist/assets/*.css'], compression: 'brotli', max: 50_000, maxIncrease: { kind: 'bytes', value: 1000 } },
    ]);
    expect(options.total).toMatchObject({ max: 1_000_000, patterns: ['dist/assets/index-*.js', 'dist/assets/*.css'] });
    expect(options).toMatchObject({ gzipLevel: 9, brotliQuality: 11, failOn: 'fail', allowEmpty: false, baseline: { kind: 'default' } });
  });

  it('lets inputs override the file; path replaces its budgets with one', () => {
    const options = resolve(CONFIG, { path: 'build/*.js, build/*.{css,svg}', max: '350 kB', compression: 'raw', 'gzip-level': '6', baseline: 'auto', 'fail-on': 'never' });
    expect(options.budgets).toHaveLength(1);
    expect(options.budgets[0]).toMatchObject({ name: 'bundle', patterns: ['build/*.js', 'build/*.{css,svg}'], max: 350_000, compression: 'raw' });
    expect(options).toMatchObject({ gzipLevel: 6, failOn: 'never', baseline: { kind: 'auto' } });
  });

  it('applies max to the one budget of the file', () => {
    expect(resolve('bundle-budget:\n  budgets:\n    - path: a.js\n      max: 1 kB\n', { max: '2 kB' }).budgets[0]!.max).toBe(2000);
  });

  it.each([
    ['', {}, ".github/roadstop.yml, key 'bundle-budget': nothing to measure (give the input 'path' (globs of the build output) or a list under bundle-budget.budgets in .github/roadstop.yml)"],
    ['bundle-budget:\n  budgets:\n    - name: a\n', {}, ".github/roadstop.yml:3, key 'bundle-budget.budgets[0]': a budget needs a path (a glob or a list of globs)"],
    ['bundle-budget:\n  budgets:\n    - path: a.js\n      max: 400 kbb\n', {}, ".github/roadstop.yml:4, key 'bundle-budget.budgets[0].max': '400 kbb' is not a size (write a number with B, kB, MB, GB (1000) or KiB, MiB, GiB (1024), e.g. \"400 kB\")"],
    ['bundle-budget:\n  budgets:\n    - path: a.js\n      maximum: 1 kB\n', {}, ".github/roadstop.yml:4, key 'bundle-budget.budgets[0].maximum': unknown key 'maximum' (did you mean 'max'?)"],
    ['bundle-budget:\n  compression: zstd\n', { path: 'a.js' }, ".github/roadstop.yml:2, key 'bundle-budget.compression': 'zstd' is not one of gzip, brotli, raw"],
    ['bundle-budget:\n  budgets: dist/*.js\n', {}, ".github/roadstop.yml:2, key 'bundle-budget.budgets': must be a list"],
    ['bundle-budget:\n  allow-empty: maybe\n', { path: 'a.js' }, ".github/roadstop.yml:2, key 'bundle-budget.allow-empty': must be true or false"],
    ['', { path: 'a.js', max: '400 kbb' }, "input 'max': '400 kbb' is not a size (write a number with B, kB, MB, GB (1000) or KiB, MiB, GiB (1024), e.g. \"400 kB\")"],
    ['', { path: 'a.js', 'gzip-level': '10' }, "input 'gzip-level': 10 is out of range: must be from 1 to 9"],
    ['', { path: 'a.js', 'fail-on': 'sometimes' }, "input 'fail-on': 'sometimes' is not one of fail, warn, never"],
    ['', { path: 'a.js', 'max-increase': 'lots' }, "input 'max-increase': 'lots' is not a size (write a number with B, kB, MB, GB (1000) or KiB, MiB, GiB (1024), e.g. \"400 kB\")"],
    ['', { max: '1 kB' }, "input 'max': there is no budget for it to limit (give the input 'path' too)"],
    ['bundle-budget:\n  budgets:\n    - {name: a, path: a.js}\n    - {name: a, path: b.js}\n', {}, ".github/roadstop.yml:4, key 'bundle-budget.budgets[1]': two budgets are named 'a' (names must be unique)"],
    ['bundle-budget:\n  budgets:\n    - {path: a.js, max: 1 kB, warn: 2 kB}\n', {}, ".github/roadstop.yml:3, key 'bundle-budget.budgets[0].warn': warn is larger than max, so it could never warn"],
  ])('refuses %j %j', (yaml, inputs, message) => {
    expect(failure(yaml, inputs)).toBe(message);
  });
});
