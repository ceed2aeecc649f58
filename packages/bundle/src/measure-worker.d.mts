export interface LoopJob {
  files: readonly string[];
  workspace: string;
  gzip: boolean;
  brotli: boolean;
  gzipLevel: number;
  brotliQuality: number;
  /** An Int32Array's buffer: the next file index, shared by every thread of the job. */
  counter: SharedArrayBuffer;
}

export interface LoopEntry {
  index: number;
  raw: number;
  hash: string;
  gzip?: number;
  brotli?: number;
  reused: boolean;
}

export type LoopAnswer = { results: LoopEntry[] } | { error: { path: string; code: string } };

export declare function measureLoop(job: LoopJob, cache: Record<string, { gzip?: number; brotli?: number } | undefined>): LoopAnswer;
