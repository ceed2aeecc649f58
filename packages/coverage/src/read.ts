import { ConfigurationError } from '@roadstop/core';
import { CloverHandler } from './clover.js';
import { CoberturaHandler } from './cobertura.js';
import { openReportFile, peek, toChunks, type ReportInput } from './input.js';
import { parseIstanbulJson } from './istanbul-json.js';
import { parseLcov } from './lcov.js';
import type { CoverageReport } from './model.js';
import { parseXml, type XmlDialect, type XmlHandler } from './xml.js';

/**
 * Read a coverage report of any supported format from a file, streaming: the
 * format is detected from the content, and memory holds the parsed coverage,
 * not the file.
 */
export async function readCoverageReport(path: string, shown = path): Promise<CoverageReport> {
  return parseCoverageReport(await openReportFile(path, shown), shown);
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

/** The families a report's first bytes tell apart; JSON and XML dialects are settled while parsing. */
export type ReportFamily = 'lcov' | 'json' | 'xml';

const LCOV_FIRST_LINE = /^(?:TN|SF|VER|FN|FNDA|FNF|FNH|FNL|FNA|DA|LF|LH|BRDA|BRF|BRH):|^end_of_record$/;

/**
 * Which family a report belongs to, from its first bytes (never its name:
 * CI artifacts get renamed). Undefined when it is none of them; `empty` when
 * there is nothing but whitespace.
 */
export function detectFamily(head: Uint8Array): ReportFamily | 'empty' | undefined {
  let start = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
  while (start < head.length && (head[start] === 0x20 || head[start] === 0x0a || head[start] === 0x0d || head[start] === 0x09)) start += 1;
  if (start >= head.length) return 'empty';
  const first = head[start];
  if (first === 0x3c) return 'xml';
  if (first === 0x7b) return 'json';
  let end = start;
  while (end < head.length && head[end] !== 0x0a && head[end] !== 0x0d) end += 1;
  const firstLine = Buffer.from(head.buffer, head.byteOffset + start, end - start).toString('utf8');
  return LCOV_FIRST_LINE.test(firstLine) ? 'lcov' : undefined;
}

const NEITHER_HINT = 'roadstop reads Cobertura (coverage.py xml, istanbul cobertura) and Clover (istanbul clover, OpenClover) XML';

/**
 * Cobertura or Clover XML, told apart by content: both have a `<coverage>`
 * root, Clover's with a `clover` attribute and a `<project>` child,
 * Cobertura's with rate attributes and `<sources>`/`<packages>` children.
 */
async function parseCoverageXml(chunks: AsyncIterable<Uint8Array>, file: string): Promise<CoverageReport> {
  let dialect: XmlDialect | undefined;
  let pendingRoot: { attributes: Record<string, string>; line: number } | undefined;

  // The root may not say which dialect it is; then its first child does.
  const pick = (name: string, attributes: Record<string, string>, parent: string, line: number): XmlDialect | undefined => {
    if (parent === '') {
      if (name !== 'coverage') {
        throw new ConfigurationError(`XML is neither Cobertura nor Clover: its root element is <${name}>, not <coverage>`, { file, line }, NEITHER_HINT);
      }
      if ('clover' in attributes) return new CloverHandler(file);
      if ('line-rate' in attributes || 'lines-valid' in attributes) return new CoberturaHandler(file);
      pendingRoot = { attributes, line };
      return undefined;
    }
    if (name === 'project') return new CloverHandler(file);
    if (name === 'sources' || name === 'packages') return new CoberturaHandler(file);
    throw new ConfigurationError(`XML is neither Cobertura nor Clover: <coverage> starts with <${name}>`, { file, line }, NEITHER_HINT);
  };

  const dispatch: XmlHandler = {
    open(name, attributes, parent, line) {
      if (dialect === undefined) {
        const chosen = pick(name, attributes, parent, line);
        if (chosen === undefined) return;
        if (pendingRoot) chosen.open('coverage', pendingRoot.attributes, '', pendingRoot.line);
        pendingRoot = undefined;
        dialect = chosen;
      }
      dialect.open(name, attributes, parent, line);
    },
    close(name) {
      dialect?.close(name);
    },
    text(text) {
      dialect?.text(text);
    },
  };

  await parseXml(chunks, file, dispatch);
  if (dialect === undefined) {
    throw new ConfigurationError('XML is neither Cobertura nor Clover: <coverage> is empty', { file }, NEITHER_HINT);
  }
  return dialect.finish();
}
