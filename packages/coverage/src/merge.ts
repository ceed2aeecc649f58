import { ConfigurationError } from '@roadstop/core';
import { METRICS, emptyFile, totalFromDetail, type CoverageReport, type FileCoverage, type Metric, type MetricSupport } from './model.js';
import type { BranchCoverage, FunctionCoverage } from './model.js';

export interface MergeResult {
  report: CoverageReport;
  /** What could not be merged and why, one sentence each, for the job summary. */
  notices: string[];
}

const FORMAT_NAMES: Record<CoverageReport['format'], string> = {
  lcov: 'lcov',
  'istanbul-json': 'istanbul coverage-final.json',
  'istanbul-summary': 'istanbul coverage-summary.json',
  cobertura: 'Cobertura XML',
  clover: 'Clover XML',
  merged: 'merged report',
};

const WHY_TOTALS_ONLY: Partial<Record<CoverageReport['format'], string>> = {
  cobertura: 'counts branches per line without saying which were taken',
  clover: 'states statements, conditionals and methods as per-file counts only',
  lcov: 'has records with counts (LF/FNF/BRF) but no per-item lines',
};

/**
 * Merge reports of one test suite run in parts (vitest --shard, a CI matrix):
 * per file, line hits add up, so a line covered by any part is covered;
 * statements, functions and branches add up by their identity; files of
 * different parts are united.
 *
 * Paths must agree: when the parts ran on different machines, map each onto
 * the repository (paths.ts) first. A metric that some part carries only as
 * totals cannot be combined and is left out with a notice; a report without
 * line detail (coverage-summary.json) cannot be merged at all.
 */
export function mergeReports(reports: readonly CoverageReport[]): MergeResult {
  const first = reports[0];
  if (first === undefined) throw new ConfigurationError('there are no coverage reports to merge');
  if (reports.length === 1) return { report: first, notices: [] };

  for (const report of reports) {
    if (report.metrics.lines !== 'detail') {
      throw new ConfigurationError(
        `${FORMAT_NAMES[report.format]} carries totals only, not line by line, so it cannot be merged with other reports`,
        report.sources[0] === undefined ? {} : { file: report.sources[0] },
        'have every shard write coverage-final.json (reporter json) or lcov.info (reporter lcov) and pass those',
      );
    }
  }

  const notices: string[] = [];
  const metrics = {} as Record<Metric, MetricSupport>;
  for (const metric of METRICS) {
    const supports = reports.map((report) => report.metrics[metric]);
    if (supports.every((support) => support === 'detail')) metrics[metric] = 'detail';
    else if (supports.every((support) => support === 'none')) metrics[metric] = 'none';
    else {
      metrics[metric] = 'none';
      notices.push(`${metric} are left out of the merged coverage: ${explain(reports, metric)}`);
    }
  }

  const files = new Map<string, FileCoverage>();
  for (const report of reports) {
    for (const [path, file] of report.files) {
      let target = files.get(path);
      if (target === undefined) {
        target = emptyFile(path);
        files.set(path, target);
      }
      // Folding into a fresh file keeps the inputs untouched.
      mergeFileInto(target, file, 'sum');
    }
  }
  for (const file of files.values()) {
    for (const metric of METRICS) if (metrics[metric] === 'none') file.totals[metric] = { covered: 0, total: 0 };
  }

  const formats = new Set(reports.map((report) => report.format));
  const sourceRoots = [...new Set(reports.flatMap((report) => report.sourceRoots ?? []))];
  return {
    report: {
      format: formats.size === 1 ? first.format : 'merged',
      files,
      metrics,
      ...(sourceRoots.length > 0 ? { sourceRoots } : {}),
      sources: reports.flatMap((report) => report.sources),
    },
    notices,
  };
}

function explain(reports: readonly CoverageReport[], metric: Metric): string {
  const parts: string[] = [];
  for (const report of reports) {
    const support = report.metrics[metric];
    if (support === 'detail') continue;
    const name = `${report.sources.join(', ')} (${FORMAT_NAMES[report.format]})`;
    if (support === 'none') parts.push(`${name} does not carry them`);
    else parts.push(`${name} ${WHY_TOTALS_ONLY[report.format] ?? 'carries totals only'}`);
  }
  return `${parts.join('; ')}, so the parts cannot be combined`;
}

/**
 * How two descriptions of one file combine. `sum`: they are different runs
 * (shards, lcov records under different test names), so hits add up. `max`:
 * one run described twice (Cobertura classes sharing a file), so adding would
 * count the same execution twice.
 */
export type Combine = 'sum' | 'max';

/** Fold `source` into `target` by line, statement, function and branch identity. */
export function mergeFileInto(target: FileCoverage, source: FileCoverage, combine: Combine): void {
  const add = combine === 'sum' ? (a: number, b: number) => a + b : Math.max;
  const hadDetail = detailSizes(target);
  const sourceDetail = detailSizes(source);

  for (const [line, hits] of source.lines) {
    const previous = target.lines.get(line);
    target.lines.set(line, previous === undefined ? hits : add(previous, hits));
  }
  for (const [key, hits] of source.statements) {
    const previous = target.statements.get(key);
    target.statements.set(key, previous === undefined ? hits : add(previous, hits));
  }

  foldBy(target.functions, source.functions, functionKeys, (into, from) => (into.hits = add(into.hits, from.hits)));
  const branchKeys = (branches: readonly BranchCoverage[]) => branches.map((branch) => `${branch.line}\u0000${branch.block}\u0000${branch.branch}`);
  foldBy(target.branches, source.branches, branchKeys, (into, from) => (into.taken = add(into.taken, from.taken)));

  for (const metric of METRICS) {
    const [mine, theirs] = [target.totals[metric], source.totals[metric]];
    if (hadDetail[metric] > 0 || sourceDetail[metric] > 0) target.totals[metric] = totalFromDetail(target, metric);
    // Neither side has detail: the best there is, the stated counts added (or the larger, for one run described twice).
    else if (combine === 'sum') target.totals[metric] = { covered: mine.covered + theirs.covered, total: mine.total + theirs.total };
    else if (theirs.total > mine.total) target.totals[metric] = theirs;
  }
}

/** Fold `source`'s items into `target`'s: one with the same key is combined into it, a new one copied. */
function foldBy<T>(target: T[], source: readonly T[], keys: (items: readonly T[]) => string[], combine: (into: T, from: T) => void): void {
  const at = new Map(keys(target).map((key, index) => [key, index]));
  const sourceKeys = keys(source);
  source.forEach((item, index) => {
    const existing = at.get(sourceKeys[index]!);
    if (existing !== undefined) combine(target[existing]!, item);
    else {
      at.set(sourceKeys[index]!, target.length);
      target.push({ ...item });
    }
  });
}

function detailSizes(file: FileCoverage): Record<Metric, number> {
  return { lines: file.lines.size, statements: file.statements.size, functions: file.functions.length, branches: file.branches.length };
}

/**
 * A function is its line and name; a second function of the same name on the
 * same line (two anonymous callbacks) is told apart by its order.
 */
function functionKeys(functions: readonly FunctionCoverage[]): string[] {
  const seen = new Map<string, number>();
  return functions.map((fn) => {
    const base = `${fn.line}\u0000${fn.name}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return `${base}\u0000${occurrence}`;
  });
}
