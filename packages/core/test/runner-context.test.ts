import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentError, readRunnerContext, runUrlOf } from '../src/index.js';

const PAYLOAD = { pull_request: { number: 7, base: { ref: 'main', sha: 'b'.repeat(40) }, head: { sha: 'h'.repeat(40) } } };

describe('the runner context', () => {
  it('reads the pull request from the event file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'roadstop-event-'));
    await writeFile(join(folder, 'event.json'), JSON.stringify(PAYLOAD));
    const context = readRunnerContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(folder, 'event.json') }, folder);
    expect(context.pullRequest).toMatchObject({ number: 7, baseRef: 'main' });
  });

  it.each([
    ['missing', (folder: string) => join(folder, 'gone.json'), /this is a pull_request run, but its event file \S+gone\.json cannot be read \(ENOENT\)/],
    ['a folder', (folder: string) => folder, /this is a pull_request run, but its event file \S+ cannot be read \(EISDIR\)/],
    ['not set', () => undefined, /this is a pull_request run, but GITHUB_EVENT_PATH is not set/],
  ])('on a pull request, an event file that is %s is the runner\'s error, not "not a pull request"', async (_, path, message) => {
    const folder = await mkdtemp(join(tmpdir(), 'roadstop-event-'));
    const eventPath = path(folder);
    const run = () => readRunnerContext({ GITHUB_EVENT_NAME: 'pull_request', ...(eventPath ? { GITHUB_EVENT_PATH: eventPath } : {}) }, folder);
    expect(run).toThrow(EnvironmentError);
    expect(run).toThrow(message);
  });

  it('outside a pull request, a missing event file is an empty payload', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'roadstop-event-'));
    expect(readRunnerContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: join(folder, 'gone.json') }, folder).payload).toEqual({});
  });

  it.each([
    ['the first attempt', { GITHUB_RUN_ATTEMPT: '1' }, 'https://ghe.example/acme/web/actions/runs/42'],
    ['a re-run', { GITHUB_RUN_ATTEMPT: '3' }, 'https://ghe.example/acme/web/actions/runs/42/attempts/3'],
    ['no attempt', {}, 'https://ghe.example/acme/web/actions/runs/42'],
    ['an attempt that is not a number', { GITHUB_RUN_ATTEMPT: '2/../../evil' }, 'https://ghe.example/acme/web/actions/runs/42'],
    ['an attempt with a newline', { GITHUB_RUN_ATTEMPT: '2\n' }, 'https://ghe.example/acme/web/actions/runs/42'],
  ])('links the run at %s, the server URL read without its trailing slashes', (_, attempt, url) => {
    const env = { GITHUB_SERVER_URL: 'https://ghe.example//', GITHUB_REPOSITORY: 'acme/web', GITHUB_RUN_ID: '42', ...attempt };
    const context = readRunnerContext(env, '/');
    expect(context.serverUrl).toBe('https://ghe.example');
    expect(runUrlOf(context, env)).toBe(url);
  });
});
