import { isConfigurationError } from '@roadstop/core';
import { describe, expect, it } from 'vitest';
import { emptyFile, mergeReports, parseCoverageReport, readCoverageReport, reportTotals, type CoverageReport, type FileCoverage } from '../src/index.js';
import { reportPath } from './fixtures.js';

// The regenerate script runs the vitest suite whole and as --shard=1/2 and
// --shard=2/2. The shards overlap (a slug test also runs cart code), so adding
// their covered-line counts overshoots; merging by line must not.

const shard = (index: number, file: string) => readCoverageReport(reportPath(`vitest-istanbul-shard-${index}`, file));
const whole = (file: string) => readCoverageReport(reportPath('vitest-istanbul', file));

const lineSets = (report: CoverageReport): Record<string, number[]> =>
  Object.fromEntries([...report.files].map(([path, file]) => [path, [...file.lines].filter(([, hits]) => hits > 0).map(([line]) => line).sort((a, b) => a - b)]));

describe('merging the two shards of one vitest run', () => {
  const cases = [
    { file: 'lcov.info', exact: ['lines', 'functions', 'branches'] as const, notices: 0 },
    { file: 'coverage-final.json', exact: ['lines', 'statements', 'functions', 'branches'] as const, notices: 0 },
    { file: 'cobertura-coverage.xml', exact: ['lines', 'functions'] as const, notices: 1 },
    { file: 'clover.xml', exact: ['lines'] as const, notices: 3 },
  ];

  it.each(cases)('$file: the merged totals are the unsharded run\'s', async ({ file, exact, notices }) => {
    const [first, second, unsharded] = await Promise.all([shard(1, file), shard(2, file), whole(file)]);
    const naive = reportTotals(first).lines.covered + reportTotals(second).lines.covered;
    expect(naive).toBeGreaterThan(reportTotals(unsharded).lines.covered);

    const merged = mergeReports([first, second]);
    const totals = reportTotals(merged.report);
    for (const metric of exact) expect(totals[metric], metric).toEqual(reportTotals(unsharded)[metric]);
    expect(lineSets(merged.report)).toEqual(lineSets(unsharded));
    expect(merged.notices).toHaveLength(notices);
    expect(merged.report.sources).toEqual([reportPath('vitest-istanbul-shard-1', file), reportPath('vitest-istanbul-shard-2', file)]);
  });

  it('adds the shards\' hits, so they equal the unsharded hits', async () => {
    const merged = mergeReports([await shard(1, 'coverage-final.json'), await shard(2, 'coverage-final.json')]).report;
    const unsharded = await whole('coverage-final.json');
    for (const [path, file] of unsharded.files) {
      expect(Object.fromEntries(merged.files.get(path)!.lines), path).toEqual(Object.fromEntries(file.lines));
    }
  });

  it('leaves out what Cobertura cannot combine, and says why', async () => {
    const { report, notices } = mergeReports([await shard(1, 'cobertura-coverage.xml'), await shard(2, 'cobertura-coverage.xml')]);
    expect(report.metrics).toEqual({ lines: 'detail', statements: 'none', functions: 'detail', branches: 'none' });
    expect(notices[0]).toMatch(/^branches are left out of the merged coverage: .*shard-1\/cobertura-coverage\.xml \(Cobertura XML\) counts branches per line without saying which were taken/);
  });

  it('merges lcov with coverage-final.json, leaving out the statements lcov lacks', async () => {
    const { report, notices } = mergeReports([await shard(1, 'coverage-final.json'), await shard(2, 'lcov.info')]);
    expect(report.format).toBe('merged');
    expect(report.metrics.statements).toBe('none');
    expect(notices).toEqual([expect.stringMatching(/^statements are left out .*lcov\.info \(lcov\) does not carry them/)]);
  });

  it('refuses coverage-summary.json, which has no lines to merge, naming the file', async () => {
    const summary = await shard(2, 'coverage-summary.json');
    let error: unknown;
    try {
      mergeReports([await shard(1, 'lcov.info'), summary]);
    } catch (caught) {
      error = caught;
    }
    expect(isConfigurationError(error)).toBe(true);
    if (!isConfigurationError(error)) return;
    expect(error.location.file).toBe(reportPath('vitest-istanbul-shard-2', 'coverage-summary.json'));
    expect(error.describe()).toMatch(/coverage-summary\.json: istanbul coverage-summary\.json carries totals only, not line by line, so it cannot be merged with other reports \(have every shard write coverage-final\.json/);
  });

  it('returns a single report as it is and refuses none', async () => {
    const report = await shard(1, 'lcov.info');
    expect(mergeReports([report])).toEqual({ report, notices: [] });
    expect(() => mergeReports([])).toThrow(/no coverage reports to merge/);
  });
});

describe('merging by identity', () => {
  const lcov = (body: string) => parseCoverageReport(body, 'shard.info');

  it('adds hits per line, function and branch, and unites files', async () => {
    const a = await lcov('SF:a.ts\nFN:1,f\nFNDA:0,f\nDA:1,0\nDA:2,3\nBRDA:2,0,0,1\nBRDA:2,0,1,-\nend_of_record\n');
    const b = await lcov('SF:a.ts\nFN:1,f\nFNDA:2,f\nDA:1,1\nDA:2,0\nDA:9,0\nBRDA:2,0,0,0\nBRDA:2,0,1,4\nend_of_record\nSF:b.ts\nDA:1,1\nend_of_record\n');
    const { report } = mergeReports([a, b]);
    const file = report.files.get('a.ts')!;
    expect(Object.fromEntries(file.lines)).toEqual({ 1: 1, 2: 3, 9: 0 });
    expect(file.functions).toEqual([{ name: 'f', line: 1, hits: 2 }]);
    expect(file.branches.map((branch) => branch.taken)).toEqual([1, 4]);
    expect(file.totals).toEqual({ lines: { covered: 2, total: 3 }, statements: { covered: 0, total: 0 }, functions: { covered: 1, total: 1 }, branches: { covered: 2, total: 2 } });
    expect([...report.files.keys()]).toEqual(['a.ts', 'b.ts']);
  });

  it('leaves its inputs untouched', async () => {
    const a = await lcov('SF:a.ts\nDA:1,1\nend_of_record\n');
    const b = await lcov('SF:a.ts\nDA:1,1\nend_of_record\n');
    mergeReports([a, b]);
    expect(a.files.get('a.ts')!.lines.get(1)).toBe(1);
  });

  it('tells two functions of one name apart by line', async () => {
    const a = await lcov('SF:a.ts\nFN:1,get\nFN:5,get\nFNDA:1,get\nFNDA:0,get\nDA:1,1\nend_of_record\n');
    const b = await lcov('SF:a.ts\nFN:1,get\nFN:5,get\nFNDA:0,get\nFNDA:3,get\nDA:1,1\nend_of_record\n');
    const file: FileCoverage = mergeReports([a, b]).report.files.get('a.ts') ?? emptyFile('missing');
    expect(file.functions).toEqual([{ name: 'get', line: 1, hits: 1 }, { name: 'get', line: 5, hits: 3 }]);
  });
});
