import { describe, expect, it } from 'vitest';
import { mapReportPaths, readCoverageReport, remapReport, reportTotals, type CoverageReport } from '../src/index.js';
import { reportPath, repositoryFiles } from './fixtures.js';

// One vitest run (istanbul provider) written in all five formats. Mapped onto
// the repository, they must describe the same lines, line for line, and the
// same functions and branches wherever the format carries them.

const FORMATS = ['lcov.info', 'coverage-final.json', 'coverage-summary.json', 'cobertura-coverage.xml', 'clover.xml'];

async function mapped(file: string): Promise<CoverageReport> {
  const report = await readCoverageReport(reportPath('vitest-istanbul', file));
  const mapping = mapReportPaths(report.files.keys(), repositoryFiles(), { roots: report.sourceRoots ?? [] });
  expect(mapping.unmatched, file).toEqual([]);
  expect(mapping.ambiguous, file).toEqual([]);
  return remapReport(report, mapping);
}

describe('the same run in five formats', () => {
  it.each(FORMATS)('%s has the same per-file line totals as coverage-final.json', async (file) => {
    const reference = await mapped('coverage-final.json');
    const report = await mapped(file);
    expect([...report.files.keys()].sort()).toEqual([...reference.files.keys()].sort());
    for (const [path, expected] of reference.files) {
      expect(report.files.get(path)?.totals.lines, `${file} ${path}`).toEqual(expected.totals.lines);
    }
    expect(reportTotals(report).lines).toEqual(reportTotals(reference).lines);
  });

  it.each(FORMATS.filter((file) => file !== 'coverage-summary.json'))('%s has the same hits on the same lines', async (file) => {
    const reference = await mapped('coverage-final.json');
    const report = await mapped(file);
    for (const [path, expected] of reference.files) {
      expect(Object.fromEntries(report.files.get(path)!.lines), `${file} ${path}`).toEqual(Object.fromEntries(expected.lines));
    }
  });

  it('lcov and coverage-final.json name the same functions on the same lines with the same hits', async () => {
    const lcov = await mapped('lcov.info');
    const json = await mapped('coverage-final.json');
    for (const [path, file] of json.files) {
      expect(lcov.files.get(path)?.functions, path).toEqual(file.functions);
    }
  });

  it('lcov and coverage-final.json have the same branches, block and branch ids included', async () => {
    const lcov = await mapped('lcov.info');
    const json = await mapped('coverage-final.json');
    for (const [path, file] of json.files) {
      expect(lcov.files.get(path)?.branches, path).toEqual(file.branches);
    }
  });

  it('every format but Cobertura has the same function and branch totals', async () => {
    const totals = await Promise.all(['lcov.info', 'coverage-final.json', 'coverage-summary.json', 'clover.xml'].map(async (file) => reportTotals(await mapped(file))));
    for (const total of totals) {
      expect(total.functions).toEqual(totals[0]!.functions);
      expect(total.branches).toEqual(totals[0]!.branches);
    }
    // Cobertura carries the functions (as <method>s) but only the branches on statement lines.
    const cobertura = reportTotals(await mapped('cobertura-coverage.xml'));
    expect(cobertura.functions).toEqual(totals[0]!.functions);
    expect(cobertura.branches.total).toBeLessThan(totals[0]!.branches.total);
  });
});
