import { readFile } from 'node:fs/promises';

/**
 * One recorded HTTP exchange in the format of `@octokit/fixtures` (a nock
 * recording), so fixtures recorded against the real API can be dropped in.
 */
export interface Recording {
  /** Origin the request went to, e.g. `https://api.github.com:443`. */
  scope: string;
  /** HTTP method, any case (nock writes lower case). */
  method: string;
  /** Path including the query string, e.g. `/repos/o/r/actions/runs?branch=main&page=2`. */
  path: string;
  /** When present, the request body must be JSON-equal to it (`""` means an empty body). */
  body?: unknown;
  status: number;
  /** JSON value, text, or base64 of the body when `responseIsBinary` is true. */
  response?: unknown;
  /** Kept for compatibility with recordings; not used for matching (see README). */
  reqheaders?: Record<string, string>;
  /** Response headers; nock also writes them as a flat `[name, value, …]` array. */
  headers?: Record<string, string | string[]> | string[];
  responseIsBinary?: boolean;
}

export const GITHUB_API_SCOPE = 'https://api.github.com:443';

/** Builds a recording for api.github.com in one line, for tests that need no fixture file. */
export function rec(
  method: string,
  path: string,
  status: number,
  response?: unknown,
  headers?: Record<string, string>,
): Recording {
  const recording: Recording = { scope: GITHUB_API_SCOPE, method: method.toLowerCase(), path, status, response };
  if (headers) recording.headers = headers;
  return recording;
}

/** Reads a fixture file: a JSON array of recordings. */
export async function readRecordings(file: string): Promise<Recording[]> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!Array.isArray(parsed)) {
    throw new Error(`${file}: a fixture file must hold a JSON array of recordings`);
  }
  parsed.forEach((item: unknown, index) => {
    const r = item as Partial<Recording> | null;
    if (!r || typeof r.method !== 'string' || typeof r.path !== 'string' || typeof r.status !== 'number') {
      throw new Error(`${file}: recording ${index} needs string 'method' and 'path' and a numeric 'status'`);
    }
  });
  return parsed as Recording[];
}

/** Header pairs of a recording, whichever of nock's two shapes it uses. */
export function recordedHeaders(recording: Recording): [string, string | string[]][] {
  const { headers } = recording;
  if (!headers) return [];
  if (Array.isArray(headers)) {
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([headers[i]!, headers[i + 1]!]);
    return pairs;
  }
  return Object.entries(headers);
}
