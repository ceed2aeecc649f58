import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLcov, type CoverageReport } from '../src/index.js';
import { reportPath } from './fixtures.js';

const parse = (text: string): Promise<CoverageReport> => parseLcov(text, 'lcov.info');

const plain = (report: CoverageReport) =>
  [...report.files.values()].map((file) => ({ ...file, lines: Object.fromEntries(file.lines), statements: Object.fromEntries(file.statements) }));

describe('parseLcov', () => {
  const cases: Array<{ name: string; lcov: string; check: (report: CoverageReport) => void }> = [
    {
      name: "reads istanbul's records",
      lcov: 'TN:\nSF:src/a.ts\nFN:2,f\nFN:7,(anonymous_1)\nFNF:2\nFNH:1\nFNDA:3,f\nFNDA:0,(anonymous_1)\nDA:2,3\nDA:3,0\nLF:2\nLH:1\nBRDA:3,0,0,1\nBRDA:3,0,1,0\nBRF:2\nBRH:1\nend_of_record\n',
      check: (report) => {
        const file = report.files.get('src/a.ts')!;
        expect(file.functions).toEqual([{ name: 'f', line: 2, hits: 3 }, { name: '(anonymous_1)', line: 7, hits: 0 }]);
        expect(file.branches).toEqual([{ line: 3, block: '0', branch: '0', taken: 1 }, { line: 3, block: '0', branch: '1', taken: 0 }]);
        expect(file.totals).toEqual({ lines: { covered: 1, total: 2 }, statements: { covered: 0, total: 0 }, functions: { covered: 1, total: 2 }, branches: { covered: 1, total: 2 } });
      },
    },
    {
      name: "takes '-' as a branch never reached",
      lcov: 'SF:a.c\nDA:1,1\nBRDA:1,0,0,-\nBRDA:1,0,1,2\nend_of_record\n',
      check: (report) => expect(report.files.get('a.c')!.branches.map((branch) => branch.taken)).toEqual([0, 2]),
    },
    {
      name: 'reads CRLF line ends',
      lcov: 'SF:a.ts\r\nDA:1,1\r\nDA:2,0\r\nend_of_record\r\n',
      check: (report) => expect(Object.fromEntries(report.files.get('a.ts')!.lines)).toEqual({ 1: 1, 2: 0 }),
    },
    {
      name: "reads lcov 2.0's FN:<line>,<end line>,<name> and a DA: checksum",
      lcov: 'SF:a.c\nFN:3,9,main\nFNDA:1,main\nDA:3,1,abcd\nend_of_record\n',
      check: (report) => {
        expect(report.files.get('a.c')!.functions).toEqual([{ name: 'main', line: 3, hits: 1 }]);
        expect(report.files.get('a.c')!.lines.get(3)).toBe(1);
      },
    },
    {
      name: "reads lcov 2.2's FNL/FNA, aliases adding up",
      lcov: 'SF:a.cpp\nFNL:0,4,10\nFNA:0,2,foo()\nFNA:0,1,foo_alias()\nFNL:1,12\nFNA:1,0,bar()\nDA:4,3\nend_of_record\n',
      check: (report) => expect(report.files.get('a.cpp')!.functions).toEqual([{ name: 'foo()', line: 4, hits: 3 }, { name: 'bar()', line: 12, hits: 0 }]),
    },
    {
      name: 'adds up records of one file under different test names',
      lcov: 'TN:unit\nSF:a.ts\nDA:1,1\nDA:2,0\nend_of_record\nTN:e2e\nSF:a.ts\nDA:2,4\nDA:3,0\nend_of_record\n',
      check: (report) => {
        expect(Object.fromEntries(report.files.get('a.ts')!.lines)).toEqual({ 1: 1, 2: 4, 3: 0 });
        expect(report.files.get('a.ts')!.totals.lines).toEqual({ covered: 2, total: 3 });
      },
    },
    {
      name: 'keeps LF/LH of a record without DA: lines, and says it has totals only',
      lcov: 'SF:a.ts\nLF:10\nLH:4\nend_of_record\n',
      check: (report) => {
        expect(report.files.get('a.ts')!.totals.lines).toEqual({ covered: 4, total: 10 });
        expect(report.metrics.lines).toBe('totals');
      },
    },
    {
      name: 'says it has no branches or functions when no record has any',
      lcov: 'SF:a.ts\nDA:1,1\nend_of_record\n',
      check: (report) => expect(report.metrics).toEqual({ lines: 'detail', statements: 'none', functions: 'none', branches: 'none' }),
    },
    {
      name: 'ignores tags it does not use, and blank lines',
      lcov: 'VER:2.0\n\nSF:a.ts\nXYZ:whatever\nDA:1,1\nend_of_record\n\n',
      check: (report) => expect(report.files.get('a.ts')!.totals.lines).toEqual({ covered: 1, total: 1 }),
    },
    {
      name: 'keeps branch ids that are not plain numbers as written',
      lcov: 'SF:a.c\nDA:1,1\nBRDA:1,e0,07,1\nBRDA:1,0,a && b,0\nBRDA:1,0,x, y,3\nend_of_record\n',
      check: (report) => expect(report.files.get('a.c')!.branches.map((branch) => [branch.block, branch.branch, branch.taken])).toEqual([['e0', '07', 1], ['0', 'a && b', 0], ['0', 'x, y', 3]]),
    },
    {
      name: 'reads paths and function names as UTF-8',
      lcov: 'SF:src/ünïcode/ファイル.ts\nFN:1,grüße\nFNDA:1,grüße\nDA:1,1\nend_of_record\n',
      check: (report) => expect(report.files.get('src/ünïcode/ファイル.ts')!.functions[0]!.name).toBe('grüße'),
    },
  ];

  it.each(cases)('$name', async ({ lcov, check }) => {
    check(await parse(lcov));
  });

  it('gives the same result whatever the chunk boundaries', async () => {
    const text = readFileSync(reportPath('vitest-istanbul', 'lcov.info'));
    const whole = plain(await parseLcov(text, 'lcov.info'));
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const chunks: Uint8Array[] = [];
      for (let offset = 0; offset < text.length; offset += size) chunks.push(text.subarray(offset, offset + size));
      expect(plain(await parseLcov(chunks, 'lcov.info')), `chunks of ${size}`).toEqual(whole);
    }
  });

  it('reads a last line without a newline', async () => {
    const report = await parse('SF:a.ts\nDA:1,1\nend_of_record');
    expect(report.files.get('a.ts')!.lines.get(1)).toBe(1);
  });
});
