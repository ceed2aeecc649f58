import { LineHits } from './line-hits.js';
import { countPositive } from './slab.js';

/**
 * The one shape every coverage format is read into. Parsers fill it, merge and
 * path mapping transform it, the coverage gate judges it.
 */

export type Metric = 'lines' | 'statements' | 'functions' | 'branches';

export const METRICS: readonly Metric[] = ['lines', 'statements', 'functions', 'branches'];

export interface Ratio {
  covered: number;
  total: number;
}

export type Totals = Record<Metric, Ratio>;

export interface FunctionCoverage {
  name: string;
  /** 1-based line the function is declared on; 0 when the report does not say. */
  line: number;
  hits: number;
}

export interface BranchCoverage {
  line: number;
  /**
   * lcov's block and branch numbers (istanbul: the branchMap key and the index
   * of the alternative). Together with `line` they identify a branch across
   * shards of the same build, which is what merging adds up by.
   */
  block: string;
  branch: string;
  /** Times the branch was taken; 0 also for lcov's `-` (never reached). */
  taken: number;
}

export interface FileCoverage {
  /** The path exactly as the report wrote it; see paths.ts to map it onto the repository. */
  path: string;
  /**
   * Hits per 1-based line, only for lines the tool considers executable. A Map
   * (LineHits implements Map<number, number>) kept compact and in line order.
   */
  lines: LineHits;
  /**
   * Hits per statement, keyed by its source range (`line:column-line:column`),
   * which stays the same across shards of one build. Only istanbul JSON has them.
   */
  statements: Map<string, number>;
  functions: FunctionCoverage[];
  branches: BranchCoverage[];
  /**
   * Covered and total per metric. For metrics with detail they are computed
   * from it; otherwise they are what the report states (a summary, Clover's
   * per-file metrics). Read `CoverageReport.metrics` before trusting one.
   */
  totals: Totals;
}

export type ReportFormat = 'lcov' | 'istanbul-json' | 'istanbul-summary' | 'cobertura' | 'clover';

/**
 * What a report knows of a metric: `detail` per line/statement/function/branch
 * (exact totals, and mergeable with other reports), `totals` only counts (exact
 * for this report, not mergeable), or `none` (the format cannot carry it, and
 * the totals for it are 0 of 0).
 */
export type MetricSupport = 'detail' | 'totals' | 'none';

export interface CoverageReport {
  /** `merged` when mergeReports combined reports of different formats. */
  format: ReportFormat | 'merged';
  /** Files keyed by their path as written in the report. */
  files: Map<string, FileCoverage>;
  metrics: Record<Metric, MetricSupport>;
  /**
   * Totals the report states about itself, where it does: the `total` of a
   * coverage-summary.json, the root attributes of Cobertura, the project
   * metrics of Clover. They can differ from the sum of the files when the
   * format loses detail (istanbul's Cobertura writer drops branches on lines
   * that start no statement), so they are kept beside, never mixed in.
   */
  declared?: Partial<Totals>;
  /** Directories the report says its relative paths are relative to (Cobertura's `<sources>`). */
  sourceRoots?: string[];
  /** The file or files the report was read from, for messages. */
  sources: string[];
}

/**
 * Percentage covered, truncated to two decimals as istanbul (and so vitest, jest, c8)
 * reports it: the figures match the tools', and 79.996% never passes an 80% bar.
 * A metric with nothing to cover counts as 100%, as istanbul and coverage.py
 * report it, so an empty file never fails a threshold.
 */
export function percent(ratio: Ratio): number {
  return ratio.total === 0 ? 100 : Math.floor((10000 * ratio.covered) / ratio.total) / 100;
}

export function emptyTotals(): Totals {
  return {
    lines: { covered: 0, total: 0 },
    statements: { covered: 0, total: 0 },
    functions: { covered: 0, total: 0 },
    branches: { covered: 0, total: 0 },
  };
}

export function emptyFile(path: string): FileCoverage {
  return { path, lines: new LineHits(), statements: new Map(), functions: [], branches: [], totals: emptyTotals() };
}

/**
 * The same coverage under another path: a shallow copy that keeps lazily
 * built properties lazy (the lcov parser builds `branches` on first read).
 */
export function withPath(file: FileCoverage, path: string): FileCoverage {
  const copy = Object.create(Object.getPrototypeOf(file) as object | null, Object.getOwnPropertyDescriptors(file)) as FileCoverage;
  copy.path = path;
  return copy;
}

function countHits(values: number[]): Ratio {
  return { covered: countPositive(values), total: values.length };
}

/** Totals of one metric computed from a file's detail. */
export function totalFromDetail(file: FileCoverage, metric: Metric): Ratio {
  switch (metric) {
    case 'lines':
      return { covered: file.lines.covered(), total: file.lines.size };
    case 'statements':
      return countHits([...file.statements.values()]);
    case 'functions':
      return countHits(file.functions.map((fn) => fn.hits));
    case 'branches':
      return countHits(file.branches.map((branch) => branch.taken));
  }
}

/** Totals over all files of a report. */
export function reportTotals(report: CoverageReport): Totals {
  const totals = emptyTotals();
  for (const file of report.files.values()) {
    for (const metric of METRICS) {
      totals[metric].covered += file.totals[metric].covered;
      totals[metric].total += file.totals[metric].total;
    }
  }
  return totals;
}

/** The metrics a report can be judged on: those it carries in detail or as totals. */
export function carriedMetrics(report: CoverageReport): Metric[] {
  return METRICS.filter((metric) => report.metrics[metric] !== 'none');
}
