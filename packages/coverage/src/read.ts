import { ConfigurationError } from '@roadstop/core';
import { detectFamily } from './detect.js';
import { openReportFile, peek, toChunks, type ReportInput } from './input.js';
import { parseIstanbulJson } from './istanbul-json.js';
import { parseLcov } from './lcov.js';
import type { CoverageReport } from './model.js';
import { parseCoverageXml } from './xml-report.js';

/**
 * Read a coverage report of any supported format from a file, streaming: the
 * format is detected from the content, and memory holds the parsed coverage,
 * not the file.
 */
export async function readCoverageReport(path: string): Promise<CoverageReport> {
  return parseCoverageReport(await openReportFile(path), path);
}

/**
 * Parse report content whose format is detected from its first bytes.
 * `file` names it in errors and in the report's `sources`.
 */
export async function parseCoverageReport(input: ReportInput, file: string): Promise<CoverageReport> {
  const peeked = await peek(toChunks(input));
  const { head, chunks } = peeked;
  const family = detectFamily(head);
  if (family === 'empty' || family === undefined) await peeked.close();
  switch (family) {
    case 'lcov':
      return parseLcov(chunks, file);
    case 'json':
      return parseIstanbulJson(chunks, file);
    case 'xml':
      return parseCoverageXml(chunks, file);
    case 'empty':
      throw new ConfigurationError('the coverage report is empty', { file }, 'the test run may have failed before writing it; check the step that runs the tests');
    case undefined:
      throw new ConfigurationError(
        'not a coverage report roadstop can read',
        { file, line: 1 },
        'expected lcov (lcov.info), istanbul JSON (coverage-final.json, coverage-summary.json), Cobertura XML or Clover XML',
      );
  }
}
