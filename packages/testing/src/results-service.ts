import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One artifact as the fake service received it. */
export interface UploadedArtifact {
  name: string;
  id: number;
  /** The bytes the blob store received: the zip @actions/artifact built. */
  zip: Buffer;
  finalized: boolean;
  /** `sha256:<hex>` the client declared when finalizing. */
  hash?: string;
}

export interface ResultsService {
  url: string;
  artifacts: UploadedArtifact[];
  /** A runtime token of the shape the runner gives a job (a JWT whose scp names the run and job). */
  runtimeToken: string;
  close(): Promise<void>;
}

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

/**
 * A stand-in for the Actions results service and its blob store on
 * 127.0.0.1, speaking the requests @actions/artifact really sends: twirp JSON
 * CreateArtifact and FinalizeArtifact, and Azure Blob block uploads (Put
 * Block, Put Block List, or one Put Blob) to the signed URL it hands out.
 */
export async function startResultsService(): Promise<ResultsService> {
  const artifacts: UploadedArtifact[] = [];
  const blocks = new Map<string, Buffer>();
  let nextId = 4242;
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ msg: String(error) }));
    });
  });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'POST' && url.pathname === `${SERVICE}CreateArtifact`) {
      const { name } = JSON.parse(body.toString('utf8')) as { name: string };
      artifacts.push({ name, id: nextId++, zip: Buffer.alloc(0), finalized: false });
      return json(response, { ok: true, signedUploadUrl: `${base()}/blob/${encodeURIComponent(name)}.zip?sig=test` });
    }
    if (request.method === 'POST' && url.pathname === `${SERVICE}FinalizeArtifact`) {
      const { name, hash } = JSON.parse(body.toString('utf8')) as { name: string; hash?: string };
      const artifact = artifacts.find((entry) => entry.name === name);
      if (!artifact) return json(response, { code: 'not_found', msg: `no artifact ${name}` }, 404);
      artifact.finalized = true;
      if (hash) artifact.hash = hash;
      return json(response, { ok: true, artifactId: String(artifact.id) });
    }
    if (request.method === 'PUT' && url.pathname.startsWith('/blob/')) {
      const name = decodeURIComponent(url.pathname.slice('/blob/'.length).replace(/\.zip$/, ''));
      const artifact = artifacts.find((entry) => entry.name === name);
      if (!artifact) return json(response, { msg: 'no such upload' }, 404);
      const comp = url.searchParams.get('comp');
      if (comp === 'block') {
        blocks.set(`${name}/${url.searchParams.get('blockid')}`, body);
      } else if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map((match) => match[1]!);
        artifact.zip = Buffer.concat(ids.map((id) => blocks.get(`${name}/${id}`) ?? Buffer.alloc(0)));
      } else {
        artifact.zip = body;
      }
      response.writeHead(201, {
        'x-ms-request-id': `req-${artifacts.length}-${blocks.size}`,
        'x-ms-version': '2025-05-05',
        etag: '"0x8DD0000000000"',
        'last-modified': new Date().toUTCString(),
        'x-ms-request-server-encrypted': 'true',
        'content-length': '0',
      });
      return void response.end();
    }
    json(response, { msg: `no route for ${request.method} ${url.pathname}` }, 404);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base()}/`,
    artifacts,
    runtimeToken: unsignedJwt({ scp: 'Actions.ExampleScope Actions.Results:ce7f54c7-61c7-4aae-887f-30da475f5f1a:ca395085-040a-526b-2ce8-bdc85f692774' }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function json(response: ServerResponse, value: unknown, status = 200): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function unsignedJwt(payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.signature`;
}
