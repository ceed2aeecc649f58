import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ConfigurationError } from '@roadstop/core';

export type Compression = 'raw' | 'gzip' | 'brotli';

export interface CompressionSettings {
  gzipLevel: number;
  brotliQuality: number;
}

export interface FileSize {
  /** Workspace-relative path with forward slashes. */
  path: string;
  raw: number;
  gzip?: number;
  brotli?: number;
  /** sha256 of the content, hex. */
  hash: string;
  /** True when the compressed sizes were taken from the baseline (same hash, same settings). */
  reused: boolean;
}

/** Compressed sizes already known for a content hash, from a baseline result. */
export type SizeCache = Map<string, { gzip?: number; brotli?: number }>;

export interface MeasureOptions extends CompressionSettings {
  workspace: string;
  /** Only the compressions some budget asks for are computed. */
  compressions: ReadonlySet<Compression>;
  cache?: SizeCache;
  /** Files compressed at once; each compression runs on libuv's worker threads. */
  concurrency?: number;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Read each file once, hash it, and compress it only when its hash has no
 * cached size. zlib's async calls run on libuv's thread pool, so at most
 * `concurrency` files are in flight and both cores stay busy while memory stays
 * bounded by the files in flight.
 */
export async function measureFiles(paths: readonly string[], options: MeasureOptions): Promise<FileSize[]> {
  const concurrency = Math.max(1, options.concurrency ?? Math.max(2, availableParallelism()));
  const results = new Array<FileSize>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++;
      results[index] = await measureFile(paths[index]!, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  return results;
}

async function measureFile(path: string, options: MeasureOptions): Promise<FileSize> {
  const content = await readWhole(`${options.workspace}/${path}`, path);
  const hash = createHash('sha256').update(content).digest('hex');
  const size: FileSize = { path, raw: content.length, hash, reused: false };
  const cached = options.cache?.get(hash);
  const wantGzip = options.compressions.has('gzip');
  const wantBrotli = options.compressions.has('brotli');
  if (cached && (!wantGzip || cached.gzip !== undefined) && (!wantBrotli || cached.brotli !== undefined)) {
    if (wantGzip) size.gzip = cached.gzip!;
    if (wantBrotli) size.brotli = cached.brotli!;
    size.reused = true;
    return size;
  }
  const [gzipped, brotlied] = await Promise.all([
    wantGzip ? gzipAsync(content, { level: options.gzipLevel }) : undefined,
    wantBrotli
      ? brotliAsync(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: options.brotliQuality,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        })
      : undefined,
  ]);
  if (gzipped) size.gzip = gzipped.length;
  if (brotlied) size.brotli = brotlied.length;
  return size;
}

async function readWhole(absolute: string, shown: string): Promise<Buffer> {
  try {
    const handle = await open(absolute, 'r');
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigurationError(`cannot read ${shown} (${code})`, { file: shown }, code === 'EACCES' ? 'check the file permissions of the build output' : undefined);
  }
}
