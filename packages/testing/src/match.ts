import { isDeepStrictEqual } from 'node:util';
import type { Recording } from './recording.js';

/** What the matcher needs to know about a received request. */
export interface RequestKey {
  method: string;
  /** Path with query string, as sent on the request line. */
  path: string;
  body: string;
}

/** Whether a recording answers this request: method, path, query (any order) and, if recorded, body. */
export function matchesRecording(recording: Recording, request: RequestKey): boolean {
  if (recording.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (!samePath(recording.path, request.path)) return false;
  if (recording.body === undefined) return true;
  return isDeepStrictEqual(normalizeBody(recording.body), normalizeBody(request.body));
}

/** Compares paths with query strings; clients order and encode query parameters differently. */
export function samePath(a: string, b: string): boolean {
  const [pathA, queryA] = splitPath(a);
  const [pathB, queryB] = splitPath(b);
  return safeDecode(pathA) === safeDecode(pathB) && isDeepStrictEqual(sortedQuery(queryA), sortedQuery(queryB));
}

function splitPath(path: string): [string, string] {
  const index = path.indexOf('?');
  return index === -1 ? [path, ''] : [path.slice(0, index), path.slice(index + 1)];
}

function sortedQuery(query: string): [string, string][] {
  return [...new URLSearchParams(query)].sort(([ka, va], [kb, vb]) =>
    ka === kb ? compare(va, vb) : compare(ka, kb),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** JSON bodies compare by value, anything else as text. */
function normalizeBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  if (body === '') return '';
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
