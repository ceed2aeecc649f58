import { createServer, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchesRecording } from './match.js';
import { GITHUB_API_SCOPE, readRecordings, recordedHeaders, type Recording } from './recording.js';
import { originRewriter, rewriteJson, type Rewrite } from './rewrite.js';

export interface ReceivedRequest {
  /** Upper case, e.g. `GET`. */
  method: string;
  /** Path with query string, as received. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The recording that answered it; absent for an unmatched request. */
  recording?: Recording;
}

export interface ReplayServerOptions {
  /**
   * More origins whose absolute URLs in responses are rewritten to the server.
   * `https://api.github.com` and every recording's `scope` always are.
   */
  rewriteOrigins?: string[];
}

export interface ReplayServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash: use it as the client's base URL. */
  url: string;
  /** Every request received, in order, matched or not. */
  requests: ReceivedRequest[];
  /** Requests no recording answered (each got a 501); a test asserts this is empty. */
  unmatched: ReceivedRequest[];
  /** Recordings not replayed yet. */
  pending(): Recording[];
  close(): Promise<void>;
}

/** Status codes whose responses never carry a body. */
const BODYLESS = new Set([204, 205, 304]);
/** Recorded headers that describe the recorded bytes or connection, not the ones replayed. */
const DROPPED_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive']);

/**
 * Serves recorded GitHub API exchanges on 127.0.0.1, so API code is tested
 * over real HTTP with the real client instead of mocks of it. Each recording
 * answers one request: one recorded twice (a 429, then a 200) replays twice.
 */
export async function startReplayServer(
  fixtures: Recording[] | string,
  options: ReplayServerOptions = {},
): Promise<ReplayServer> {
  const recordings = typeof fixtures === 'string' ? await readRecordings(fixtures) : [...fixtures];
  const used = new Set<number>();
  const requests: ReceivedRequest[] = [];
  const unmatched: ReceivedRequest[] = [];
  let rewrite: Rewrite = (text) => text;

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const received: ReceivedRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        path: req.url ?? '/',
        headers: req.headers,
        body,
      };
      requests.push(received);
      const index = recordings.findIndex((recording, i) => !used.has(i) && matchesRecording(recording, received));
      const recording = index === -1 ? undefined : recordings[index];
      if (!recording) {
        unmatched.push(received);
        const message = `no recording for ${received.method} ${received.path}`;
        const reply = Buffer.from(JSON.stringify({ message, pending: describePending() }));
        res.writeHead(501, { 'content-type': 'application/json; charset=utf-8', 'content-length': reply.length });
        res.end(reply);
        return;
      }
      used.add(index);
      received.recording = recording;
      const { headers, body: replyBody } = buildResponse(recording, received.method, rewrite);
      res.writeHead(recording.status, headers);
      res.end(replyBody);
    });
  });

  function describePending(): string[] {
    return recordings.filter((_, i) => !used.has(i)).map((r) => `${r.method.toUpperCase()} ${r.path}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const origins = ['https://api.github.com', ...recordings.map((r) => r.scope ?? GITHUB_API_SCOPE), ...(options.rewriteOrigins ?? [])];
  rewrite = originRewriter(origins, url);

  return {
    url,
    requests,
    unmatched,
    pending: () => recordings.filter((_, i) => !used.has(i)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Clients that keep connections alive would otherwise hold close() open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function buildResponse(
  recording: Recording,
  method: string,
  rewrite: Rewrite,
): { headers: OutgoingHttpHeaders; body: Buffer } {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of recordedHeaders(recording)) {
    const key = name.toLowerCase();
    if (DROPPED_HEADERS.has(key)) continue;
    headers[key] = Array.isArray(value) ? value.map(rewrite) : rewrite(String(value));
  }
  let body = Buffer.alloc(0);
  if (!BODYLESS.has(recording.status) && method !== 'HEAD' && recording.response !== undefined) {
    if (recording.responseIsBinary) {
      body = Buffer.from(typeof recording.response === 'string' ? recording.response : JSON.stringify(recording.response), 'base64');
    } else if (typeof recording.response === 'string') {
      // Text is replayed byte for byte: only JSON is known to carry API URLs.
      body = Buffer.from(recording.response, 'utf8');
    } else {
      body = Buffer.from(JSON.stringify(rewriteJson(recording.response, rewrite)), 'utf8');
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
  }
  if (!BODYLESS.has(recording.status)) headers['content-length'] = body.length;
  return { headers, body };
}
