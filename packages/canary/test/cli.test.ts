import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../../cli/src/index.js';

/** A stand-in for Prometheus's query API on loopback: per version label, fixed counts per interval (none for 'silent'). */
function fakePrometheus(): Server {
  return createServer((req, res) => {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const query = params.get('query') ?? '';
    const version = /version="([^"]+)"/.exec(query)?.[1] ?? '';
    const value = version === 'silent' ? undefined : query.includes('code') ? (version === 'bad' ? 40 : 2) : 400;
    const result = [];
    if (value !== undefined && req.url?.startsWith('/api/v1/query_range')) {
      const values = [];
      for (let t = Number(params.get('start')); t <= Number(params.get('end')) + 1e-9; t += 1) values.push([t, String(value)]);
      result.push({ metric: {}, values });
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: req.url?.startsWith('/api/v1/query_range') ? 'matrix' : 'vector', result } }));
  });
}

const METRICS = '--metrics=- name: errors\n  type: error-rate\n  errors: sum(e{version="{{target}}",code="500"})\n  requests: sum(r{version="{{target}}"})\n  rollback: 5%\n  min-samples: 300\n';

function captureIo(cwd: string): Io & { out: string; err: string } {
  const io = { cwd, env: {}, color: false, out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

describe('roadstop canary-watch', () => {
  let server: Server;
  let url: string;
  let cwd: string;
  beforeAll(async () => {
    server = fakePrometheus();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cwd = await mkdtemp(join(tmpdir(), 'roadstop-canary-cli-'));
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it.each([
    { label: 'bad', extra: [], exit: 1, out: /^canary-watch: rollback: errors failed 1 look in a row: error rate 10.0%/ },
    { label: 'good', extra: [], exit: 0, out: /^canary-watch: promote: every metric passed over the whole window/ },
    { label: 'silent', extra: [], exit: 0, out: /^canary-watch: inconclusive: at the end of the window errors is insufficient/ },
    { label: 'silent', extra: ['--fail-on', 'inconclusive'], exit: 1, out: /^canary-watch: inconclusive/ },
  ])('$label canary $extra: exit $exit', async ({ label, extra, exit, out }) => {
    const io = captureIo(cwd);
    const code = await main(['canary-watch', '--cwd', cwd, '--prometheus-url', url, '--interval', '1s', '--duration', '2s', '--canary-label', label, METRICS, ...extra, '--no-color'], io);
    expect(io.out).toMatch(out);
    expect(code).toBe(exit);
  });
});
