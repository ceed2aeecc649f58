import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
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
  /** Worker threads; default: one per core. */
  threads?: number;
}

interface WorkerEntry {
  index: number;
  raw: number;
  hash: string;
  gzip?: number;
  brotli?: number;
  reused: boolean;
}

type WorkerMessage = { results: WorkerEntry[] } | { error: { path: string; code: string } };

/**
 * The worker: given a job, it takes the next file index from a counter shared
 * by all workers, reads the file once into a reused buffer, hashes it, and
 * compresses it only when the baseline has no size for its hash. Kept as
 * source text, not a module file, so the one bundled index.js of each action
 * carries it; it needs only Node.
 */
const WORKER_SOURCE = String.raw`
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { hash: digest } = require('node:crypto');
const zlib = require('node:zlib');
parentPort.once('message', (job) => {
  const { files, workspace, gzip, brotli, gzipLevel, brotliQuality, counter } = job;
  const cache = JSON.parse(job.cache);
  const next = new Int32Array(counter);
  const results = [];
  let buffer = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= files.length) break;
    const path = files[index];
    let content;
    try {
      const fd = openSync(workspace + '/' + path, 'r');
      try {
        // No fstat: read until a short read; a full buffer doubles and goes on.
        let read = 0;
        for (;;) {
          const got = readSync(fd, buffer, read, buffer.length - read, read);
          read += got;
          if (got === 0 || read < buffer.length) break;
          const bigger = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(bigger, 0, 0, read);
          buffer = bigger;
        }
        content = buffer.subarray(0, read);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      Atomics.store(next, 0, files.length);
      parentPort.postMessage({ error: { path, code: (error && error.code) || String(error) } });
      return;
    }
    const hash = digest('sha256', content, 'hex');
    const entry = { index, raw: content.length, hash, reused: false };
    const known = cache[hash];
    if (known && (!gzip || known.gzip !== undefined) && (!brotli || known.brotli !== undefined)) {
      if (gzip) entry.gzip = known.gzip;
      if (brotli) entry.brotli = known.brotli;
      entry.reused = true;
    } else {
      if (gzip) entry.gzip = zlib.gzipSync(content, { level: gzipLevel }).length;
      if (brotli) {
        entry.brotli = zlib.brotliCompressSync(content, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length },
        }).length;
      }
    }
    results.push(entry);
  }
  parentPort.postMessage({ results });
});
`;

/**
 * A bounded pool of worker threads, one per core by default, started before
 * the globs are expanded so their start-up overlaps the main thread's work.
 * It measures one list of files, then ends.
 */
export class MeasurePool {
  private readonly workers: Worker[];
  private readonly answers: Promise<WorkerMessage>[];

  constructor(threads = availableParallelism()) {
    this.workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(WORKER_SOURCE, { eval: true }));
    this.answers = this.workers.map((worker) => answerOf(worker));
    // Until a job is sent, a failed start must not be an unhandled rejection.
    for (const answer of this.answers) answer.catch(() => undefined);
  }

  /**
   * Measure files: each is read once, hashed (sha256), and compressed only
   * with the compressions asked for, unless the baseline already knows its
   * sizes by content hash. Memory stays bounded by one file per thread.
   */
  async measure(paths: readonly string[], options: MeasureOptions): Promise<FileSize[]> {
    const job = {
      files: paths,
      workspace: options.workspace,
      gzip: options.compressions.has('gzip'),
      brotli: options.compressions.has('brotli'),
      gzipLevel: options.gzipLevel,
      brotliQuality: options.brotliQuality,
      // One string is copied to each worker far faster than a structured clone of thousands of objects.
      cache: JSON.stringify(Object.fromEntries(options.cache ?? [])),
      counter: new SharedArrayBuffer(4),
    };
    for (const worker of this.workers) worker.postMessage(job);
    const batches = await Promise.all(this.answers);
    const failure = batches.find((batch): batch is { error: { path: string; code: string } } => 'error' in batch);
    if (failure) {
      const { path, code } = failure.error;
      throw new ConfigurationError(`cannot read ${path} (${code})`, { file: path }, code === 'EACCES' ? 'check the file permissions of the build output' : undefined);
    }
    const sizes = new Array<FileSize>(paths.length);
    for (const batch of batches as { results: WorkerEntry[] }[]) {
      for (const { index, ...entry } of batch.results) sizes[index] = { path: paths[index]!, ...entry };
    }
    return sizes;
  }

  /** End the workers, whether or not they measured anything. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** Measure files on a pool of its own; see MeasurePool.measure. */
export async function measureFiles(paths: readonly string[], options: MeasureOptions): Promise<FileSize[]> {
  if (paths.length === 0) return [];
  const pool = new MeasurePool(Math.min(options.threads ?? availableParallelism(), paths.length));
  try {
    return await pool.measure(paths, options);
  } finally {
    await pool.close();
  }
}

function answerOf(worker: Worker): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    worker.once('message', (message: WorkerMessage) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a measuring worker stopped with exit code ${code} before it answered`)));
  });
}
