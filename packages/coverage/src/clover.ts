import { ConfigurationError } from '@roadstop/core';
import { mergeFileInto } from './merge-file.js';
import { emptyFile, totalFromDetail, type CoverageReport, type FileCoverage, type Metric, type MetricSupport, type Ratio, type Totals } from './model.js';
import { numberAttribute, optionalNumberAttribute, type XmlHandler } from './xml.js';

interface CloverMetrics {
  statements?: Ratio;
  conditionals?: Ratio;
  methods?: Ratio;
}

/**
 * Clover XML, as written by OpenClover, PHPUnit and istanbul (jest, vitest):
 * `<file path|name>` with its own `<metrics>` and `<line num count type>`.
 *
 * `stmt` and `cond` lines are the line detail. Statements, conditionals and
 * methods are taken from the file's `<metrics>`, because what a `cond` line's
 * truecount/falsecount mean differs by writer (istanbul: covered and
 * uncovered branches; OpenClover: times true and false), and istanbul writes
 * no method lines at all. Only without `<metrics>` are they counted from the
 * lines, OpenClover's way.
 */
export class CloverHandler implements XmlHandler {
  private readonly file: string;
  private readonly files = new Map<string, FileCoverage>();
  private declared: Partial<Totals> | undefined;
  private current: FileCoverage | undefined;
  private currentMetrics: CloverMetrics | undefined;
  private conditions: Ratio = { covered: 0, total: 0 };
  private statementLines: Ratio = { covered: 0, total: 0 };
  private sawFiles = false;
  private sawMethodLines = false;
  private sawMethodMetrics = false;
  private sawConditionals = false;

  constructor(file: string) {
    this.file = file;
  }

  open(name: string, attributes: Record<string, string>, parent: string, line: number): void {
    switch (name) {
      case 'file': {
        const path = attributes.path || attributes.name;
        if (!path) throw new ConfigurationError('Clover: <file> has neither a path nor a name attribute', { file: this.file, line });
        this.current = emptyFile(path);
        this.currentMetrics = undefined;
        this.conditions = { covered: 0, total: 0 };
        this.statementLines = { covered: 0, total: 0 };
        this.sawFiles = true;
        return;
      }
      case 'metrics':
        if (parent === 'project') this.declared = toTotals(this.readMetrics(attributes, line));
        else if (parent === 'file' && this.current !== undefined) this.currentMetrics = this.readMetrics(attributes, line);
        return;
      case 'line':
        if (parent === 'file' && this.current !== undefined) this.line(this.current, attributes, line);
        return;
    }
  }

  close(name: string): void {
    if (name !== 'file' || this.current === undefined) return;
    const file = this.current;
    const metrics = this.currentMetrics;
    this.current = undefined;
    file.totals.lines = totalFromDetail(file, 'lines');
    file.totals.statements = metrics?.statements ?? this.statementLines;
    file.totals.functions = metrics?.methods ?? totalFromDetail(file, 'functions');
    file.totals.branches = metrics?.conditionals ?? this.conditions;
    const existing = this.files.get(file.path);
    if (existing === undefined) this.files.set(file.path, file);
    else mergeFileInto(existing, file, 'max');
  }

  finish(): CoverageReport {
    if (!this.sawFiles) {
      throw new ConfigurationError('Clover: the report has no <file> elements: it describes no source file', { file: this.file }, 'check that the tests ran with coverage enabled');
    }
    const metrics: Record<Metric, MetricSupport> = {
      lines: 'detail',
      statements: 'totals',
      functions: this.sawMethodLines && !this.sawMethodMetrics ? 'detail' : this.sawMethodLines || this.sawMethodMetrics ? 'totals' : 'none',
      branches: this.sawConditionals ? 'totals' : 'none',
    };
    return { format: 'clover', files: this.files, metrics, ...(this.declared ? { declared: this.declared } : {}), sources: [this.file] };
  }

  private readMetrics(attributes: Record<string, string>, line: number): CloverMetrics {
    const ratio = (total: string, covered: string): Ratio | undefined => {
      const totalValue = optionalNumberAttribute(attributes, total, 'metrics', this.file, line);
      const coveredValue = optionalNumberAttribute(attributes, covered, 'metrics', this.file, line);
      return totalValue === undefined || coveredValue === undefined ? undefined : { covered: coveredValue, total: totalValue };
    };
    const result: CloverMetrics = {};
    const statements = ratio('statements', 'coveredstatements');
    const conditionals = ratio('conditionals', 'coveredconditionals');
    const methods = ratio('methods', 'coveredmethods');
    if (statements) result.statements = statements;
    if (conditionals) {
      result.conditionals = conditionals;
      this.sawConditionals = true;
    }
    if (methods) {
      result.methods = methods;
      this.sawMethodMetrics = true;
    }
    return result;
  }

  private line(file: FileCoverage, attributes: Record<string, string>, line: number): void {
    const number = numberAttribute(attributes, 'num', 'line', this.file, line);
    const count = numberAttribute(attributes, 'count', 'line', this.file, line);
    const type = attributes.type ?? 'stmt';
    if (type === 'method') {
      file.functions.push({ name: attributes.signature ?? attributes.name ?? '', line: number, hits: count });
      this.sawMethodLines = true;
      return;
    }
    const previous = file.lines.get(number);
    file.lines.set(number, previous === undefined ? count : Math.max(previous, count));
    this.statementLines.total += 1;
    if (count > 0) this.statementLines.covered += 1;
    if (type === 'cond') {
      // OpenClover: a condition has two outcomes, each covered once seen.
      const trueCount = optionalNumberAttribute(attributes, 'truecount', 'line', this.file, line) ?? 0;
      const falseCount = optionalNumberAttribute(attributes, 'falsecount', 'line', this.file, line) ?? 0;
      this.conditions.total += 2;
      this.conditions.covered += (trueCount > 0 ? 1 : 0) + (falseCount > 0 ? 1 : 0);
      this.sawConditionals = true;
    }
  }
}

function toTotals(metrics: CloverMetrics): Partial<Totals> {
  const totals: Partial<Totals> = {};
  if (metrics.statements) totals.statements = metrics.statements;
  if (metrics.conditionals) totals.branches = metrics.conditionals;
  if (metrics.methods) totals.functions = metrics.methods;
  return totals;
}
