import type { GateResult } from '@roadstop/core';
import { looseName, stableName } from './hashed-names.js';
import type { CompressionSettings, FileSize, SizeCache } from './measure.js';

/** A file as the baseline result lists it. */
export type BaselineFile = Omit<FileSize, 'reused'>;

export interface FileMatch {
  /** Current path → the baseline file it is the new version of. */
  matched: Map<string, BaselineFile>;
  /** Baseline files with no counterpart in the current build. */
  removed: BaselineFile[];
}

/** The measured files of a bundle-budget result, without those it listed as removed. */
export function baselineFiles(result: GateResult): BaselineFile[] {
  const files: BaselineFile[] = [];
  for (const item of result.items) {
    if (item.change === 'removed' || typeof item.raw !== 'number' || typeof item.hash !== 'string') continue;
    const file: BaselineFile = { path: item.id, raw: item.raw, hash: item.hash };
    if (typeof item.gzip === 'number') file.gzip = item.gzip;
    if (typeof item.brotli === 'number') file.brotli = item.brotli;
    files.push(file);
  }
  return files;
}

/**
 * Compressed sizes from the baseline, keyed by content hash, for the settings
 * that produced them: a gzip size at level 6 is no answer for level 9.
 */
export function sizeCacheFrom(result: GateResult, settings: CompressionSettings, files: readonly BaselineFile[] = baselineFiles(result)): SizeCache {
  const sameGzip = result.settings.gzipLevel === settings.gzipLevel;
  const sameBrotli = result.settings.brotliQuality === settings.brotliQuality;
  const cache: SizeCache = new Map();
  for (const file of files) {
    const entry: { gzip?: number; brotli?: number } = {};
    if (sameGzip && file.gzip !== undefined) entry.gzip = file.gzip;
    if (sameBrotli && file.brotli !== undefined) entry.brotli = file.brotli;
    if (entry.gzip !== undefined || entry.brotli !== undefined) cache.set(file.hash, entry);
  }
  return cache;
}

/**
 * Pair each current file with its baseline version: the same path first, then
 * the same content under a new name, then the same name once content hashes
 * in file names are set aside (`main.3f9a1c2e.js` ~ `main.a81b9f00.js`); where
 * several files share such a name, the closest in size pair up.
 */
export function matchBaseline(current: readonly { path: string; raw: number; hash: string }[], baseline: readonly BaselineFile[]): FileMatch {
  const matched = new Map<string, BaselineFile>();
  const remaining = new Set(baseline);
  const byPath = new Map(baseline.map((file) => [file.path, file]));

  let unmatched = current.filter((file) => {
    const same = byPath.get(file.path);
    if (!same) return true;
    matched.set(file.path, same);
    remaining.delete(same);
    return false;
  });

  const byHash = new Map<string, BaselineFile[]>();
  for (const file of remaining) byHash.set(file.hash, [...(byHash.get(file.hash) ?? []), file]);
  unmatched = unmatched.filter((file) => {
    const candidates = byHash.get(file.hash)?.filter((candidate) => remaining.has(candidate));
    const pick = candidates?.find((candidate) => stableName(candidate.path) === stableName(file.path)) ?? candidates?.[0];
    if (!pick) return true;
    matched.set(file.path, pick);
    remaining.delete(pick);
    return false;
  });

  for (const key of [stableName, looseName]) {
    unmatched = pairByName(unmatched, remaining, matched, key);
  }
  return { matched, removed: [...remaining].sort((a, b) => a.path.localeCompare(b.path)) };
}

function pairByName<A extends { path: string; raw: number }>(
  unmatched: A[],
  remaining: Set<BaselineFile>,
  matched: Map<string, BaselineFile>,
  key: (path: string) => string,
): A[] {
  const groups = new Map<string, { current: A[]; baseline: BaselineFile[] }>();
  const group = (name: string) => {
    let entry = groups.get(name);
    if (!entry) groups.set(name, (entry = { current: [], baseline: [] }));
    return entry;
  };
  for (const file of unmatched) group(key(file.path)).current.push(file);
  for (const file of remaining) group(key(file.path)).baseline.push(file);
  for (const { current: now, baseline: before } of groups.values()) {
    if (now.length === 0 || before.length === 0) continue;
    for (const { a, b } of closestPairs(now, before)) {
      if (matched.has(a.path) || !remaining.has(b)) continue;
      matched.set(a.path, b);
      remaining.delete(b);
    }
  }
  return unmatched.filter((file) => !matched.has(file.path));
}

// Beyond this many candidate pairs in one name group (e.g. hundreds of esbuild
// `chunk-[hash].js`), pair by rank of size instead of comparing every pair.
const MAX_PAIRS = 20_000;

function closestPairs<A extends { path: string; raw: number }>(now: A[], before: BaselineFile[]): { a: A; b: BaselineFile }[] {
  if (now.length * before.length > MAX_PAIRS) {
    const bySize = <T extends { path: string; raw: number }>(list: T[]) => [...list].sort((x, y) => x.raw - y.raw || x.path.localeCompare(y.path));
    const a = bySize(now);
    const b = bySize(before);
    return a.slice(0, b.length).map((file, index) => ({ a: file, b: b[index]! }));
  }
  const pairs = now.flatMap((a) => before.map((b) => ({ a, b, distance: Math.abs(a.raw - b.raw) })));
  pairs.sort((x, y) => x.distance - y.distance || x.a.path.localeCompare(y.a.path) || x.b.path.localeCompare(y.b.path));
  return pairs;
}
