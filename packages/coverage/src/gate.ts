import { join, matchesGlob } from 'node:path';
import {
  applyFailOn,
  ConfigurationError,
  createResult,
  describeSkippedLinks,
  notJudgedWithoutBaseline,
  escapeControlCharacters,
  selectFiles,
  worstStatus,
  type BaselineInfo,
  type GateResult,
  type ResultCheck,
  type ResultItem,
  type ResultMessage,
} from '@roadstop/core';
import type { ChangeSource } from '@roadstop/git';
import { GATE, type CoverageGateOptions, type Thresholds } from './gate-options.js';
import { dropLinesBeyondEnd } from './line-bounds.js';
import { mergeReports } from './merge.js';
import { carriedMetrics, METRICS, percent, reportTotals, type CoverageReport, type Metric, type Ratio } from './model.js';
import { describePathMapping, mapReportPaths, remapReport, type PathMapping } from './paths.js';
import { readCoverageReport } from './read.js';

export interface CoverageContext {
  /** Every file of the repository (git ls-files), for mapping report paths. */
  repositoryFiles: readonly string[];
  changes?: ChangeSource;
  baseline?: { result: GateResult; info: BaselineInfo };
  messages?: ResultMessage[];
  commit?: string;
  ref?: string;
}

/** Below this share of the baseline's files, a report is incomplete, not a drop. */
export const INCOMPLETE_SHARE = 0.5;

const round = (value: number) => Math.round(value * 100) / 100;

/** Read, map and merge the reports; measure them against thresholds, changed lines and the baseline. */
export async function runCoverageGate(options: CoverageGateOptions, context: CoverageContext): Promise<GateResult> {
  const messages: ResultMessage[] = [...(context.messages ?? [])];
  const { report, reportFiles, unmatchedPaths } = await loadReports(options, context.repositoryFiles, messages);
  const totals = reportTotals(report);
  const carried = new Set(carriedMetrics(report));
  refuseEmptyMeasure(report, totals, carried, options, reportFiles);

  const patch = measurePatch(report, context.changes);
  const checks: ResultCheck[] = [
    ...judgeThresholds(report, totals, carried, options),
    ...judgePatch(patch, context.changes, options, messages),
    ...judgeDrops(report, totals, carried, options, context.baseline, messages),
  ];
  for (const check of checks) {
    if (check.status === 'fail') messages.push({ level: 'error', title: `Coverage: ${check.name}`, text: check.message ?? check.name });
  }
  const metrics = resultMetrics(report, totals, carried, patch, { 'report-files': reportFiles.length, 'files-unmatched': unmatchedPaths });

  const result = createResult({
    gate: GATE,
    status: checks.length === 0 ? 'pass' : worstStatus(checks.map((check) => check.status), 'pass'),
    headline: headline(checks, metrics, carried),
    ...(context.commit ? { commit: context.commit } : {}),
    ...(context.ref ? { ref: context.ref } : {}),
    metrics,
    checks,
    items: buildItems(report, carried, patch),
    messages,
    ...(context.baseline ? { baseline: context.baseline.info } : {}),
    settings: { format: report.format, ...(options.preset ? { preset: options.preset } : {}) },
  });
  applyFailOn(result, options.failOn);
  return result;
}

/** The whole project's thresholds, every file's, and each path glob's (its files taken together). */
function judgeThresholds(report: CoverageReport, totals: Record<Metric, Ratio>, carried: Set<Metric>, options: CoverageGateOptions): ResultCheck[] {
  const checks: ResultCheck[] = [];
  for (const metric of METRICS) {
    const threshold = options.thresholds[metric];
    if (threshold !== undefined) checks.push(judgeThreshold(metric, metric, totals[metric], threshold, carried.has(metric)));
  }
  checks.push(...judgePerFile(report, options.perFile, carried));
  for (const { pattern, thresholds } of options.paths) {
    const files = [...report.files.values()].filter((file) => matchesGlob(file.path, pattern));
    for (const [metric, threshold] of Object.entries(thresholds) as [Metric, number][]) {
      const ratio = sumRatios(files.map((file) => file.totals[metric]));
      const check = judgeThreshold(`${pattern} ${metric}`, metric, ratio, threshold, carried.has(metric));
      if (files.length === 0) Object.assign(check, { status: 'skipped', message: `no file of the report matches ${pattern}` });
      checks.push(check);
    }
  }
  return checks;
}

/**
 * The changed lines' coverage against min-patch, with an annotation per
 * uncovered range; or, when the changed lines are unknown, why (an error when
 * the user named the base, since skipping would turn min-patch green).
 */
function judgePatch(patch: PatchCoverage | undefined, changes: ChangeSource | undefined, options: CoverageGateOptions, messages: ResultMessage[]): ResultCheck[] {
  if (patch) {
    annotateUncovered(patch, options.maxAnnotations, messages);
    return [patchCheck(patch, options.minPatch)];
  }
  if (!changes || !('unavailable' in changes)) return [];
  if (options.base !== undefined) {
    // Asked for by name: skipping it would turn min-patch into a notice and a green step.
    throw new ConfigurationError(
      `the base '${options.base}' cannot be used for the changed lines: ${changes.unavailable}`,
      options.baseOrigin ?? { input: 'base' },
      'name a commit or branch this checkout has or can fetch (e.g. origin/main, with actions/checkout fetch-depth: 0)',
    );
  }
  const text = `changed lines unknown: ${changes.unavailable}`;
  messages.push({ level: 'notice', text });
  return options.minPatch === undefined ? [] : [{ name: 'patch', status: 'skipped', value: 0, unit: 'percent', limit: options.minPatch, limitText: `≥ ${options.minPatch}%`, message: text }];
}

function patchCheck(patch: PatchCoverage, minPatch: number | undefined): ResultCheck {
  const check: ResultCheck = {
    name: 'patch',
    status: 'pass',
    value: percent(patch.ratio),
    unit: 'percent',
    details: { covered: patch.ratio.covered, coverable: patch.ratio.total, via: patch.via, base: patch.base },
    ...(minPatch === undefined ? {} : { limit: minPatch, limitText: `≥ ${minPatch}%` }),
  };
  if (patch.ratio.total === 0) {
    check.status = 'skipped';
    check.message = 'no changed line is a line the report can cover';
  } else {
    const below = minPatch !== undefined && check.value < minPatch;
    check.status = below ? 'fail' : 'pass';
    check.message = `${patch.ratio.covered} of ${patch.ratio.total} changed lines covered (${check.value}%)${below ? `, below ${minPatch}%` : ''}`;
  }
  return check;
}

/** A warning on each uncovered range of changed lines, up to `limit`, and a notice of how many more. */
function annotateUncovered(patch: PatchCoverage, limit: number, messages: ResultMessage[]): void {
  let annotated = 0;
  for (const [path, ranges] of patch.uncovered) {
    for (const [start, end] of ranges) {
      if (annotated++ >= limit) break;
      messages.push({
        level: 'warning',
        title: 'Not covered by tests',
        file: path,
        line: start,
        text: start === end ? `changed line ${start} is not covered by tests` : `changed lines ${start}-${end} are not covered by tests`,
      });
    }
  }
  const total = [...patch.uncovered.values()].reduce((sum, ranges) => sum + ranges.length, 0);
  if (total > limit) messages.push({ level: 'notice', text: `${total - limit} more uncovered ranges of changed lines are listed in the job summary` });
}

/** Each carried metric against the baseline's, within max-drop; a report of far fewer files than the base's is warned of, not judged. */
function judgeDrops(
  report: CoverageReport,
  totals: Record<Metric, Ratio>,
  carried: Set<Metric>,
  options: CoverageGateOptions,
  baseline: CoverageContext['baseline'],
  messages: ResultMessage[],
): ResultCheck[] {
  const baselineFiles = baseline?.result.metrics.files;
  const incomplete = baselineFiles !== undefined && report.files.size < baselineFiles * INCOMPLETE_SHARE;
  if (incomplete) {
    messages.push({
      level: 'warning',
      title: 'Incomplete report',
      text: `incomplete report: it covers ${report.files.size} files where the base covered ${baselineFiles}; drops against the base are not judged (a missing shard or test job?)`,
    });
  }
  const maxDrop = options.maxDrop;
  if (maxDrop === undefined) return [];
  if (!baseline) {
    messages.push(notJudgedWithoutBaseline('max-drop needs a baseline; none was found, so drops are not judged'));
    return [];
  }
  const checks: ResultCheck[] = [];
  for (const metric of carried) {
    const before = baseline.result.metrics[metric];
    if (before === undefined) continue;
    const now = percent(totals[metric]);
    const drop = round(before - now);
    const check: ResultCheck = { name: `${metric} vs base`, status: 'pass', value: now, baseline: before, limit: round(before - maxDrop), limitText: `drop ≤ ${maxDrop}%`, unit: 'percent' };
    if (incomplete) {
      check.status = 'warn';
      check.message = `${metric}: incomplete report, drop not judged`;
    } else if (drop > maxDrop) {
      check.status = 'fail';
      check.message = `${metric} coverage dropped by ${drop} points against the base (${before}% → ${now}%), more than the ${maxDrop} allowed`;
    } else {
      check.message = `${metric} ${now}% against ${before}% on the base`;
    }
    checks.push(check);
  }
  return checks;
}

/** The result's figures: files, each carried metric (percent, covered, total) and the patch's. */
function resultMetrics(report: CoverageReport, totals: Record<Metric, Ratio>, carried: Set<Metric>, patch: PatchCoverage | undefined, counts: Record<string, number>): Record<string, number> {
  const metrics: Record<string, number> = { files: report.files.size, ...counts };
  for (const metric of carried) putRatio(metrics, metric, totals[metric]);
  if (patch && patch.ratio.total > 0) putRatio(metrics, 'patch', patch.ratio);
  return metrics;
}

/** A figure as its percentage, `<name>-covered` and `<name>-total`. */
function putRatio(into: Record<string, unknown>, name: string, ratio: Ratio): void {
  into[name] = percent(ratio);
  into[`${name}-covered`] = ratio.covered;
  into[`${name}-total`] = ratio.total;
}

async function loadReports(options: CoverageGateOptions, repositoryFiles: readonly string[], messages: ResultMessage[]) {
  const selection = await selectFiles(options.workspace, options.files, options.filesOrigin);
  const reportFiles = selection.files;
  const skipped = describeSkippedLinks(selection);
  if (reportFiles.length === 0) {
    throw new ConfigurationError(`no coverage report matches ${options.files.map((glob) => `'${glob}'`).join(', ')} in ${options.workspace}${skipped ? `; ${skipped}` : ''}`, options.filesOrigin, 'run the tests with coverage first, or fix the path');
  }
  if (skipped) messages.push({ level: 'warning', title: 'Coverage reports', text: skipped });
  const mapped: CoverageReport[] = [];
  let unmatchedPaths = 0;
  const unmatched: PathMapping['unmatched'] = [];
  const ambiguous: PathMapping['ambiguous'] = [];
  for (const file of reportFiles) {
    const parsed = await readCoverageReport(join(options.workspace, file), file);
    const mapping = mapReportPaths(parsed.files.keys(), repositoryFiles, { roots: [...options.roots, ...(parsed.sourceRoots ?? [])] });
    unmatchedPaths += mapping.unmatched.length + mapping.ambiguous.length;
    unmatched.push(...mapping.unmatched.slice(0, 3));
    ambiguous.push(...mapping.ambiguous.slice(0, 3));
    for (const line of describePathMapping(mapping)) messages.push({ level: 'warning', title: 'Coverage paths', text: `${file}: ${line}` });
    const remapped = remapReport(parsed, mapping);
    const beyond = dropLinesBeyondEnd(remapped, options.workspace);
    if (beyond.example) {
      const { path, line, length } = beyond.example;
      messages.push({
        level: 'warning',
        title: 'Coverage report',
        text: `${file}: ${beyond.lines} line record${beyond.lines === 1 ? '' : 's'} beyond the end of ${beyond.lines === 1 ? 'its file' : 'their files'} not counted (e.g. ${escapeControlCharacters(path)} line ${line}, which has ${length} lines): the report is stale or not of this checkout`,
      });
    }
    mapped.push(remapped);
  }
  const matched = mapped.reduce((sum, report) => sum + report.files.size, 0);
  if (matched === 0) {
    throw new ConfigurationError(
      `no path in the coverage report${reportFiles.length > 1 ? 's' : ''} matches a single file of the repository (${unmatchedPaths} path${unmatchedPaths === 1 ? '' : 's'}): ${describeNoMatch(unmatched, ambiguous)}`,
      { ...options.filesOrigin, file: reportFiles[0]! },
      ambiguous.length > 0 && unmatched.length === 0
        ? 'list the folder the tool ran in under coverage-gate.roots, so each path is read from there'
        : 'run the tests in this checkout, or list the folder the tool ran in under coverage-gate.roots',
    );
  }
  if (mapped.length === 1) return { report: mapped[0]!, reportFiles, unmatchedPaths };
  const merged = mergeReports(mapped);
  for (const notice of merged.notices) messages.push({ level: 'notice', text: notice });
  return { report: merged.report, reportFiles, unmatchedPaths };
}

/** What the paths that matched nothing were: none of the files, or several equally well. */
function describeNoMatch(unmatched: readonly string[], ambiguous: PathMapping['ambiguous']): string {
  const parts: string[] = [];
  if (unmatched.length > 0) parts.push(`${unmatched.length === 1 ? `'${unmatched[0]}' matches` : `${unmatched.slice(0, 3).map((path) => `'${path}'`).join(', ')}${unmatched.length > 3 ? ', …' : ''} match`} no file`);
  if (ambiguous.length > 0) {
    const shown = ambiguous.slice(0, 3).map(({ path, candidates }) => `'${path}' (${candidates.slice(0, 3).join(', ')}${candidates.length > 3 ? ', …' : ''})`);
    parts.push(`${shown.join(', ')}${ambiguous.length > 3 ? ', …' : ''} ${ambiguous.length === 1 ? 'is' : 'are'} ambiguous: ${ambiguous.length === 1 ? 'it matches' : 'each matches'} several files equally well`);
  }
  return parts.join('; ') || 'the report lists no file';
}

/**
 * A report that lists files but measures nothing in them is refused: 0 of 0
 * is not 100%. (A single metric with nothing measured, e.g. no function in a
 * folder, is a check skipped as "not judged", see judgeThreshold.)
 */
function refuseEmptyMeasure(report: CoverageReport, totals: Record<Metric, Ratio>, carried: Set<Metric>, options: CoverageGateOptions, reportFiles: readonly string[]): void {
  const where = { ...options.filesOrigin, file: reportFiles[0]! };
  const hint = 'check that the tests ran with coverage on the sources and that the report lists their lines';
  const reports = `the coverage report${reportFiles.length > 1 ? 's' : ''}`;
  if (carried.size > 0 && [...carried].every((metric) => totals[metric].total === 0)) {
    throw new ConfigurationError(`${reports} list${reportFiles.length > 1 ? '' : 's'} ${report.files.size} file${report.files.size === 1 ? '' : 's'} but measure${reportFiles.length > 1 ? '' : 's'} nothing in ${report.files.size === 1 ? 'it' : 'them'} (0 of 0 ${[...carried].join(', ')})`, where, hint);
  }
}

function judgeThreshold(name: string, metric: Metric, ratio: Ratio, threshold: number, carried: boolean): ResultCheck {
  const value = percent(ratio);
  const check: ResultCheck = { name, status: 'pass', value, limit: threshold, limitText: `≥ ${threshold}%`, unit: 'percent', details: { covered: ratio.covered, total: ratio.total } };
  if (!carried) {
    return { ...check, status: 'skipped', value: 0, message: `the report carries no ${metric} coverage` };
  }
  if (ratio.total === 0) {
    return { ...check, status: 'skipped', value: 0, message: `${name}: nothing measured (0 of 0), not judged` };
  }
  if (value < threshold) {
    check.status = 'fail';
    check.message = `${name} coverage is ${value}% (${ratio.covered}/${ratio.total}), below ${threshold}%`;
  } else {
    check.message = `${name} coverage is ${value}% (${ratio.covered}/${ratio.total})`;
  }
  return check;
}

function judgePerFile(report: CoverageReport, thresholds: Thresholds, carried: Set<Metric>): ResultCheck[] {
  const checks: ResultCheck[] = [];
  for (const [metric, threshold] of Object.entries(thresholds) as [Metric, number][]) {
    if (!carried.has(metric)) {
      checks.push({ name: `per-file ${metric}`, status: 'skipped', value: 0, unit: 'count', message: `the report carries no ${metric} coverage` });
      continue;
    }
    const measured = [...report.files.values()].filter((file) => file.totals[metric].total > 0);
    const below = measured
      .filter((file) => percent(file.totals[metric]) < threshold)
      .sort((a, b) => percent(a.totals[metric]) - percent(b.totals[metric]));
    const shown = below.slice(0, 5).map((file) => `${file.path} ${percent(file.totals[metric])}%`);
    checks.push({
      name: `per-file ${metric}`,
      status: below.length > 0 ? 'fail' : 'pass',
      value: below.length,
      limit: 0,
      unit: 'count',
      limitText: `every file ≥ ${threshold}%`,
      // What the value counts, so renderers print `files under 30%: 0 of 12`, not a bare 0.
      details: { counting: `files under ${threshold}%`, of: measured.length },
      message:
        below.length > 0
          ? `${below.length} file${below.length === 1 ? '' : 's'} below ${threshold}% ${metric}: ${shown.join(', ')}${below.length > 5 ? ', …' : ''}`
          : `every file has at least ${threshold}% ${metric}`,
    });
  }
  return checks;
}

interface PatchCoverage {
  ratio: Ratio;
  via: string;
  base: string;
  /** Per file: per-file ratio, and uncovered changed line ranges. */
  files: Map<string, Ratio>;
  uncovered: Map<string, [number, number][]>;
}

function measurePatch(report: CoverageReport, changes: ChangeSource | undefined): PatchCoverage | undefined {
  if (!changes || 'unavailable' in changes) return undefined;
  const ratio = { covered: 0, total: 0 };
  const files = new Map<string, Ratio>();
  const uncovered = new Map<string, [number, number][]>();
  for (const [path, lines] of changes.lines) {
    const file = report.files.get(path);
    if (!file) continue;
    const own = { covered: 0, total: 0 };
    const missed: number[] = [];
    for (const line of [...lines].sort((a, b) => a - b)) {
      const hits = file.lines.get(line);
      if (hits === undefined) continue;
      own.total++;
      if (hits > 0) own.covered++;
      else missed.push(line);
    }
    if (own.total === 0) continue;
    files.set(path, own);
    ratio.covered += own.covered;
    ratio.total += own.total;
    if (missed.length > 0) uncovered.set(path, toRanges(missed));
  }
  return { ratio, via: changes.via, base: changes.base, files, uncovered };
}

/** [3,4,5,9] → [[3,5],[9,9]] */
export function toRanges(lines: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const line of lines) {
    const last = ranges.at(-1);
    if (last && line === last[1] + 1) last[1] = line;
    else ranges.push([line, line]);
  }
  return ranges;
}

function sumRatios(ratios: Ratio[]): Ratio {
  return ratios.reduce((sum, ratio) => ({ covered: sum.covered + ratio.covered, total: sum.total + ratio.total }), { covered: 0, total: 0 });
}

function buildItems(report: CoverageReport, carried: Set<Metric>, patch: PatchCoverage | undefined): ResultItem[] {
  return [...report.files.values()]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((file) => {
      const item: ResultItem = { id: file.path };
      for (const metric of carried) putRatio(item, metric, file.totals[metric]);
      const own = patch?.files.get(file.path);
      if (own) {
        item['patch-covered'] = own.covered;
        item['patch-total'] = own.total;
        const missed = patch?.uncovered.get(file.path);
        if (missed) item['uncovered-changed'] = missed.map(([start, end]) => (start === end ? `${start}` : `${start}-${end}`)).join(', ');
      }
      return item;
    });
}

function headline(checks: ResultCheck[], metrics: Record<string, number>, carried: Set<Metric>): string {
  const failing = checks.filter((check) => check.status === 'fail');
  if (failing.length > 0) {
    const first = failing[0]!;
    const value = first.unit === 'percent' ? `${first.value}%` : String(first.value);
    return `${failing.length} of ${checks.length} coverage check${checks.length === 1 ? '' : 's'} failed · ${first.name} ${value}${first.limitText ? ` (${first.limitText})` : ''}`;
  }
  const parts: string[] = [];
  const lead = carried.has('lines') ? 'lines' : [...carried][0];
  if (lead) parts.push(`${lead} ${metrics[lead]}%`);
  if (metrics.patch !== undefined) parts.push(`patch ${metrics.patch}%`);
  const warned = checks.filter((check) => check.status === 'warn').length;
  return `${warned > 0 ? `${warned} warning${warned === 1 ? '' : 's'}` : 'coverage ok'} · ${parts.join(' · ') || 'no metric'}`;
}
