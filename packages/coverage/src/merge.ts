import { ConfigurationError } from '@roadstop/core';
import { mergeFileInto } from './merge-file.js';
import { METRICS, emptyFile, type CoverageReport, type FileCoverage, type Metric, type MetricSupport } from './model.js';

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
