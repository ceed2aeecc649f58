import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A stand-in for the npm registry's advisory database on 127.0.0.1, for the real `npm audit` (npm 7 and later):
 * the bulk advisory endpoint as https://docs.npmjs.com/cli/v11/commands/npm-audit#audit-endpoints documents it,
 * `POST /-/npm/v1/security/advisories/bulk` with a (gzipped) JSON body `{ "<name>": ["<version>", …] }`, answered
 * by `{ "<name>": [advisory, …] }`, each advisory with `id`, `url`, `title`, `severity`, `vulnerable_versions`,
 * `cwe` and `cvss` (the fields npm's @npmcli/metavuln-calculator reads). npm decides which installed versions the
 * ranges cover and which severities fail `--audit-level`; the stand-in only says which advisories exist. Point npm
 * at it with `npm_config_registry` (this machine's registry answers the endpoint 405). It also answers 401, 403,
 * 404, 429 (with Retry-After) or 5xx on demand, and anything else 404, as the registry does.
 */
export interface FakeAdvisory {
  id: number;
  url: string;
  title: string;
  severity: 'info' | 'low' | 'moderate' | 'high' | 'critical';
  vulnerable_versions: string;
  cwe: string[];
  cvss: { score: number; vectorString: string | null };
}

export interface FakeAuditRequest {
  /** The package names and versions npm asked about, as sent. */
  packages: Record<string, string[]>;
  contentEncoding?: string;
  status: number;
}

export interface FakeNpmAudit {
  /** The registry URL to give npm (`npm_config_registry`). */
  url: string;
  requests: FakeAuditRequest[];
  /** Advisories known for a package name. */
  advisories: Map<string, FakeAdvisory[]>;
  /** Answer every request with this HTTP status (401, 403, 404, 429, 500, 503) until set back to undefined. */
  failWith: number | undefined;
  close(): Promise<void>;
}

const BULK = '/-/npm/v1/security/advisories/bulk';
/** The largest request body read: a lockfile of some thousand packages is well below it. */
const MAX_BODY = 8 * 1024 * 1024;

export async function startFakeNpmAudit(): Promise<FakeNpmAudit> {
  const requests: FakeAuditRequest[] = [];
  const advisories = new Map<string, FakeAdvisory[]>();
  const state = { failWith: undefined as number | undefined };
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request);
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method !== 'POST' || path !== BULK) return send(response, 404, { error: 'Not found' });
    const encoding = request.headers['content-encoding'];
    const text = (encoding === 'gzip' ? gunzipSync(raw, { maxOutputLength: MAX_BODY }) : raw).toString('utf8');
    let packages: Record<string, string[]>;
    try {
      packages = JSON.parse(text) as Record<string, string[]>;
    } catch {
      requests.push({ packages: {}, ...(encoding ? { contentEncoding: encoding } : {}), status: 400 });
      return send(response, 400, { error: 'Invalid JSON' });
    }
    const status = state.failWith ?? 200;
    requests.push({ packages, ...(encoding ? { contentEncoding: encoding } : {}), status });
    if (status === 429) return send(response, 429, { error: 'Too many requests' }, { 'retry-after': '30' });
    if (status !== 200) return send(response, status, { error: status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 404 ? 'Not found' : 'Internal server error' });
    const answer: Record<string, FakeAdvisory[]> = {};
    for (const name of Object.keys(packages)) {
      const known = advisories.get(name);
      if (known && known.length > 0) answer[name] = known;
    }
    return send(response, 200, answer);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    advisories,
    get failWith() {
      return state.failWith;
    },
    set failWith(value) {
      state.failWith = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error(`request body over ${MAX_BODY} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
