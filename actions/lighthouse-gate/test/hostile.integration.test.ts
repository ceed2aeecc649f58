import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '@roadstop/lighthouse';
import { refusalOf, REPO_ROOT, runAction, startResultsService, type ActionRun } from '@roadstop/testing';

// Issue 17, "Trust at the edges", for the BUILT lighthouse-gate: what is served, which browser runs, what the log
// and result show of a URL's credentials, and what an upload may do to the verdict. Each case is one clear line
// naming the input, or the right decision; never a stack trace; every run bounded by the harness's timeout.

const action = 'lighthouse-gate';
const browser = findChrome(undefined, undefined);

function expectOneError(run: ActionRun, message: RegExp): void {
  expect(refusalOf(run)).toEqual({ exitCode: 1, errors: [expect.stringMatching(message)], trace: false });
}

async function siteWorkspace(): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'roadstop-lighthouse-hostile-'));
  await mkdir(join(workspace, 'site'));
  await writeFile(join(workspace, 'site/index.html'), '<!doctype html><title>x</title><p>x</p>\n');
  return workspace;
}

describe('lighthouse-gate against hostile input, built dist/ (stops before Lighthouse runs)', () => {
  it.each<[string, (workspace: string) => Promise<Record<string, string>>, RegExp]>([
    ['a static-dir that is a symlink to /etc', async (workspace) => (await symlink('/etc', join(workspace, 'dist')), { 'static-dir': 'dist' }), /^input 'static-dir': the static-dir 'dist' is outside the workspace .* \(through a symlink, it leads to \/etc\)/],
    ['a static-dir holding a symlink to /etc/passwd', async (workspace) => (await symlink('/etc/passwd', join(workspace, 'site/passwd.txt')), { 'static-dir': 'site' }), /^input 'static-dir': 'site\/passwd\.txt' is a symlink to \/etc\/passwd, outside the workspace, which would be served and measured/],
    ['a static-dir out of the workspace by its text', () => Promise.resolve({ 'static-dir': '../../etc' }), /^input 'static-dir': '\.\.\/\.\.\/etc' is outside the workspace/],
    ['min-performance 0.8, lhci’s 0–1 habit', () => Promise.resolve({ 'static-dir': 'site', 'min-performance': '0.8' }), /^input 'min-performance': 0\.8 reads as 0\.8 points out of 100, which looks like lhci's 0–1 score \(did you mean 80\?/],
    ['a score of 1e308', () => Promise.resolve({ 'static-dir': 'site', 'min-seo': '1e308' }), /^input 'min-seo': 1e\+308 is out of range/],
    ['a URL whose host would break Chrome’s resolver rules', () => Promise.resolve({ urls: 'http://x*y/' }), /^input 'urls': 'http:\/\/x\*y\/' has a host name Chrome's resolver rules cannot hold/],
  ])('%s is refused by name', async (_name, arrange, message) => {
    const workspace = await siteWorkspace();
    const run = await runAction({ action, workspace, inputs: { runs: '1', ...(await arrange(workspace)) }, timeoutMs: 30_000 });
    expectOneError(run, message);
  });

  it('chrome-path in the config file (the pull request’s own) is refused: it names a program the job runs', async () => {
    const workspace = await siteWorkspace();
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/roadstop.yml'), 'lighthouse-gate:\n  static-dir: site\n  chrome-path: /bin/sh\n');
    const run = await runAction({ action, workspace, inputs: { runs: '1' }, timeoutMs: 30_000 });
    expectOneError(run, /^\.github\/roadstop\.yml:3, key 'lighthouse-gate\.chrome-path': chrome-path is not read from the config file/);
  });

  it('CHROME_PATH=/nonexistent is an error naming it, never silently another browser', async () => {
    const workspace = await siteWorkspace();
    const run = await runAction({ action, workspace, env: { CHROME_PATH: '/nonexistent' }, inputs: { 'static-dir': 'site', runs: '1' }, timeoutMs: 30_000 });
    expectOneError(run, /the environment variable CHROME_PATH names '\/nonexistent', which is not an executable file/);
  });

  it.each([
    ['/bin/false', /^input 'chrome-path': the browser at '\/bin\/false' exited with 1 when asked for its --version/],
    ['/bin/true', /^input 'chrome-path': the browser at '\/bin\/true' printed no Chrome or Chromium version for --version/],
  ])('chrome-path: %s fails in seconds, before lhci is started', async (path, message) => {
    const workspace = await siteWorkspace();
    const run = await runAction({ action, workspace, inputs: { 'static-dir': 'site', 'chrome-path': path, runs: '1' }, timeoutMs: 20_000 });
    expectOneError(run, message);
    expect(run.stdout).not.toMatch(/lhci:/);
  });

  it.skipIf(!browser)('credentials in a urls entry are masked and never printed, not even in the error', async () => {
    const workspace = await siteWorkspace();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const password = 'hunter2-preview-secret';
    const run = await runAction({ action, workspace, inputs: { urls: `http://preview:${password}@127.0.0.1:${port}/`, runs: '1' }, timeoutMs: 30_000 });
    expect(run.masked).toContain(password);
    expectOneError(run, new RegExp(`^input 'urls': 'http://\\*\\*\\*@127\\.0\\.0\\.1:${port}/' does not answer`));
    const printed = (run.stdout + run.stderr).replace(/^::add-mask::.*$/gm, '');
    expect(printed).not.toContain(password);
  });
});

/**
 * A stand-in of the Actions results service (Twirp, github.actions.results.api.v1.ArtifactService) that refuses
 * every call as Twirp says a name already taken is refused: HTTP 409 with {"code":"already_exists","msg":…}
 * (https://twitchtv.github.io/twirp/docs/spec_v7.html#error-codes). It records every request it gets.
 */
async function refusingResultsService(): Promise<{ url: string; runtimeToken: string; requests: string[]; close: () => Promise<void> }> {
  // The runtime token of the shape the runner gives a job: @actions/artifact reads the run and job from it before calling.
  const shaped = await startResultsService();
  const { runtimeToken } = shaped;
  await shaped.close();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    request.resume();
    response.writeHead(409, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ code: 'already_exists', msg: 'an artifact with this name already exists on the workflow run' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    runtimeToken,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!browser)('lighthouse-gate uploads, built dist/ with Chromium', () => {
  let appWorkspace: string;
  beforeAll(async () => {
    appWorkspace = await mkdtemp(join(tmpdir(), 'roadstop-lighthouse-upload-'));
    await promisify(execFile)(join(REPO_ROOT, 'node_modules/.bin/vite'), ['build', join(REPO_ROOT, 'examples/webapp'), '--logLevel', 'warn', '--outDir', join(appWorkspace, 'dist'), '--emptyOutDir'], { cwd: REPO_ROOT });
    await mkdir(join(appWorkspace, '.github'));
    await cp(join(REPO_ROOT, 'examples/webapp/.github/roadstop.yml'), join(appWorkspace, '.github/roadstop.yml'));
  }, 120_000);
  let service: Awaited<ReturnType<typeof refusingResultsService>>;
  beforeAll(async () => {
    service = await refusingResultsService();
  });
  afterAll(() => service.close());

  it('upload: never sends nothing to the artifact service; a refused upload is a warning and the verdict and result file stand', async () => {
    const env = { ACTIONS_RUNTIME_TOKEN: service.runtimeToken, ACTIONS_RESULTS_URL: service.url };
    const never = await runAction({ action, workspace: appWorkspace, env, inputs: { runs: '1', upload: 'never' }, timeoutMs: 150_000 });
    expect(never.exitCode).toBe(0);
    expect(service.requests).toEqual([]);

    const refused = await runAction({ action, workspace: appWorkspace, env, inputs: { runs: '1', upload: 'always' }, timeoutMs: 150_000 });
    expect(service.requests.length).toBeGreaterThan(0);
    expect(refused.exitCode).toBe(0);
    expect(refused.outputs.status).toBe(never.outputs.status);
    const result = JSON.parse(await readFile(refused.outputs.report!, 'utf8')) as { status: string; messages: { level: string; text: string }[] };
    expect(result.status).toBe(never.outputs.status);
    expect(result.messages).toContainEqual(expect.objectContaining({ level: 'warning', text: expect.stringMatching(/^the reports were not uploaded: /) }));
    const warnings = refused.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message);
    expect(warnings.some((text) => text.startsWith('the result was not uploaded as the baseline artifact:'))).toBe(true);
    expect(refusalOf(refused).trace).toBe(false);
  }, 320_000);
});
