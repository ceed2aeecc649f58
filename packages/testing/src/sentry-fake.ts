import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in of Sentry on 127.0.0.1: what canary-watch's `sentry` provider reads, answered as Sentry documents it.
 *
 * - Retrieve Release Health Session Statistics, https://docs.sentry.io/api/releases/retrieve-release-health-session-statistics/ :
 *   `GET /api/0/organizations/{organization_id_or_slug}/sessions/?field=sum(session)&groupBy=release&groupBy=session.status
 *   &interval&start&end|statsPeriod&project&environment&query` answers
 *   `{"start","end","query","intervals":[...],"groups":[{"by":{"release","session.status"},"totals":{"sum(session)"},"series":{"sum(session)":[...]}}]}`.
 * - Retrieve an Organization's Release, https://docs.sentry.io/api/releases/retrieve-an-organizations-release/ :
 *   `GET /api/0/organizations/{org}/releases/{version}/` answers `{"version", ...}` or 404.
 * - Retrieve a Project, https://docs.sentry.io/api/projects/retrieve-a-project/ : `GET /api/0/projects/{org}/{project}/` answers `{"id","slug",...}`.
 * - Envelopes, https://develop.sentry.dev/sdk/data-model/envelopes/ : `POST /api/{project_id}/envelope/`, newline-delimited:
 *   a header, then per item a header `{"type":"session"|"sessions"|"event",...}` and its payload. A `session` payload is
 *   `{"sid","status":"ok"|"exited"|"crashed"|"abnormal","errors","started","attrs":{"release","environment"}}`
 *   (https://develop.sentry.dev/sdk/telemetry/sessions/); `sessions` is `{"aggregates":[{"started","exited","errored","crashed","abnormal"}],"attrs":{...}}`.
 *
 * - Events time series, https://docs.sentry.io/api/explore/ ("Query Explore Events in Timeseries Format"):
 *   `GET /api/0/organizations/{org}/events-stats/?yAxis=count()&query=release:"<v>" event.type:error|transaction
 *   &interval&start&end|statsPeriod&project&environment` answers `{"data":[[<unix seconds>,[{"count":n}]],...],"start","end"}`,
 *   counted from the envelopes' `event` and `transaction` items (each carries `release`, `environment`, `timestamp`,
 *   https://develop.sentry.dev/sdk/data-model/event-payloads/) and `eventTraffic`.
 *
 * Errors answer `{"detail": "..."}` as the API does: 401 without a valid token, 404 for an unknown organization,
 * project or release. `misbehave` replaces any answer on demand (403, 429 with Retry-After, 5xx, garbage).
 */
export const SESSION_STATUSES = ['healthy', 'errored', 'crashed', 'abnormal'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SentryRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface SentryAnswer {
  status?: number;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

export interface SentryFakeOptions {
  org?: string;
  projectSlug?: string;
  projectId?: string;
  token?: string;
}

/** One session as Sentry counts it: its release, environment, start (ms) and final status. */
interface Session {
  release: string;
  environment?: string;
  startedMs: number;
  status: SessionStatus;
}

export type EventKind = 'error' | 'transaction';

/** One event as the events dataset counts it: an error event or a transaction, its release, environment and time (ms). */
interface RecordedEvent {
  kind: EventKind;
  release: string;
  environment?: string;
  atMs: number;
}

export interface SentryFake {
  url: string;
  org: string;
  projectSlug: string;
  projectId: string;
  token: string;
  requests: SentryRequest[];
  /** Releases Sentry knows (an envelope with a release adds it, as ingestion does). */
  releases: Set<string>;
  /** Synthetic sessions: per known release, the counts started in [fromMs, toMs). Added to what the envelopes recorded. */
  traffic?: (release: string, fromMs: number, toMs: number) => Partial<Record<SessionStatus, number>>;
  /** Answer this instead (a request it returns undefined for is answered as documented). */
  misbehave?: (request: SentryRequest) => SentryAnswer | undefined;
  /** Sessions received from SDKs, by sid. */
  sessions: Map<string, Session>;
  /** Error events and transactions received from SDKs. */
  events: RecordedEvent[];
  /** Synthetic events: per known release, the error events and transactions in [fromMs, toMs). Added to the envelopes'. */
  eventTraffic?: (release: string, fromMs: number, toMs: number) => Partial<Record<EventKind, number>>;
  close(): Promise<void>;
}

const MAX_BUCKETS = 10_000;

export async function startSentryFake(options: SentryFakeOptions = {}): Promise<SentryFake> {
  const fake: SentryFake = {
    url: '',
    org: options.org ?? 'acme',
    projectSlug: options.projectSlug ?? 'webapp',
    projectId: options.projectId ?? '4242',
    token: options.token ?? 'sntrys-fake-token',
    requests: [],
    releases: new Set(),
    sessions: new Map(),
    events: [],
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
  let aggregates = 0;

  const counts = (release: string, environment: string | undefined, fromMs: number, toMs: number): Record<SessionStatus, number> => {
    const total: Record<SessionStatus, number> = { healthy: 0, errored: 0, crashed: 0, abnormal: 0 };
    for (const [status, n] of Object.entries(fake.traffic?.(release, fromMs, toMs) ?? {})) total[status as SessionStatus] += n ?? 0;
    for (const session of fake.sessions.values()) {
      if (session.release !== release || session.startedMs < fromMs || session.startedMs >= toMs) continue;
      if (environment !== undefined && session.environment !== environment) continue;
      total[session.status]++;
    }
    return total;
  };

  /** A stats query's checks (its one served field, the project) and window: statsPeriod, or start and end; its interval's starts. */
  const statsWindow = (params: URLSearchParams, field: string, served: string): { startMs: number; endMs: number; intervalMs: number; starts: number[] } | SentryAnswer => {
    if (params.get(field) !== served) return { status: 400, body: { detail: `Invalid ${field}: only ${served} is served by this stand-in` } };
    if (params.get('project') !== fake.projectId) return { status: 403, body: { detail: 'You do not have permission to perform this action.' } };
    const intervalMs = durationMs(params.get('interval') ?? '1h');
    if (intervalMs === undefined) return { status: 400, body: { detail: 'Invalid interval' } };
    const period = params.get('statsPeriod');
    if (period !== null) {
      const span = durationMs(period);
      if (span === undefined) return { status: 400, body: { detail: 'Invalid statsPeriod' } };
      return startsOf(Date.now() - span, Date.now(), intervalMs);
    }
    const startMs = Date.parse(params.get('start') ?? '');
    const endMs = Date.parse(params.get('end') ?? '');
    if (Number.isNaN(startMs) || Number.isNaN(endMs) || endMs < startMs) return { status: 400, body: { detail: 'start and end must be ISO-8601 times, start before end' } };
    return startsOf(startMs, endMs, intervalMs);
  };
  const startsOf = (startMs: number, endMs: number, intervalMs: number) => {
    const buckets = Math.ceil((endMs - startMs) / intervalMs);
    if (buckets > MAX_BUCKETS) return { status: 400, body: { detail: 'Your interval and date range would create too many results.' } };
    return { startMs, endMs, intervalMs, starts: Array.from({ length: buckets }, (_, k) => startMs + k * intervalMs) };
  };

  const sessionsAnswer = (request: SentryRequest): SentryAnswer => {
    const { params } = request;
    const window = statsWindow(params, 'field', 'sum(session)');
    if (!('starts' in window)) return window;
    const { startMs, endMs, intervalMs, starts } = window;
    const groupBy = params.getAll('groupBy');
    const query = params.get('query') ?? '';
    const only = /^release:"((?:[^"\\]|\\.)*)"$|^release:(\S+)$/.exec(query);
    if (query !== '' && !only) return { status: 400, body: { detail: `Invalid query: ${query}` } };
    const releaseFilter = only ? (only[1]?.replaceAll('\\"', '"') ?? only[2]) : undefined;
    const environment = params.get('environment') ?? undefined;
    const releases = [...fake.releases].filter((release) => releaseFilter === undefined || release === releaseFilter);
    const groups: unknown[] = [];
    const keyed = new Map<string, { by: Record<string, string>; series: number[] }>();
    for (const [index, from] of starts.entries()) {
      for (const release of releases) {
        const bucket = counts(release, environment, from, from + intervalMs);
        for (const status of SESSION_STATUSES) {
          if (bucket[status] === 0) continue;
          const by: Record<string, string> = {};
          if (groupBy.includes('release')) by.release = release;
          if (groupBy.includes('session.status')) by['session.status'] = status;
          const key = JSON.stringify(by);
          let group = keyed.get(key);
          if (!group) {
            group = { by, series: starts.map(() => 0) };
            keyed.set(key, group);
          }
          group.series[index]! += bucket[status];
        }
      }
    }
    for (const group of keyed.values()) groups.push({ by: group.by, totals: { 'sum(session)': group.series.reduce((a, b) => a + b, 0) }, series: { 'sum(session)': group.series } });
    if (groupBy.length === 0 && groups.length === 0) groups.push({ by: {}, totals: { 'sum(session)': 0 }, series: { 'sum(session)': starts.map(() => 0) } });
    return { body: { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(), query, intervals: starts.map((t) => new Date(t).toISOString()), groups } };
  };

  const eventsStatsAnswer = (request: SentryRequest): SentryAnswer => {
    const { params } = request;
    const window = statsWindow(params, 'yAxis', 'count()');
    if (!('starts' in window)) return window;
    const { startMs, endMs, intervalMs, starts } = window;
    const query = params.get('query') ?? '';
    const parsed = /^(?:release:(?:"((?:[^"\\]|\\.)*)"|(\S+)) )?event\.type:(error|transaction)$/.exec(query);
    if (!parsed) return { status: 400, body: { detail: `Invalid query: ${query}` } };
    const releaseFilter = parsed[1] !== undefined ? parsed[1].replaceAll('\\"', '"') : parsed[2];
    const kind = parsed[3] as EventKind;
    const environment = params.get('environment') ?? undefined;
    const releases = [...fake.releases].filter((release) => releaseFilter === undefined || release === releaseFilter);
    const data = starts.map((from) => {
      let count = 0;
      for (const release of releases) {
        count += fake.eventTraffic?.(release, from, from + intervalMs)[kind] ?? 0;
        for (const event of fake.events) {
          if (event.kind === kind && event.release === release && event.atMs >= from && event.atMs < from + intervalMs && (environment === undefined || event.environment === environment)) count++;
        }
      }
      return [Math.floor(from / 1000), [{ count }]];
    });
    return { body: { data, start: Math.floor(startMs / 1000), end: Math.floor(endMs / 1000) } };
  };

  const apiAnswer = (request: SentryRequest): SentryAnswer => {
    if (request.headers.authorization !== `Bearer ${fake.token}`) return { status: 401, body: { detail: 'Invalid token' } };
    const parts = request.path.split('/').filter((part) => part !== '').map(decodeURIComponent);
    const notFound: SentryAnswer = { status: 404, body: { detail: 'The requested resource does not exist' } };
    if (parts[2] === 'projects') return parts[3] === fake.org && parts[4] === fake.projectSlug ? { body: { id: fake.projectId, slug: fake.projectSlug } } : notFound;
    if (parts[2] !== 'organizations' || parts[3] !== fake.org) return notFound;
    if (parts[4] === 'sessions' && parts.length === 5) return sessionsAnswer(request);
    if (parts[4] === 'events-stats' && parts.length === 5) return eventsStatsAnswer(request);
    if (parts[4] === 'releases' && parts.length === 6) return fake.releases.has(parts[5]!) ? { body: { version: parts[5], projects: [{ id: Number(fake.projectId), slug: fake.projectSlug }] } } : notFound;
    return notFound;
  };

  /** Record an SDK's envelope: session updates replace the session's state; aggregates become anonymous sessions. */
  const ingest = (text: string): void => {
    const lines = text.split('\n');
    for (let index = 1; index < lines.length; index++) {
      let header: { type?: unknown };
      try {
        header = JSON.parse(lines[index]!) as { type?: unknown };
      } catch {
        continue;
      }
      const payload = lines[index + 1];
      index++;
      if (payload === undefined) break;
      let item: Record<string, unknown>;
      try {
        item = JSON.parse(payload) as Record<string, unknown>;
      } catch {
        continue;
      }
      if (header.type === 'event' || header.type === 'transaction') {
        // An event payload carries release, environment and timestamp (seconds, or an RFC 3339 string) at its top.
        if (typeof item.release !== 'string') continue;
        fake.releases.add(item.release);
        const at = typeof item.timestamp === 'number' ? item.timestamp * 1000 : typeof item.timestamp === 'string' ? Date.parse(item.timestamp) : Number.NaN;
        fake.events.push({ kind: header.type === 'event' ? 'error' : 'transaction', release: item.release, ...(typeof item.environment === 'string' ? { environment: item.environment } : {}), atMs: Number.isFinite(at) ? at : Date.now() });
        continue;
      }
      const attrs = (item.attrs ?? {}) as { release?: unknown; environment?: unknown };
      if (typeof attrs.release !== 'string') continue;
      const release = attrs.release;
      const environment = typeof attrs.environment === 'string' ? attrs.environment : undefined;
      fake.releases.add(release);
      if (header.type === 'session' && typeof item.sid === 'string') {
        const errors = typeof item.errors === 'number' ? item.errors : 0;
        const status: SessionStatus = item.status === 'crashed' ? 'crashed' : item.status === 'abnormal' ? 'abnormal' : errors > 0 ? 'errored' : 'healthy';
        const started = typeof item.started === 'string' ? Date.parse(item.started) : Date.now();
        const previous = fake.sessions.get(item.sid);
        fake.sessions.set(item.sid, { release, ...(environment !== undefined ? { environment } : {}), startedMs: previous?.startedMs ?? (Number.isNaN(started) ? Date.now() : started), status: previous && previous.status !== 'healthy' && status === 'healthy' ? previous.status : status });
      } else if (header.type === 'sessions' && Array.isArray(item.aggregates)) {
        for (const aggregate of item.aggregates as Record<string, unknown>[]) {
          const startedMs = typeof aggregate.started === 'string' ? Date.parse(aggregate.started) : Date.now();
          for (const [field, status] of [['exited', 'healthy'], ['errored', 'errored'], ['crashed', 'crashed'], ['abnormal', 'abnormal']] as const) {
            const n = typeof aggregate[field] === 'number' ? (aggregate[field]) : 0;
            for (let k = 0; k < n; k++) fake.sessions.set(`aggregate-${aggregates++}`, { release, ...(environment !== undefined ? { environment } : {}), startedMs, status });
          }
        }
      }
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const request: SentryRequest = { method: req.method ?? 'GET', path: url.pathname, params: url.searchParams, headers: req.headers };
      fake.requests.push(request);
      let answer = fake.misbehave?.(request);
      if (!answer) {
        if (request.method === 'POST' && /^\/api\/\d+\/envelope\/?$/.test(request.path)) {
          ingest(Buffer.concat(chunks).toString('utf8'));
          answer = { body: {} };
        } else if (request.method === 'GET' && request.path.startsWith('/api/0/')) {
          answer = apiAnswer(request);
        } else {
          answer = { status: 404, body: { detail: 'The requested resource does not exist' } };
        }
      }
      if (res.destroyed) return;
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', ...answer.headers });
      res.end(answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** Sentry's period syntax: `30s`, `5m`, `1h`, `14d`, `2w`; a bare number is seconds. */
function durationMs(text: string): number | undefined {
  const match = /^(\d+)([smhdw]?)$/.exec(text);
  if (!match || Number(match[1]) === 0) return undefined;
  return Number(match[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] as '' | 's' | 'm' | 'h' | 'd' | 'w'];
}

/** Per release: sessions a second, and the shares that errored and crashed. */
export type SessionRates = Record<string, { perSecond: number; errored: number; crashed?: number }>;

/** The stand-in's `traffic` for steady load: each release's sessions at its rate since `sinceMs`, none in the future. */
export function steadySessions(rates: () => SessionRates, sinceMs: number): NonNullable<SentryFake['traffic']> {
  return (release, fromMs, toMs) => {
    const rate = rates()[release];
    const seconds = Math.max(0, (Math.min(toMs, Date.now()) - Math.max(fromMs, sinceMs)) / 1000);
    if (!rate || seconds === 0) return {};
    const all = Math.round(rate.perSecond * seconds);
    const errored = Math.round(all * rate.errored);
    const crashed = Math.round(all * (rate.crashed ?? 0));
    return { healthy: all - errored - crashed, errored, crashed };
  };
}
