import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCoverageReport, reportTotals, type Metric, type MetricSupport, type Ratio, type ReportFormat } from '../src/index.js';
import { coveragePyTotals, istanbulSummary, reportPath } from './fixtures.js';

// Every report under fixtures/reports was written by the real tool
// (scripts/regenerate-coverage-fixtures.sh). roadstop's totals must equal
// what the tool itself says in its summary, metric by metric, wherever the
// format carries the metric; where it cannot, the case says why.

const ISTANBUL_TOOLS = ['vitest-v8', 'vitest-istanbul', 'vitest-istanbul-shard-1', 'vitest-istanbul-shard-2', 'c8', 'jest'];
const FULL_SET = ['lcov.info', 'coverage-final.json', 'coverage-summary.json', 'cobertura-coverage.xml', 'clover.xml'];
// c8 writes only what the regenerate script asks of it: lcov, json and json-summary.
const FILES_OF: Record<string, string[]> = { c8: ['lcov.info', 'coverage-final.json', 'coverage-summary.json'] };

interface FormatCase {
  file: string;
  format: ReportFormat;
  support: Record<Metric, MetricSupport>;
  /** Why a metric is missing or is not the summary's number. */
  notes: Partial<Record<Metric, string>>;
}

const FORMATS: FormatCase[] = [
  {
    file: 'coverage-final.json',
    format: 'istanbul-json',
    support: { lines: 'detail', statements: 'detail', functions: 'detail', branches: 'detail' },
    notes: {},
  },
  {
    file: 'lcov.info',
    format: 'lcov',
    support: { lines: 'detail', statements: 'none', functions: 'detail', branches: 'detail' },
    notes: { statements: 'lcov has no statement records' },
  },
  {
    file: 'coverage-summary.json',
    format: 'istanbul-summary',
    support: { lines: 'totals', statements: 'totals', functions: 'totals', branches: 'totals' },
    notes: {},
  },
  {
    file: 'cobertura-coverage.xml',
    format: 'cobertura',
    support: { lines: 'detail', statements: 'none', functions: 'detail', branches: 'totals' },
    notes: {
      statements: 'Cobertura has lines, not statements',
      branches: "istanbul's Cobertura writer only reports branches on lines that start a statement; the root's branches-valid keeps the full count",
    },
  },
  {
    file: 'clover.xml',
    format: 'clover',
    support: { lines: 'detail', statements: 'totals', functions: 'totals', branches: 'totals' },
    notes: { statements: "istanbul's Clover writer puts its line counts into the statements metric" },
  },
];

/** What istanbul's Cobertura writer can show: branches grouped by line, for lines that have line coverage. */
function branchesOnStatementLines(tool: string): Ratio {
  const data = JSON.parse(readFileSync(reportPath(tool, 'coverage-final.json'), 'utf8')) as Record<string, {
    statementMap: Record<string, { start: { line: number } }>;
    branchMap: Record<string, { line?: number; loc: { start: { line: number } } }>;
    b: Record<string, number[]>;
  }>;
  const result = { covered: 0, total: 0 };
  for (const file of Object.values(data)) {
    const lines = new Set(Object.values(file.statementMap).map((statement) => statement.start.line));
    for (const [id, counts] of Object.entries(file.b)) {
      const meta = file.branchMap[id]!;
      if (!lines.has(meta.line || meta.loc.start.line)) continue;
      result.total += counts.length;
      result.covered += counts.filter((count) => count > 0).length;
    }
  }
  return result;
}

const cases = ISTANBUL_TOOLS.flatMap((tool) =>
  FORMATS.filter((format) => (FILES_OF[tool] ?? FULL_SET).includes(format.file)).map((format) => ({ tool, ...format })),
);

describe("roadstop's totals equal each istanbul-based tool's own json-summary", () => {
  it.each(cases)('$tool $file', async ({ tool, file, format, support, notes }) => {
    const summary = istanbulSummary(tool);
    const report = await readCoverageReport(reportPath(tool, file));
    const totals = reportTotals(report);
    expect(report.format).toBe(format);
    expect(report.metrics).toEqual(support);

    expect(totals.lines).toEqual(summary.lines);
    expect(totals.functions).toEqual(summary.functions);

    if (support.statements === 'none') {
      expect(notes.statements).toBeDefined();
      expect(totals.statements).toEqual({ covered: 0, total: 0 });
    } else if (format === 'clover') {
      expect(totals.statements).toEqual(summary.lines);
    } else {
      expect(totals.statements).toEqual(summary.statements);
    }

    if (format === 'cobertura') {
      expect(totals.branches).toEqual(branchesOnStatementLines(tool));
      expect(report.declared?.branches).toEqual(summary.branches);
      expect(report.declared?.lines).toEqual(summary.lines);
    } else {
      expect(totals.branches).toEqual(summary.branches);
    }
  });

  it('finds every tool reporting the same, including the file no test imports', async () => {
    for (const tool of ISTANBUL_TOOLS) {
      const report = await readCoverageReport(reportPath(tool, 'coverage-final.json'));
      const legacy = [...report.files.values()].find((file) => file.path.endsWith('legacy.ts'));
      expect(legacy?.totals.lines.covered, tool).toBe(0);
      expect(legacy?.totals.lines.total, tool).toBeGreaterThan(0);
    }
  });
});

describe("roadstop's totals equal coverage.py's own (Debian's python3-coverage)", () => {
  it('Cobertura from `coverage xml`: lines are its statements, branches its branches', async () => {
    const own = coveragePyTotals();
    const report = await readCoverageReport(reportPath('coverage-py', 'coverage.xml'));
    expect(report.format).toBe('cobertura');
    // coverage.py writes an empty <methods/>: no function coverage, and no statements apart from lines.
    expect(report.metrics).toEqual({ lines: 'detail', statements: 'none', functions: 'none', branches: 'totals' });
    const totals = reportTotals(report);
    expect(totals.lines).toEqual(own.statements);
    expect(totals.branches).toEqual(own.branches);
    expect(report.declared).toEqual({ lines: own.statements, branches: own.branches });
    for (const [path, file] of Object.entries(own.files)) {
      expect(report.files.get(path)?.totals.lines, path).toEqual(file.statements);
      expect(report.files.get(path)?.totals.branches, path).toEqual(file.branches);
    }
  });

  it('keeps <sources>, the directory its file names are relative to', async () => {
    const report = await readCoverageReport(reportPath('coverage-py', 'coverage.xml'));
    expect(report.sourceRoots).toHaveLength(1);
    expect(report.sourceRoots?.[0]).toMatch(/fixtures\/project\/python$/);
    expect([...report.files.keys()].sort()).toEqual(['shapes.py', 'test_shapes.py']);
  });

  it('agrees with the TOTAL line of `coverage report`', async () => {
    const text = readFileSync(reportPath('coverage-py', 'report.txt'), 'utf8');
    const [, statements, missing, branches, partial] = /^TOTAL\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(text) ?? [];
    const totals = reportTotals(await readCoverageReport(reportPath('coverage-py', 'coverage.xml')));
    expect(totals.lines).toEqual({ covered: Number(statements) - Number(missing), total: Number(statements) });
    expect(totals.branches.total).toBe(Number(branches));
    // BrPart counts lines with a branch not taken, not branches: it only bounds the missing ones.
    expect(totals.branches.total - totals.branches.covered).toBeGreaterThanOrEqual(Number(partial));
  });
});
