import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapReportPaths, parseCoverageReport, readCoverageReport, remapReport, reportTotals, type CoverageReport } from '../src/index.js';

// Reports bigger than one read chunk (1 MiB): the file reader reuses its
// buffer, so every parser must be done with a chunk before the next arrives.

function bigLcov(files: number): string {
  const parts: string[] = [];
  for (let file = 0; file < files; file++) {
    parts.push(`TN:\nSF:/home/runner/work/r/r/src/m${file}.ts\nFN:1,f${file}\nFNDA:${file % 3},f${file}\n`);
    for (let line = 1; line <= 120; line++) parts.push(`DA:${line},${(line + file) % 4}\n`);
    parts.push(`BRDA:3,0,0,${file % 2}\nBRDA:3,0,1,-\nend_of_record\n`);
  }
  return parts.join('');
}

function bigJson(files: number): string {
  const entries: Record<string, unknown> = {};
  for (let file = 0; file < files; file++) {
    const statementMap: Record<string, unknown> = {};
    const s: Record<string, number> = {};
    for (let index = 0; index < 100; index++) {
      statementMap[index] = { start: { line: index + 1, column: 2 }, end: { line: index + 1, column: 30 } };
      s[index] = (index + file) % 3;
    }
    entries[`/r/src/m${file}.ts`] = { path: `/r/src/m${file}.ts`, statementMap, s, fnMap: {}, f: {}, branchMap: {}, b: {} };
  }
  return JSON.stringify(entries, null, 1);
}

function bigCobertura(files: number): string {
  const parts = ['<?xml version="1.0" ?>\n<coverage line-rate="0.5" lines-valid="0" lines-covered="0"><sources><source>/r</source></sources><packages><package name="p"><classes>\n'];
  for (let file = 0; file < files; file++) {
    parts.push(`<class name="m${file}" filename="src/m${file}.py"><methods/><lines>\n`);
    for (let line = 1; line <= 100; line++) parts.push(`<line number="${line}" hits="${(line + file) % 2}"/>\n`);
    parts.push('</lines></class>\n');
  }
  parts.push('</classes></package></packages></coverage>\n');
  return parts.join('');
}

const plain = (report: CoverageReport) =>
  [...report.files.values()].map((file) => ({ ...file, lines: Object.fromEntries(file.lines), statements: Object.fromEntries(file.statements) }));

describe('reports larger than a read chunk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'roadstop-large-'));
  const cases = [
    { name: 'lcov', file: 'lcov.info', content: bigLcov(3500) },
    { name: 'istanbul JSON', file: 'coverage-final.json', content: bigJson(700) },
    { name: 'Cobertura', file: 'coverage.xml', content: bigCobertura(1200) },
  ];

  it.each(cases)('$name from disk equals the same text parsed in memory', async ({ file, content }) => {
    expect(content.length).toBeGreaterThan(3 * 1024 * 1024);
    const path = join(dir, file);
    writeFileSync(path, content);
    const fromDisk = await readCoverageReport(path);
    const inMemory = await parseCoverageReport(content, path);
    expect(plain(fromDisk)).toEqual(plain(inMemory));
    expect(reportTotals(fromDisk).lines.total).toBeGreaterThan(60_000);
  });

  it('keeps lcov branches lazy through path mapping, and builds them when read', async () => {
    const path = join(dir, 'lazy.info');
    writeFileSync(path, bigLcov(10));
    const report = await readCoverageReport(path);
    const repository = Array.from({ length: 10 }, (_, file) => `src/m${file}.ts`);
    const remapped = remapReport(report, mapReportPaths(report.files.keys(), repository));
    const file = remapped.files.get('src/m1.ts')!;
    expect(file.path).toBe('src/m1.ts');
    expect(file.branches).toEqual([{ line: 3, block: '0', branch: '0', taken: 1 }, { line: 3, block: '0', branch: '1', taken: 0 }]);
    expect(file.totals.branches).toEqual({ covered: 1, total: 2 });
    expect({ ...file }.branches).toHaveLength(2);
  });
});
