import {
  checkGlobSize,
  checkRange,
  ConfigurationError,
  splitList,
  givenInput,
  parseBaselineSpec,
  parseFailOn,
  type BaselineSpec,
  type ConfigSection,
  type FailOn,
  type ErrorLocation,
  type OptionDefinitions,
  COMMON_GATE_OPTIONS,
  rangeOf,
} from '@roadstop/core';
import { checkRef } from '@roadstop/git';
import { METRICS, type Metric } from './model.js';

export const GATE = 'coverage-gate';

/** The seeds' plan in one word: 60% lines at launch, 70% when hardening, 85% strict. */
export const PRESETS = { launch: 60, harden: 70, strict: 85 } as const;
export type Preset = keyof typeof PRESETS;

export type Thresholds = Partial<Record<Metric, number>>;

export interface PathThreshold {
  pattern: string;
  thresholds: Thresholds;
  origin: ErrorLocation;
}


export interface CoverageGateOptions {
  workspace: string;
  /** Globs of coverage reports, workspace-relative. */
  files: string[];
  filesOrigin: ErrorLocation;
  /** Whole-project thresholds, in percent. */
  thresholds: Thresholds;
  /** Thresholds every single file must meet. */
  perFile: Thresholds;
  /** Thresholds for the files under a glob, taken together. */
  paths: PathThreshold[];
  /** Minimum coverage of the changed lines, in percent. */
  minPatch?: number;
  /** Largest drop against the baseline, in percentage points. */
  maxDrop?: number;
  /** Base commit or ref for changed lines; the pull request's base when empty. */
  base?: string;
  /** Where `base` was named: one that cannot be resolved is this mistake, not a notice. */
  baseOrigin?: ErrorLocation;
  /** Report folders the tools ran in, tried first when mapping report paths. */
  roots: string[];
  baseline: BaselineSpec;
  failOn: FailOn;
  /** At most this many uncovered changed lines become annotations. */
  maxAnnotations: number;
  preset?: Preset;
}

export const INPUT_NAMES = [
  'files',
  'preset',
  'min-lines',
  'min-statements',
  'min-functions',
  'min-branches',
  'min-patch',
  'max-drop',
  'base',
  'baseline',
  'fail-on',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];
export type RawInputs = Partial<Record<InputName, string>>;

const PERCENT = { type: 'string-or-number', description: 'Least coverage in percent, e.g. 80 or 80%.' } as const;
const THRESHOLDS = { type: 'map', keys: Object.fromEntries(METRICS.map((metric) => [metric, PERCENT])) } as const;

/** The `coverage-gate:` section's keys: checked by the config file, written into the JSON Schema. */
export const COVERAGE_GATE_OPTIONS = {
  files: { type: 'string-list' },
  preset: { type: 'string', enum: Object.keys(PRESETS) },
  ...Object.fromEntries(METRICS.map((metric) => [`min-${metric}`, { type: 'string-or-number', renamedFrom: [`thresholds.${metric}`] }])),
  thresholds: { ...THRESHOLDS, deprecated: true, description: 'Deprecated: each metric is now a key of its own, min-lines, min-statements, min-functions, min-branches (the inputs\' names).' },
  'per-file': { ...THRESHOLDS, description: 'Least coverage every single file must meet, per metric.' },
  paths: {
    type: 'map-of',
    description: 'Least coverage of the files under a glob, taken together: a percentage of lines, or a map of metrics.',
    values: { type: 'scalar-or-map', scalar: PERCENT, map: THRESHOLDS },
  },
  'min-patch': { type: 'string-or-number', renamedFrom: ['patch'] },
  'max-drop': { type: 'string-or-number' },
  base: { type: 'string' },
  roots: { type: 'string-list', description: 'Folders the coverage tools ran in, tried first when mapping report paths to files.' },
  annotations: { type: 'number', minimum: 0, maximum: 1000, integer: true, default: 50, description: 'At most this many uncovered changed lines become annotations.' },
  ...COMMON_GATE_OPTIONS,
} as const satisfies OptionDefinitions;

/** Merge the config's `coverage-gate:` section with the inputs; an input, when given, wins. */
export function resolveCoverageOptions(section: ConfigSection, inputs: RawInputs, workspace: string): CoverageGateOptions {
  section.rejectUnknown(Object.keys(COVERAGE_GATE_OPTIONS));
  const given = (name: InputName) => givenInput(inputs, name);
  const input = (name: InputName): ErrorLocation => ({ input: name });
  // An input, when given, wins over the config key of its name; the origin names the one used, for errors.
  const pick = <Read extends 'string' | 'stringOrNumber'>(name: InputName, read: Read): [string | ReturnType<ConfigSection[Read]>, ErrorLocation] => {
    const value = given(name);
    return value !== undefined ? [value, input(name)] : [section[read](name) as ReturnType<ConfigSection[Read]>, section.locate(name)];
  };

  const filesText = given('files');
  const files = filesText ? splitList(filesText) : (section.stringList('files') ?? []);
  const filesOrigin = filesText ? input('files') : section.has('files') ? section.locate('files') : input('files');
  if (files.length === 0) {
    throw new ConfigurationError('no coverage report given', filesOrigin, "give the input 'files' (paths or globs of lcov, coverage-final.json, Cobertura or Clover reports) or coverage-gate.files in the config");
  }

  const [presetText, presetOrigin] = pick('preset', 'string');
  let preset: Preset | undefined;
  if (presetText !== undefined) {
    if (!(presetText in PRESETS)) {
      throw new ConfigurationError(`'${presetText}' is not a preset`, presetOrigin, `use ${Object.entries(PRESETS).map(([name, lines]) => `${name} (${lines}% lines)`).join(', ')}`);
    }
    preset = presetText as Preset;
  }

  const thresholds: Thresholds = readThresholds(section.section('thresholds'));
  if (preset && thresholds.lines === undefined) thresholds.lines = PRESETS[preset];
  for (const metric of METRICS) {
    const [value, origin] = pick(`min-${metric}`, 'stringOrNumber');
    if (value !== undefined) thresholds[metric] = parseThreshold(value, origin);
  }

  const perFile = readThresholds(section.section('per-file'));
  const pathsSection = section.section('paths');
  const paths: PathThreshold[] = pathsSection.keys().map((pattern) => {
    const origin = pathsSection.locate(pattern);
    checkGlobSize(pattern, origin);
    if (pathsSection.kind(pattern) !== 'map') {
      const single = pathsSection.stringOrNumber(pattern);
      if (single === undefined) throw new ConfigurationError('needs a percentage or a map of metrics', origin, "e.g. 'src/core/**': 90");
      return { pattern, thresholds: { lines: parseThreshold(single, origin) }, origin };
    }
    return { pattern, thresholds: readThresholds(pathsSection.section(pattern)), origin };
  });

  const [patchText, patchOrigin] = pick('min-patch', 'stringOrNumber');
  const minPatch = patchText === undefined ? undefined : parseThreshold(patchText, patchOrigin);
  const [dropText, dropOrigin] = pick('max-drop', 'stringOrNumber');
  const maxDrop = dropText === undefined ? undefined : parsePercent(dropText, dropOrigin);
  const baseline = parseBaselineSpec(...pick('baseline', 'string'));
  const [failOnText = 'fail', failOnOrigin] = pick('fail-on', 'string');
  const failOn = parseFailOn(failOnText, failOnOrigin);
  const [base, baseOrigin] = pick('base', 'string');

  const options: CoverageGateOptions = {
    workspace,
    files,
    filesOrigin,
    thresholds,
    perFile,
    paths,
    roots: section.stringList('roots') ?? [],
    baseline,
    failOn,
    maxAnnotations: section.number('annotations', rangeOf(COVERAGE_GATE_OPTIONS.annotations)) ?? COVERAGE_GATE_OPTIONS.annotations.default,
  };
  if (minPatch !== undefined) options.minPatch = minPatch;
  if (maxDrop !== undefined) options.maxDrop = maxDrop;
  if (base !== undefined) {
    // The config file is the pull request's own: a base of `--upload-pack=…` would be a command git runs with the job's token.
    [options.base, options.baseOrigin] = [checkRef(base.trim(), baseOrigin), baseOrigin];
  }
  if (preset) options.preset = preset;
  return options;
}

function readThresholds(section: ConfigSection): Thresholds {
  section.rejectUnknown(METRICS);
  const thresholds: Thresholds = {};
  for (const metric of METRICS) {
    const value = section.stringOrNumber(metric);
    if (value !== undefined) thresholds[metric] = parseThreshold(value, section.locate(metric));
  }
  return thresholds;
}

/** `85`, `"85%"`, `"0.5%"` → 85, 85, 0.5; anything outside 0–100 names where it came from. */
export function parsePercent(value: string | number, where: ErrorLocation): number {
  const text = typeof value === 'number' ? String(value) : value.trim().replace(/%$/, '').trim();
  const number = Number(text);
  if (text === '' || !Number.isFinite(number)) throw new ConfigurationError(`'${value}' is not a percentage`, where, 'write a number from 0 to 100, e.g. 80 or 80%');
  checkRange(number, { min: 0, max: 100 }, where);
  return number;
}

/**
 * A threshold: a percentage, where a bare number between 0 and 1 (`0.8`) is
 * most likely a ratio meant as 80% and is refused with that guess. `0.8%`,
 * with its sign, is taken as written.
 */
export function parseThreshold(value: string | number, where: ErrorLocation): number {
  const number = parsePercent(value, where);
  const bare = typeof value === 'number' || !value.trim().endsWith('%');
  if (bare && number > 0 && number < 1) {
    throw new ConfigurationError(`${value} reads as ${number}%, which looks like a ratio`, where, `did you mean ${Math.round(number * 10000) / 100}? write ${number}% if you mean less than 1%`);
  }
  return number;
}
