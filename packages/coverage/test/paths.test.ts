import { describe, expect, it } from 'vitest';
import { describePathMapping, mapReportPaths, parseCoverageReport, pathSegments, remapReport, type PathMappingOptions } from '../src/index.js';

const REPOSITORY = ['src/a.ts', 'src/util/b.ts', 'lib/src/a.ts', 'packages/web/src/index.ts', 'packages/api/src/index.ts', 'README.md', 'src/Case.ts'];

interface Case {
  name: string;
  path: string;
  options?: PathMappingOptions;
  /** The repository path, the candidates of an ambiguous match, or 'unmatched'. */
  expected: string | string[];
}

const cases: Case[] = [
  { name: 'a relative path equal to a repository path', path: 'src/util/b.ts', expected: 'src/util/b.ts' },
  { name: 'a ./ relative path', path: './src/util/b.ts', expected: 'src/util/b.ts' },
  { name: 'an exact relative path beats a longer file with the same suffix', path: 'src/a.ts', expected: 'src/a.ts' },
  { name: 'an absolute runner path by its longest suffix', path: '/home/runner/work/repo/repo/src/util/b.ts', expected: 'src/util/b.ts' },
  { name: 'a Windows path with backslashes and a drive', path: 'C:\\Users\\x\\repo\\src\\util\\b.ts', expected: 'src/util/b.ts' },
  { name: 'a Windows path with forward slashes', path: 'D:/a/repo/repo/packages/web/src/index.ts', expected: 'packages/web/src/index.ts' },
  { name: 'a file:// URL', path: 'file:///home/runner/work/repo/repo/src/util/b.ts', expected: 'src/util/b.ts' },
  { name: 'a path with .. segments', path: '/tmp/build/../repo/src/util/b.ts', expected: 'src/util/b.ts' },
  { name: 'an absolute path whose suffix fits two files equally', path: '/home/runner/work/repo/repo/src/a.ts', expected: ['lib/src/a.ts', 'src/a.ts'] },
  {
    name: 'the same path made exact by the checkout root',
    path: '/home/runner/work/repo/repo/src/a.ts',
    options: { roots: ['/home/runner/work/repo/repo'] },
    expected: 'src/a.ts',
  },
  { name: 'a package-relative path in a monorepo is ambiguous', path: 'src/index.ts', expected: ['packages/api/src/index.ts', 'packages/web/src/index.ts'] },
  { name: 'unless the package directory is a root', path: 'src/index.ts', options: { roots: ['packages/web'] }, expected: 'packages/web/src/index.ts' },
  {
    name: "Cobertura's absolute <sources> root joined to a relative name",
    path: 'src/index.ts',
    options: { roots: ['/home/runner/work/repo/repo/packages/api'] },
    expected: 'packages/api/src/index.ts',
  },
  { name: 'a file the repository does not have', path: '/home/runner/work/repo/repo/generated/x.ts', expected: 'unmatched' },
  { name: 'case matters, as on the runner', path: '/repo/src/case.ts', expected: 'unmatched' },
  { name: 'only whole segments match', path: '/repo/xsrc/util/b.ts', expected: 'src/util/b.ts' },
  { name: 'a basename alone is enough when it is unique', path: 'b.ts', expected: 'src/util/b.ts' },
];

describe('mapReportPaths', () => {
  it.each(cases)('$name: $path', ({ path, options, expected }) => {
    const mapping = mapReportPaths([path], REPOSITORY, options);
    if (expected === 'unmatched') {
      expect(mapping.unmatched).toEqual([path]);
      expect(mapping.mapped.size).toBe(0);
    } else if (Array.isArray(expected)) {
      expect(mapping.ambiguous).toEqual([{ path, candidates: expected }]);
      expect(mapping.mapped.size).toBe(0);
    } else {
      expect(mapping.mapped.get(path)).toBe(expected);
      expect(mapping.unmatched).toEqual([]);
      expect(mapping.ambiguous).toEqual([]);
    }
  });

  it('normalises path segments', () => {
    expect(pathSegments('C:\\Users\\x\\repo\\src\\a.ts')).toEqual(['Users', 'x', 'repo', 'src', 'a.ts']);
    expect(pathSegments('./src//a.ts')).toEqual(['src', 'a.ts']);
    expect(pathSegments('/a/b/../c/./d.ts')).toEqual(['a', 'c', 'd.ts']);
  });

  it('describes what did not map, with a few examples', () => {
    const mapping = mapReportPaths(['/x/gen/1.ts', '/x/gen/2.ts', '/x/gen/3.ts', '/x/gen/4.ts', '/r/src/a.ts', 'src/util/b.ts'], REPOSITORY);
    expect(describePathMapping(mapping)).toEqual([
      '4 of 6 report paths match no file in the repository, e.g. /x/gen/1.ts, /x/gen/2.ts, /x/gen/3.ts, …',
      '1 of 6 report paths match several repository files equally well, e.g. /r/src/a.ts (lib/src/a.ts or src/a.ts); pass the directory the tool ran in as a root',
    ]);
    expect(describePathMapping(mapReportPaths(['src/a.ts'], REPOSITORY))).toEqual([]);
  });

  it('rekeys a report by repository path and drops what did not map', async () => {
    const report = await parseCoverageReport(
      'SF:/home/runner/work/repo/repo/src/util/b.ts\nDA:1,1\nend_of_record\nSF:./src/util/b.ts\nDA:1,0\nDA:2,1\nend_of_record\nSF:/tmp/x.ts\nDA:1,1\nend_of_record\n',
      'lcov.info',
    );
    const remapped = remapReport(report, mapReportPaths(report.files.keys(), REPOSITORY));
    expect([...remapped.files.keys()]).toEqual(['src/util/b.ts']);
    // Two names of one file in one report describe one run: combined, not added.
    expect(Object.fromEntries(remapped.files.get('src/util/b.ts')!.lines)).toEqual({ 1: 1, 2: 1 });
    expect(remapped.files.get('src/util/b.ts')!.path).toBe('src/util/b.ts');
  });

  it('maps 20,000 report paths onto 100,000 files quickly', () => {
    const files = Array.from({ length: 100_000 }, (_, index) => `packages/p${index % 50}/src/dir${index % 97}/file${index}.ts`);
    const paths = Array.from({ length: 20_000 }, (_, index) => `/home/runner/work/r/r/packages/p${(index * 5) % 50}/src/dir${(index * 5) % 97}/file${index * 5}.ts`);
    const started = performance.now();
    const mapping = mapReportPaths(paths, files);
    expect(mapping.mapped.size).toBe(20_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
