import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, readRunnerContext } from '@roadstop/core';
import { startFakeSlack } from '@roadstop/testing';
import { describe, expect, it } from 'vitest';
import { buildStory, fillTemplate, formatDuration, loadPayload, parsePayload, readSlackInputs, type TemplateScope } from '../src/index.js';

const EVIL = 'Fix "login" for O\'Brien\n\nBreaks <!channel> and <https://evil.example|click here> & <@U0123>\tdone';

function inputs(given: Record<string, string> = {}) {
  return readSlackInputs((name) => given[name] ?? '');
}

async function context(event: Record<string, unknown>, eventName = 'push', extra: Record<string, string> = {}) {
  const folder = await mkdtemp(join(tmpdir(), 'roadstop-slack-'));
  await writeFile(join(folder, 'event.json'), JSON.stringify(event));
  const env = { GITHUB_EVENT_PATH: join(folder, 'event.json'), GITHUB_EVENT_NAME: eventName, GITHUB_REPOSITORY: 'octo-org/webapp', GITHUB_SHA: 'c0ffee0000000000000000000000000000000001', GITHUB_RUN_ID: '1001', GITHUB_RUN_NUMBER: '42', GITHUB_WORKFLOW: 'deploy', GITHUB_ACTOR: 'ada', GITHUB_REF: 'refs/heads/main', ...extra };
  return { context: readRunnerContext(env, folder), env, workspace: folder };
}

async function scope(event: Record<string, unknown> = { head_commit: { message: EVIL, author: { name: 'Ada <ada@example.com>' } } }): Promise<TemplateScope> {
  const { context: runner, env } = await context(event);
  const story = buildStory({ inputs: inputs({ token: 'xoxb-1', channel: 'C1', event: 'succeeded', title: 'Lumia Pro', environment: 'production', 'canary-weight': '25' }), context: runner, env });
  return { story, env: { RELEASE_NOTES: 'v2: <b>bold</b> & "more"', ALLOWED_BUT_UNSET: undefined }, github: { event: runner.payload, sha: runner.sha } };
}

describe('fillTemplate', () => {
  it('fills a commit message as data: quotes and newlines cannot break the payload, <!channel> and links stay inert', async () => {
    const template = parsePayload('{"text": "{{ headline }}: {{ commit.message }}", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*{{ title }}* by {{ commit.author }}\\n{{ commit.message }}"}}]}', { input: 'payload' });
    const filled = fillTemplate(template, await scope(), { input: 'payload' });
    const body = JSON.parse(JSON.stringify(filled)) as typeof filled;
    const slack = await startFakeSlack();
    try {
      const rendered = slack.render(body as never);
      expect(rendered.mentions).toEqual([]);
      expect(rendered.links).toEqual([]);
      expect(rendered.text).toContain(`*Lumia Pro* by Ada <ada@example.com>\n${EVIL}`);
      expect(rendered.text).toContain(`✅ Lumia Pro deployed to production: ${EVIL}`);
    } finally {
      await slack.close();
    }
  });

  it('URL-encodes a value in a URL field, and keeps the template’s own links', async () => {
    const filled = fillTemplate(
      { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '<{{ run.url }}|run #{{ run.number }}>' }, accessory: { type: 'button', text: { type: 'plain_text', text: 'Open' }, url: 'https://example.com/search?q={{ env.RELEASE_NOTES }}' } }] },
      await scope(),
      { input: 'payload' },
    );
    const block = (filled.blocks as { text: { text: string }; accessory: { url: string } }[])[0]!;
    expect(block.text.text).toBe('<https://github.com/octo-org/webapp/actions/runs/1001|run #42>');
    expect(block.accessory.url).toBe('https://example.com/search?q=v2:%20%3Cb%3Ebold%3C/b%3E%20&%20%22more%22');
  });

  it('accepts ${{ … }} as slack-github-action’s templated files write it, and numbers', async () => {
    const filled = fillTemplate({ text: '${{ title }} at {{canary.weight}}% ({{ github.sha }})' }, await scope(), { input: 'payload' });
    expect(filled.text).toBe('Lumia Pro at 25% (c0ffee0000000000000000000000000000000001)');
  });

  it('never puts a known secret into the message', async () => {
    const filled = fillTemplate({ text: 'notes: {{ env.RELEASE_NOTES }}' }, await scope(), { input: 'payload' }, ['bold']);
    expect(filled.text).toBe('notes: v2: &lt;b&gt;***&lt;/b&gt; &amp; "more"');
  });

  it.each([
    ['{{ commit.mesage }}', /template variable '\{\{ commit\.mesage \}\}' does not exist: commit has no 'mesage' \(did you mean '\{\{ commit\.message \}\}'\?\)/],
    ['{{ enviroment }}', /'\{\{ enviroment \}\}' does not exist \(did you mean '\{\{ environment \}\}'\?\)/],
    ['{{ nothing_like_it }}', /does not exist \(variables: event, status, icon, title, headline/],
    ['{{ env.NOT_SET_ANYWHERE }}', /'\{\{ env\.NOT_SET_ANYWHERE \}\}' is not in env-allow: a template reads only the step's env: variables env-allow names \(add NOT_SET_ANYWHERE to the env-allow input/],
    ['{{ env.ACTIONS_RUNTIME_TOKEN }}', /'\{\{ env\.ACTIONS_RUNTIME_TOKEN \}\}' is not in env-allow/],
    ['{{ env.ALLOWED_BUT_UNSET }}', /'\{\{ env\.ALLOWED_BUT_UNSET \}\}' does not exist: ALLOWED_BUT_UNSET is not set in the step's environment/],
    ['{{ github.event.pull_request.title }}', /'\{\{ github\.event\.pull_request\.title \}\}' does not exist: github\.event has no 'pull_request'/],
    ['{{ commit }}', /'\{\{ commit \}\}' is an object, not a value \(name one of its fields: \{\{ commit\.sha \}\}/],
    ['{{ a b }}', /'\{\{ a b \}\}' is not a variable name/],
  ])('%s: names the mistake', async (text, expected) => {
    const run = async () => fillTemplate({ text }, await scope(), { input: 'payload-file', file: 'slack.json' });
    await expect(run()).rejects.toThrow(ConfigurationError);
    await run().catch((error: ConfigurationError) => expect(error.describe()).toMatch(expected));
  });
});

describe('parsePayload', () => {
  it.each([
    ['JSON', '{"text": "hi", "blocks": []}'],
    ['YAML', 'text: hi\nblocks: []\n'],
    ['YAML with a block scalar', 'text: |\n  two\n  lines\n'],
  ])('reads %s', (_kind, text) => {
    expect(parsePayload(text, { input: 'payload' })).toMatchObject({ text: expect.any(String) });
  });

  it.each([
    ['a broken JSON object', '{"text": "hi",', /input 'payload': is neither JSON nor YAML: JSON: invalid at /],
    ['broken YAML', 'text: hi\n  blocks: [\n', /is neither JSON nor YAML: YAML \(line \d\)/],
    ['plain words', 'deployed to production', /is a string, not a message: neither JSON nor YAML of an object/],
    ['a list', '[1, 2]', /is a list, not a message/],
    ['an object without text or blocks', '{"channel": "C1"}', /has neither text nor blocks \(nor attachments\), which Slack refuses as no_text/],
    ['nothing', '   ', /is empty/],
    ['10,000-deep JSON', `{"text": "hi", "blocks": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, /^input 'payload': JSON nested more than 100 levels deep/],
    ['10,000-deep YAML', `text: hi\nblocks: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, /^input 'payload': YAML nested more than 100 levels deep/],
    ['a YAML alias bomb', `a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(', ')}]`).join('\n')}\ntext: hi\n`, /^input 'payload': YAML aliases expand to more than 100 values/],
  ])('%s is a mistake that says so', (_case, text, expected) => {
    expect(() => parsePayload(text, { input: 'payload' })).toThrow(ConfigurationError);
    try {
      parsePayload(text, { input: 'payload' });
    } catch (error) {
      expect((error as ConfigurationError).describe()).toMatch(expected);
    }
  });

  it('reads a payload file in the workspace, and refuses one outside it or missing', async () => {
    const { workspace } = await context({});
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/slack.yml'), 'text: "{{ headline }}"\n');
    expect((await loadPayload({ input: 'payload-file', value: '.github/slack.yml' }, workspace)).message).toEqual({ text: '{{ headline }}' });
    await expect(loadPayload({ input: 'payload-file', value: 'missing.json' }, workspace)).rejects.toThrow(/does not exist/);
    await symlink('/etc/hostname', join(workspace, 'leak.json'));
    await expect(loadPayload({ input: 'payload-file', value: 'leak.json' }, workspace)).rejects.toThrow(/outside the workspace/);
    await writeFile(join(workspace, 'notes.txt'), 'Deployed!\n');
    await expect(loadPayload({ input: 'payload-file', value: 'notes.txt' }, workspace)).rejects.toThrow(/is a string, not a message: neither JSON nor YAML/);
  });
});

describe('readSlackInputs', () => {
  it.each([
    ['no transport', { event: 'started' }, /input 'token': neither token nor webhook-url is given/],
    ['both transports', { token: 'xoxb-1', 'webhook-url': 'https://hooks.slack.com/services/T/B/x', channel: 'C1', event: 'started' }, /input 'webhook-url': both token and webhook-url are given/],
    ['an unknown event', { token: 'xoxb-1', channel: 'C1', event: 'deployed' }, /input 'event': 'deployed' is not one of started, progress, succeeded, failed, rolled-back, custom/],
    ['no event', { token: 'xoxb-1', channel: 'C1' }, /input 'event': is empty/],
    ['custom without a payload', { token: 'xoxb-1', channel: 'C1', event: 'custom' }, /input 'event': custom sends a payload of your own/],
    ['ts without a token', { 'webhook-url': 'https://hooks.slack.com/services/T/B/x', event: 'progress', ts: '1712345678.123456' }, /input 'ts': is given without a token/],
    ['ts with started', { token: 'xoxb-1', channel: 'C1', event: 'started', ts: '1712345678.123456' }, /input 'ts': is given with event started/],
    ['a ts that is not one', { token: 'xoxb-1', channel: 'C1', event: 'progress', ts: 'yesterday' }, /'yesterday' is not a Slack message timestamp/],
    ['fewer ts than channels', { token: 'xoxb-1', channel: 'C1,C2', event: 'progress', ts: '1712345678.123456' }, /input 'ts': has 1 timestamps for 2 channels/],
    ['a token without a channel', { token: 'xoxb-1', event: 'started' }, /input 'channel': is empty/],
    ['both payloads', { token: 'xoxb-1', channel: 'C1', payload: '{"text":"a"}', 'payload-file': 'a.json' }, /both payload and payload-file are given/],
    ['a webhook that is not a URL', { 'webhook-url': 'hooks.slack.com/x', event: 'started' }, /input 'webhook-url': is not a URL/],
    ['an api-url that is not http', { token: 'xoxb-1', channel: 'C1', event: 'started', 'api-url': 'ftp://slack.example/' }, /input 'api-url': is a ftp: URL/],
    ['a weight over 100', { token: 'xoxb-1', channel: 'C1', event: 'progress', 'canary-weight': '150%' }, /'150%' is not a share of traffic/],
    ['fail-on-error yes', { token: 'xoxb-1', channel: 'C1', event: 'failed', 'fail-on-error': 'yes' }, /input 'fail-on-error': 'yes' is not true or false/],
  ])('%s', (_case, given, expected) => {
    expect(() => inputs(given)).toThrow(ConfigurationError);
    try {
      inputs(given);
    } catch (error) {
      expect((error as ConfigurationError).describe()).toMatch(expected);
      // A webhook URL is a secret: no message repeats it.
      if ('webhook-url' in given) expect((error as ConfigurationError).describe()).not.toContain(given['webhook-url']);
    }
  });

  it('pairs channels and timestamps, takes #names, defaults fail-on-error to true', () => {
    const read = inputs({ token: 'xoxb-1', channel: '#deploys\nC2', event: 'progress', ts: '1712345678.000100, 1712345678.000200', 'canary-weight': '10%' });
    expect(read.destinations).toEqual([
      { kind: 'channel', channel: '#deploys', ts: '1712345678.000100' },
      { kind: 'channel', channel: 'C2', ts: '1712345678.000200' },
    ]);
    expect(read).toMatchObject({ failOnError: true, dryRun: false, canary: { weight: 10 }, transport: { kind: 'token', apiUrl: 'https://slack.com/api/' } });
  });

  it('takes several webhooks, names them without their URL, and lets dry-run go without a transport', () => {
    expect(inputs({ 'webhook-url': 'https://hooks.slack.com/services/T/B/1\nhttps://hooks.slack.com/services/T/B/2', event: 'failed' }).destinations.map((item) => (item.kind === 'webhook' ? item.label : ''))).toEqual(['webhook 1', 'webhook 2']);
    expect(inputs({ event: 'started', 'dry-run': 'true' }).transport).toEqual({ kind: 'none' });
    expect(inputs({ payload: '{"text": "x"}', token: 'xoxb-1', channel: 'C1' }).event).toBe('custom');
  });
});

describe('buildStory', () => {
  it.each([
    ['push', { head_commit: { message: 'Ship it\n\nbody', author: { name: 'Ada' } }, compare: 'https://github.com/octo-org/webapp/compare/a...b' }, { commit: { message: 'Ship it\n\nbody', title: 'Ship it', author: 'Ada', short: 'c0ffee0' }, compare_url: 'https://github.com/octo-org/webapp/compare/a...b' }],
    ['pull_request', { pull_request: { number: 7, title: 'Add login', html_url: 'https://github.com/octo-org/webapp/pull/7', user: { login: 'grace' }, head: { sha: 'b'.repeat(40) }, base: { ref: 'main' } } }, { commit: { message: 'Add login', author: 'grace', sha: 'b'.repeat(40) }, pull_request: { number: '7', url: 'https://github.com/octo-org/webapp/pull/7' } }],
    ['workflow_run', { workflow_run: { head_sha: 'd'.repeat(40), head_commit: { message: 'From CI', author: { name: 'Linus' } } } }, { commit: { message: 'From CI', author: 'Linus', url: `https://github.com/octo-org/webapp/commit/${'d'.repeat(40)}` } }],
    ['release', { release: { tag_name: 'v1.4.0', name: 'Spring release' } }, { version: 'v1.4.0', commit: { message: 'Spring release' } }],
  ])('takes the commit from a %s event', async (eventName, event, expected) => {
    const { context: runner, env } = await context(event, eventName);
    expect(buildStory({ inputs: inputs({ token: 'xoxb-1', channel: 'C1', event: 'started' }), context: runner, env })).toMatchObject(expected);
  });

  it('counts the duration from the started message, and titles by the repository', async () => {
    const { context: runner, env } = await context({});
    const story = buildStory({ inputs: inputs({ token: 'xoxb-1', channel: 'C1', event: 'succeeded', environment: 'production' }), context: runner, env, startedTs: '1700000000.000100', nowMs: 1_700_000_252_000 });
    expect(story).toMatchObject({ duration: '4m 12s', duration_seconds: 252, title: 'webapp', headline: '✅ webapp deployed to production', run: { url: 'https://github.com/octo-org/webapp/actions/runs/1001', number: '42' } });
  });

  it.each([
    [45, '45s'],
    [252, '4m 12s'],
    [3780, '1h 03m'],
  ])('formatDuration(%i) → %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
