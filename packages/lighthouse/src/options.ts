import {
  checkRange,
  ConfigurationError,
  givenInput,
  parseNumber,
  parseBaselineSpec,
  parseFailOn,
  parseSize,
  splitList,
  insideWorkspace,
  redactUrlCredentials,
  type BaselineSpec,
  type ConfigSection,
  type ErrorLocation,
  type FailOn,
  rejectUnsafeUrlText,
  type OptionDefinitions,
  COMMON_GATE_OPTIONS,
} from '@roadstop/core';

export const GATE = 'lighthouse-gate';

/** Lighthouse's four categories, as its LHR names them. */
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The plan's phases in one word: every category at least 80 at launch, 85 when hardening, 90 strict. */
export const PRESETS = { launch: 80, harden: 85, strict: 90 } as const;
export type Preset = keyof typeof PRESETS;

/** Core Web Vitals as Lighthouse measures them in the lab (TBT stands in for INP). */
export const VITALS = {
  lcp: { audit: 'largest-contentful-paint', label: 'LCP', unit: 'ms' },
  cls: { audit: 'cumulative-layout-shift', label: 'CLS', unit: 'ratio' },
  tbt: { audit: 'total-blocking-time', label: 'TBT', unit: 'ms' },
} as const;
export type Vital = keyof typeof VITALS;

/** Resource types of Lighthouse's resource-summary audit, each a possible budget. */
export const RESOURCE_TYPES = ['total', 'document', 'script', 'stylesheet', 'image', 'media', 'font', 'other', 'third-party'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const DEFAULT_RUNS = 3;
export const MAX_RUNS = 20;
const RUNS_RANGE = { min: 1, max: MAX_RUNS, integer: true };

export type Target = { kind: 'static'; dir: string; origin: ErrorLocation } | { kind: 'urls'; urls: string[]; origin: ErrorLocation };

export interface LighthouseGateOptions {
  workspace: string;
  target: Target;
  runs: number;
  /** Least score per category, 0–100. */
  minScores: Partial<Record<Category, number>>;
  /** Largest value per vital: milliseconds for LCP and TBT, the unitless shift score for CLS. */
  maxVitals: Partial<Record<Vital, number>>;
  /** Largest transfer size per resource type, in bytes. */
  budgets: Partial<Record<ResourceType, number>>;
  /** Largest drop of each category against the baseline, in points. */
  maxDrop: Partial<Record<Category, number>>;
  /** The Chrome the user named (input or config); undefined: look for one. */
  chromePath?: string;
  chromePathOrigin?: ErrorLocation;
  preset?: Preset;
  baseline: BaselineSpec;
  failOn: FailOn;
}

export const INPUT_NAMES = [
  'static-dir',
  'urls',
  'runs',
  'preset',
  ...CATEGORIES.map((category) => `min-${category}` as const),
  ...(Object.keys(VITALS) as Vital[]).map((vital) => `max-${vital}` as const),
  'max-drop',
  'chrome-path',
  'baseline',
  'fail-on',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];
export type RawInputs = Partial<Record<InputName, string>>;

const SCORE = { type: 'string-or-number', description: 'A Lighthouse score, 0 to 100.' } as const;
const BY_CATEGORY = { type: 'map', keys: Object.fromEntries(CATEGORIES.map((category) => [category, SCORE])) } as const;

/** The `lighthouse-gate:` section's keys: checked by the config file, written into the JSON Schema. */
export const LIGHTHOUSE_GATE_OPTIONS = {
  'static-dir': { type: 'string' },
  urls: { type: 'string-list' },
  runs: { type: 'string-or-number', default: DEFAULT_RUNS },
  preset: { type: 'string', enum: Object.keys(PRESETS) },
  ...Object.fromEntries(CATEGORIES.map((category) => [`min-${category}`, { type: 'string-or-number', renamedFrom: [`thresholds.${category}`] }])),
  thresholds: { ...BY_CATEGORY, deprecated: true, description: 'Deprecated: each category is now a key of its own, min-performance, min-accessibility, min-best-practices, min-seo (the inputs\' names).' },
  ...Object.fromEntries(Object.keys(VITALS).map((vital) => [`max-${vital}`, { type: 'string-or-number' }])),
  budgets: {
    type: 'map',
    description: 'Largest transfer size per resource type, e.g. script: 300 kB.',
    keys: Object.fromEntries(RESOURCE_TYPES.map((type) => [type, { type: 'string-or-number', description: `Largest transfer size of ${type} resources.` }])),
  },
  'max-drop': { type: 'scalar-or-map', scalar: { type: 'string-or-number' }, map: BY_CATEGORY },
  'chrome-path': { type: 'string' },
  ...COMMON_GATE_OPTIONS,
} as const satisfies OptionDefinitions;

/** Merge the config's `lighthouse-gate:` section with the inputs; an input, when given, wins. */
export function resolveLighthouseOptions(section: ConfigSection, inputs: RawInputs, workspace: string): LighthouseGateOptions {
  section.rejectUnknown(Object.keys(LIGHTHOUSE_GATE_OPTIONS));
  const given = (name: InputName) => givenInput(inputs, name);
  const input = (name: InputName): ErrorLocation => ({ input: name });
  const from = (name: InputName, key: string = name): ErrorLocation => (given(name) !== undefined ? input(name) : section.locate(key));

  const target = resolveTarget(section, inputs, workspace);

  const runsText = given('runs') ?? section.stringOrNumber('runs');
  const runs =
    runsText === undefined
      ? DEFAULT_RUNS
      : parseNumber(runsText, from('runs'), RUNS_RANGE, 'a number of runs', `write a whole number from 1 to ${MAX_RUNS}, e.g. 3`);

  const presetText = given('preset') ?? section.string('preset');
  let preset: Preset | undefined;
  if (presetText !== undefined) {
    if (!(presetText in PRESETS)) {
      throw new ConfigurationError(`'${presetText}' is not a preset`, from('preset'), `use ${Object.entries(PRESETS).map(([name, score]) => `${name} (every category ≥ ${score})`).join(', ')}`);
    }
    preset = presetText as Preset;
  }

  // Least scores: the preset, then the config's thresholds, then the inputs.
  const minScores: Partial<Record<Category, number>> = {};
  if (preset) for (const category of CATEGORIES) minScores[category] = PRESETS[preset];
  readMap(section.section('thresholds'), CATEGORIES, parseScore, minScores);
  for (const category of CATEGORIES) {
    const name = `min-${category}` as const;
    const text = given(name) ?? section.stringOrNumber(name);
    if (text !== undefined) minScores[category] = parseScore(text, from(name));
  }

  const maxVitals: Partial<Record<Vital, number>> = {};
  for (const vital of Object.keys(VITALS) as Vital[]) {
    const name = `max-${vital}` as const;
    const value = given(name) ?? section.stringOrNumber(name);
    if (value === undefined) continue;
    // CLS is the unitless layout shift score, e.g. 0.1.
    maxVitals[vital] =
      vital === 'cls'
        ? parseNumber(value, from(name), { min: 0, max: 10 }, 'a layout shift score', 'write a number such as 0.1')
        : parseDuration(value, from(name));
  }

  const budgets = readMap(section.section('budgets'), RESOURCE_TYPES, parseSize);
  const maxDrop = resolveMaxDrop(section, given('max-drop'));

  // The browser is a program run with the job's token: taken from the action input (the workflow's, reviewed with
  // it) or the CLI, never from the config file, which a pull request edits along with its code.
  if (section.string('chrome-path') !== undefined) {
    throw new ConfigurationError(
      'chrome-path is not read from the config file: it names a program the job runs, and the config file is part of the pull request',
      section.locate('chrome-path'),
      "give it as the action's chrome-path input (or --chrome-path), or set CHROME_PATH in the workflow",
    );
  }
  const chromePath = given('chrome-path');
  const baseline = parseBaselineSpec(given('baseline') ?? section.string('baseline'), from('baseline'));
  const failOn = parseFailOn(given('fail-on') ?? section.string('fail-on') ?? 'fail', from('fail-on'));

  const chrome = chromePath !== undefined ? { chromePath, chromePathOrigin: from('chrome-path') } : {};
  return { workspace, target, runs, minScores, maxVitals, budgets, maxDrop, baseline, failOn, ...chrome, ...(preset ? { preset } : {}) };
}

/** Exactly one target: a static build folder served locally, or URLs already served. */
function resolveTarget(section: ConfigSection, inputs: RawInputs, workspace: string): Target {
  const dirInput = givenInput(inputs, 'static-dir');
  const urlsInput = givenInput(inputs, 'urls');
  if (dirInput !== undefined && urlsInput !== undefined) {
    throw new ConfigurationError(
      'both static-dir and urls are given; which one to measure is ambiguous',
      { input: 'static-dir' },
      "give 'static-dir' (a build folder served locally) or 'urls' (pages already served), not both",
    );
  }
  // An input replaces the config's target of either kind, so a workflow can point the config's gate at a preview URL.
  if (urlsInput !== undefined) return urlTarget(splitList(urlsInput), { input: 'urls' });
  if (dirInput !== undefined) return staticTarget(dirInput, { input: 'static-dir' }, workspace);
  const dir = section.string('static-dir');
  const urls = section.stringList('urls');
  if (dir !== undefined && urls !== undefined) {
    throw new ConfigurationError(
      'both static-dir and urls are set; which one to measure is ambiguous',
      section.locate('urls'),
      'keep one of lighthouse-gate.static-dir and lighthouse-gate.urls',
    );
  }
  if (urls !== undefined) return urlTarget(urls, section.locate('urls'));
  if (dir !== undefined) return staticTarget(dir, section.locate('static-dir'), workspace);
  throw new ConfigurationError(
    'nothing to measure: no static-dir and no urls',
    section.keys().length > 0 ? section.locate() : { input: 'static-dir' },
    "give the input 'static-dir' (the build folder, e.g. dist) or 'urls' (e.g. the preview URL), or set one under lighthouse-gate: in the config",
  );
}

function staticTarget(dir: string, origin: ErrorLocation, workspace: string): Target {
  return { kind: 'static', dir: insideWorkspace(workspace, dir, origin) || '.', origin };
}

function urlTarget(urls: string[], origin: ErrorLocation): Target {
  if (urls.length === 0) throw new ConfigurationError('no URL given', origin, 'give one URL per line, e.g. https://preview.example.com/');
  for (const url of urls) {
    rejectUnsafeUrlText(url, origin);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigurationError(`'${redactUrlCredentials(url)}' is not a URL`, origin, 'write a full URL such as https://preview.example.com/ or http://127.0.0.1:4173/');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new ConfigurationError(`'${redactUrlCredentials(url)}' is not an http or https URL`, origin);
    }
    // The host goes into Chrome's --host-resolver-rules, a comma-separated list: a name, an IPv4 or a bracketed IPv6.
    if (!/^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/i.test(parsed.hostname)) {
      throw new ConfigurationError(`'${redactUrlCredentials(url)}' has a host name Chrome's resolver rules cannot hold ('${parsed.hostname}')`, origin, 'use a plain host name or IP address');
    }
  }
  return { kind: 'urls', urls, origin };
}

/** `max-drop: 2` (every category) or a map per category. */
function resolveMaxDrop(section: ConfigSection, inputText: string | undefined): Partial<Record<Category, number>> {
  if (inputText === undefined && section.kind('max-drop') === 'map') return readMap(section.section('max-drop'), CATEGORIES, parsePoints);
  const single = inputText ?? section.stringOrNumber('max-drop');
  if (single === undefined) return {};
  const value = parsePoints(single, inputText !== undefined ? { input: 'max-drop' } : section.locate('max-drop'));
  return Object.fromEntries(CATEGORIES.map((category) => [category, value]));
}

/** A map of the config whose keys are `keys` (no other), each value parsed where it stands, into `into`. */
function readMap<Key extends string>(
  map: ConfigSection,
  keys: readonly Key[],
  parse: (value: string | number, where: ErrorLocation) => number,
  into: Partial<Record<Key, number>> = {},
): Partial<Record<Key, number>> {
  map.rejectUnknown(keys);
  for (const key of keys) {
    const value = map.stringOrNumber(key);
    if (value !== undefined) into[key] = parse(value, map.locate(key));
  }
  return into;
}

/** A Lighthouse score as people write it, 0–100 (`80`); anything outside that range names where it came from. */
export function parseScore(value: string | number, where: ErrorLocation): number {
  const number = parseNumber(value, where, { min: 0, max: 100 }, 'a score', 'write a number from 0 to 100, e.g. 80');
  // lhci's assertions write scores as 0–1 (minScore: 0.8); here 0.8 would be 0.8 points out of 100 and pass anything.
  if (number > 0 && number < 1) {
    throw new ConfigurationError(`${value} reads as ${number} points out of 100, which looks like lhci's 0–1 score`, where, `did you mean ${Math.round(number * 10000) / 100}? scores here are 0–100`);
  }
  return number;
}

function parsePoints(value: string | number, where: ErrorLocation): number {
  return parseNumber(value, where, { min: 0, max: 100 }, 'a number of points', 'write the largest allowed drop in score points, e.g. 3');
}

/** `2500`, `"2500ms"`, `"2.5 s"` → 2500 milliseconds. */
export function parseDuration(value: string | number, where: ErrorLocation): number {
  const match = typeof value === 'number' ? [String(value), String(value), 'ms'] : /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/i.exec(value);
  if (!match) throw new ConfigurationError(`'${value}' is not a duration`, where, 'write milliseconds or seconds, e.g. 2500, 2500ms or 2.5s');
  const milliseconds = Number(match[1]) * ((match[2] ?? 'ms').toLowerCase() === 's' ? 1000 : 1);
  checkRange(milliseconds, { min: 0, max: 600_000 }, where);
  return Math.round(milliseconds);
}
