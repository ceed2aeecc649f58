import { describe, expect, it } from 'vitest';
import { createResult } from '@roadstop/core';
import { matchBaseline, sizeCacheFrom, type BaselineFile } from '../src/index.js';

const file = (path: string, raw: number, hash: string): BaselineFile => ({ path, raw, hash, gzip: Math.round(raw / 3) });

describe('matchBaseline', () => {
  it('pairs by path, then content, then hash-free name; the rest are added or removed', () => {
    const before = [
      file('dist/index.html', 500, 'h0'),
      file('dist/assets/index-AAAA1111.js', 1000, 'h1'),
      file('dist/assets/about-BBBB2222.js', 300, 'h2'),
      file('dist/assets/old-CCCC3333.js', 200, 'h3'),
    ];
    const now = [
      { path: 'dist/index.html', raw: 510, hash: 'h0b' },
      { path: 'dist/assets/index-DDDD4444.js', raw: 1100, hash: 'h4' },
      { path: 'dist/assets/renamed-EEEE5555.js', raw: 300, hash: 'h2' },
      { path: 'dist/assets/new-FFFF6666.js', raw: 50, hash: 'h5' },
    ];
    const match = matchBaseline(now, before);
    expect(Object.fromEntries([...match.matched].map(([path, base]) => [path, base.path]))).toEqual({
      'dist/index.html': 'dist/index.html',
      'dist/assets/index-DDDD4444.js': 'dist/assets/index-AAAA1111.js',
      'dist/assets/renamed-EEEE5555.js': 'dist/assets/about-BBBB2222.js',
    });
    expect(match.removed.map((base) => base.path)).toEqual(['dist/assets/old-CCCC3333.js']);
  });

  it('pairs a Vite hash that reads like words through the loose name', () => {
    const match = matchBaseline([{ path: 'dist/assets/index-DiwrgTda.js', raw: 90, hash: 'n' }], [file('dist/assets/index-BxK3a9_f.js', 100, 'o')]);
    expect(match.matched.get('dist/assets/index-DiwrgTda.js')?.path).toBe('dist/assets/index-BxK3a9_f.js');
  });

  it('pairs several chunks of one name by closest size', () => {
    const before = [file('out/chunk-AAAAAAAA.js', 100, 'a'), file('out/chunk-BBBBBBBB.js', 5000, 'b')];
    const now = [
      { path: 'out/chunk-CCCCCCCC.js', raw: 5100, hash: 'c' },
      { path: 'out/chunk-DDDDDDDD.js', raw: 120, hash: 'd' },
    ];
    const match = matchBaseline(now, before);
    expect(match.matched.get('out/chunk-CCCCCCCC.js')?.path).toBe('out/chunk-BBBBBBBB.js');
    expect(match.matched.get('out/chunk-DDDDDDDD.js')?.path).toBe('out/chunk-AAAAAAAA.js');
    expect(match.removed).toEqual([]);
  });

  it('stays linear-ish on thousands of same-named chunks', () => {
    const before = Array.from({ length: 3000 }, (_, index) => file(`out/chunk-${String(index).padStart(8, 'A')}X.js`, index * 10, `b${index}`));
    const now = before.map((base, index) => ({ path: `out/chunk-${String(index).padStart(8, 'Z')}Y.js`, raw: base.raw + 1, hash: `n${index}` }));
    const match = matchBaseline(now, before);
    expect(match.matched.size).toBe(3000);
    expect(match.matched.get(now[1234]!.path)?.raw).toBe(12340);
  });
});

describe('sizeCacheFrom', () => {
  const result = createResult({
    gate: 'bundle-budget',
    status: 'pass',
    headline: 'x',
    metrics: {},
    checks: [],
    items: [
      { id: 'a.js', raw: 10, gzip: 5, brotli: 4, hash: 'ha' },
      { id: 'gone.js', change: 'removed', 'base-raw': 3 },
    ],
    messages: [],
    settings: { gzipLevel: 9, brotliQuality: 11 },
  });
  it('reuses sizes only for the same settings', () => {
    expect(sizeCacheFrom(result, { gzipLevel: 9, brotliQuality: 11 }).get('ha')).toEqual({ gzip: 5, brotli: 4 });
    expect(sizeCacheFrom(result, { gzipLevel: 6, brotliQuality: 11 }).get('ha')).toEqual({ brotli: 4 });
    expect(sizeCacheFrom(result, { gzipLevel: 6, brotliQuality: 5 }).size).toBe(0);
  });
});
