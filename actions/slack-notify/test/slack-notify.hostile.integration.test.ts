import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, startFakeSlack, startForwardProxy, workflowCommands, type ActionRun, type FakeSlack, type FakeSlackAnswer, type FakeSlackRequest } from '@roadstop/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/*
 * slack-notify against a hostile or broken Slack and hostile inputs (issue 17,
 * "Trust at the edges"), through the built action as the runner runs it. Each
 * case: one clear ::error line naming the input or Slack and its status; no
 * stack; no workflow command but roadstop's own; the token and the webhook URL
 * in no log line, summary, output or file; done in bounded time.
 */

let slack: FakeSlack;
let workspace: string;
let elsewhere: { url: string; hits: string[]; server: Server };

beforeEach(async () => {
  slack = await startFakeSlack();
  slack.addChannel('deploys');
  workspace = await mkdtemp(join(tmpdir(), 'roadstop-slack-hostile-'));
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"channel":"C0000000001","ts":"1712345678.123456"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  elsewhere = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
});
afterEach(async () => {
  await slack.close();
  elsewhere.server.closeAllConnections();
  await new Promise((resolve) => elsewhere.server.close(resolve));
});

const ENV = { GITHUB_REF: 'refs/heads/main', GITHUB_ACTOR: 'grace', GITHUB_WORKFLOW: 'deploy', GITHUB_RUN_NUMBER: '42', ROADSTOP_NETWORK_BUDGET_MS: '20000' };

function run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({ action: 'slack-notify', workspace, inputs: { 'api-url': slack.apiUrl, ...inputs }, event: { head_commit: { id: 'c0ffee0000000000000000000000000000000001', message: 'ship it' } }, eventName: 'push', env: { ...ENV, ...env }, timeoutMs: 30_000 });
}

const OUR_COMMANDS = new Set(['add-mask', 'error', 'warning', 'notice', 'debug']);

/** Everything the step left behind, but the masks it registered: stdout, stderr, outputs, summary, and the files in its temp folder. */
async function leftBehind(outcome: ActionRun): Promise<string> {
  const temp = outcome.env.RUNNER_TEMP!;
  const files = await Promise.all((await readdir(temp, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')));
  return [outcome.stdout.replace(/^::add-mask::.*$/gm, ''), outcome.stderr, JSON.stringify(outcome.outputs), outcome.summary, ...files].join('\n');
}

/** One ::error, matching `expected`, titled by the step; nothing but roadstop's own commands; no stack; no secret anywhere. */
async function expectOneCleanError(outcome: ActionRun, expected: RegExp, secrets: string[]) {
  expect(outcome.exitCode).toBe(1);
  const errors = outcome.annotations.filter((item) => item.level === 'error');
  expect(errors, outcome.stdout).toHaveLength(1);
  expect(errors[0]!.message).toMatch(expected);
  expect(errors[0]!.message).not.toMatch(/[\r\n]/);
  // Named by the step: the title of a located mistake, the prefix of a failure.
  expect(errors[0]!.properties.title ?? errors[0]!.message.slice(0, 'roadstop slack-notify'.length)).toBe('roadstop slack-notify');
  expect(workflowCommands(outcome.stdout).filter((name) => !OUR_COMMANDS.has(name))).toEqual([]);
  expect(outcome.stdout.match(/^::error/gm)).toHaveLength(1);
  expect(outcome.stdout + outcome.stderr).not.toMatch(/\n\s+at |internal error/);
  const text = await leftBehind(outcome);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

const echo =
  (status: number, contentType: string, shape: (request: FakeSlackRequest & { raw: string }) => string) =>
  (request: FakeSlackRequest & { raw: string }): FakeSlackAnswer => ({ status, headers: { 'content-type': contentType }, body: shape(request) });

describe('slack-notify against a hostile Slack (the built action)', () => {
  it.each([
    [
      'ok with a channel that holds a workflow command',
      echo(200, 'application/json', () => JSON.stringify({ ok: true, channel: 'C0\n::error::forged', ts: '1712345678.123456' })),
      /^roadstop slack-notify: Slack did not take the message: #deploys: unreadable_answer: Slack answered chat\.postMessage with ok but without a channel ID and message ts of Slack's form/,
    ],
    [
      'ok with a ts that stops every later command',
      echo(200, 'application/json', () => JSON.stringify({ ok: true, channel: 'C0000000001', ts: '1712345678.1\n::stop-commands::tok' })),
      /#deploys: unreadable_answer: /,
    ],
    [
      'ok: false with the Authorization header in its error',
      echo(200, 'application/json', (request) => JSON.stringify({ ok: false, error: `invalid_auth ${request.authorization}` })),
      /^roadstop slack-notify: Slack did not take the message: #deploys: unreadable_answer: Slack answered 200 with an unreadable body$/,
    ],
    [
      'a text/plain echo of the request',
      echo(200, 'text/plain', (request) => `POST ${request.path}\nAuthorization: ${request.authorization}\n\n${request.raw}\n::error::forged`),
      /#deploys: unreadable_answer: Slack answered 200 with an unreadable body$/,
    ],
    [
      'an error code of its own invention',
      echo(200, 'application/json', () => JSON.stringify({ ok: false, error: '::error::forged' })),
      /#deploys: unreadable_answer: Slack answered 200 with an unreadable body$/,
    ],
  ])('token: %s', async (_case, answer, expected) => {
    slack.answerNext(10, answer, 'api');
    const outcome = await run({ token: slack.token, channel: '#deploys', event: 'started' });
    await expectOneCleanError(outcome, expected, [slack.token]);
    expect(outcome.annotations.map((item) => item.message).join('\n')).not.toContain('forged');
    // An answer, not an outage: asked once, not retried (the harness's timeout bounds the step's time).
    expect(slack.requests).toHaveLength(1);
  });

  it('token: a redirect is one immediate error naming Slack and the status; the token never reaches the other origin', async () => {
    slack.answerNext(10, () => ({ status: 302, headers: { location: `${elsewhere.url}/api/chat.postMessage` }, body: '' }), 'api');
    const outcome = await run({ token: slack.token, channel: '#deploys', event: 'started' });
    await expectOneCleanError(outcome, new RegExp(`#deploys: redirected: Slack answered HTTP 302, a redirect to ${elsewhere.url}, which is not followed`), [slack.token]);
    expect(elsewhere.hits).toEqual([]);
    // Said at once: one request, no retry.
    expect(slack.requests).toHaveLength(1);
  });

  it('webhook: a redirect is one immediate error; the message never reaches the other origin', async () => {
    const hook = slack.addWebhook('deploys');
    slack.answerNext(10, () => ({ status: 307, headers: { location: `${elsewhere.url}/services/x` }, body: '' }), 'webhook');
    const outcome = await run({ 'webhook-url': hook, event: 'started' });
    await expectOneCleanError(outcome, new RegExp(`the webhook: redirected: Slack answered HTTP 307, a redirect to ${elsewhere.url}, which is not followed`), [hook, new URL(hook).pathname]);
    expect(elsewhere.hits).toEqual([]);
    expect(slack.requests).toHaveLength(1);
  });

  it('webhook: a body that is not an error code (an echo of the URL) is never shown', async () => {
    const hook = slack.addWebhook('deploys');
    slack.answerNext(10, echo(400, 'text/html', (request) => `<h1>bad</h1> ${hook} ${request.path}\n::error::forged`), 'webhook');
    const outcome = await run({ 'webhook-url': hook, event: 'started' });
    await expectOneCleanError(outcome, /^roadstop slack-notify: Slack did not take the message: the webhook: http_400: Slack answered 400 with an unreadable body$/, [hook, new URL(hook).pathname]);
  });
});

describe('slack-notify templates read only env-allow (the built action)', () => {
  const runtimeToken = 'runtime-token-value-that-must-stay';

  it('{{ env.ACTIONS_RUNTIME_TOKEN }} is refused, nothing is sent', async () => {
    const outcome = await run({ token: slack.token, channel: '#deploys', payload: '{"text": "{{ env.ACTIONS_RUNTIME_TOKEN }}"}' }, { ACTIONS_RUNTIME_TOKEN: runtimeToken });
    await expectOneCleanError(outcome, /^input 'payload': template variable '\{\{ env\.ACTIONS_RUNTIME_TOKEN \}\}' is not in env-allow/, [slack.token, runtimeToken]);
    expect(slack.requests).toEqual([]);
  });

  it.each(['ACTIONS_RUNTIME_TOKEN', 'GITHUB_TOKEN', 'INPUT_TOKEN', 'RUNNER_TEMP', 'actions_id_token_request_token'])('env-allow: %s is refused, nothing is sent', async (name) => {
    const outcome = await run({ token: slack.token, channel: '#deploys', 'env-allow': `DEPLOY_URL\n${name}`, payload: `{"text": "{{ env.${name} }}"}` }, { ACTIONS_RUNTIME_TOKEN: runtimeToken, DEPLOY_URL: 'https://x.example' });
    await expectOneCleanError(outcome, new RegExp(`^input 'env-allow': '${name}' is the runner's, GitHub's or an input's variable, which a template never reads`), [slack.token, runtimeToken]);
    expect(slack.requests).toEqual([]);
  });

  it('a variable env-allow names arrives, as escaped data', async () => {
    const outcome = await run({ token: slack.token, channel: '#deploys', 'env-allow': 'DEPLOY_NOTE', payload: '{"text": "note: {{ env.DEPLOY_NOTE }}"}' }, { DEPLOY_NOTE: '<!channel> & done' });
    expect(outcome.annotations.filter((item) => item.level === 'error'), outcome.stdout).toEqual([]);
    const [message] = slack.parents('deploys');
    expect(message!.text).toBe('note: &lt;!channel&gt; &amp; done');
  });
});

describe('slack-notify URL inputs (the built action)', () => {
  it.each([
    ['api-url', () => ({ token: slack.token, channel: '#deploys', event: 'started', 'api-url': `${slack.apiUrl}\r::error::forged` })],
    ['api-url', () => ({ token: slack.token, channel: '#deploys', event: 'started', 'api-url': `${slack.apiUrl}\u202e` })],
    ['webhook-url', () => ({ 'webhook-url': `${slack.addWebhook('deploys')}\u0007`, event: 'started' })],
  ])('%s with a control character: refused, naming it, not quoting it; the secrets masked before the check', async (input, given) => {
    const inputs: Record<string, string> = given();
    const outcome = await run(inputs);
    const secrets = [inputs.token, inputs['webhook-url']].filter((value): value is string => value !== undefined);
    await expectOneCleanError(outcome, new RegExp(`^input '${input}': holds a control or format character \\(U\\+[0-9A-F]{4} at character \\d+\\), which no URL has`), secrets);
    for (const secret of secrets) expect(outcome.masked).toContain(secret);
    expect(slack.requests).toEqual([]);
  });
});

describe('slack-notify through a proxy (the built action)', () => {
  it.each([
    ['HTTPS_PROXY and HTTP_PROXY', (proxy: string) => ({ HTTPS_PROXY: proxy, HTTP_PROXY: proxy })],
    ['https_proxy and http_proxy', (proxy: string) => ({ https_proxy: proxy, http_proxy: proxy })],
  ])('token and webhook go through the proxy %s name', async (_case, env) => {
    const proxy = await startForwardProxy();
    try {
      const viaToken = await run({ token: slack.token, channel: '#deploys', event: 'started' }, env(proxy.url));
      expect(viaToken.annotations.filter((item) => item.level === 'error'), viaToken.stdout).toEqual([]);
      const hook = slack.addWebhook('deploys');
      const viaWebhook = await run({ 'webhook-url': hook, event: 'started' }, env(proxy.url));
      expect(viaWebhook.annotations.filter((item) => item.level === 'error'), viaWebhook.stdout).toEqual([]);
      const host = new URL(slack.url).host;
      expect(proxy.seen.map((request) => request.target)).toEqual([expect.stringContaining(host), expect.stringContaining(host)]);
      expect(slack.parents('deploys')).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it('NO_PROXY keeps Slack off the proxy', async () => {
    const proxy = await startForwardProxy();
    try {
      const outcome = await run({ token: slack.token, channel: '#deploys', event: 'started' }, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
      expect(outcome.annotations.filter((item) => item.level === 'error'), outcome.stdout).toEqual([]);
      expect(proxy.seen).toEqual([]);
      expect(slack.parents('deploys')).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });
});
