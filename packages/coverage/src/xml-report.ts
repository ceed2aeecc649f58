import { ConfigurationError } from '@roadstop/core';
import { CloverHandler } from './clover.js';
import { CoberturaHandler } from './cobertura.js';
import { toChunks, type ReportInput } from './input.js';
import type { CoverageReport } from './model.js';
import { parseXml, type XmlHandler } from './xml.js';

type Dialect = CoberturaHandler | CloverHandler;

const NEITHER_HINT = 'roadstop reads Cobertura (coverage.py xml, istanbul cobertura) and Clover (istanbul clover, OpenClover) XML';

/**
 * Cobertura or Clover XML, told apart by content: both have a `<coverage>`
 * root, Clover's with a `clover` attribute and a `<project>` child,
 * Cobertura's with rate attributes and `<sources>`/`<packages>` children.
 */
export async function parseCoverageXml(input: ReportInput, file: string): Promise<CoverageReport> {
  let dialect: Dialect | undefined;
  let pendingRoot: { attributes: Record<string, string>; line: number } | undefined;

  // The root may not say which dialect it is; then its first child does.
  const pick = (name: string, attributes: Record<string, string>, parent: string, line: number): Dialect | undefined => {
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
      if (dialect instanceof CoberturaHandler) dialect.text(text);
    },
  };

  await parseXml(toChunks(input), file, dispatch);
  if (dialect === undefined) {
    throw new ConfigurationError('XML is neither Cobertura nor Clover: <coverage> is empty', { file }, NEITHER_HINT);
  }
  return dialect.finish();
}
