import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createResult, writeResult, type GateResult } from '@roadstop/core';
import { REPO_ROOT, runAction, startFakeSlack, type ActionRun, type FakeSlack } from '@roadstop/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCalls, checkPolicy, repositoryFiles, sourceFile } from '../../../packages/testing/src/workflows/index.js';

// The commit message every user of a Slack action has seen break a payload: quotes, newlines, a mention, a disguised link, an ampersand.
const EVIL = 'Fix "login" for O\'Brien & co\n\nPing <!channel> and see <https://evil.example|click here>\n<!here> & <@U0123> done';

let slack: FakeSlack;
let workspace: string;

beforeEach(async () => {
  slack = await startFakeSlack();
  slack.addChannel('deploys');
  workspace = await mkdtemp(join(tmpdir(), 'roadstop-slack-notify-'));
});
afterEach(async () => {
  await slack.close();
});

const pushEvent = (message = 'Ship the new checkout') => ({
  ref: 'refs/heads/main',
  compare: 'https://github.com/octo-org/webapp/compare/aaa...c0ffee0',
  head_commit: { id: 'c0ffee0000000000000000000000000000000001', message, author: { name: 'Ada Lovelace' } },
  repository: { full_name: 'octo-org/webapp', default_branch: 'main' },
});

function run(inputs: Record<string, string>, options: { event?: Record<string, unknown>; env?: Record<string, string> } = {}): Promise<ActionRun> {
  return runAction({
    action: 'slack-notify',
    workspace,
    inputs: { 'api-url': slack.apiUrl, ...inputs },
    event: options.event ?? pushEvent(),
    eventName: 'push',
    env: { GITHUB_REF: 'refs/heads/main', GITHUB_ACTOR: 'grace', GITHUB_WORKFLOW: 'deploy', GITHUB_RUN_NUMBER: '42', ROADSTOP_NETWORK_BUDGET_MS: '20000', ...options.env },
  });
}

const token = (inputs: Record<string, string>, options?: Parameters<typeof run>[1]) => run({ token: slack.token, channel: '#deploys', ...inputs }, options);
const errorsOf = (outcome: ActionRun) => outcome.annotations.filter((item) => item.level === 'error').map((item) => item.message);
const warningsOf = (outcome: ActionRun) => outcome.annotations.filter((item) => item.level === 'warning').map((item) => item.message);
const apiCalls = () => slack.requests.map((request) => `${request.method}${request.args.thread_ts ? ' (reply)' : ''}`);

function result(gate: string, fields: Partial<GateResult> = {}): GateResult {
  return createResult({ gate, status: 'pass', headline: `${gate} within its limits`, metrics: {}, checks: [{ name: 'lines', status: 'pass', value: 84.5, limit: 80, unit: 'percent', baseline: 84 }], items: [], messages: [], settings: {}, ...fields });
}

async function writeResults(...results: GateResult[]): Promise<string> {
  await mkdir(join(workspace, 'results'), { recursive: true });
  for (const item of results) await writeResult(join(workspace, 'results', `${item.gate}.json`), item);
  return 'results/*.json';
}

function expectClean(outcome: ActionRun, secrets: string[]) {
  expect(outcome.stdout + outcome.stderr).not.toMatch(/\n\s+at /);
  const logged = outcome.stdout.replace(/^::add-mask::.*$/gm, '') + outcome.stderr;
  for (const secret of secrets) expect(logged).not.toContain(secret);
}

describe('slack-notify against a fake Slack', () => {
  it('a lifecycle started → progress → succeeded is one message, posted then updated twice, with two replies in its thread', async () => {
    const deploy = { title: 'Lumia Pro', environment: 'production', version: 'v2.4.0' };
    const started = await token({ ...deploy, event: 'started' });
    expect(errorsOf(started), started.stdout).toEqual([]);
    expect(started.exitCode).toBe(0);
    const channelId = slack.channels[0]!.id;
    expect(started.outputs).toEqual({ channel: channelId, ts: expect.stringMatching(/^\d+\.\d{6}$/), ok: 'true' });
    expect(started.masked).toContain(slack.token);
    expectClean(started, [slack.token]);

    const later = { channel: started.outputs.channel!, ts: started.outputs.ts! };
    const progress = await token({ ...deploy, ...later, event: 'progress', 'canary-step': '1/3', 'canary-weight': '10', text: 'Currently: 10% of users · Error rate 0.05% ✅ · next step 50%' });
    expect(errorsOf(progress), progress.stdout).toEqual([]);
    const succeeded = await token({ ...deploy, ...later, event: 'succeeded', results: await writeResults(result('coverage-gate'), result('bundle-budget', { status: 'warn', headline: 'main bundle 142 kB of 400 kB', checks: [{ name: 'main', status: 'warn', value: 142_000, limit: 400_000, unit: 'bytes', baseline: 140_000 }] })) });
    expect(errorsOf(succeeded), succeeded.stdout).toEqual([]);
    expect(succeeded.outputs).toEqual({ channel: channelId, ts: started.outputs.ts, ok: 'true' });

    expect(apiCalls()).toEqual(['chat.postMessage', 'chat.update', 'chat.postMessage (reply)', 'chat.update', 'chat.postMessage (reply)']);
    const parents = slack.parents('deploys');
    expect(parents).toHaveLength(1);
    const [parent] = parents;
    expect(parent!.ts).toBe(started.outputs.ts);
    expect(parent!.revisions.map((revision) => slack.render(revision).text.split('\n')[0])).toEqual([
      '🚀 Lumia Pro: deploying to production',
      '⏳ Lumia Pro: rolling out to production · 10%',
      '✅ Lumia Pro deployed to production',
    ]);
    const shown = slack.render(parent!).text;
    expect(shown).toMatch(/\*Status\*\n✅ succeeded/);
    expect(shown).toMatch(/\*Version\*\nv2\.4\.0/);
    expect(shown).toContain('*Commit* c0ffee0 by Ada Lovelace\nShip the new checkout');
    expect(shown).toMatch(/\*Duration\*\n\d+s/);
    expect(shown).toContain('⚠️ *Bundle budget* 142 kB (+2 kB (+1.43%)): main bundle 142 kB of 400 kB');
    expect(slack.render(parent!).links).toEqual(expect.arrayContaining([{ url: 'https://github.com/octo-org/webapp/commit/c0ffee0000000000000000000000000000000001', label: 'c0ffee0' }]));

    const replies = slack.replies(parent!.ts);
    expect(replies).toHaveLength(2);
    expect(slack.render(replies[0]!).text).toMatch(/^⏳ \*In progress\* · step 1\/3 · 10% of traffic · \d+s\nCurrently: 10% of users · Error rate 0\.05% ✅ · next step 50%/);
    const report = slack.render(replies[1]!).text;
    expect(report).toMatch(/^✅ \*Succeeded\*/);
    expect(report).toContain('```\n✔ coverage-gate: pass  coverage-gate within its limits');
    expect(report).toContain('```\n! bundle-budget: warn  main bundle 142 kB of 400 kB');
    expect(succeeded.summary).toContain(`| ${channelId} | ✅ sent | \`${started.outputs.ts}\` | updated its message, replied in its thread |`);
  });

  it('a commit message with quotes, newlines, <!channel>, a disguised link and & arrives intact and inert, in the built-in message and a custom payload', async () => {
    const builtIn = await token({ event: 'failed' }, { event: pushEvent(EVIL) });
    expect(errorsOf(builtIn), builtIn.stdout).toEqual([]);
    const payload = JSON.stringify({ text: '{{ commit.message }}', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*{{ commit.title }}*\n{{ commit.message }}' } }] });
    const custom = await token({ payload }, { event: pushEvent(EVIL) });
    expect(errorsOf(custom), custom.stdout).toEqual([]);
    const hook = slack.addWebhook('deploys');
    const viaWebhook = await run({ 'webhook-url': hook, event: 'failed' }, { event: pushEvent(EVIL) });
    expect(errorsOf(viaWebhook), viaWebhook.stdout).toEqual([]);

    const messages = slack.parents('deploys');
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      const rendered = slack.render(message);
      expect(rendered.mentions).toEqual([]);
      expect(rendered.links.map((link) => link.url)).not.toContainEqual(expect.stringContaining('evil'));
      expect(rendered.text).toContain(EVIL);
    }
    expect(slack.render(messages[1]!).text).toContain(`*Fix "login" for O'Brien & co*\n${EVIL}`);
  });

  it('a 429 is waited out and the message still arrives, for the token and the webhook', async () => {
    slack.rateLimitNext(1, 1, 'api');
    const viaToken = await token({ event: 'succeeded' });
    expect(errorsOf(viaToken), viaToken.stdout).toEqual([]);
    expect(viaToken.stdout).toMatch(/rate limiting\. Will retry in 1 seconds/);
    const hook = slack.addWebhook('deploys');
    slack.rateLimitNext(1, 1, 'webhook');
    const viaWebhook = await run({ 'webhook-url': hook, event: 'succeeded' });
    expect(errorsOf(viaWebhook), viaWebhook.stdout).toEqual([]);
    expect(viaWebhook.stdout).toMatch(/the webhook: rate limited \(429, Retry-After 1 s\); retry 1 of 5 in 1 s/);
    expect(viaWebhook.outputs).toEqual({ channel: '', ts: '', ok: 'true' });
    expect(slack.requests.map((request) => request.status)).toEqual([429, 200, 429, 200]);
    expect(slack.parents('deploys')).toHaveLength(2);
    expectClean(viaWebhook, [hook, new URL(hook).pathname]);
    expect(viaWebhook.masked).toEqual(expect.arrayContaining([hook, new URL(hook).pathname]));
  });

  it('a rate limit longer than the budget fails at once, saying what Slack asked', async () => {
    slack.rateLimitNext(1, 300, 'api');
    const outcome = await token({ event: 'succeeded' }, { env: { ROADSTOP_NETWORK_BUDGET_MS: '5000' } });
    expect(outcome.exitCode).toBe(1);
    expect(errorsOf(outcome)).toEqual([expect.stringMatching(/^roadstop slack-notify: Slack did not take the message: #deploys: ratelimited: rate limited \(429\): Slack asked to wait 300 s, more than the [\d.]+ s left of the 5 s/)]);
  });

  it("fails the step with Slack's own error code, or warns with fail-on-error: false; ok says per channel", async () => {
    const failed = await token({ channel: '#deploys\n#nowhere', event: 'succeeded' });
    expect(failed.exitCode).toBe(1);
    expect(errorsOf(failed)).toEqual(['roadstop slack-notify: Slack did not take the message: #nowhere: channel_not_found: the channel does not exist, or the app cannot see it: use the channel ID (C0…) and invite the app to a private channel']);
    expect(failed.outputs).toMatchObject({ ok: 'true,false', channel: `${slack.channels[0]!.id},#nowhere` });
    expect(failed.summary).toContain('| #nowhere | ❌ failed | — | channel_not_found');

    const tolerated = await token({ channel: '#nowhere', event: 'succeeded', 'fail-on-error': 'false' });
    expect(tolerated.exitCode).toBe(0);
    expect(errorsOf(tolerated)).toEqual([]);
    expect(warningsOf(tolerated)).toEqual([expect.stringMatching(/#nowhere: channel_not_found.*\(fail-on-error: false, so the step goes on\)$/)]);
    expect(tolerated.outputs.ok).toBe('false');

    const wrongToken = await run({ token: 'xoxb-not-the-right-one', channel: '#deploys', event: 'started' });
    expect(errorsOf(wrongToken)).toEqual([expect.stringMatching(/#deploys: invalid_auth: the token is not valid/)]);
    expectClean(wrongToken, ['xoxb-not-the-right-one']);
  });

  it('a 500 is retried with backoff', async () => {
    slack.failNext(1, 500);
    const outcome = await token({ event: 'started' });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    expect(slack.requests.map((request) => request.status)).toEqual([500, 200]);
  });

  it('cuts what Block Kit would refuse, with a visible marker, instead of Slack refusing the message', async () => {
    const long = `Squash of 400 commits\n\n${Array.from({ length: 400 }, (_, index) => `* commit ${index}: a change worth a line`).join('\n')}`;
    const outcome = await token({ event: 'succeeded', title: 'T'.repeat(200) }, { event: pushEvent(long) });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    expect(warningsOf(outcome)).toEqual([expect.stringMatching(/^cut to fit Slack's Block Kit limits, with a marker in the message: blocks\[0\]\.text: 211 characters, cut to 1\d\d; blocks\[2\]\.text: [\d,]+ characters, cut to 2,9\d\d$/)]);
    const shown = slack.render(slack.parents('deploys')[0]!).text;
    expect(shown).toMatch(/✂ [\d,]+ more characters cut \(Slack takes 3,000 here\)/);
    expect(shown).toMatch(/✂ [\d,]+ more characters cut \(Slack takes 150 here\)/);
  });

  it('dry-run prints the messages and sends nothing, without a token', async () => {
    const outcome = await run({ event: 'started', title: 'Lumia Pro', channel: '#deploys', 'dry-run': 'true' });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout).toContain('dry-run: chat.postMessage for #deploys (no token or webhook-url given):');
    expect(outcome.stdout).toContain('"text": "🚀 Lumia Pro: deploying"');
    expect(outcome.stdout).toContain('dry-run: true, so nothing was sent');
    expect(slack.requests).toEqual([]);
  });

  it('with a webhook, each event is a message of its own', async () => {
    const hook = slack.addWebhook('deploys');
    for (const event of ['started', 'progress', 'succeeded']) {
      const outcome = await run({ 'webhook-url': hook, event, results: await writeResults(result('coverage-gate')) });
      expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    }
    const messages = slack.parents('deploys');
    expect(messages.map((message) => slack.render(message).text.split('\n')[0])).toEqual(['🚀 webapp: deploying', '⏳ webapp: rolling out', '✅ webapp deployed']);
    // Without a thread, the gate's report is in the message itself.
    expect(slack.render(messages[2]!).text).toContain('```\n✔ coverage-gate: pass');
  });

  it.each([
    ['no transport', () => ({ event: 'started', channel: '#deploys' }), /^input 'token': neither token nor webhook-url is given/],
    ['both transports', () => ({ token: slack.token, 'webhook-url': slack.addWebhook('deploys'), channel: '#deploys', event: 'started' }), /^input 'webhook-url': both token and webhook-url are given/],
    ['an unknown event', () => ({ token: slack.token, channel: '#deploys', event: 'deployed' }), /^input 'event': 'deployed' is not one of started, progress, succeeded, failed, rolled-back, custom$/],
    ['a payload file that is neither JSON nor YAML', () => ({ token: slack.token, channel: '#deploys', 'payload-file': 'notes.txt' }), /^notes\.txt, input 'payload-file': is a string, not a message: neither JSON nor YAML of an object/],
    ['a broken payload file', () => ({ token: slack.token, channel: '#deploys', 'payload-file': 'broken.json' }), /^broken\.json, input 'payload-file': is neither JSON nor YAML: JSON: invalid at/],
    ['a template variable that does not exist', () => ({ token: slack.token, channel: '#deploys', event: 'succeeded', payload: '{"text": "{{ commit.mesage }}"}' }), /^input 'payload': template variable '\{\{ commit\.mesage \}\}' does not exist: commit has no 'mesage' \(did you mean '\{\{ commit\.message \}\}'\?\)$/],
    ['ts without a token', () => ({ 'webhook-url': slack.addWebhook('deploys'), event: 'succeeded', ts: '1712345678.123456' }), /^input 'ts': is given without a token: only the Web API can update a message and reply in its thread/],
    ['a 10,000-deep JSON payload', () => ({ token: slack.token, channel: '#deploys', event: 'custom', payload: `{"text": "hi", "blocks": ${'['.repeat(10_000)}${']'.repeat(10_000)}}` }), /^input 'payload': JSON nested more than 100 levels deep/],
    ['a 10,000-deep YAML payload file', () => ({ token: slack.token, channel: '#deploys', event: 'custom', 'payload-file': 'deep.yml' }), /^deep\.yml:2, input 'payload-file': YAML nested more than 100 levels deep/],
    ['a YAML alias bomb', () => ({ token: slack.token, channel: '#deploys', event: 'custom', 'payload-file': 'bomb.yml' }), /^bomb\.yml, input 'payload-file': YAML aliases expand to more than 100 values/],
  ])('%s: one clear ::error, nothing sent, no stack, secrets masked', async (_case, given, expected) => {
    await writeFile(join(workspace, 'notes.txt'), 'Deployed to production!\n');
    await writeFile(join(workspace, 'broken.json'), '{"text": "unterminated\n');
    await writeFile(join(workspace, 'deep.yml'), `text: hi\nblocks: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    const anchors = 'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(', ')}]`);
    await writeFile(join(workspace, 'bomb.yml'), ['text: hi', 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...anchors].join('\n') + '\n');
    const inputs: Record<string, string> = given();
    const outcome = await run(inputs);
    expect(outcome.exitCode).toBe(1);
    const errors = outcome.annotations.filter((item) => item.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(expected);
    expect(errors[0]!.properties.title).toBe('roadstop slack-notify');
    expect(slack.requests.filter((request) => request.status === 200)).toEqual([]);
    expectClean(outcome, [inputs.token, inputs['webhook-url']].filter((value): value is string => !!value));
  });
});

describe("the README's lifecycle example", () => {
  it('is examples/workflows/deploy-slack.yml, whose calls match what slack-notify declares and which passes the policy', async () => {
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /## slack-notify[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const shown = sourceFile('README.md', block!);
    const files = repositoryFiles(REPO_ROOT);
    const example = files.find((file) => file.path === 'examples/workflows/deploy-slack.yml')!;
    const { name: _name, ...expected } = example.doc;
    expect(shown.doc).toEqual(expected);
    expect([...checkPolicy(example), ...checkCalls([...files.filter((file) => file.path.startsWith('actions/')), example])]).toEqual([]);
  });
});
