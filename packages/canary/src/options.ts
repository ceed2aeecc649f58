import { ConfigSection, ConfigurationError, givenInput, parseNumber, parseSectionList, rejectUnsafeUrlText, type ErrorLocation, type InputDefinition, type OptionDefinitions, rangeOf } from '@roadstop/core';
import type { GateOptionsBase } from '@roadstop/core';
import { jsonPathPackage } from './jsonpath-package.cjs';

export const GATE = 'canary-watch';

export const INPUT_NAMES = [
  'provider',
  'prometheus-url',
  'http-headers',
  'token',
  'datadog-site',
  'datadog-api-key',
  'datadog-app-key',
  'sentry-url',
  'sentry-org',
  'sentry-project',
  'sentry-environment',
  'sentry-source',
  'sentry-token',
  'interval',
  'duration',
  'canary-label',
  'baseline-label',
  'baseline-window',
  'metrics',
  'failure-limit',
  'consecutive-successes',
  'max-consecutive-errors',
  'on-provider-error',
  'false-rollback-rate',
  'fail-on',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];
export type RawInputs = Partial<Record<InputName, string>>;

export const PROVIDERS = ['prometheus', 'http', 'datadog', 'sentry'] as const;
export type ProviderName = (typeof PROVIDERS)[number];
export const METRIC_TYPES = ['error-rate', 'latency', 'value'] as const;
export type Decision = 'promote' | 'rollback' | 'inconclusive';
export const AGGREGATES = ['sum', 'max', 'mean'] as const;

/** Shortest interval: a look a second is already more than any metrics backend resolves. */
export const MIN_INTERVAL_MS = 1000;
/** Longest watch: GitHub ends a job after 6 hours, and 6 h is well inside setTimeout's 2^31-1 ms. */
export const MAX_DURATION_MS = 6 * 3_600_000;

export interface MetricSpec {
  name: string;
  type: (typeof METRIC_TYPES)[number];
  /** error-rate: the two count queries; latency and value: `query`. */
  errors?: string;
  requests?: string;
  /** latency read from histogram buckets: the count of requests slower than `threshold`, judged with `requests` as count data. */
  slower?: string;
  /** latency from buckets: the threshold `slower` counts past, in `unit` (for messages). */
  threshold?: number;
  /** max-increase given as a ratio (`1.5x`): the canary's rate may be up to (1 + maxIncrease) × the baseline's. */
  relativeIncrease?: boolean;
  /** A count query whose range selector spans this many intervals (allow-overlap: true): each request is counted that often. */
  overlapFactor?: number;
  query?: string;
  /** http provider: JSONPath of the number in each response. */
  path: string;
  /** How several series of one query combine; absent: several series are an error, never summed unasked. */
  aggregate?: (typeof AGGREGATES)[number];
  /** error-rate and latency from buckets: fractions (0.01 = 1%); latency: milliseconds; value: the metric's own unit. */
  alert?: number;
  rollback?: number;
  /** error-rate: percentage points over the baseline (0.01); latency and value: relative (0.2 = 20%). */
  maxIncrease: number;
  direction: 'higher-is-worse' | 'lower-is-worse';
  /** error-rate: requests; latency and value: intervals with a value. */
  minSamples: number;
  critical: boolean;
  /** latency: what the query returns (Prometheus histograms are in seconds). */
  unit: 'seconds' | 'milliseconds';
  where: ErrorLocation;
}

export interface CanaryWatchOptions extends GateOptionsBase {
  provider: ProviderName;
  /** Without the credentials it may have been given with: those are in `basicAuth`. */
  prometheusUrl?: string;
  /** `user:password` from the prometheus-url, sent as Authorization: Basic (a secret). */
  basicAuth?: string;
  /** Datadog: the API's base URL and the two keys (secrets: masked, kept out of the result). */
  datadog?: { url: string; apiKey: string; appKey: string };
  /** Sentry's release health: the API's base URL, the organization, the project (ID or slug), an environment, the token (a secret). */
  sentry?: SentryOptions;
  headers: Record<string, string>;
  token?: string;
  intervalMs: number;
  durationMs: number;
  canaryLabel: string;
  baselineLabel?: string;
  /** The baseline read once, over this long before the watch started (the stable version before traffic moved: the 100% step). */
  baselineWindowMs?: number;
  metrics: MetricSpec[];
  /** Said at the start of the watch (overlapping windows of a query). */
  notices?: string[];
  failureLimit: number;
  consecutiveSuccesses: number;
  maxConsecutiveErrors: number;
  onProviderError: 'inconclusive' | 'rollback';
  /** The false-rollback budget over the whole watch, shared by the metrics. */
  falseRollbackRate: number;
  decisionFailOn: 'rollback' | 'inconclusive';
}

/** What the sentry provider counts: release health's sessions (the default), or error events where sessions are not collected. */
export const SENTRY_SOURCES = ['sessions', 'events'] as const;
export type SentrySource = (typeof SENTRY_SOURCES)[number];

export interface SentryOptions {
  url: string;
  org: string;
  project: string;
  environment?: string;
  token: string;
  source: SentrySource;
}

/**
 * With provider sentry and no metrics, per sentry-source, at alert 1%, rollback 5%, 1 percentage point over stable.
 * sessions: the playbook's one metric, the sessions' error rate per release (errored + crashed + abnormal over all
 * sessions). events: error events per transaction of the release (errors per request, from the performance data the
 * SDK sends). Error events are not a rate on their own, and a count per minute would move with the canary's share of
 * traffic; transactions are the requests they happened in.
 */
const SENTRY_DEFAULT_METRICS: Record<SentrySource, { name: string; errors: string; requests: string }> = {
  sessions: { name: 'session-error-rate', errors: 'release:{{target}} session.status:errored,crashed,abnormal', requests: 'release:{{target}}' },
  events: { name: 'event-error-rate', errors: 'release:{{target}} event.type:error', requests: 'release:{{target}} event.type:transaction' },
};

const TEXT = { type: 'string-or-number' } as const;

/** A metric's keys, in the config's list or the `metrics` input. */
const METRIC_OPTIONS = {
  name: { type: 'string', description: 'Unique name of the metric, shown in the report.' },
  type: { type: 'string', enum: METRIC_TYPES, description: 'error-rate (errors and requests), latency (query, or slower, requests and threshold from histogram buckets) or value (query).' },
  errors: { type: 'string', description: 'error-rate: the query counting failed requests.' },
  requests: { type: 'string', description: 'error-rate, and latency from buckets: the query counting all requests.' },
  slower: { type: 'string', description: 'latency from histogram buckets: the query counting requests slower than threshold (the count minus the bucket le=threshold).' },
  threshold: { ...TEXT, description: 'latency from buckets: the duration slower counts past, e.g. 300ms.' },
  'allow-overlap': { type: 'boolean', default: false, description: 'A count query whose range selector is longer than interval: divide the counts by the overlap instead of refusing the query.' },
  query: { type: 'string', description: 'latency and value: the query; {{label}} and {{window}} are filled in.' },
  path: { type: 'string', default: '$', description: 'http provider: JSONPath of the number in the answer.' },
  aggregate: { type: 'string', enum: AGGREGATES, description: 'How several series of one query combine: sum, max or mean; absent, several series are an error.' },
  alert: { ...TEXT, description: 'Warns above this (error-rate: a fraction or %, latency: a duration).' },
  rollback: { ...TEXT, description: 'Rolls back above this (error-rate: a fraction or %, latency: a duration).' },
  'max-increase': { ...TEXT, description: 'Largest increase against the baseline: percentage points for rates (1%), or a ratio such as 1.5x.' },
  direction: { type: 'string', enum: ['higher-is-worse', 'lower-is-worse'], default: 'higher-is-worse', description: 'Which way is worse (value metrics must say).' },
  'min-samples': { type: 'number', minimum: 1, integer: true, description: 'Samples needed before the metric is judged.' },
  critical: { type: 'boolean', default: true, description: 'Whether breaching it rolls back (false: only warns).' },
  unit: { type: 'string', enum: ['seconds', 'milliseconds'], description: 'The unit the query answers in (latency: default seconds).' },
} as const satisfies OptionDefinitions;

/** The `canary-watch:` section's keys (every input but the secrets): checked by the config file, written into the JSON Schema. */
export const CANARY_WATCH_OPTIONS = {
  provider: { type: 'string', enum: PROVIDERS, default: 'prometheus' },
  'prometheus-url': TEXT,
  'http-headers': TEXT,
  'datadog-site': TEXT,
  interval: { ...TEXT, default: '60s' },
  duration: { ...TEXT, default: '15m' },
  'canary-label': { ...TEXT, default: 'canary' },
  'baseline-label': TEXT,
  'baseline-window': TEXT,
  metrics: { type: 'list', keys: METRIC_OPTIONS },
  'failure-limit': TEXT,
  'consecutive-successes': TEXT,
  'max-consecutive-errors': TEXT,
  'on-provider-error': { type: 'string', enum: ['inconclusive', 'rollback'], default: 'inconclusive' },
  'false-rollback-rate': TEXT,
  'fail-on': { type: 'string', enum: ['rollback', 'inconclusive'], default: 'rollback' },
  'sentry-url': { ...TEXT, default: 'https://sentry.io' },
  'sentry-org': TEXT,
  'sentry-project': TEXT,
  'sentry-environment': TEXT,
  'sentry-source': { type: 'string', enum: SENTRY_SOURCES, default: 'sessions' },
  'artifact-name': { type: 'string' },
} as const satisfies OptionDefinitions;

/** The inputs the edge masks before anything runs: the keys whole, of the headers their values, of a URL its credentials. */
export const INPUT_DEFINITIONS: Partial<Record<InputName, InputDefinition>> = {
  token: { secret: true },
  'datadog-api-key': { secret: true },
  'datadog-app-key': { secret: true },
  'http-headers': { secret: true, secretParts: headerValues },
  'prometheus-url': { secret: true, secretParts: urlCredentials },
  'datadog-site': { secret: true, secretParts: urlCredentials },
  'sentry-token': { secret: true },
  'sentry-url': { secret: true, secretParts: urlCredentials },
};

/** Every secret the options hold, to be kept out of the log, the errors and the result. */
export function secretsOf(options: CanaryWatchOptions): string[] {
  const secrets = Object.values(options.headers);
  if (options.token !== undefined) secrets.push(options.token);
  if (options.datadog) secrets.push(options.datadog.apiKey, options.datadog.appKey);
  if (options.sentry) secrets.push(options.sentry.token);
  if (options.basicAuth !== undefined) {
    secrets.push(options.basicAuth, Buffer.from(options.basicAuth).toString('base64'));
    secrets.push(...options.basicAuth.split(':'));
  }
  return secrets;
}

/** Merge the config's `canary-watch:` section with the inputs; an input, when given, wins. Every mistake is found here, before any watching. */
export function resolveCanaryWatchOptions(section: ConfigSection, inputs: RawInputs, workspace: string): CanaryWatchOptions {
  section.rejectUnknown(Object.keys(CANARY_WATCH_OPTIONS));
  const given = (name: InputName) => givenInput(inputs, name);
  const from = (name: InputName): ErrorLocation => (given(name) !== undefined ? { input: name } : section.locate(name));
  // An input, else the config's key, else the key's default in CANARY_WATCH_OPTIONS.
  const text = (name: InputName): string | undefined => {
    const value = given(name) ?? section.stringOrNumber(name) ?? (CANARY_WATCH_OPTIONS as Record<string, { default?: string | number }>)[name]?.default;
    return value === undefined ? undefined : String(value);
  };
  const choice = <T extends string>(name: InputName, allowed: readonly T[], message?: (value: string) => string, hint?: string): T => {
    const value = text(name)!;
    if (!(allowed as readonly string[]).includes(value)) {
      throw new ConfigurationError(message?.(value) ?? `'${value}' is not one of ${allowed.join(', ')}`, from(name), hint);
    }
    return value as T;
  };

  const provider = choice('provider', PROVIDERS, (value) => `unknown provider '${value}'`, 'use prometheus, http, datadog or sentry');
  const prometheusUrl = text('prometheus-url');
  if (provider === 'prometheus') {
    if (prometheusUrl === undefined) throw new ConfigurationError('provider prometheus needs prometheus-url', from('prometheus-url'), 'e.g. http://prometheus:9090 (Thanos, Mimir and VictoriaMetrics serve the same API)');
    checkUrl(prometheusUrl, from('prometheus-url'));
  }
  const prometheus = prometheusUrl === undefined ? undefined : withoutCredentials(prometheusUrl);

  let datadog: CanaryWatchOptions['datadog'];
  if (provider === 'datadog') {
    const site = text('datadog-site') ?? 'datadoghq.com';
    const url = site.includes('://') ? site.replace(/\/+$/, '') : `https://api.${site}`;
    const { username, password } = checkUrl(url, from('datadog-site'));
    if (username !== '' || password !== '') throw new ConfigurationError('the Datadog site takes no credentials in its URL', from('datadog-site'), 'give the keys as datadog-api-key and datadog-app-key');
    const apiKey = given('datadog-api-key');
    const appKey = given('datadog-app-key');
    if (apiKey === undefined || appKey === undefined) {
      throw new ConfigurationError('provider datadog needs datadog-api-key and datadog-app-key', { input: apiKey === undefined ? 'datadog-api-key' : 'datadog-app-key' }, 'pass them from secrets: ${{ secrets.DD_API_KEY }}');
    }
    checkHeaderValue(apiKey, 'datadog-api-key');
    checkHeaderValue(appKey, 'datadog-app-key');
    datadog = { url, apiKey, appKey };
  }

  let sentry: SentryOptions | undefined;
  if (provider === 'sentry') {
    const url = text('sentry-url')!.replace(/\/+$/, '');
    const { username, password } = checkUrl(url, from('sentry-url'));
    if (username !== '' || password !== '') throw new ConfigurationError('the Sentry URL takes no credentials', from('sentry-url'), 'give the auth token as sentry-token');
    const slug = (name: 'sentry-org' | 'sentry-project'): string => {
      const value = text(name);
      if (value === undefined) throw new ConfigurationError(`provider sentry needs ${name}`, from(name), name === 'sentry-org' ? 'the organization slug, as in https://sentry.io/organizations/<slug>/' : 'the project slug or its numeric ID');
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(value)) throw new ConfigurationError(`'${value.slice(0, 100)}' is not a Sentry slug or ID`, from(name), 'letters, digits, - _ and .');
      return value;
    };
    const org = slug('sentry-org');
    const project = slug('sentry-project');
    const token = given('sentry-token');
    if (token === undefined) throw new ConfigurationError('provider sentry needs sentry-token', { input: 'sentry-token' }, 'an auth token with the org:read and project:read scopes, from secrets: ${{ secrets.SENTRY_TOKEN }}');
    checkHeaderValue(token, 'sentry-token');
    const source = choice('sentry-source', SENTRY_SOURCES, (value) => `'${value.slice(0, 40)}' is not a Sentry source`, 'sessions (release health, the default) or events (error events per transaction, where sessions are not collected)');
    sentry = { url, org, project, token, source };
    const environment = text('sentry-environment');
    if (environment !== undefined) sentry.environment = environment;
  }

  const intervalMs = boundedDuration(text('interval')!, from('interval'));
  const durationMs = boundedDuration(text('duration')!, from('duration'));
  if (durationMs < intervalMs) {
    throw new ConfigurationError(`duration ${text('duration')} is shorter than interval ${text('interval')}`, from('duration'), 'the watch looks once every interval over the duration: make the duration at least one interval');
  }

  const metricsInput = given('metrics');
  const metricSections = metricsInput !== undefined ? inputMetricSections(metricsInput) : section.sections('metrics');
  if (metricSections.length === 0 && sentry) metricSections.push(...inputMetricSections(sentryDefaultMetric(sentry.source)));
  if (metricSections.length === 0) {
    throw new ConfigurationError('no metrics to watch', metricsInput !== undefined ? { input: 'metrics' } : { input: 'metrics', ...section.locate() }, 'give the input metrics (a YAML list) or canary-watch.metrics in the config');
  }
  const notices: string[] = [];
  const metrics = metricSections.map((metric) => parseMetric(metric, provider, intervalMs, notices));
  const twin = metrics.find((metric, index) => metrics.findIndex((other) => other.name === metric.name) !== index);
  if (twin) throw new ConfigurationError(`two metrics are named '${twin.name}'`, twin.where);

  const headers = parseHeaders(text('http-headers'), from('http-headers'));
  const token = given('token');
  if (token !== undefined) checkHeaderValue(token, 'token');
  const rate = text('false-rollback-rate');
  const falseRollbackRate = rate === undefined ? 0.005 : parseFraction(rate, from('false-rollback-rate'));
  if (falseRollbackRate <= 0 || falseRollbackRate >= 0.5) throw new ConfigurationError('must be above 0% and below 50%', from('false-rollback-rate'), 'e.g. 0.5%');

  const onProviderError = choice('on-provider-error', CANARY_WATCH_OPTIONS['on-provider-error'].enum);
  const failOn = choice('fail-on', CANARY_WATCH_OPTIONS['fail-on'].enum, undefined, 'rollback (default) fails the step on a rollback; inconclusive fails it on anything but promote');
  const baselineLabel = text('baseline-label');
  const baselineWindow = text('baseline-window');
  const baselineWindowMs = baselineWindow === undefined ? undefined : boundedDuration(baselineWindow, from('baseline-window'));
  if (baselineWindowMs !== undefined && baselineLabel === undefined) {
    throw new ConfigurationError('baseline-window needs baseline-label', from('baseline-window'), "baseline-label names the stable version whose series are read over the window before the watch");
  }
  const options: CanaryWatchOptions = {
    workspace,
    failOn: 'fail',
    baseline: { kind: 'none' },
    provider,
    headers,
    intervalMs,
    durationMs,
    canaryLabel: text('canary-label')!,
    metrics,
    failureLimit: count(text('failure-limit'), from('failure-limit'), 1, 1),
    consecutiveSuccesses: count(text('consecutive-successes'), from('consecutive-successes'), 0, 0),
    maxConsecutiveErrors: count(text('max-consecutive-errors'), from('max-consecutive-errors'), 3, 1),
    onProviderError,
    falseRollbackRate,
    decisionFailOn: failOn,
  };
  if (prometheus !== undefined) options.prometheusUrl = prometheus.url.replace(/\/+$/, '');
  if (prometheus?.credentials !== undefined) options.basicAuth = prometheus.credentials;
  if (token !== undefined) options.token = token;
  if (datadog) options.datadog = datadog;
  if (sentry) options.sentry = sentry;
  if (baselineLabel !== undefined) options.baselineLabel = baselineLabel;
  if (baselineWindowMs !== undefined) options.baselineWindowMs = baselineWindowMs;
  if (notices.length > 0) options.notices = notices;
  return options;
}

/** The default metric as the metrics input would write it, so it is parsed (and its minimum samples derived) like any other. */
function sentryDefaultMetric(source: SentrySource): string {
  const metric = SENTRY_DEFAULT_METRICS[source];
  return `- name: ${metric.name}\n  type: error-rate\n  errors: '${metric.errors}'\n  requests: '${metric.requests}'\n  alert: 0.01\n  rollback: 0.05\n  max-increase: 0.01\n`;
}

/** The `metrics` input: a YAML list, its errors located by line in the input. */
function inputMetricSections(text: string): ConfigSection[] {
  return parseSectionList(text, { key: 'metrics', file: "input 'metrics'", where: { input: 'metrics' }, expected: 'must be a YAML list of metrics (- name: ...)' });
}

function parseMetric(metric: ConfigSection, provider: ProviderName, intervalMs: number, notices: string[]): MetricSpec {
  metric.rejectUnknown(Object.keys(METRIC_OPTIONS));
  const name = metric.string('name');
  if (name === undefined || name.trim() === '') throw new ConfigurationError('a metric needs a name', metric.locate());
  const type = metric.oneOf('type', METRIC_TYPES);
  if (type === undefined) throw new ConfigurationError(`metric '${name}' needs a type`, metric.locate('name'), `type: ${METRIC_TYPES.join(' | ')}`);
  const where = metric.locate('name');
  const spec: MetricSpec = {
    name,
    type,
    path: metric.string('path') ?? '$',
    maxIncrease: 0,
    direction: metric.oneOf('direction', ['higher-is-worse', 'lower-is-worse']) ?? 'higher-is-worse',
    minSamples: 0,
    critical: metric.boolean('critical') ?? true,
    unit: metric.oneOf('unit', ['seconds', 'milliseconds']) ?? (type === 'latency' ? 'seconds' : 'milliseconds'),
    where,
  };
  const counted = type === 'latency' && metric.has('slower');
  const counts = type === 'error-rate' || counted;
  if (counts) {
    for (const key of [counted ? 'slower' : 'errors', 'requests'] as const) {
      const query = metric.string(key);
      if (query === undefined) {
        const hint = counted
          ? 'slower: the count of requests slower than the threshold (count minus the bucket le=threshold); requests: the count of all'
          : 'an error rate is judged from two counts, errors and requests, never from a ratio alone';
        throw new ConfigurationError(`metric '${name}' of type ${counted ? 'latency read from buckets' : type} needs '${key}'`, metric.locate(), hint);
      }
      spec[key] = query;
    }
  }
  if (counted) {
    const threshold = metric.stringOrNumber('threshold');
    if (threshold === undefined) throw new ConfigurationError(`metric '${name}': slower needs the threshold it counts past`, metric.locate('slower'), 'threshold: 300ms (the le of the bucket the query subtracts)');
    spec.threshold = parseDuration(String(threshold), metric.locate('threshold'), true) / (spec.unit === 'seconds' ? 1000 : 1);
  }
  if (counts && metric.has('query')) {
    throw new ConfigurationError(`metric '${name}' ${counted ? 'read from buckets' : 'of type error-rate'} takes ${counted ? 'slower' : 'errors'} and requests, not query`, metric.locate('query'));
  } else if (!counts) {
    if (metric.has('threshold')) throw new ConfigurationError(`metric '${name}': threshold goes with slower (latency from histogram buckets)`, metric.locate('threshold'));
    const query = metric.string('query');
    if (query === undefined) throw new ConfigurationError(`metric '${name}' of type ${type} needs 'query'`, metric.locate());
    spec.query = query;
    if (type === 'value' && !metric.has('direction')) throw new ConfigurationError(`metric '${name}' of type value needs a direction`, metric.locate(), 'direction: higher-is-worse | lower-is-worse');
  }
  const threshold = (key: 'alert' | 'rollback'): number | undefined => {
    const value = metric.stringOrNumber(key);
    if (value === undefined) return undefined;
    if (counts) return parseFraction(String(value), metric.locate(key));
    if (type === 'latency') return parseDuration(String(value), metric.locate(key), true);
    return parseNumber(value, metric.locate(key), {});
  };
  const alert = threshold('alert');
  const rollback = threshold('rollback');
  if (alert !== undefined && rollback !== undefined) {
    const wrong = spec.direction === 'higher-is-worse' ? alert > rollback : alert < rollback;
    if (wrong) {
      throw new ConfigurationError(`metric '${name}': alert ${metric.stringOrNumber('alert')} is ${spec.direction === 'higher-is-worse' ? 'above' : 'below'} rollback ${metric.stringOrNumber('rollback')}`, metric.locate('alert'), 'the alert level comes before the rollback level');
    }
  }
  if (alert !== undefined) spec.alert = alert;
  if (rollback !== undefined) spec.rollback = rollback;
  const increase = metric.stringOrNumber('max-increase');
  const ratio = increase === undefined ? undefined : /^\s*(\d+(?:\.\d+)?)\s*x\s*$/.exec(String(increase));
  if (ratio && counts) {
    const factor = Number(ratio[1]);
    if (!(factor >= 1)) throw new ConfigurationError(`'${increase}' is below 1x`, metric.locate('max-increase'), 'a ratio form allows the canary up to that many times the baseline\'s rate, e.g. 1.5x');
    spec.maxIncrease = factor - 1;
    spec.relativeIncrease = true;
  } else {
    spec.maxIncrease = increase === undefined ? (type === 'error-rate' ? 0.01 : counted ? 0.02 : 0.2) : parseFraction(String(increase), metric.locate('max-increase'));
  }
  const overlap = provider === 'prometheus' ? overlapOf(counts ? [spec.errors ?? spec.slower!, spec.requests!] : [spec.query!], intervalMs) : 1;
  if (overlap > 1) {
    const allowed = metric.boolean('allow-overlap') === true;
    const said = `metric '${name}': its range selector spans ${overlap.toFixed(overlap % 1 === 0 ? 0 : 1)} intervals, so each look counts each request ${overlap.toFixed(overlap % 1 === 0 ? 0 : 1)} times`;
    if (counts && !allowed) {
      throw new ConfigurationError(`${said}, and the counts would claim that much more evidence than there is`, metric.locate(spec.errors !== undefined ? 'errors' : 'slower'), 'write the range as [{{interval}}], or set allow-overlap: true to have the counts divided by the factor');
    }
    if (counts) spec.overlapFactor = overlap;
    notices.push(counts ? `${said}: the counts are divided by ${overlap.toFixed(1)} (allow-overlap)` : `${said}: its intervals are not independent (the judge corrects for autocorrelation)`);
  }
  const aggregate = metric.oneOf('aggregate', AGGREGATES);
  if (aggregate !== undefined) spec.aggregate = aggregate;
  const minSamples = metric.number('min-samples', rangeOf(METRIC_OPTIONS['min-samples']));
  spec.minSamples = minSamples ?? defaultMinSamples(spec);
  if (provider === 'http' && !spec.path.startsWith('$')) throw new ConfigurationError(`'${spec.path}' is not a JSONPath`, metric.locate('path'), 'start it with $, e.g. $.data.value');
  if (provider === 'http' && hasScript(spec.path)) {
    throw new ConfigurationError(`metric '${name}': the JSONPath ${spec.path} holds a script (?(...) or (...)), which canary-watch does not run`, metric.locate('path'), 'select by names, indexes and wildcards only, e.g. $.data.canary.errors');
  }
  return spec;
}

/**
 * Count metrics need no minimum: their confidence sequences are valid from the
 * first request, and with few requests they are simply wide (zero errors in 50
 * requests confirms nothing). Sample-valued metrics need 3 intervals with a
 * value, the least a paired test with an autocorrelation estimate can use.
 */
export function defaultMinSamples(spec: Pick<MetricSpec, 'type' | 'alert' | 'rollback'> & { slower?: string }): number {
  if (spec.type === 'error-rate' || spec.slower !== undefined) return 1;
  return 3;
}

/**
 * How many intervals the longest range selector of a PromQL query spans (`increase(x[5m])` looked at every 60 s:
 * 5): above 1, consecutive looks count the same requests again. `{{interval}}` is one interval; subqueries
 * (`[5m:1m]`) count by their range.
 */
export function overlapOf(queries: readonly string[], intervalMs: number): number {
  let longest = 0;
  for (const query of queries) {
    for (const match of query.replaceAll('{{interval}}', `${Math.round(intervalMs / 1000)}s`).matchAll(/\[\s*((?:\d+(?:ms|s|m|h|d|w|y))+)\s*(?::[^\]]*)?\]/g)) {
      let ms = 0;
      for (const part of match[1]!.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) ms += Number(part[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 }[part[2] as 'ms'];
      longest = Math.max(longest, ms);
    }
  }
  return longest > intervalMs ? longest / intervalMs : 1;
}

/** `60s`, `15m`, `1h`, `500ms`; a bare number is seconds (milliseconds for latency thresholds). */
export function parseDuration(text: string, where: ErrorLocation, bareIsMs = false): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!match) throw new ConfigurationError(`'${text}' is not a duration`, where, 'write e.g. 500ms, 60s, 15m or 1h');
  const value = Number(match[1]);
  const unit = match[2] ?? (bareIsMs ? 'ms' : 's');
  const ms = value * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
  if (ms <= 0) throw new ConfigurationError(`'${text}' must be above zero`, where);
  return ms;
}

/** `5%` or a fraction such as 0.05. */
export function parseFraction(text: string, where: ErrorLocation): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(text);
  if (!match) throw new ConfigurationError(`'${text}' is not a percentage`, where, 'write e.g. 5% or 0.05');
  const value = match[2] ? Number(match[1]) / 100 : Number(match[1]);
  if (value > 1) throw new ConfigurationError(`'${text}' is above 100%`, where, 'write a percentage such as 5%');
  return value;
}

/** A duration between MIN_INTERVAL_MS and MAX_DURATION_MS. */
function boundedDuration(text: string, where: ErrorLocation): number {
  const ms = parseDuration(text, where);
  if (ms < MIN_INTERVAL_MS) throw new ConfigurationError(`'${text}' is shorter than 1s`, where, 'metrics backends resolve seconds at best: use 1s or more');
  if (ms > MAX_DURATION_MS) throw new ConfigurationError(`'${text}' is longer than 6h`, where, 'GitHub ends a job after 6 hours: watch for 6h at most');
  return ms;
}

/** JSONPath filter and script expressions, `[?(...)]` and `[(...)]`: code the answer's author would choose to run. */
function hasScript(path: string): boolean {
  try {
    return jsonPathPackage().JSONPath.toPathArray(path).some((segment) => /^\??\(/.test(segment));
  } catch {
    return true;
  }
}

function count(text: string | undefined, where: ErrorLocation, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new ConfigurationError(`'${text}' must be a whole number of at least ${min}`, where);
  return value;
}

function checkUrl(url: string, where: ErrorLocation): URL {
  rejectUnsafeUrlText(url, where);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(`'${url}' is not a URL`, where);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigurationError(`'${url}' is not an http or https URL`, where);
  return parsed;
}

/** An HTTP field name (RFC 9110 section 5.1: a token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** An HTTP field value as fetch sends it: visible Latin-1, spaces and tabs; no CR, LF or NUL. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function checkHeaderValue(value: string, input: InputName): void {
  if (!HEADER_VALUE.test(value)) throw new ConfigurationError('holds a line break or a control character', { input }, 'paste the secret alone, without a newline');
}

/** `Name: value` per line, each name an HTTP token and each value sendable. The values are never quoted in an error. */
function parseHeaders(text: string | undefined, where: ErrorLocation): Record<string, string> {
  const headers: Record<string, string> = {};
  if (text === undefined) return headers;
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new ConfigurationError(`line ${index + 1} is not 'Name: value'`, where);
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (!HEADER_NAME.test(name)) throw new ConfigurationError(`line ${index + 1}: '${name.replace(/[^\x20-\x7e]/g, '?')}' is not a header name`, where, 'a name is letters, digits and !#$%&\'*+-.^_`|~');
    if (!HEADER_VALUE.test(value)) throw new ConfigurationError(`line ${index + 1}: the value of ${name} holds a control character`, where);
    headers[name] = value;
  }
  return headers;
}

/** The values of `Name: value` lines, leniently (the edge masks them before parseHeaders judges them). */
function headerValues(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.indexOf(':') > 0)
    .map((line) => line.slice(line.indexOf(':') + 1).trim());
}

/** The user name and password of a URL, as written and decoded; none when the URL does not parse. */
function urlCredentials(text: string): string[] {
  try {
    const { username, password } = new URL(text.trim());
    return [username, password, safeDecode(username), safeDecode(password)].filter((part) => part !== '');
  } catch {
    return [];
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** fetch refuses a URL with credentials: they travel as Authorization: Basic instead. */
function withoutCredentials(text: string): { url: string; credentials?: string } {
  const url = new URL(text);
  if (url.username === '' && url.password === '') return { url: text };
  const credentials = `${safeDecode(url.username)}:${safeDecode(url.password)}`;
  url.username = '';
  url.password = '';
  return { url: url.toString(), credentials };
}
