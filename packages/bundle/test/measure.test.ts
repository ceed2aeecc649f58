import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@roadstop/core';
import { MeasurePool, type MeasureOptions, type SizeCache } from '../src/index.js';
import { realBuildOutput } from './fixtures.js';

const settings = { compressions: new Set(['gzip', 'brotli'] as const), gzipLevel: 9, brotliQuality: 11 };

async function measureWith(threads: number, paths: string[], options: Omit<MeasureOptions, 'compressions' | 'gzipLevel' | 'brotliQuality'>) {
  const pool = new MeasurePool(threads);
  try {
    const sizes = await pool.measure(paths, { ...settings, ...options });
    return { sizes, workers: pool.workersStarted };
  } finally {
    await pool.close();
  }
}

describe('MeasurePool', () => {
  it('measures a small job on the calling thread alone, and a large one with workers, to the same figures', async () => {
    const { workspace, files } = await realBuildOutput();
    const alone = await measureWith(3, files, { workspace });
    const shared = await measureWith(3, files, { workspace, smallJobBytes: 0 });
    expect(alone.workers).toBe(0);
    expect(shared.workers).toBe(2);
    expect(shared.sizes).toEqual(alone.sizes);
    for (const size of alone.sizes) {
      const content = await readFile(join(workspace, size.path));
      expect(size).toMatchObject({ raw: content.length, gzip: gzipSync(content, { level: 9 }).length, reused: false });
      expect(size.hash).toBe(createHash('sha256').update(content).digest('hex'));
    }
  });

  it('takes sizes the baseline knows by content hash on every thread', async () => {
    const { workspace, files } = await realBuildOutput();
    const first = await measureWith(1, files, { workspace });
    const known = first.sizes.slice(0, 5);
    const cache: SizeCache = new Map(known.map((size) => [size.hash, { gzip: 1, brotli: 2 }]));
    const shared = await measureWith(3, files, { workspace, cache, smallJobBytes: 0 });
    expect(shared.workers).toBe(2);
    expect(shared.sizes.filter((size) => size.reused).map((size) => size.path)).toEqual(known.map((size) => size.path));
    for (const size of shared.sizes.filter((entry) => entry.reused)) expect(size).toMatchObject({ gzip: 1, brotli: 2 });
  });

  it('starts workers for a small number of files when they are large', async () => {
    const { workspace } = await realBuildOutput();
    await writeFile(join(workspace, 'big.js'), Buffer.alloc(2_100_000, 'x'));
    const { sizes, workers } = await measureWith(2, ['big.js'], { workspace });
    expect(workers).toBe(1);
    expect(sizes[0]).toMatchObject({ path: 'big.js', raw: 2_100_000, gzip: gzipSync(Buffer.alloc(2_100_000, 'x'), { level: 9 }).length });
  });

  it('starts its workers early when told a large job is coming, and not for a small one', async () => {
    const { workspace, files } = await realBuildOutput();
    const alone = await measureWith(1, files, { workspace });
    for (const [expected, workers] of [
      [10_000, 2],
      [10, 0],
    ] as const) {
      const pool = new MeasurePool(3);
      pool.prestart(expected);
      try {
        expect(await pool.measure(files, { ...settings, workspace })).toEqual(alone.sizes);
        expect(pool.workersStarted).toBe(workers);
      } finally {
        await pool.close();
      }
    }
  });

  it('names a file that cannot be read, whichever thread reads it', async () => {
    const { workspace, files } = await realBuildOutput();
    await rm(join(workspace, files[files.length - 1]!));
    for (const smallJobBytes of [undefined, 0]) {
      const error = await measureWith(3, files, { workspace, ...(smallJobBytes === undefined ? {} : { smallJobBytes }) }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).describe()).toBe(`${files[files.length - 1]}: cannot read ${files[files.length - 1]} (ENOENT)`);
    }
  });
});
