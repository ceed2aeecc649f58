import type { FileHandle } from 'node:fs/promises';
import { ConfigurationError, EnvironmentError, openRegularFile } from '@roadstop/core';

/** Codes that mean the machine refuses the file, not that the user named the wrong one. */
const PERMISSION_CODES = new Set(['EACCES', 'EPERM', 'EIO']);

/** Report content: a whole text or buffer (tests, small inputs) or a stream of chunks. */
export type ReportInput = string | Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Chunks big enough that per-chunk work vanishes, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 20;

export async function* toChunks(input: ReportInput): AsyncGenerator<Uint8Array> {
  if (typeof input === 'string') {
    yield Buffer.from(input, 'utf8');
  } else if (input instanceof Uint8Array) {
    yield input;
  } else {
    yield* input;
  }
}

/**
 * Open a report file as a stream of chunks. Opening happens here, before the
 * first chunk is asked for, so a missing file is a ConfigurationError naming
 * it, and one the machine will not let the step read an EnvironmentError,
 * rather than a stream error later that reads as a bug.
 *
 * The chunks are views of one reused buffer, so reading allocates nothing per
 * chunk: a consumer must be done with a chunk (or copy it) before it asks for
 * the next, as every parser here is.
 */
export async function openReportFile(path: string, shown = path): Promise<AsyncIterable<Uint8Array>> {
  let handle: FileHandle | undefined;
  try {
    // FIFOs, devices and sockets refused before a byte is read: a pipe without a writer would hang the step.
    handle = await openRegularFile(path, { file: shown }, 'the coverage report');
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && PERMISSION_CODES.has(code)) {
      throw new EnvironmentError(`${shown}: the coverage report cannot be read (${code}): the step's user may not read it; check the permissions of the file and its folders`);
    }
    const reason = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a directory, not a file' : String(code ?? error);
    throw new ConfigurationError(`cannot read the coverage report: ${reason}`, { file: shown }, 'point it at a report file such as coverage/lcov.info');
  }
  return readChunks(handle);
}

async function* readChunks(handle: FileHandle): AsyncGenerator<Uint8Array> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

export interface Peeked {
  /** The first bytes of the content (at least `bytes` unless the content is shorter). */
  head: Uint8Array;
  /** The whole content again, head included. */
  chunks: AsyncIterable<Uint8Array>;
  /** Release the source (close the file) when `chunks` will not be read to the end. */
  close(): Promise<void>;
}

/** Look at the start of a stream without losing it, to detect the format from content. */
export async function peek(input: AsyncIterable<Uint8Array>, bytes = 4096): Promise<Peeked> {
  const iterator = input[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let length = 0;
  let done = false;
  const close = async (): Promise<void> => {
    if (done) return;
    done = true;
    await iterator.return?.();
  };
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    if (next.value.length === 0) continue;
    // A copy: the source may reuse its buffer for the next chunk.
    seen.push(new Uint8Array(next.value));
    length += next.value.length;
  }
  const head = seen.length === 1 ? seen[0]! : Buffer.concat(seen);
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      yield* seen;
      while (!done) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          return;
        }
        yield next.value;
      }
    } finally {
      // A parser that stops early (a ConfigurationError) must not leave the file open.
      await close();
    }
  }
  return { head, chunks: replay(), close };
}
