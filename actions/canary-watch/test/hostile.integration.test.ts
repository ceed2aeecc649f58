import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAction, textOutsideMasks, type ActionRun } from '@roadstop/testing';
import { expectOutcome } from './expect-outcome.js';
import { prometheus, startMetricsFake, type FakeAnswer, type FakeRequest, type MetricsFake, type Samples } from './metrics-fake.js';

// Issue 17's hostile probe, held as a table: the BUILT action (node scripts/build.mjs canary-watch) against a
// metrics service on loopback that misbehaves. Every case ends in the right decision, or in one error line that
// names the input and the service; never a stack trace, never a secret outside its ::add-mask:: line.

const ERRORS = `- name: errors
  type: error-rate
  errors: errors{v="{{target}}"}
  requests: requests{v="{{target}}"}
  alert: 1%
  rollback: 5%
`;
const LATENCY = `- name: latency
  type: latency
  unit: milliseconds
  query: latency{v="{{target}}"}
  rollback: 500ms
`;
const TOKEN = 'tok-Secret-4242-abcd';
const API_KEY = 'key-Secret-5151-efgh';
const PASSWORD = 'pw-Secret-7373-ijkl';
const DD_API = 'ddapi-Secret-8181-mnop';
const DD_APP = 'ddapp-Secret-9191-qrst';
const SECRETS = [TOKEN, API_KEY, PASSWORD, DD_API, DD_APP, Buffer.from(`watch:${PASSWORD}`).toString('base64')];

const healthy: Record<string, Samples> = { errors: () => '1', requests: () => '1000', latency: () => '200' };

interface Case {
  name: string;
  inputs?: Record<string, string>;
  answer?: (fake: MetricsFake, other: MetricsFake) => (request: FakeRequest) => FakeAnswer;
  decision?: 'promote' | 'rollback' | 'inconclusive';
  /** The one error annotation, for a run that stops before deciding. */
  error?: RegExp;
  /** Also somewhere in the log (the decision's reason, a look's failure). */
  log?: RegExp;
  masked?: string[];
  check?: (run: ActionRun, fake: MetricsFake, other: MetricsFake) => void;
}

const echoAuthorization = (status: number) => (request: FakeRequest): FakeAnswer => ({
  status,
  body: { status: 'error', errorType: 'internal', error: `rejected Authorization: ${String(request.headers.authorization)}; x-api-key: ${String(request.headers['x-api-key'])}` },
});

/** The http provider's endpoint: `?f=errors` answers `{"value": <errors>}`, `?f=requests` 1000. */
const jsonEndpoint = (errors: unknown) => (): ((request: FakeRequest) => FakeAnswer) => (request) => ({ body: { value: request.params.get('f') === 'errors' ? errors : 1000 } });
const HTTP_METRICS = (url: string, path = '$.value') => `- name: errors
  type: error-rate
  errors: ${url}/m?v={{target}}&f=errors
  requests: ${url}/m?v={{target}}&f=requests
  path: ${path}
  rollback: 5%
`;

const CASES: Case[] = [
  { name: 'a healthy canary (the control): promote', decision: 'promote' },
  {
    name: 'errors answer NaN every interval: inconclusive, naming the query',
    answer: () => prometheus({ ...healthy, errors: () => 'NaN' }),
    decision: 'inconclusive',
    log: /no data over the whole watch from metric 'errors' errors \(errors\{v="canary"\}\)/,
  },
  { name: 'errors answer +Inf: the looks fail, never promote', answer: () => prometheus({ ...healthy, errors: () => '+Inf' }), decision: 'inconclusive', log: /metric 'errors' errors for canary: the value at \S+ is \+Inf, not a finite number/ },
  {
    name: 'errors match no series for the whole watch (a label typo): inconclusive, naming the query',
    answer: () => prometheus({ ...healthy, errors: () => undefined }),
    decision: 'inconclusive',
    log: /no data over the whole watch from metric 'errors' errors \(errors\{v="canary"\}\): a missing series is not zero/,
  },
  {
    name: 'errors 0.5 s after requests, 50% errors: aligned on the interval grid, rollback',
    inputs: { interval: '2s', duration: '4s' },
    answer: () => prometheus({ ...healthy, errors: () => '500' }, { errors: 0.5 }),
    decision: 'rollback',
    log: /errors failed 1 look in a row: error rate 50\.0%/,
  },
  { name: 'a counter reset (negative errors) is refused, never summed', answer: () => prometheus({ ...healthy, errors: () => '-300' }), decision: 'inconclusive', log: /negative \(-300\): a counter reset\?/ },
  { name: 'a negative latency is refused', inputs: { metrics: ERRORS + LATENCY }, answer: () => prometheus({ ...healthy, latency: () => '-5' }), decision: 'inconclusive', log: /metric 'latency' query for canary: the value at \S+ is negative \(-5\)/ },
  {
    name: 'two pods at 300 ms without an aggregate: an error naming the metric and the series count, not 600 ms',
    inputs: { metrics: ERRORS + LATENCY },
    answer: () => prometheus({ ...healthy, latency: () => ['300', '300'] }),
    decision: 'inconclusive',
    log: /metric 'latency' query for canary: the query returned 2 series \(\{v="canary", pod="pod-0"\}/,
  },
  { name: 'two pods at 300 ms with aggregate: max: promote', inputs: { metrics: `${ERRORS + LATENCY}  aggregate: max\n` }, answer: () => prometheus({ ...healthy, latency: () => ['300', '300'] }), decision: 'promote' },
  { name: 'interval 1ms is refused', inputs: { interval: '1ms', duration: '20ms' }, error: /input 'interval': '1ms' is shorter than 1s/ },
  { name: 'duration 20ms is refused', inputs: { interval: '1s', duration: '20ms' }, error: /input 'duration': '20ms' is shorter than 1s/ },
  { name: 'an interval past 2^31 ms is refused, not a timer overflow', inputs: { interval: '600h', duration: '600h' }, error: /input 'interval': '600h' is longer than 6h/ },
  {
    name: 'answers slower than the interval: each look gives up at its timeout, the watch ends on its deadline',
    inputs: { interval: '1s', duration: '2s' },
    answer: () => (request) => (request.path === '/api/v1/query_range' ? { ...prometheus(healthy)(request), delayMs: 8000 } : prometheus(healthy)(request)),
    decision: 'inconclusive',
    log: /no answer within 1s/,
  },
  {
    name: 'a 500 that echoes the token and the API key: redacted everywhere, masked first',
    inputs: { token: TOKEN, 'http-headers': `X-Api-Key: ${API_KEY}\nX-Team: web` },
    answer: () => (request) => (request.path === '/api/v1/query_range' ? echoAuthorization(500)(request) : prometheus(healthy)(request)),
    decision: 'inconclusive',
    log: /Prometheus \(prometheus-url\) is failing: HTTP 500: internal: rejected Authorization: Bearer \*\*\*; x-api-key: \*\*\*/,
    masked: [TOKEN, API_KEY],
  },
  { name: 'a token Prometheus refuses (401)', inputs: { token: TOKEN }, answer: () => echoAuthorization(401), error: /Prometheus \(prometheus-url\) refused the request: HTTP 401/, masked: [TOKEN] },
  { name: 'rate limited (429 with Retry-After)', answer: () => () => ({ status: 429, headers: { 'retry-after': '30' }, raw: 'slow down' }), error: /Prometheus \(prometheus-url\) is rate limiting: HTTP 429 \(Retry-After 30\)/ },
  { name: 'an outage (503)', answer: () => () => ({ status: 503, raw: '<html>Service Unavailable</html>' }), error: /Prometheus \(prometheus-url\) is failing: HTTP 503/ },
  { name: 'garbage (an HTML page with 200)', answer: () => () => ({ raw: '<html>login</html>' }), error: /Prometheus \(prometheus-url\) answered HTTP 200 with something that is not JSON/ },
  { name: 'garbage (a JSON list)', answer: () => () => ({ body: [1, 2] }), error: /Prometheus \(prometheus-url\) answered HTTP 200 with JSON that is not an API answer/ },
  {
    name: 'a redirect to another origin: refused, the headers never sent there',
    inputs: { token: TOKEN, 'http-headers': `X-Api-Key: ${API_KEY}` },
    answer: (_fake, other) => (request) => ({ status: 302, headers: { location: `${other.url.replace('127.0.0.1', 'localhost')}${request.path}?${request.params.toString()}` } }),
    error: /Prometheus \(prometheus-url\) redirected to another origin, http:\/\/localhost:\d+: refused/,
    check: (_run, _fake, other) => expect(other.requests).toEqual([]),
  },
  {
    name: 'a redirect within the origin is followed',
    inputs: { 'prometheus-url': 'OLD' },
    answer: () => (request) => (request.path.startsWith('/old/') ? { status: 307, headers: { location: `${request.path.slice(4)}?${request.params.toString()}` } } : prometheus(healthy)(request)),
    decision: 'promote',
  },
  {
    name: 'credentials in prometheus-url: sent as Basic auth, masked and redacted',
    inputs: { 'prometheus-url': 'CREDENTIALS' },
    answer: () => (request) => (request.path === '/api/v1/query_range' ? echoAuthorization(502)(request) : prometheus(healthy)(request)),
    decision: 'inconclusive',
    log: /rejected Authorization: Basic \*\*\*/,
    masked: [PASSWORD],
    check: (_run, fake) => expect(fake.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`watch:${PASSWORD}`).toString('base64')}`),
  },
  { name: 'an invalid header name blames http-headers', inputs: { 'http-headers': `X Api Key: ${API_KEY}` }, error: /input 'http-headers': line 1: 'X Api Key' is not a header name/, masked: [API_KEY] },
  { name: 'a token with a newline blames token', inputs: { token: `${TOKEN}\nsecond-line` }, error: /input 'token': holds a line break or a control character/, masked: [TOKEN] },
  ...[null, [], false, ''].map(
    (value): Case => ({
      name: `the http provider reads ${JSON.stringify(value)} for errors: not a number, never 0`,
      inputs: { provider: 'http', 'prometheus-url': '', metrics: 'HTTP' },
      answer: jsonEndpoint(value),
      decision: 'inconclusive',
      log: /metric 'errors': the JSONPath \$\.value found .* at the endpoint http:\/\/127\.0\.0\.1:\d+, not a number/,
    }),
  ),
  {
    name: 'a JSONPath filter script is refused as the metric’s mistake',
    inputs: { provider: 'http', 'prometheus-url': '', metrics: 'HTTP-SCRIPT' },
    answer: jsonEndpoint(1),
    error: /input 'metrics'.*metric 'errors': the JSONPath \$\.\.\[\?\(@\.value\)\] holds a script/,
  },
  {
    name: 'Datadog refusing the keys (403, echoing them): masked, redacted, named',
    inputs: { provider: 'datadog', 'prometheus-url': '', 'datadog-site': 'FAKE', 'datadog-api-key': DD_API, 'datadog-app-key': DD_APP },
    // Datadog's errors are {"errors": ["..."]}: https://docs.datadoghq.com/api/latest/metrics/#query-timeseries-points
    answer: () => (request) => ({ status: 403, body: { errors: [`Forbidden: ${String(request.headers['dd-api-key'])} / ${String(request.headers['dd-application-key'])}`] } }),
    error: /Datadog \(datadog-site\) refused the request: HTTP 403/,
    masked: [DD_API, DD_APP],
  },
];

describe('canary-watch against a misbehaving metrics service (the built action)', () => {
  let folder: string;
  let fake: MetricsFake;
  let other: MetricsFake;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'roadstop-canary-hostile-'));
    [fake, other] = await Promise.all([startMetricsFake(), startMetricsFake()]);
  });
  afterAll(async () => {
    await Promise.all([fake?.close(), other?.close()]);
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(() => {
    fake.requests.length = 0;
    other.requests.length = 0;
  });

  it.each(CASES)('$name', async (hostile) => {
    fake.answer = hostile.answer?.(fake, other) ?? prometheus(healthy);
    other.answer = prometheus(healthy);
    const report = join(folder, `${CASES.indexOf(hostile)}.json`);
    const inputs: Record<string, string> = { 'prometheus-url': fake.url, interval: '1s', duration: '3s', metrics: ERRORS, report, upload: 'never', ...hostile.inputs };
    if (inputs['prometheus-url'] === 'OLD') inputs['prometheus-url'] = `${fake.url}/old`;
    if (inputs['prometheus-url'] === 'CREDENTIALS') inputs['prometheus-url'] = fake.url.replace('http://', `http://watch:${PASSWORD}@`);
    if (inputs['prometheus-url'] === '') delete inputs['prometheus-url'];
    if (inputs['datadog-site'] === 'FAKE') inputs['datadog-site'] = fake.url;
    if (inputs.metrics === 'HTTP') inputs.metrics = HTTP_METRICS(fake.url);
    if (inputs.metrics === 'HTTP-SCRIPT') inputs.metrics = HTTP_METRICS(fake.url, '$..[?(@.value)]');

    const run = await runAction({ action: 'canary-watch', workspace: folder, inputs, timeoutMs: 30_000 });
    const log = expectOutcome(run, hostile);
    if (hostile.error) expect(log).not.toMatch(/look 1\//);
    for (const secret of hostile.masked ?? []) expect(run.masked).toContain(secret);
    // Masked first: no other line (a config error quoting an input, a progress line) comes before a mask.
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    const masks = lines.map((line, index) => (line.startsWith('::add-mask::') ? index : -1)).filter((index) => index >= 0);
    expect(masks).toEqual(masks.map((_, index) => index));
    // The runner masks what ::add-mask:: registered; roadstop must not lean on it: no secret in any other line or file.
    const outside = textOutsideMasks(run, report);
    for (const secret of SECRETS) expect(outside).not.toContain(secret);
    hostile.check?.(run, fake, other);
  });

  it('a header value given in the config file (not an input) is masked before the run, and redacted', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-canary-config-header-'));
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/roadstop.yml'), `canary-watch:\n  http-headers: "X-Api-Key: ${API_KEY}"\n`);
    fake.answer = (request) => (request.path === '/api/v1/query_range' ? echoAuthorization(500)(request) : prometheus(healthy)(request));
    const report = join(workspace, 'report.json');
    const run = await runAction({ action: 'canary-watch', workspace, inputs: { 'prometheus-url': fake.url, interval: '1s', duration: '3s', metrics: ERRORS, report, upload: 'never' }, timeoutMs: 30_000 });
    // The header was sent: the config's value is the one in use.
    expect(fake.requests.some((request) => request.headers['x-api-key'] === API_KEY)).toBe(true);
    expect(run.masked).toContain(API_KEY);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines.findIndex((line) => line.startsWith('::add-mask::') && line.includes(API_KEY))).toBeLessThan(lines.findIndex((line) => !line.startsWith('::add-mask::')));
    expect(textOutsideMasks(run, report)).not.toContain(API_KEY);
    await rm(workspace, { recursive: true, force: true });
  });
});
