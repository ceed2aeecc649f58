import { ConfigurationError } from '@roadstop/core';
import { emptyFile, totalFromDetail, type CoverageReport, type FileCoverage, type Metric, type MetricSupport, type Totals } from './model.js';
import { XmlDialect } from './xml.js';

const CONDITION_COVERAGE = /\((\d+)\s*\/\s*(\d+)\)/;

interface OpenMethod {
  name: string;
  hits: number | undefined;
  line: number;
  maxLineHits: number;
}

/**
 * Cobertura XML, as written by coverage.py, istanbul (jest, vitest, c8),
 * coverlet, gcovr and the Cobertura family: `<class filename>` holds
 * `<line number hits [branch condition-coverage]>`. Lines inside `<method>`
 * only repeat a method's lines, so they count for the method, not again for
 * the file.
 *
 * Branches are only counted per line ("1/2 covered"), without saying which
 * branch was taken, so they are totals: exact for this report, not mergeable.
 * Paths are relative to `<sources>` (coverage.py writes the measured
 * directory there; istanbul the project root), kept as `sourceRoots`.
 */
export class CoberturaHandler extends XmlDialect {
  private readonly sources: string[] = [];
  private readonly declared: Partial<Totals> = {};
  private sourceText: string | undefined;
  private current: FileCoverage | undefined;
  private currentBranchLines = new Set<number>();
  private method: OpenMethod | undefined;
  private sawMethods = false;
  private sawBranches = false;
  private sawClasses = false;

  open(name: string, attributes: Record<string, string>, parent: string, line: number): void {
    switch (name) {
      case 'coverage':
        if (parent === '') this.readDeclared(attributes, line);
        return;
      case 'source':
        this.sourceText = '';
        return;
      case 'class': {
        const filename = attributes.filename;
        if (filename === undefined || filename === '') {
          throw new ConfigurationError('Cobertura: <class> has no filename attribute', { file: this.file, line });
        }
        this.current = emptyFile(filename);
        this.currentBranchLines = new Set();
        this.sawClasses = true;
        return;
      }
      case 'method':
        if (this.current === undefined) return;
        this.method = { name: attributes.name ?? '', hits: this.optionalNumber(attributes, 'hits', 'method', line), line: 0, maxLineHits: 0 };
        this.sawMethods = true;
        return;
      case 'line':
        this.line(attributes, line);
        return;
    }
  }

  override text(text: string): void {
    if (this.sourceText !== undefined) this.sourceText += text;
  }

  close(name: string): void {
    switch (name) {
      case 'source': {
        const source = this.sourceText?.trim();
        if (source) this.sources.push(source);
        this.sourceText = undefined;
        return;
      }
      case 'method': {
        const method = this.method;
        this.method = undefined;
        if (method === undefined || this.current === undefined) return;
        // Cobertura proper gives a method no hits of its own; its busiest line stands for it.
        this.current.functions.push({ name: method.name, line: method.line, hits: method.hits ?? method.maxLineHits });
        return;
      }
      case 'class': {
        const file = this.current;
        this.current = undefined;
        if (file === undefined) return;
        for (const metric of ['lines', 'functions', 'branches'] as const) file.totals[metric] = totalFromDetail(file, metric);
        this.addFile(file);
        return;
      }
    }
  }

  finish(): CoverageReport {
    if (!this.sawClasses) {
      throw new ConfigurationError('Cobertura: the report has no <class> elements: it describes no source file', { file: this.file }, 'check that the tests ran with coverage enabled');
    }
    const metrics: Record<Metric, MetricSupport> = {
      lines: 'detail',
      statements: 'none',
      functions: this.sawMethods ? 'detail' : 'none',
      branches: this.sawBranches ? 'totals' : 'none',
    };
    return {
      format: 'cobertura',
      files: this.files,
      metrics,
      ...(Object.keys(this.declared).length > 0 ? { declared: this.declared } : {}),
      ...(this.sources.length > 0 ? { sourceRoots: this.sources } : {}),
      sources: [this.file],
    };
  }

  private readDeclared(attributes: Record<string, string>, line: number): void {
    for (const metric of ['lines', 'branches'] as const) {
      const ratio = this.ratio(attributes, `${metric}-valid`, `${metric}-covered`, 'coverage', line);
      if (ratio) this.declared[metric] = ratio;
    }
  }

  private line(attributes: Record<string, string>, line: number): void {
    const file = this.current;
    if (file === undefined) return;
    const number = this.number(attributes, 'number', 'line', line);
    const hits = this.number(attributes, 'hits', 'line', line);
    if (this.method !== undefined) {
      if (this.method.line === 0) this.method.line = number;
      this.method.maxLineHits = Math.max(this.method.maxLineHits, hits);
      return;
    }
    const previous = file.lines.get(number);
    file.lines.set(number, previous === undefined ? hits : Math.max(previous, hits));
    if (attributes.branch !== 'true') return;
    this.sawBranches = true;
    const condition = CONDITION_COVERAGE.exec(attributes['condition-coverage'] ?? '');
    if (condition === null || this.currentBranchLines.has(number)) return;
    this.currentBranchLines.add(number);
    const covered = Number(condition[1]);
    const total = Number(condition[2]);
    // Which of the line's branches were taken is not said: the first `covered` stand for them.
    for (let index = 0; index < total; index++) {
      file.branches.push({ line: number, block: '0', branch: String(index), taken: index < covered ? 1 : 0 });
    }
  }
}
