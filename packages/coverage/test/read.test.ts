import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFamily, parseCoverageReport, percent, type CoverageReport } from '../src/index.js';
import { reportPath } from './fixtures.js';

const plain = (report: CoverageReport) =>
  [...report.files.values()].map((file) => ({ ...file, lines: Object.fromEntries(file.lines), statements: Object.fromEntries(file.statements) }));

function chunked(content: Buffer, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < content.length; offset += size) chunks.push(content.subarray(offset, offset + size));
  return chunks;
}

describe('detectFamily', () => {
  const cases: Array<[string, string, ReturnType<typeof detectFamily>]> = [
    ['lcov starting with TN:', 'TN:\nSF:a', 'lcov'],
    ['lcov starting with SF:', 'SF:a\n', 'lcov'],
    ['lcov 2 starting with VER:', 'VER:2.1\n', 'lcov'],
    ['JSON after a byte order mark', '\ufeff{"a":1}', 'json'],
    ['JSON after blank lines', '\n\n  {', 'json'],
    ['XML with a declaration', '<?xml version="1.0"?><coverage/>', 'xml'],
    ['nothing but whitespace', ' \n\t', 'empty'],
    ['a JSON array', '[1, 2]', undefined],
    ['a README', '# Coverage\n', undefined],
  ];
  it.each(cases)('%s', (_, text, family) => {
    expect(detectFamily(Buffer.from(text))).toBe(family);
  });

  it('goes by content, not by name: an lcov file named .xml is lcov', async () => {
    const report = await parseCoverageReport(readFileSync(reportPath('jest', 'lcov.info')), 'coverage.xml');
    expect(report.format).toBe('lcov');
  });
});

describe('streaming JSON and XML', () => {
  it.each(['coverage-final.json', 'coverage-summary.json', 'cobertura-coverage.xml', 'clover.xml'])(
    '%s gives the same result whatever the chunk boundaries',
    async (name) => {
      const content = readFileSync(reportPath('jest', name));
      const whole = plain(await parseCoverageReport(content, name));
      for (const size of [1, 3, 17, 4096]) {
        expect(plain(await parseCoverageReport(chunked(content, size), name)), `chunks of ${size}`).toEqual(whole);
      }
    },
  );

  it('reads multi-byte UTF-8 split across chunks', async () => {
    const content = Buffer.from(JSON.stringify({ '/src/ファイル.ts': { path: '/src/ファイル.ts', statementMap: { 0: { start: { line: 1, column: 0 }, end: { line: 1, column: 5 } } }, s: { 0: 2 }, fnMap: {}, f: {}, branchMap: {}, b: {} } }));
    const report = await parseCoverageReport(chunked(content, 1), 'coverage-final.json');
    expect([...report.files.keys()]).toEqual(['/src/ファイル.ts']);
    expect(report.files.get('/src/ファイル.ts')!.lines.get(1)).toBe(2);
  });

  it('derives lines as istanbul does: the most hits of the statements starting on a line', async () => {
    const statement = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 1 } });
    const json = JSON.stringify({
      'a.ts': {
        statementMap: { 0: statement(1, 0), 1: statement(1, 10), 2: statement(2, 0), 3: { start: { line: 3, column: 0 }, end: { line: 5, column: 1 } }, 4: {} },
        s: { 0: 0, 1: 4, 2: 0, 3: 1, 4: 7 },
        fnMap: {},
        f: {},
        branchMap: {},
        b: {},
      },
    });
    const file = (await parseCoverageReport(json, 'coverage-final.json')).files.get('a.ts')!;
    expect(Object.fromEntries(file.lines)).toEqual({ 1: 4, 2: 0, 3: 1 });
    // Statement 4 has no location: no line, but istanbul still counts it as a statement.
    expect(file.totals.statements).toEqual({ covered: 3, total: 5 });
  });
});

describe('percent', () => {
  it.each([
    [{ covered: 1, total: 4 }, 25],
    [{ covered: 0, total: 3 }, 0],
    [{ covered: 0, total: 0 }, 100],
  ])('%o is %d%%', (ratio, expected) => {
    expect(percent(ratio)).toBe(expected);
  });
});
