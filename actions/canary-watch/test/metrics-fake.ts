import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A misbehaving metrics service on 127.0.0.1, for canary-watch's hostile cases. By default it answers as
 * Prometheus's HTTP API documents (https://prometheus.io/docs/prometheus/latest/querying/api/):
 * `GET /api/v1/query` and `GET /api/v1/query_range?query&start&end&step` answer
 * `{"status":"success","data":{"resultType":"vector"|"matrix","result":[...]}}`, a matrix series being
 * `{"metric":{labels},"values":[[<unix seconds>,"<value as a string>"]]}` with NaN, +Inf and -Inf spelled so; errors
 * are `{"status":"error","errorType":"bad_data","error":"..."}` with 400, 422 or 503. Each test replaces `answer` to
 * misbehave: 401, 403, 429 with Retry-After, 5xx, garbage, redirects, silence.
 */
export interface FakeRequest {
  path: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface FakeAnswer {
  status?: number;
  /** JSON body; `raw` wins when both are given. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Answer after this long (a slow or silent service). */
  delayMs?: number;
}

/** A metric's samples: per target and grid time, one value (a string as Prometheus writes it), several series, or none. */
export type Samples = (target: string, t: number) => string | string[] | undefined;

export interface MetricsFake {
  url: string;
  requests: FakeRequest[];
  answer: (request: FakeRequest) => FakeAnswer;
  close(): Promise<void>;
}

export async function startMetricsFake(): Promise<MetricsFake> {
  const fake: MetricsFake = {
    url: '',
    requests: [],
    answer: () => ({ status: 404, body: { status: 'error', errorType: 'not_found', error: 'no answer set' } }),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const request = { path: url.pathname, params: url.searchParams, headers: req.headers };
    fake.requests.push(request);
    const answer = fake.answer(request);
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
    else send();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/**
 * Prometheus's answers for queries written `name{v="<target>"}`: the instant query (validation) a vector, the
 * range query a matrix with one point per step from start to end, each at `t + shift` seconds.
 */
export function prometheus(metrics: Record<string, Samples>, shift: Record<string, number> = {}): (request: FakeRequest) => FakeAnswer {
  return ({ path, params }) => {
    const match = /^(\w+)\{v="([^"]*)"\}$/.exec(params.get('query') ?? '');
    const samples = match ? metrics[match[1]!] : undefined;
    if (!match || !samples) return { status: 400, body: { status: 'error', errorType: 'bad_data', error: `unknown query ${params.get('query')}` } };
    if (path === '/api/v1/query') return { body: { status: 'success', data: { resultType: 'vector', result: [] } } };
    if (path !== '/api/v1/query_range') return { status: 404, raw: '404 page not found' };
    const start = Number(params.get('start'));
    const end = Number(params.get('end'));
    const step = Number.parseFloat(params.get('step') ?? '1');
    const series: { metric: Record<string, string>; values: [number, string][] }[] = [];
    for (let t = start; t <= end + 1e-9; t += step) {
      const value = samples(match[2]!, t);
      const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
      values.forEach((one, index) => {
        series[index] ??= { metric: { v: match[2]!, pod: `pod-${index}` }, values: [] };
        series[index].values.push([t + (shift[match[1]!] ?? 0), one]);
      });
    }
    return { body: { status: 'success', data: { resultType: 'matrix', result: series } } };
  };
}
