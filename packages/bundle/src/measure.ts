import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ConfigurationError } from '@roadstop/core';
import type { LoopAnswer, LoopEntry, LoopJob } from './measure-worker.mjs';

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

/**
 * The loop every thread of a job runs, the calling one too, from measure-worker.mjs: loaded with
 * import() when a job comes, not with the bundle, as it loads node:crypto, node:zlib and
 * node:worker_threads (~10 ms of CPU, a third of starting Node), which a step that stops before
 * measuring (a config mistake) should not pay for.
 */
let loop: Promise<typeof import('./measure-worker.mjs')> | undefined;
const loadLoop = () => (loop ??= import('./measure-worker.mjs'));

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
    // The worker runs measure-worker.mjs itself: ncc copies it beside the bundle as an asset.
    this.workers = Array.from({ length: this.threads - 1 }, () => new Worker(new URL('./measure-worker.mjs', import.meta.url), { workerData: 'roadstop-measure' }));
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
    const { measureLoop } = await loadLoop();
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
    const own = measureLoop(job, cache);
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
