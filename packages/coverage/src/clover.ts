import { ConfigurationError } from '@roadstop/core';
import { emptyFile, totalFromDetail, type CoverageReport, type FileCoverage, type Metric, type MetricSupport, type Ratio, type Totals } from './model.js';
import { XmlDialect } from './xml.js';

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
export class CloverHandler extends XmlDialect {
  private declared: Partial<Totals> | undefined;
  private current: FileCoverage | undefined;
  private currentMetrics: Partial<Totals> | undefined;
  private conditions: Ratio = { covered: 0, total: 0 };
  private statementLines: Ratio = { covered: 0, total: 0 };
  private sawFiles = false;
  private sawMethodLines = false;
  private sawMethodMetrics = false;
  private sawConditionals = false;

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
        if (parent === 'project') this.declared = this.readMetrics(attributes, line);
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
    file.totals.functions = metrics?.functions ?? totalFromDetail(file, 'functions');
    file.totals.branches = metrics?.branches ?? this.conditions;
    this.addFile(file);
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

  /** `<metrics>` as totals: Clover's conditionals are branches, its methods functions. */
  private readMetrics(attributes: Record<string, string>, line: number): Partial<Totals> {
    const result: Partial<Totals> = {};
    for (const [metric, name] of [['statements', 'statements'], ['branches', 'conditionals'], ['functions', 'methods']] as const) {
      const ratio = this.ratio(attributes, name, `covered${name}`, 'metrics', line);
      if (ratio) result[metric] = ratio;
    }
    if (result.branches) this.sawConditionals = true;
    if (result.functions) this.sawMethodMetrics = true;
    return result;
  }

  private line(file: FileCoverage, attributes: Record<string, string>, line: number): void {
    const number = this.number(attributes, 'num', 'line', line);
    const count = this.number(attributes, 'count', 'line', line);
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
      const trueCount = this.optionalNumber(attributes, 'truecount', 'line', line) ?? 0;
      const falseCount = this.optionalNumber(attributes, 'falsecount', 'line', line) ?? 0;
      this.conditions.total += 2;
      this.conditions.covered += (trueCount > 0 ? 1 : 0) + (falseCount > 0 ? 1 : 0);
      this.sawConditionals = true;
    }
  }
}
