import type { hash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { brotliCompressSync, gzipSync } from 'node:zlib';
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
  /** Threads measuring, the calling one counted; default: one per core. */
  threads?: number;
  /**
   * A job of fewer than SMALL_JOB_FILES files and fewer bytes than this is
   * measured on the calling thread alone; default SMALL_JOB_BYTES. 0: always
   * use worker threads when `threads` allows.
   */
  smallJobBytes?: number;
}

/**
 * Below these a job stays on the calling thread: starting a worker costs
 * ~30-40 ms of CPU (a Node environment of its own), about what gzip -9 takes
 * for 1-2 MB, and a small build (or a step that only checks its config)
 * should cost little more than starting Node.
 */
export const SMALL_JOB_FILES = 256;
export const SMALL_JOB_BYTES = 2_000_000;

interface LoopJob {
  files: readonly string[];
  workspace: string;
  gzip: boolean;
  brotli: boolean;
  gzipLevel: number;
  brotliQuality: number;
  /** An Int32Array's buffer: the next file index, shared by every thread of the job. */
  counter: SharedArrayBuffer;
}

interface LoopEntry {
  index: number;
  raw: number;
  hash: string;
  gzip?: number;
  brotli?: number;
  reused: boolean;
}

type LoopAnswer = { results: LoopEntry[] } | { error: { path: string; code: string } };

interface LoopNode {
  openSync: typeof openSync;
  readSync: typeof readSync;
  closeSync: typeof closeSync;
  hash: typeof hash;
  gzipSync: typeof gzipSync;
  brotliCompressSync: typeof brotliCompressSync;
  BROTLI_PARAM_QUALITY: number;
  BROTLI_PARAM_SIZE_HINT: number;
}

/**
 * What every thread of a job runs: take the next file index from the shared
 * counter, read the file once into a reused buffer, hash it, and compress it
 * only when the baseline has no size for its hash. Memory stays bounded by
 * one file per thread.
 *
 * Its source text is also the worker's program (see WORKER_SOURCE), so that
 * the one bundled index.js of each action carries it and the calling thread
 * runs the very same code: it uses only its parameters and globals (no
 * imports, no outer names), and the bundle is not minified.
 */
function measureLoop(job: LoopJob, cache: Record<string, { gzip?: number; brotli?: number } | undefined>, node: LoopNode): LoopAnswer {
  const { files, workspace, gzip, brotli, gzipLevel, brotliQuality } = job;
  const next = new Int32Array(job.counter);
  const results: LoopEntry[] = [];
  let buffer = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= files.length) break;
    const path = files[index]!;
    let content: Buffer;
    try {
      const fd = node.openSync(workspace + '/' + path, 'r');
      try {
        // No fstat: read until a short read; a full buffer doubles and goes on.
        let read = 0;
        for (;;) {
          const got = node.readSync(fd, buffer, read, buffer.length - read, read);
          read += got;
          if (got === 0 || read < buffer.length) break;
          const bigger = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(bigger, 0, 0, read);
          buffer = bigger;
        }
        content = buffer.subarray(0, read);
      } finally {
        node.closeSync(fd);
      }
    } catch (error) {
      // The other threads stop at their next file.
      Atomics.store(next, 0, files.length);
      return { error: { path, code: (error as NodeJS.ErrnoException | undefined)?.code ?? String(error) } };
    }
    const entry: LoopEntry = { index, raw: content.length, hash: node.hash('sha256', content, 'hex'), reused: false };
    const known = cache[entry.hash];
    if (known && (!gzip || known.gzip !== undefined) && (!brotli || known.brotli !== undefined)) {
      if (gzip) entry.gzip = known.gzip!;
      if (brotli) entry.brotli = known.brotli!;
      entry.reused = true;
    } else {
      if (gzip) entry.gzip = node.gzipSync(content, { level: gzipLevel }).length;
      if (brotli) {
        entry.brotli = node.brotliCompressSync(content, {
          params: { [node.BROTLI_PARAM_QUALITY]: brotliQuality, [node.BROTLI_PARAM_SIZE_HINT]: content.length },
        }).length;
      }
    }
    results.push(entry);
  }
  return { results };
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { hash } = require('node:crypto');
const { gzipSync, brotliCompressSync, constants } = require('node:zlib');
const measureLoop = ${String(measureLoop)};
const node = { openSync, readSync, closeSync, hash, gzipSync, brotliCompressSync,
  BROTLI_PARAM_QUALITY: constants.BROTLI_PARAM_QUALITY, BROTLI_PARAM_SIZE_HINT: constants.BROTLI_PARAM_SIZE_HINT };
parentPort.once('message', (job) => parentPort.postMessage(measureLoop(job, JSON.parse(job.cache), node)));
`;

/*
 * node:crypto, node:zlib and node:worker_threads are loaded when a job comes,
 * not with the bundle: a step that stops before measuring (a config mistake)
 * should not pay for them (~10 ms of CPU, a third of starting Node). Loaded
 * with getBuiltinModule, synchronously: a dynamic import() of them resolves
 * only once the globbing in progress has finished, which made workers started
 * early start late.
 */
let loopNode: LoopNode | undefined;
function loadLoopNode(): LoopNode {
  if (!loopNode) {
    const crypto = process.getBuiltinModule('node:crypto');
    const zlib = process.getBuiltinModule('node:zlib');
    loopNode = {
      openSync,
      readSync,
      closeSync,
      hash: crypto.hash,
      gzipSync: zlib.gzipSync,
      brotliCompressSync: zlib.brotliCompressSync,
      BROTLI_PARAM_QUALITY: zlib.constants.BROTLI_PARAM_QUALITY,
      BROTLI_PARAM_SIZE_HINT: zlib.constants.BROTLI_PARAM_SIZE_HINT,
    };
  }
  return loopNode;
}

/**
 * Measures one list of files on the calling thread and, for a job worth it,
 * on threads - 1 worker threads beside it, all taking files from one shared
 * counter. Workers start when a large job is announced (prestart) or once the
 * list is known: a small job (most builds, and every step that stops before
 * measuring) starts none, and in a large one the calling thread measures
 * while they start.
 */
export class MeasurePool {
  private readonly threads: number;
  private workers: Worker[] = [];
  private answers: Promise<LoopAnswer>[] = [];
  private started = false;
  private closed = false;

  constructor(threads = availableParallelism()) {
    this.threads = Math.max(1, threads);
  }

  /** Worker threads started for the job (0 for a small one). */
  get workersStarted(): number {
    return this.workers.length;
  }

  /**
   * A job of about this many files is coming (as many as the baseline had,
   * say): if that is a large one, the workers start now, so their start-up
   * overlaps the globbing instead of the measuring.
   */
  prestart(expectedFiles: number): void {
    if (expectedFiles >= SMALL_JOB_FILES) this.start();
  }

  private start(): void {
    if (this.started || this.threads <= 1 || this.closed) return;
    this.started = true;
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    this.workers = Array.from({ length: this.threads - 1 }, () => new Worker(WORKER_SOURCE, { eval: true }));
    this.answers = this.workers.map((worker) => answerOf(worker));
    // Until a job is sent (or if the calling thread fails first), a failed worker must not be an unhandled rejection.
    for (const answer of this.answers) answer.catch(() => undefined);
  }

  /**
   * Measure files: each is read once, hashed (sha256), and compressed only
   * with the compressions asked for, unless the baseline already knows its
   * sizes by content hash.
   */
  async measure(paths: readonly string[], options: MeasureOptions): Promise<FileSize[]> {
    const cache = Object.fromEntries(options.cache ?? []);
    const job: LoopJob = {
      files: paths,
      workspace: options.workspace,
      gzip: options.compressions.has('gzip'),
      brotli: options.compressions.has('brotli'),
      gzipLevel: options.gzipLevel,
      brotliQuality: options.brotliQuality,
      counter: new SharedArrayBuffer(4),
    };
    // Started early, the workers take part whatever the size; otherwise only a job worth them starts any.
    if (!this.started && this.threads > 1 && !isSmallJob(paths, options)) this.start();
    if (this.workers.length > 0) {
      // One string is copied to each worker far faster than a structured clone of thousands of objects.
      const workerJob = { ...job, cache: JSON.stringify(cache) };
      for (const worker of this.workers) worker.postMessage(workerJob);
    }
    const own = measureLoop(job, cache, loadLoopNode());
    const batches = [own, ...(await Promise.all(this.answers))];
    const failure = batches.find((batch): batch is { error: { path: string; code: string } } => 'error' in batch);
    if (failure) {
      const { path, code } = failure.error;
      throw new ConfigurationError(`cannot read ${path} (${code})`, { file: path }, code === 'EACCES' ? 'check the file permissions of the build output' : undefined);
    }
    const sizes = new Array<FileSize>(paths.length);
    for (const batch of batches as { results: LoopEntry[] }[]) {
      for (const { index, ...entry } of batch.results) sizes[index] = { path: paths[index]!, ...entry };
    }
    return sizes;
  }

  /** End the workers, whether or not they measured anything. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** Few files and few bytes: a worker would cost more than it saves. A file that cannot be stat'ed is left to the read to report. */
function isSmallJob(paths: readonly string[], options: MeasureOptions): boolean {
  const limit = options.smallJobBytes ?? SMALL_JOB_BYTES;
  if (limit <= 0 || paths.length >= SMALL_JOB_FILES) return false;
  let bytes = 0;
  for (const path of paths) {
    bytes += sizeOf(`${options.workspace}/${path}`);
    if (bytes >= limit) return false;
  }
  return true;
}

function sizeOf(file: string): number {
  try {
    return statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
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

function answerOf(worker: Worker): Promise<LoopAnswer> {
  return new Promise((resolve, reject) => {
    worker.once('message', (message: LoopAnswer) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a measuring worker stopped with exit code ${code} before it answered`)));
  });
}
