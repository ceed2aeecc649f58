import {
  ConfigurationError,
  oneOf,
  parseBoolean,
  parseIncrease,
  parseNumber,
  parseSize,
  splitList,
  FAIL_ON,
  givenInput,
  parseBaselineSpec,
  parseFailOn,
  type BaselineSpec,
  type ConfigSection,
  type FailOn,
  type ErrorLocation,
  type Increase,
  type OptionDefinitions,
  COMMON_GATE_OPTIONS,
  rangeOf,
} from '@roadstop/core';
import type { Compression } from './measure.js';

export const GATE = 'bundle-budget';
export const COMPRESSIONS: readonly Compression[] = ['gzip', 'brotli', 'raw'];

export interface Budget {
  name: string;
  patterns: string[];
  compression: Compression;
  max?: number;
  /** Size above which the budget warns without failing. */
  warn?: number;
  maxIncrease?: Increase;
  /** Where the budget was declared, for errors about it. */
  origin: ErrorLocation;
}


export interface BundleBudgetOptions {
  workspace: string;
  budgets: Budget[];
  /** The whole output: every file any budget measured, or `total.path` when set. */
  total: Omit<Budget, 'name'> & { patterns: string[] };
  gzipLevel: number;
  brotliQuality: number;
  allowEmpty: boolean;
  baseline: BaselineSpec;
  failOn: FailOn;
  /** Threads measuring files, the calling one counted; default: one per core. */
  threads?: number;
}

/** The inputs both edges (action and CLI) accept, as raw strings; absent or empty means "not given". */
export const INPUT_NAMES = [
  'path',
  'name',
  'max',
  'compression',
  'max-increase',
  'gzip-level',
  'brotli-quality',
  'baseline',
  'fail-on',
  'allow-empty',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];
export type RawInputs = Partial<Record<InputName, string>>;

const LIMITS = {
  path: { type: 'string-list', description: 'Globs of the files measured together (! excludes).' },
  max: { type: 'string-or-number', description: 'Largest allowed size, e.g. 400 kB, 1.5 MB, 512 KiB or bytes.' },
  warn: { type: 'string-or-number', description: 'Size above which the budget warns without failing.' },
  compression: { type: 'string', enum: COMPRESSIONS, description: 'gzip, brotli or raw; default: the section\'s compression.' },
  'max-increase': { type: 'string-or-number', description: 'How much it may grow against the baseline, e.g. 2% or 5 kB.' },
} as const satisfies OptionDefinitions;

/** The `bundle-budget:` section's keys: checked by the config file, written into the JSON Schema. */
export const BUNDLE_BUDGET_OPTIONS = {
  budgets: { type: 'list', description: 'The budgets: each a name, globs and limits.', keys: { name: { type: 'string', description: 'Shown in tables; default: its globs.' }, ...LIMITS } },
  total: { type: 'map', description: 'Limits of the whole output (every file any budget measured, or path when set).', keys: LIMITS },
  compression: { type: 'string', enum: COMPRESSIONS, default: 'gzip' },
  'max-increase': { type: 'string-or-number' },
  'gzip-level': { type: 'number', minimum: 1, maximum: 9, integer: true, default: 9 },
  'brotli-quality': { type: 'number', minimum: 0, maximum: 11, integer: true, default: 11 },
  'allow-empty': { type: 'boolean', default: false },
  ...COMMON_GATE_OPTIONS,
} as const satisfies OptionDefinitions;

/**
 * Merge the config file's `bundle-budget:` section with the inputs: an input,
 * when given, wins over the file. `path` (with `max`, `name`) replaces the
 * file's budgets with one budget, the quick one-budget case.
 */
export function resolveOptions(section: ConfigSection, inputs: RawInputs, workspace: string): BundleBudgetOptions {
  section.rejectUnknown(Object.keys(BUNDLE_BUDGET_OPTIONS));
  const given = (name: InputName) => givenInput(inputs, name);
  const input = (name: InputName): ErrorLocation => ({ input: name });
  const from = (name: InputName): ErrorLocation => (given(name) ? input(name) : section.locate(name));

  const compression = given('compression')
    ? oneOf(given('compression')!, COMPRESSIONS, input('compression'))
    : (section.oneOf('compression', COMPRESSIONS) ?? 'gzip');
  const maxIncreaseText = given('max-increase') ?? section.stringOrNumber('max-increase');
  const maxIncrease = maxIncreaseText === undefined ? undefined : parseIncrease(maxIncreaseText, from('max-increase'));

  // Range and default from the option's definition: the schema says the same.
  const level = (name: 'gzip-level' | 'brotli-quality'): number => {
    const definition = BUNDLE_BUDGET_OPTIONS[name];
    const text = given(name);
    return text ? parseNumber(text, input(name), rangeOf(definition)) : (section.number(name, rangeOf(definition)) ?? definition.default);
  };
  const gzipLevel = level('gzip-level');
  const brotliQuality = level('brotli-quality');

  const defaults = { compression, ...(maxIncrease ? { maxIncrease } : {}) };
  let budgets: Budget[];
  if (given('path')) {
    const patterns = splitList(given('path'));
    budgets = [
      {
        name: given('name') ?? 'bundle',
        patterns,
        ...defaults,
        ...(given('max') ? { max: parseSize(given('max')!, input('max')) } : {}),
        origin: input('path'),
      },
    ];
  } else {
    budgets = section.sections('budgets').map((entry) => readBudget(entry, defaults));
    if (given('max')) {
      if (budgets.length !== 1) {
        throw new ConfigurationError(
          budgets.length === 0 ? 'there is no budget for it to limit' : `the config has ${budgets.length} budgets and one max cannot apply to all`,
          input('max'),
          budgets.length === 0 ? "give the input 'path' too" : 'set max on each budget in the config',
        );
      }
      budgets[0]!.max = parseSize(given('max')!, input('max'));
    }
  }
  if (given('name') && !given('path')) throw new ConfigurationError("'name' names the budget given by 'path'", input('name'), "give 'path' too");
  if (budgets.length === 0) {
    throw new ConfigurationError(
      'nothing to measure',
      section.file ? section.locate() : input('path'),
      `give the input 'path' (globs of the build output) or a list under bundle-budget.budgets in ${section.file ?? '.github/roadstop.yml'}`,
    );
  }
  const names = new Set<string>();
  for (const budget of budgets) {
    if (names.has(budget.name)) throw new ConfigurationError(`two budgets are named '${budget.name}'`, budget.origin, 'names must be unique');
    names.add(budget.name);
  }

  const totalSection = section.section('total');
  totalSection.rejectUnknown(Object.keys(LIMITS));
  const totalPatterns = totalSection.stringList('path');
  const total = {
    ...readLimits(totalSection, defaults),
    patterns: totalPatterns ?? [...new Set(budgets.flatMap((budget) => budget.patterns))],
    origin: totalSection.locate(),
  };

  const baseline = parseBaselineSpec(given('baseline') ?? section.string('baseline'), from('baseline'));
  const failOn = given('fail-on') ? parseFailOn(given('fail-on')!, input('fail-on')) : (section.oneOf('fail-on', FAIL_ON) ?? 'fail');
  const allowEmpty = given('allow-empty') ? parseBoolean(given('allow-empty')!, input('allow-empty')) : (section.boolean('allow-empty') ?? false);

  return { workspace, budgets, total, gzipLevel, brotliQuality, allowEmpty, baseline, failOn };
}

function readBudget(entry: ConfigSection, defaults: Pick<Budget, 'compression' | 'maxIncrease'>): Budget {
  entry.rejectUnknown(Object.keys(BUNDLE_BUDGET_OPTIONS.budgets.keys));
  const patterns = entry.stringList('path');
  if (!patterns || patterns.length === 0) {
    throw new ConfigurationError('a budget needs a path (a glob or a list of globs)', entry.locate());
  }
  return { name: entry.string('name') ?? patterns.join(', '), patterns, ...readLimits(entry, defaults), origin: entry.locate() };
}

function readLimits(entry: ConfigSection, defaults: Pick<Budget, 'compression' | 'maxIncrease'>): Pick<Budget, 'compression' | 'max' | 'warn' | 'maxIncrease'> {
  const max = entry.stringOrNumber('max');
  const warn = entry.stringOrNumber('warn');
  const increase = entry.stringOrNumber('max-increase');
  const limits: Pick<Budget, 'compression' | 'max' | 'warn' | 'maxIncrease'> = {
    compression: entry.oneOf('compression', COMPRESSIONS) ?? defaults.compression,
  };
  if (max !== undefined) limits.max = parseSize(max, entry.locate('max'));
  if (warn !== undefined) limits.warn = parseSize(warn, entry.locate('warn'));
  if (increase !== undefined) limits.maxIncrease = parseIncrease(increase, entry.locate('max-increase'));
  else if (defaults.maxIncrease) limits.maxIncrease = defaults.maxIncrease;
  if (limits.warn !== undefined && limits.max !== undefined && limits.warn > limits.max) {
    throw new ConfigurationError('warn is larger than max, so it could never warn', entry.locate('warn'));
  }
  return limits;
}
