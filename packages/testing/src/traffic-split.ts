import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, createServer, request, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { Counter, Histogram, Registry } from 'prom-client';
import { REPO_ROOT } from './action-harness.js';

/**
 * A real traffic split on loopback, for rehearsing a canary release: a stable and a canary build of examples/webapp
 * (each its own HTTP server, counted and timed by prom-client under `version`), nginx from Debian in front with
 * weighted upstreams, Prometheus scraping both every second, and load through nginx. `deployScript` is what a
 * release's deploy command runs: `deploy.sh <weight>` rewrites the weights, reloads nginx and returns once the new
 * weights answer.
 */
export interface VersionBehaviour {
  /** Share of requests answered 500, spread evenly (every 1/rate-th request). */
  errorRate: number;
  /** Added to every answer. */
  latencyMs: number;
}

export interface TrafficSplitOptions {
  /** Requests per second through nginx. Default 400. */
  requestsPerSecond?: number;
  /** The canary build's behaviour from the start: a broken build. */
  canaryBehaviour?: VersionBehaviour;
}

export interface TrafficSplit {
  /** nginx, the users' entry. */
  url: string;
  prometheusUrl: string;
  stableUrl: string;
  canaryUrl: string;
  /** `deploy.sh <weight 0-100>`: the canary's share of traffic. */
  deployScript: string;
  setBehaviour(version: 'stable' | 'canary', behaviour: VersionBehaviour): void;
  /** The canary's weight nginx serves now, asked of nginx. */
  weight(): Promise<number>;
  /** Requests answered by each version so far. */
  served(): { stable: number; canary: number };
  /** Requests the load generator sent. */
  sent(): number;
  close(): Promise<void>;
}

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
const PROMETHEUS = ['/usr/bin/prometheus', '/usr/local/bin/prometheus'].find((path) => existsSync(path));

/** nginx and Prometheus are both here (CI installs them; a laptop may not have them). */
export function trafficSplitAvailable(): boolean {
  return NGINX !== undefined && PROMETHEUS !== undefined;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
const FALLBACK_PAGE = '<!doctype html><title>webapp</title><main>webapp</main>';

async function startVersion(version: 'stable' | 'canary', behaviour: VersionBehaviour): Promise<{ server: Server; url: string; state: { behaviour: VersionBehaviour; count: number } }> {
  const root = join(REPO_ROOT, 'examples/webapp/dist');
  const registry = new Registry();
  const metrics = {
    requests: new Counter({ name: 'http_requests_total', help: 'Requests answered, by version and status code.', labelNames: ['version', 'code'], registers: [registry] }),
    duration: new Histogram({ name: 'http_request_duration_seconds', help: 'Time to answer, by version.', labelNames: ['version'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers: [registry] }),
  };
  // Every series from the start, at zero: a rate over the first seconds has two samples to go by.
  for (const code of ['200', '500']) metrics.requests.inc({ version, code }, 0);
  const state = { behaviour, count: 0 };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/metrics') {
      void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
      return;
    }
    const started = process.hrtime.bigint();
    const count = ++state.count;
    const { errorRate, latencyMs } = state.behaviour;
    const fail = errorRate > 0 && Math.floor(count * errorRate) !== Math.floor((count - 1) * errorRate);
    const answer = async (): Promise<{ status: number; type: string; body: string | Buffer }> => {
      if (fail) return { status: 500, type: 'text/plain', body: 'broken build' };
      if (path === '/api/health') return { status: 200, type: 'application/json', body: JSON.stringify({ ok: true, version }) };
      const file = normalize(join(root, path === '/' ? 'index.html' : path));
      if (!file.startsWith(root)) return { status: 404, type: 'text/plain', body: 'not found' };
      const body = await readFile(file).catch(() => (path === '/' ? FALLBACK_PAGE : undefined));
      return body === undefined ? { status: 404, type: 'text/plain', body: 'not found' } : { status: 200, type: TYPES[extname(file)] ?? 'application/octet-stream', body };
    };
    setTimeout(() => {
      void answer().then(({ status, type, body }) => {
        res.writeHead(status, { 'content-type': type, 'x-version': version }).end(body);
        metrics.requests.inc({ version, code: String(status) });
        metrics.duration.observe({ version }, Number(process.hrtime.bigint() - started) / 1e9);
      });
    }, latencyMs);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, state };
}

const host = (url: string): string => url.replace('http://', '');

/** nginx refuses weight=0: at 0 the canary is `down`, at 100 the stable version is. */
function upstreamLines(stable: string, canary: string, weight: number): [string, string] {
  return [weight === 100 ? `server ${host(stable)} down;` : `server ${host(stable)} weight=${100 - weight};`, weight === 0 ? `server ${host(canary)} down;` : `server ${host(canary)} weight=${weight};`];
}

function nginxConfig(folder: string, port: number, stableLine: string, canaryLine: string, weight: string): string {
  return `worker_processes 1;
pid ${folder}/nginx.pid;
error_log ${folder}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${folder}/tmp/body;
  proxy_temp_path ${folder}/tmp/proxy;
  fastcgi_temp_path ${folder}/tmp/fastcgi;
  uwsgi_temp_path ${folder}/tmp/uwsgi;
  scgi_temp_path ${folder}/tmp/scgi;
  upstream app {
    ${stableLine}
    ${canaryLine}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location = /__weight { return 200 "${weight}"; }
    location / {
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass http://app;
    }
  }
}
`;
}

/** What a release's deploy command runs. The config is a heredoc of the same template, weights filled by bash. */
function deployScript(nginx: string, folder: string, port: number, stable: string, canary: string): string {
  return `#!/usr/bin/env bash
# deploy.sh <weight>: the canary gets <weight>% of the traffic (0-100). Rewrites nginx's upstream weights, reloads
# nginx, and returns once nginx answers with the new weight.
set -euo pipefail
weight="\${1:-}"
if ! [[ "$weight" =~ ^[0-9]+$ ]] || [ "$weight" -gt 100 ]; then
  echo "deploy.sh: '$weight' is not a weight from 0 to 100" >&2
  exit 2
fi
weight=$((10#$weight))
stable_line="server ${host(stable)} weight=$((100 - weight));"
canary_line="server ${host(canary)} weight=$weight;"
if [ "$weight" -eq 0 ]; then canary_line="server ${host(canary)} down;"; fi
if [ "$weight" -eq 100 ]; then stable_line="server ${host(stable)} down;"; fi
cat > "${folder}/nginx.conf.new" <<CONFIG
${nginxConfig(folder, port, '${stable_line}', '${canary_line}', '${weight}')}CONFIG
mv "${folder}/nginx.conf.new" "${folder}/nginx.conf"
"${nginx}" -p "${folder}" -c "${folder}/nginx.conf" -s reload
# Done when nginx answers with the new weight and the old workers, which finish their requests first, have exited.
ask() {
  exec 3<>"/dev/tcp/127.0.0.1/${port}" || return 0
  printf 'GET /__weight HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  tail -n 1 <&3
  exec 3<&-
}
workers() { grep -ls "^PPid:[[:space:]]*$(cat "${folder}/nginx.pid")$" /proc/[0-9]*/status 2>/dev/null | wc -l; }
for _ in $(seq 1 200); do
  if [ "$(ask)" = "$weight" ] && [ "$(workers)" -eq 1 ]; then
    echo "deploy.sh: the canary gets $weight% of the traffic"
    exit 0
  fi
  sleep 0.05
done
echo "deploy.sh: nginx did not take weight $weight within 10 s" >&2
exit 1
`;
}

export async function startTrafficSplit(options: TrafficSplitOptions = {}): Promise<TrafficSplit> {
  if (!NGINX || !PROMETHEUS) throw new Error('traffic split: needs nginx (/usr/sbin/nginx) and prometheus (/usr/bin/prometheus): apt-get install nginx-light prometheus');
  const folder = await mkdtemp(join(tmpdir(), 'roadstop-split-'));
  const processes: ChildProcess[] = [];
  const servers: Server[] = [];
  let load: { stop(): void; sent(): number } | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    load?.stop();
    for (const child of processes) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
    await rm(folder, { recursive: true, force: true });
  };
  try {
    const stable = await startVersion('stable', { errorRate: 0, latencyMs: 0 });
    const canary = await startVersion('canary', options.canaryBehaviour ?? { errorRate: 0, latencyMs: 0 });
    servers.push(stable.server, canary.server);

    // nginx: its own prefix, config, pid, logs and temp paths; in the foreground, so it is this process's child.
    const port = await freePort();
    await mkdir(join(folder, 'tmp'));
    // Run as root, nginx's workers are `nobody`: they may need its temp paths.
    await chmod(folder, 0o755);
    await chmod(join(folder, 'tmp'), 0o777);
        await writeFile(join(folder, 'nginx.conf'), nginxConfig(folder, port, ...upstreamLines(stable.url, canary.url, 0), '0'));
    const script = join(folder, 'deploy.sh');
    await writeFile(script, deployScript(NGINX, folder, port, stable.url, canary.url));
    await chmod(script, 0o755);
    const nginx = spawn(NGINX, ['-p', folder, '-c', join(folder, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    processes.push(nginx);
    let nginxErrors = '';
    nginx.stderr?.on('data', (chunk: Buffer) => (nginxErrors += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await get(`${url}/__weight`)) === '0', 10_000, async () => `nginx did not start: ${nginxErrors.trim() || (await readFile(join(folder, 'error.log'), 'utf8').catch(() => '')).split('\n').slice(-5).join(' ')}`);

    // Prometheus: both apps every second, its own config and data folder, on a free port.
    const promPort = await freePort();
    const prometheusUrl = `http://127.0.0.1:${promPort}`;
    await writeFile(
      join(folder, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: webapp\n    static_configs:\n      - targets: ['${host(stable.url)}', '${host(canary.url)}']\n`,
    );
    const prometheus = spawn(PROMETHEUS, [`--config.file=${join(folder, 'prometheus.yml')}`, `--storage.tsdb.path=${join(folder, 'prometheus')}`, `--web.listen-address=127.0.0.1:${promPort}`], { stdio: 'ignore' });
    processes.push(prometheus);
    await waitFor(async () => (await fetch(`${prometheusUrl}/-/ready`).then((response) => response.ok).catch(() => false)), 20_000, () => Promise.resolve('Prometheus did not become ready within 20 s'));

    load = generateLoad(url, options.requestsPerSecond ?? 400);
    // Ready when Prometheus has scraped both versions three times: a rate over the next seconds has samples to use.
    const scrapes = `${prometheusUrl}/api/v1/query?query=${encodeURIComponent('min(count_over_time(up{job="webapp"}[1m]))')}`;
    await waitFor(
      async () => {
        const body = (await fetch(scrapes).then((response) => response.json()).catch(() => undefined)) as { data?: { result?: { value: [number, string] }[] } } | undefined;
        return Number(body?.data?.result?.[0]?.value[1] ?? 0) >= 3 && (body?.data?.result?.length ?? 0) > 0;
      },
      20_000,
      () => Promise.resolve('Prometheus did not scrape both versions within 20 s'),
    );
    return {
      url,
      prometheusUrl,
      stableUrl: stable.url,
      canaryUrl: canary.url,
      deployScript: script,
      setBehaviour: (version, behaviour) => void ((version === 'stable' ? stable : canary).state.behaviour = behaviour),
      weight: async () => {
        const answer = await get(`${url}/__weight`);
        if (answer === undefined || !/^\d+$/.test(answer)) throw new Error(`traffic split: nginx did not tell its weight (${answer ?? 'no answer'})`);
        return Number(answer);
      },
      served: () => ({ stable: stable.state.count, canary: canary.state.count }),
      sent: () => load?.sent() ?? 0,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function get(url: string): Promise<string | undefined> {
  // A connection of its own: a kept-alive one may still be served by a worker of the previous config.
  return fetch(url, { signal: AbortSignal.timeout(1000), headers: { connection: 'close' } })
    .then((response) => response.text())
    .catch(() => undefined);
}

async function waitFor(ready: () => Promise<boolean>, timeoutMs: number, why: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`traffic split: ${await why()}`);
}

/** Requests through nginx at `perSecond`, spread over 20 ticks a second, on keep-alive connections. */
function generateLoad(url: string, perSecond: number): { stop(): void; sent(): number } {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let sent = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < perSecond / 20; i++) {
      sent++;
      request(`${url}/api/health`, { agent }, (res) => res.resume())
        .on('error', () => undefined)
        .end();
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
