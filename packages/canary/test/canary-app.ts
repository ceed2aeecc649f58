import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Histogram, Registry } from 'prom-client';

export interface VersionBehaviour {
  errorRate: number;
  latencyMs: number;
}

/**
 * A small app for the Prometheus tests: /baseline and /canary answer with the
 * error rate and latency the test sets at run time, counted and timed by
 * prom-client under the label `version`; Prometheus scrapes /metrics.
 */
export async function startCanaryApp(): Promise<{ url: string; set(version: 'baseline' | 'canary', behaviour: VersionBehaviour): void; close(): Promise<void> }> {
  const registry = new Registry();
  const requests = new Counter({ name: 'http_requests_total', help: 'requests', labelNames: ['version', 'code'], registers: [registry] });
  const duration = new Histogram({ name: 'http_request_duration_seconds', help: 'latency', labelNames: ['version'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5], registers: [registry] });
  const behaviour: Record<string, VersionBehaviour> = { baseline: { errorRate: 0.005, latencyMs: 20 }, canary: { errorRate: 0.005, latencyMs: 20 } };
  const counts: Record<string, number> = { baseline: 0, canary: 0 };
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/metrics') {
      void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
      return;
    }
    const version = path.slice(1);
    const current = behaviour[version];
    if (!current) return void res.writeHead(404).end();
    // Errors spread evenly (every 1/rate-th request), so a short window holds its share.
    const count = ++counts[version]!;
    const fail = current.errorRate > 0 && Math.floor(count * current.errorRate) !== Math.floor((count - 1) * current.errorRate);
    setTimeout(() => {
      const code = fail ? '500' : '200';
      requests.inc({ version, code });
      duration.observe({ version }, current.latencyMs / 1000);
      res.writeHead(Number(code)).end();
    }, current.latencyMs);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    set: (version, next) => void (behaviour[version] = next),
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Requests to the given versions at `perSecond` each, until stopped or `maxRequests` in all. */
export function generateLoad(url: string, versions: readonly ('baseline' | 'canary')[], perSecond: number, maxRequests = 40_000): { stop(): void; sent(): number } {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let sent = 0;
  const timer = setInterval(() => {
    for (const version of versions) {
      for (let i = 0; i < perSecond / 20; i++) {
        if (sent >= maxRequests) return;
        sent++;
        request(`${url}/${version}`, { agent }, (res) => res.resume()).on('error', () => undefined).end();
      }
    }
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      agent.destroy();
    },
    sent: () => sent,
  };
}
