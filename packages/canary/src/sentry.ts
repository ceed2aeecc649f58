import { ConfigurationError, isRecord, waitOutRateLimit } from '@roadstop/core';
import type { SentryOptions } from './options.js';
import { cancelledRequest, describe, getJson, ProviderError, serverText, type CheckingProvider, type Service } from './providers.js';
import type { ProviderSeries, Window } from './evidence.js';
import { REQUEST_TIMEOUT_MS } from './watch.js';

/**
 * Sentry's release health as a metrics provider. The sessions endpoint,
 * https://docs.sentry.io/api/releases/retrieve-release-health-session-statistics/ :
 * `GET /api/0/organizations/{organization_id_or_slug}/sessions/` with `field=sum(session)`, `groupBy=release`,
 * `groupBy=session.status`, `interval`, `start`/`end` (ISO-8601), `project` (IDs), `environment`, `query`; it answers
 * `{"start","end","intervals":[ISO start of each interval],"groups":[{"by":{"release","session.status"},
 * "totals":{"sum(session)":n},"series":{"sum(session)":[n per interval]}}]}`, a group only for what was seen.
 * Session statuses: healthy, errored, crashed, abnormal (mutually exclusive).
 *
 * A query is a small part of Sentry's search syntax: `release:<version>` (required) and optionally
 * `session.status:<status>,<status>`; its value per interval is the sum of those sessions (all statuses when none
 * is named). Sentry documents its interval as at least one hour and rounds the range to it: the watch's interval is
 * passed through as given, so a self-hosted or stand-in Sentry answering finer intervals is read at its own grain.
 *
 * With `sentry-source: events` (where the SDK collects no sessions) the provider counts events instead, from the
 * events time series, https://docs.sentry.io/api/explore/ ("Query Explore Events in Timeseries Format"):
 * `GET /api/0/organizations/{organization_id_or_slug}/events-stats/` with `yAxis=count()`, `query` (Sentry's search
 * syntax: `release:"<v>" event.type:error`), `interval`, `start`/`end`, `project`, `environment`; it answers
 * `{"data":[[<unix seconds of the interval's start>,[{"count":n}]],...],"start","end"}`. A query there is
 * `release:<version> event.type:error` or `event.type:transaction`: error events and transactions (the requests the
 * SDK traced) of the release per interval, so that an error-rate metric divides errors by requests, as the judge
 * does for any provider. Error events alone are no rate: their count per minute moves with the release's share of
 * the traffic.
 */
export const SESSION_STATUSES = ['healthy', 'errored', 'crashed', 'abnormal'] as const;
const FIELD = 'sum(session)';
/** Retries of one read after a 429, each only when its Retry-After fits in what is left of the read's budget. */
const MAX_RATE_LIMIT_RETRIES = 3;

export interface SentryQuery {
  release: string;
  statuses: readonly string[];
}

/** A query's `key:value` tokens; a value may be quoted ("1.0 beta"). */
function searchTokens(query: string): { token: string; key: string; value: string }[] {
  return (query.match(/[\w.]+:(?:"[^"]*"|\S+)|\S+/g) ?? []).map((token) => {
    const colon = token.indexOf(':');
    return { token, key: colon > 0 ? token.slice(0, colon) : '', value: token.slice(colon + 1).replace(/^"(.*)"$/, '$1') };
  });
}

/** `release:<v> session.status:a,b`. Anything else is the metric's mistake. */
export function parseSentryQuery(query: string, where: string): SentryQuery {
  let release: string | undefined;
  let statuses: readonly string[] = SESSION_STATUSES;
  for (const { token, key, value } of searchTokens(query)) {
    if (key === 'release' && value !== '') release = value;
    else if (key === 'session.status') {
      const named = value.split(',').filter((status) => status !== '');
      const unknown = named.filter((status) => !(SESSION_STATUSES as readonly string[]).includes(status));
      if (named.length === 0 || unknown.length > 0) {
        throw new ConfigurationError(`${where}: '${serverText(unknown[0] ?? value)}' is not a session status`, { input: 'metrics' }, `one or more of ${SESSION_STATUSES.join(', ')}, comma-separated`);
      }
      statuses = named;
    } else {
      throw new ConfigurationError(`${where}: '${serverText(token)}' is not part of a Sentry sessions query`, { input: 'metrics' }, 'write release:{{target}} and optionally session.status:errored,crashed,abnormal');
    }
  }
  if (release === undefined) throw new ConfigurationError(`${where}: the Sentry query names no release`, { input: 'metrics' }, 'write release:{{target}}');
  return { release, statuses };
}

export const EVENT_TYPES = ['error', 'transaction'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** `release:<v> event.type:error|transaction` (sentry-source: events); anything else is the metric's mistake. */
export function parseSentryEventsQuery(query: string, where: string): { release: string; eventType: EventType } {
  let release: string | undefined;
  let eventType: EventType | undefined;
  const hint = 'write release:{{target}} event.type:error (the errors) or release:{{target}} event.type:transaction (the requests)';
  for (const { token, key, value } of searchTokens(query)) {
    if (key === 'release' && value !== '') release = value;
    else if (key === 'event.type' && (EVENT_TYPES as readonly string[]).includes(value)) eventType = value as EventType;
    else throw new ConfigurationError(`${where}: '${serverText(token)}' is not part of a Sentry events query`, { input: 'metrics' }, hint);
  }
  if (release === undefined) throw new ConfigurationError(`${where}: the Sentry query names no release`, { input: 'metrics' }, hint);
  if (eventType === undefined) throw new ConfigurationError(`${where}: the Sentry events query names no event.type`, { input: 'metrics' }, hint);
  return { release, eventType };
}

interface SessionsAnswer {
  intervals: number[];
  /** Per session status, the release's sessions per interval (a status Sentry did not list had none). */
  byStatus: Map<string, number[]>;
}

export function sentryProvider(options: SentryOptions, headers: Record<string, string>, labels: { canary: string; baseline?: string }, cancel?: AbortSignal): CheckingProvider {
  const service: Service = { name: 'Sentry', input: 'sentry-url' };
  const api = `${options.url}/api/0`;
  const org = encodeURIComponent(options.org);
  let projectId: Promise<string> | undefined;
  let projectHasSessions: Promise<void> | undefined;
  const releasesChecked = new Map<string, Promise<void>>();
  // errors and requests of one release read one answer: one request per release and look, not two.
  let reads = new Map<string, Promise<SessionsAnswer | undefined>>();
  let readsEnd = Number.NEGATIVE_INFINITY;

  const inputOf = (release: string) => (release === labels.canary ? 'canary-label' : release === labels.baseline ? 'baseline-label' : 'metrics');

  /**
   * One GET, 429 honoured while its Retry-After fits in the budget; 401/403 name the token; Sentry's `detail` is kept
   * for the caller. `cancel` ends the request and the wait at once.
   */
  const call = async (path: string, params: URLSearchParams, timeoutMs: number): Promise<{ status: number; body: unknown }> => {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await getJson(`${api}${path}${params.size > 0 ? `?${params.toString()}` : ''}`, headers, Math.max(1, deadline - Date.now()), service, cancel);
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        if (error.failure === 'refused') throw new ProviderError(`Sentry refused the token (sentry-token): ${error.message.replace(/^.*refused the request: /, '')}`, 'refused');
        const waitMs = error.retryAfterMs;
        if (error.failure !== 'rate-limited' || waitMs === undefined) throw error;
        await waitOutRateLimit({
          waitMs, leftMs: deadline - Date.now(), attempt, maxRetries: MAX_RATE_LIMIT_RETRIES, giveUp: () => error,
          signal: cancel, cancelled: () => cancelledRequest(service),
        });
      }
    }
  };

  const detail = (body: unknown): string => serverText(isRecord(body) ? (body.detail ?? 'no detail') : body);

  type Params = Record<string, string>;
  /** The body of the organization's sessions or events-stats endpoint, for the project and environment; its statuses named for what they mean. */
  const orgRead = async (endpoint: 'sessions' | 'events-stats', first: Params, params: Params, timeoutMs: number, groupBy: string[] = []) => {
    const search = new URLSearchParams({ ...first, project: await resolveProject(), ...params });
    for (const group of groupBy) search.append('groupBy', group);
    if (options.environment !== undefined) search.set('environment', options.environment);
    const { status, body } = await call(`/organizations/${org}/${endpoint}/`, search, timeoutMs);
    if (status === 404) throw new ConfigurationError(`Sentry knows no organization '${options.org}' (HTTP 404: ${detail(body)})`, { input: 'sentry-org' }, 'the organization slug, as in https://sentry.io/organizations/<slug>/');
    if (status === 400) throw new ProviderError(`Sentry refused the ${endpoint.replace('-stats', '')} query: HTTP 400: ${detail(body)}`, 'query');
    if (status >= 500) throw new ProviderError(`${describe(service)} is failing: HTTP ${status}: ${detail(body)}`, 'outage');
    if (status >= 300) throw new ProviderError(`${describe(service)} answered HTTP ${status}: ${detail(body)}`, 'garbage');
    return body;
  };

  const resolveProject = (): Promise<string> => {
    if (/^\d+$/.test(options.project)) return Promise.resolve(options.project);
    // Retrieve a Project: https://docs.sentry.io/api/projects/retrieve-a-project/ answers {"id": "<numeric>", "slug", ...}.
    projectId ??= call(`/projects/${org}/${encodeURIComponent(options.project)}/`, new URLSearchParams(), REQUEST_TIMEOUT_MS).then(({ status, body }) => {
      if (status === 404) throw new ConfigurationError(`Sentry knows no project '${options.project}' in organization '${options.org}' (HTTP 404: ${detail(body)})`, { input: 'sentry-project' }, 'the project slug as in its settings URL, or its numeric ID; and check sentry-org');
      const id = isRecord(body) ? body.id : undefined;
      if (status >= 300 || (typeof id !== 'string' && typeof id !== 'number') || !/^\d+$/.test(String(id))) {
        throw new ProviderError(`${describe(service)} answered HTTP ${status} for the project without a numeric id: ${detail(body)}`, status >= 500 ? 'outage' : 'garbage');
      }
      return String(id);
    });
    return projectId;
  };

  const sessions = async (params: Params, groupBy: string[], timeoutMs: number) =>
    checkedSessions(await orgRead('sessions', { field: FIELD }, params, timeoutMs, groupBy), service);

  const checkProject = (): Promise<void> => {
    projectHasSessions ??= sessions({ statsPeriod: '24h', interval: '1h' }, [], REQUEST_TIMEOUT_MS).then(({ groups }) => {
      const total = groups.reduce((sum, group) => sum + group.series.reduce((a, b) => a + b, 0), 0);
      if (total === 0) {
        throw new ConfigurationError(`Sentry project '${options.project}' has no sessions in the last 24 hours${options.environment ? ` in environment '${options.environment}'` : ''}: no release health to judge`, { input: 'sentry-project' }, 'enable session tracking in the SDK (autoSessionTracking), or watch error events with another provider');
      }
    });
    return projectHasSessions;
  };

  const checkRelease = (release: string): Promise<void> => {
    let checked = releasesChecked.get(release);
    if (!checked) {
      // Retrieve an Organization's Release: https://docs.sentry.io/api/releases/retrieve-an-organizations-release/ (404: no such version).
      checked = call(`/organizations/${org}/releases/${encodeURIComponent(release)}/`, new URLSearchParams(), REQUEST_TIMEOUT_MS).then(({ status, body }) => {
        if (status === 404) throw new ConfigurationError(`Sentry knows no release '${serverText(release)}' in organization '${options.org}'`, { input: inputOf(release) }, 'the label must be the SDK’s release (e.g. the build’s git SHA); create it at deploy time with sentry-cli releases new');
        if (status >= 500) throw new ProviderError(`${describe(service)} is failing: HTTP ${status}: ${detail(body)}`, 'outage');
        if (status >= 300) throw new ProviderError(`${describe(service)} answered HTTP ${status} for release '${serverText(release)}': ${detail(body)}`, 'garbage');
      });
      releasesChecked.set(release, checked);
    }
    return checked;
  };

  const readRelease = (release: string, window: Window, timeoutMs: number): Promise<SessionsAnswer | undefined> => {
    if (window.end !== readsEnd) {
      reads = new Map();
      readsEnd = window.end;
    }
    let read = reads.get(release);
    if (!read) {
      read = sessions(windowParams(window, release, ''), ['release', 'session.status'], timeoutMs).then(({ intervals, groups }) => {
        const own = groups.filter((group) => group.by.release === release);
        // No group for the release: Sentry saw none of its sessions. Missing, never zero.
        if (own.length === 0) return undefined;
        const byStatus = new Map<string, number[]>();
        for (const group of own) {
          const status = group.by['session.status'];
          if (typeof status !== 'string') throw new ProviderError(`${describe(service)} answered a group without a session.status`, 'garbage');
          byStatus.set(status, group.series);
        }
        return { intervals, byStatus };
      });
      reads.set(release, read);
    }
    return read;
  };

  /** The events time series of one query: per interval start (seconds), its count of events. */
  const eventsStats = async (params: Params, timeoutMs: number) =>
    checkedEventsStats(await orgRead('events-stats', { yAxis: 'count()' }, params, timeoutMs), service);

  let projectHasTransactions: Promise<void> | undefined;
  const checkTransactions = (): Promise<void> => {
    projectHasTransactions ??= eventsStats({ statsPeriod: '24h', interval: '1h', query: 'event.type:transaction' }, REQUEST_TIMEOUT_MS).then((points) => {
      if (points.reduce((sum, [, count]) => sum + count, 0) === 0) {
        throw new ConfigurationError(`Sentry project '${options.project}' has no transactions in the last 24 hours${options.environment ? ` in environment '${options.environment}'` : ''}: no requests to count error events against`, { input: 'sentry-project' }, 'enable tracing in the SDK (tracesSampleRate), or collect sessions and use sentry-source: sessions');
      }
    });
    return projectHasTransactions;
  };

  if (options.source === 'events') {
    return {
      async validate(query, where) {
        const { release, eventType } = parseSentryEventsQuery(query, where);
        if (eventType === 'transaction') await checkTransactions();
        await checkRelease(release);
      },
      async range(query, window, timeoutMs): Promise<ProviderSeries[]> {
        const { release, eventType } = parseSentryEventsQuery(query, 'the query');
        const points = await eventsStats(windowParams(window, release, ` event.type:${eventType}`), timeoutMs);
        // An interval is counted at its end, as the sessions are: the events that happened in it.
        return [{ labels: `release:${serverText(release)} event.type:${eventType}`, points: points.map(([start, count]): [number, number] => [start + window.stepSeconds, count]) }];
      },
    };
  }

  return {
    async validate(query, where) {
      const { release } = parseSentryQuery(query, where);
      await checkProject();
      await checkRelease(release);
    },
    async range(query, window, timeoutMs): Promise<ProviderSeries[]> {
      const { release, statuses } = parseSentryQuery(query, 'the query');
      const answer = await readRelease(release, window, timeoutMs);
      if (answer === undefined) return [];
      const points = answer.intervals.map((start, index): [number, number] => [start + window.stepSeconds, statuses.reduce((sum, status) => sum + (answer.byStatus.get(status)?.[index] ?? 0), 0)]);
      return [{ labels: `release:${serverText(release)} ${statuses.join(',')}`, points }];
    },
  };
}

/** The watch's window as Sentry's interval, start (one interval before the first end) and end, and the release's query. */
function windowParams(window: Window, release: string, more: string): Record<string, string> {
  return {
    interval: `${window.stepSeconds}s`,
    start: new Date((window.start - window.stepSeconds) * 1000).toISOString(),
    end: new Date(window.end * 1000).toISOString(),
    query: `release:"${release.replaceAll('"', '\\"')}"${more}`,
  };
}

/** The events-stats answer checked: `data` a list of [seconds, [{count}]], each count a whole number ≥ 0. */
function checkedEventsStats(body: unknown, service: Service): [number, number][] {
  const garbage = (what: string) => new ProviderError(`${describe(service)} answered events-stats ${what}`, 'garbage');
  if (!isRecord(body) || !Array.isArray(body.data)) throw garbage('without data');
  return body.data.map((entry: unknown): [number, number] => {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'number' || !Number.isFinite(entry[0]) || !Array.isArray(entry[1])) throw garbage(`with an entry that is not [time, [{count}]]: ${serverText(entry)}`);
    const counts = entry[1] as unknown[];
    const count = counts.length === 1 && isRecord(counts[0]) ? counts[0].count : undefined;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw garbage(`with a count that is not a whole number of events: ${serverText(counts)}`);
    return [entry[0], count];
  });
}

/** The sessions answer checked: intervals ISO times, each group's series one count (a whole number ≥ 0) per interval. */
function checkedSessions(body: unknown, service: Service): { intervals: number[]; groups: { by: Record<string, unknown>; series: number[] }[] } {
  const garbage = (what: string) => new ProviderError(`${describe(service)} answered sessions ${what}`, 'garbage');
  if (!isRecord(body) || !Array.isArray(body.intervals) || !Array.isArray(body.groups)) throw garbage('without intervals and groups');
  const intervals = body.intervals.map((text: unknown) => {
    const time = typeof text === 'string' ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(time)) throw garbage(`with an interval that is not a time: ${serverText(text)}`);
    return time / 1000;
  });
  const groups = body.groups.map((group: unknown) => {
    if (!isRecord(group) || !isRecord(group.by) || !isRecord(group.series)) throw garbage('with a group without by and series');
    const series = group.series[FIELD];
    if (!Array.isArray(series) || series.length !== intervals.length) throw garbage(`with a ${FIELD} series that is not one count per interval`);
    for (const value of series) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw garbage(`with a count that is not a whole number of sessions: ${serverText(value)}`);
    }
    return { by: group.by, series: series as number[] };
  });
  return { intervals, groups };
}
