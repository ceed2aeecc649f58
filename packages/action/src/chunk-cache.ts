import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { CHUNK_HOOK, chunkScript } from './chunk-script.cjs';

export { CHUNK_HOOK, chunkScript };

/**
 * A code cache for a bundle's chunks that keeps what V8 compiled while the step ran.
 *
 * Node's compile cache (entry.ts turns it on) serializes a module's code right after compiling it,
 * before it runs, so the functions V8 compiles lazily on their first call (`yaml`'s lexer, parser
 * and composer: ~27 M instructions on every config-reading step) are never in it. V8 keeps them
 * when the cache is made after the run (Node's docs, vm, `script.createCachedData()`), which only
 * `vm.Script` offers; `v8-compile-cache` does the same for CommonJS `require`, but ncc's chunks are
 * ES modules loaded with `import()`, which it never sees. So: scripts/build.mjs points webpack's
 * chunk loader at the hook installed here, with each chunk's SHA-256 (of its text, taken at build
 * time); the hook compiles the chunk as a script, with the cache file named by that digest when
 * there is one, and at exit writes the cache of every chunk whose cache was missing or rejected.
 *
 * The cache lives beside Node's compile cache (the temp folder, never the workspace). V8 rejects
 * cached data of another V8 version, other flags or a source of another length
 * (`cachedDataRejected`; the chunk is then compiled anew and the cache rewritten); the digest in
 * the name keeps one chunk's cache from another's. Nothing here may fail a step: a chunk the hook
 * cannot read or compile is left to `import()`, and a cache that cannot be written is skipped.
 */

/** What webpack's `installChunk` takes. */
export interface ChunkData {
  id: number;
  ids: number[];
  modules: Record<string, unknown>;
}

interface Loaded {
  script: Script;
  file: string;
  fresh: boolean;
}

const loaded: Loaded[] = [];
/** What each chunk's load found, for tests and the benchmark: the cache file and whether V8 took it. */
export const chunkCacheLog: Array<{ file: string; cache: 'missing' | 'rejected' | 'used' }> = [];

/** Installs the hook; `dir` is the folder for the cache files (made when the first is written). */
export function installChunkCache(dir: string): void {
  let saving = false;
  (globalThis as Record<symbol, unknown>)[Symbol.for(CHUNK_HOOK)] = (url: unknown, digest: unknown): Promise<ChunkData> | undefined => {
    const found = loadChunk(url, digest, dir);
    if (found !== undefined && !saving) {
      saving = true;
      process.once('exit', saveChunkCaches);
    }
    return found;
  };
}

function loadChunk(url: unknown, digest: unknown, dir: string): Promise<ChunkData> | undefined {
  if (!(url instanceof URL) || typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest)) return undefined;
  let script: Script;
  const file = join(dir, `${digest}.v8`);
  let cache: Buffer | undefined;
  try {
    const source = chunkScript(readFileSync(url, 'utf8'));
    if (source === undefined) return undefined;
    cache = ownCache(file);
    script = new Script(source, { filename: fileURLToPath(url), cachedData: cache });
  } catch {
    return undefined;
  }
  const state = cache === undefined ? 'missing' : script.cachedDataRejected === true ? 'rejected' : 'used';
  chunkCacheLog.push({ file, cache: state });
  loaded.push({ script, file, fresh: state !== 'used' });
  return Promise.resolve().then(() => (script.runInThisContext() as () => ChunkData)());
}

/**
 * The cache file's bytes when this user wrote it, else undefined: the temp folder is shared on a
 * self-hosted runner, and code planted there by another user would run in this step.
 */
function ownCache(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (process.getuid !== undefined && fstatSync(fd).uid !== process.getuid()) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes the cache of every chunk loaded without a usable one, now that the step has run: V8
 * includes each function compiled so far. Written to a temporary name and renamed, so a step
 * running beside this one reads the old file or the new, never half of one.
 */
export function saveChunkCaches(): void {
  for (const chunk of loaded.splice(0)) {
    if (!chunk.fresh) continue;
    const temporary = `${chunk.file}.${process.pid}.tmp`;
    try {
      mkdirSync(join(chunk.file, '..'), { recursive: true, mode: 0o700 });
      writeFileSync(temporary, chunk.script.createCachedData());
      renameSync(temporary, chunk.file);
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Speed lost, never the step.
      }
    }
  }
}
