import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/action-harness.js';
import { startFakeGitHub } from '../src/github-fake.js';
import { startFakeNpmAudit } from '../src/npm-audit-fake.js';
import { startResultsService } from '../src/results-service.js';
import { startFakeSlack } from '../src/slack-fake.js';
import { type Json, callerRepository, cleanUpPublished, evaluateIf, git, npmStandIn, roadstopRelease, runLocalJob, runLocalWorkflow } from '../src/workflows/index.js';

// The example workflows (examples/workflows) as the release acme/roadstop v1.0.0 holds them, each run through the
// local job runner on a fresh caller made from examples/webapp. pipeline.yml's gates job runs whole in
// adoption.integration.test.ts; here its preview job, deploy-slack.yml, and what the security and lighthouse jobs do
// with what they are given. Not here: one-line.yml and pull-request.yml (adoption.integration.test.ts), release.yml.
afterAll(cleanUpPublished);

const GITHUB_TOKEN = 'ghs_exampleRunToken000000000000000000';
const logOf = (steps: { name: string; stdout: string; stderr: string }[]) => steps.map((step) => `${step.name}: ${step.stdout}${step.stderr}`).join('\n');

/** An example as the release holds it (its roadstop uses: stamped with the release's SHA). */
async function stampedExample(file: string): Promise<string> {
  const { published, sha } = await roadstopRelease();
  return git(published.gitDir, 'show', `${sha}:examples/workflows/${file}`);
}

/** Marks files of the caller executable and commits that, as `git update-index --chmod=+x` does on a laptop. */
async function makeExecutable(caller: string, ...paths: string[]): Promise<void> {
  for (const path of paths) await chmod(join(caller, path), 0o755);
  await git(caller, 'add', '-A');
  await git(caller, 'commit', '-qm', 'executable scripts');
}

/** The webhook payload of a pull request that was just opened: #7 from a branch of the same repository. */
const pullRequestEvent = (number: number): Record<string, Json> => ({
  action: 'opened',
  number,
  repository: { full_name: 'octo-org/webapp', default_branch: 'main' },
  pull_request: {
    number,
    base: { ref: 'main', sha: 'c0ffee0000000000000000000000000000000000', repo: { full_name: 'octo-org/webapp' } },
    head: { ref: 'feature', sha: 'c0ffee0000000000000000000000000000000001', repo: { full_name: 'octo-org/webapp' } },
  },
});

describe("pipeline.yml's preview job, after the gates' build, on a pull request", () => {
  it('deploys the build with a stub deploy command, records the GitHub deployment and keeps one PR comment with the URL and the results', async () => {
    const { repositories } = await roadstopRelease();
    const stamped = await stampedExample('pipeline.yml');
    const pipeline = parse(stamped) as { jobs: { gates: { uses: string; with: Record<string, string | number> }; preview: { if: string; uses: string; with: Record<string, string>; secrets: Record<string, string> } } };
    expect(pipeline.jobs.preview.uses).toMatch(/^acme\/roadstop\/\.github\/workflows\/preview\.yml@[0-9a-f]{40}$/);
    // The deploy command is the one substitution: a script of the caller's that prints a URL, as `vercel deploy` does.
    expect(pipeline.jobs.preview.with.deploy).toBe('npx vercel deploy --yes --token="$DEPLOY_TOKEN"');
    const deploy = [
      '#!/usr/bin/env bash',
      'set -eu',
      'test -f dist/index.html || { echo "no build in dist/" >&2; exit 1; }',
      'echo "deploying $(find dist -type f | wc -l) files, DEPLOY_TOKEN ${DEPLOY_TOKEN:+is set}"',
      'echo "$*" >> "$DEPLOY_CALLS"',
      'echo "Preview: https://webapp-git-feature-octo.vercel.app"',
      '',
    ].join('\n');
    const caller = await callerRepository({ '.github/workflows/pipeline.yml': stamped, 'scripts/preview-deploy.sh': deploy });
    await makeExecutable(caller, 'scripts/preview-deploy.sh');
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-example-'));
    const store = await mkdtemp(join(tmpdir(), 'roadstop-example-store-'));
    const calls = join(store, '..', `${store.split('/').pop()!}-calls`);
    const npm = await npmStandIn();
    const github = await startFakeGitHub({ owner: 'octo-org', repo: 'webapp' });
    const event = pullRequestEvent(7);
    const context = { event_name: 'pull_request', ref: 'refs/pull/7/merge', api_url: github.url, token: GITHUB_TOKEN };
    const env = { PATH: `${npm}:${process.env.PATH ?? ''}`, GITHUB_API_URL: github.url, DEPLOY_CALLS: calls };
    try {
      await git(tmpdir(), 'clone', '-q', caller, workspace);
      // gates.yml's build job of the same run: it uploads roadstop-build and roadstop-result-build.
      const build = await runLocalJob({ workflow: pipeline.jobs.gates.uses, repositories, job: 'build', workspace, inputs: pipeline.jobs.gates.with, needs: { plan: { result: 'success', outputs: { 'bundle-budget': 'false' } } }, artifacts: store, env, github: context, event });
      expect(build.result, logOf(build.steps)).toBe('success');

      // The caller's job-level if: the preview runs on a pull request after the gates, not on a push.
      const contexts = (eventName: string) => ({ github: { event_name: eventName, event: {} }, needs: { gates: { result: 'success', outputs: {} } } });
      expect(evaluateIf(pipeline.jobs.preview.if, contexts('pull_request'), { failed: false })).toBe(true);
      expect(evaluateIf(pipeline.jobs.preview.if, contexts('push'), { failed: false })).toBe(false);

      const run = await runLocalWorkflow({
        workflow: pipeline.jobs.preview.uses,
        repositories,
        caller,
        inputs: { ...pipeline.jobs.preview.with, deploy: './scripts/preview-deploy.sh --yes' },
        secrets: { 'deploy-token': 'vercel_s3cretToken' },
        github: context,
        event,
        env,
        artifacts: store,
      });
      const steps = run.jobs.deploy!.runs[0]?.steps ?? [];
      expect(run.jobs.deploy!.result, logOf(steps)).toBe('success');
      expect(run.jobs.closed!.result).toBe('skipped');
      const url = 'https://webapp-git-feature-octo.vercel.app';
      expect(run.jobs.deploy!.outputs.url).toBe(url);
      expect(steps.find((step) => step.name === 'Deploy')!.stdout).toMatch(/deploying [1-9]\d* files, DEPLOY_TOKEN is set/);
      expect(await readFile(calls, 'utf8')).toBe('--yes\n');

      // One GitHub deployment of the preview environment, marked success with the URL.
      expect(github.deployments).toHaveLength(1);
      expect(github.deployments[0]).toMatchObject({ environment: 'preview', sha: 'c0ffee0000000000000000000000000000000001' });
      expect(github.deployments[0]!.statuses.at(-1)).toMatchObject({ state: 'success', environment_url: url });
      expect(run.jobs.deploy!.outputs['deployment-id']).toBe(String(github.deployments[0]!.id));
      // One comment on #7 with the URL and the build's result row.
      const comments = github.comments(7);
      expect(comments).toHaveLength(1);
      expect(comments[0]!.body).toContain(url);
      expect(comments[0]!.body).toContain('### ✅ preview: ready');
      expect(comments[0]!.body).toContain('| build | ✅ pass | build passed |');
      expect(run.jobs.deploy!.outputs['comment-url']).toBe(comments[0]!.html_url);
      // The token never reached a log.
      expect(steps.map((step) => step.stdout + step.stderr).join('')).not.toContain('vercel_s3cretToken');
    } finally {
      await github.close();
      await rm(workspace, { recursive: true, force: true });
      await rm(store, { recursive: true, force: true });
      await rm(calls, { force: true });
    }
  }, 300_000);
});

describe('deploy-slack.yml, against the Slack stand-in', () => {
  const channel = 'C0123456789';
  const run = async (failAt?: string) => {
    const { repositories } = await roadstopRelease();
    const stamped = await stampedExample('deploy-slack.yml');
    expect(stamped.match(/uses: acme\/roadstop\/actions\/slack-notify@[0-9a-f]{40}/g)).toHaveLength(4);
    const slack = await startFakeSlack();
    slack.addChannel('deploys', { id: channel });
    // The one substitution: slack-notify's api-url, the stand-in on loopback instead of https://slack.com/api/.
    const workflow = stamped.replaceAll('token: ${{ secrets.SLACK_BOT_TOKEN }}', `token: \${{ secrets.SLACK_BOT_TOKEN }}\n          api-url: ${slack.apiUrl}`);
    expect(workflow.split(`api-url: ${slack.apiUrl}`)).toHaveLength(5);
    // The caller's deploy.sh, stubbed: it records its arguments and fails at the weight it is told to.
    const deploy = ['#!/usr/bin/env bash', 'set -eu', 'echo "$*" >> "$DEPLOY_CALLS"', 'if [ "$2" = "${DEPLOY_FAIL_AT:-none}" ]; then echo "deploy: the load balancer refused weight $2" >&2; exit 1; fi', 'echo "deploy: canary at $2%"', ''].join('\n');
    const caller = await callerRepository({ '.github/workflows/deploy-slack.yml': workflow, 'deploy.sh': deploy });
    await makeExecutable(caller, 'deploy.sh');
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-example-'));
    const calls = `${workspace}-calls`;
    try {
      await git(tmpdir(), 'clone', '-q', caller, workspace);
      const job = await runLocalJob({
        workflow: './.github/workflows/deploy-slack.yml',
        job: 'deploy',
        repositories,
        workspace,
        secrets: { SLACK_BOT_TOKEN: slack.token },
        inheritSecrets: true,
        env: { DEPLOY_CALLS: calls, ...(failAt ? { DEPLOY_FAIL_AT: failAt } : {}) },
        github: { event_name: 'workflow_dispatch', workflow: 'deploy', token: GITHUB_TOKEN },
      });
      return { job, slack, calls: (await readFile(calls, 'utf8')).trim().split('\n') };
    } finally {
      await slack.close();
      await rm(workspace, { recursive: true, force: true });
    }
  };

  it('tells the deployment in one message: posted when it starts, updated at each step, details in its thread', async () => {
    const { job, slack, calls } = await run();
    expect(job.result, logOf(job.steps)).toBe('success');
    expect(calls).toEqual(['--canary 10', '--canary 100']);
    const parents = slack.parents(channel);
    expect(parents).toHaveLength(1);
    const message = parents[0]!;
    expect(job.steps.find((step) => step.id === 'slack')!.outputs).toMatchObject({ ts: message.ts, channel });
    const shown = message.revisions.map((revision) => slack.render(revision).text);
    expect(shown).toHaveLength(3);
    expect(shown[0]).toMatch(/^🚀 Lumia Pro: deploying to production\n\*Status\*\n🚀 started\n\*Environment\*\nproduction/);
    expect(shown[1]).toMatch(/^⏳ Lumia Pro: rolling out to production · 10%[\s\S]*step 1\/2 · 10% of traffic\nCurrently: 10% of users · error rate 0\.05% ✅ · next step 100%/);
    expect(shown[2]).toMatch(/^✅ Lumia Pro deployed to production\n\*Status\*\n✅ succeeded/);
    // The start is posted; each later event updates it and replies in its thread.
    expect(slack.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['chat.postMessage 200', 'chat.update 200', 'chat.postMessage 200', 'chat.update 200', 'chat.postMessage 200']);
    const thread = slack.replies(message.ts).map((reply) => slack.render(reply).text);
    expect(thread).toEqual([expect.stringMatching(/^⏳ \*In progress\* · step 1\/2 · 10% of traffic[\s\S]*Currently: 10% of users/), expect.stringMatching(/^✅ \*Succeeded\*/)]);
    expect(job.steps.at(-1)!.outcome).toBe('skipped');
  }, 120_000);

  it('says it failed, in the same message, when a deploy step fails', async () => {
    const { job, slack, calls } = await run('100');
    expect(job.result).toBe('failure');
    expect(calls).toEqual(['--canary 10', '--canary 100']);
    const message = slack.parents(channel)[0]!;
    expect(slack.parents(channel)).toHaveLength(1);
    expect(slack.render(message.revisions.at(-1)!).text).toMatch(/failed/i);
    expect(job.steps.at(-1)!.outcome).toBe('success');
  }, 120_000);
});

describe("gates.yml's security job as the examples call it", () => {
  let repositories: Record<string, string>;
  let caller: string;
  beforeAll(async () => {
    repositories = (await roadstopRelease()).repositories;
    caller = await callerRepository({});
  }, 120_000);

  const security = async (inputs: Record<string, string | boolean>, registry: string) => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-example-'));
    const store = await mkdtemp(join(tmpdir(), 'roadstop-example-store-'));
    try {
      await git(tmpdir(), 'clone', '-q', caller, workspace);
      return await runLocalJob({ workflow: 'acme/roadstop/.github/workflows/gates.yml@v1.0.0', repositories, job: 'security', workspace, inputs, env: { npm_config_registry: registry }, artifacts: store });
    } finally {
      await rm(workspace, { recursive: true, force: true });
      await rm(store, { recursive: true, force: true });
    }
  };

  it('npm audit fails the job on a high advisory for a locked package, and passes a moderate one', async () => {
    const audit = await startFakeNpmAudit();
    try {
      const advisory = { id: 9_900_001, url: 'https://github.com/advisories/GHSA-xxxx-yyyy-zzzz', title: 'Path traversal in the preview server', vulnerable_versions: '<9.0.0', cwe: ['CWE-22'], cvss: { score: 7.5, vectorString: null } };
      audit.advisories.set('vite', [{ ...advisory, severity: 'high' }]);
      const high = await security({ 'secret-scan': false }, audit.url);
      expect(high.result).toBe('failure');
      const step = high.steps.find((each) => each.name === 'Dependency audit')!;
      expect(step.outcome).toBe('failure');
      expect(step.stdout).toContain('Path traversal in the preview server');
      audit.advisories.set('vite', [{ ...advisory, id: 9_900_002, url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', severity: 'moderate' }]);
      const moderate = await security({ 'secret-scan': false }, audit.url);
      expect(moderate.result, logOf(moderate.steps)).toBe('success');
      expect(moderate.steps.find((each) => each.name === 'Dependency audit')!.stdout).toMatch(/Path traversal in the preview server[\s\S]*moderate severity vulnerabilit/);
      expect(audit.requests.map((request) => request.status)).toEqual([200, 200]);
    } finally {
      await audit.close();
    }
  }, 120_000);

  it('an advisory database that does not answer fails the audit, never passes it', async () => {
    const audit = await startFakeNpmAudit();
    audit.failWith = 503;
    try {
      const job = await security({ 'secret-scan': false }, audit.url);
      expect(job.result).toBe('failure');
      expect(job.steps.find((each) => each.name === 'Dependency audit')!.stderr).toContain('audit endpoint returned an error');
    } finally {
      await audit.close();
    }
  }, 120_000);

  it('the secret scan (TruffleHog, a Docker action) is refused by the local runner, not passed over', async () => {
    const audit = await startFakeNpmAudit();
    try {
      await expect(security({}, audit.url)).rejects.toThrow(/trufflesecurity\/trufflehog@[0-9a-f]{40} cannot run on this machine/);
    } finally {
      await audit.close();
    }
  }, 120_000);
});

describe("gates.yml's lighthouse job with an artifact-prefix", () => {
  it('uploads the Lighthouse reports as PREFIX-lighthouse-gate-reports, so two calls do not collide', async () => {
    const { repositories } = await roadstopRelease();
    const workflow = 'acme/roadstop/.github/workflows/gates.yml@v1.0.0';
    const caller = await callerRepository({});
    const store = await mkdtemp(join(tmpdir(), 'roadstop-example-store-'));
    const npm = await npmStandIn();
    const results = await startResultsService();
    const github = await startFakeGitHub({ owner: 'octo-org', repo: 'webapp' });
    const job = async (name: string, extra: Partial<Parameters<typeof runLocalJob>[0]>) => {
      const workspace = await mkdtemp(join(tmpdir(), 'roadstop-example-'));
      try {
        await git(tmpdir(), 'clone', '-q', caller, workspace);
        return await runLocalJob({ workflow, repositories, job: name, workspace, inputs: { 'artifact-prefix': 'web' }, artifacts: store, env: { PATH: `${npm}:${process.env.PATH ?? ''}`, ACTIONS_RUNTIME_TOKEN: results.runtimeToken, ACTIONS_RESULTS_URL: results.url }, github: { event_name: 'pull_request', ref: 'refs/pull/7/merge', api_url: github.url, token: GITHUB_TOKEN }, event: pullRequestEvent(7), ...extra });
      } finally {
        await rm(workspace, { recursive: true, force: true });
      }
    };
    try {
      const build = await job('build', { needs: { plan: { result: 'success', outputs: { 'bundle-budget': 'false' } } } });
      expect(build.result, logOf(build.steps)).toBe('success');
      const lighthouse = await job('lighthouse', { needs: { plan: { result: 'success', outputs: { 'lighthouse-gate': 'true' } }, build: { result: 'success', outputs: {} } } });
      expect(lighthouse.result, logOf(lighthouse.steps)).toBe('success');
      const names = results.artifacts.filter((artifact) => artifact.finalized).map((artifact) => artifact.name);
      expect(names).toContain('web-lighthouse-gate-reports');
      expect(names.filter((name) => name.startsWith('roadstop-'))).toEqual([]);
    } finally {
      await github.close();
      await results.close();
      await rm(store, { recursive: true, force: true });
    }
  }, 300_000);
});

describe("the stand-in npx: Playwright's browser download, the one the local runner answers", () => {
  const npx = async (args: string[], env: Record<string, string>) => {
    const folder = await npmStandIn();
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      execFile(join(folder, 'npx'), args, { env: { ...process.env, CHROMIUM_PATH: '', ...env } }, (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
    });
  };

  it.each([
    ['chromium with --with-deps, Chromium at CHROMIUM_PATH', ['playwright', 'install', '--with-deps', 'chromium'], { CHROMIUM_PATH: '/usr/bin/chromium' }, 0, /no download; the e2e tests launch Chromium \d+\S* .*at \/usr\/bin\/chromium/],
    ['no CHROMIUM_PATH', ['playwright', 'install', 'chromium'], {}, 1, /CHROMIUM_PATH names no Chromium/],
    ['a CHROMIUM_PATH that is not there', ['playwright', 'install', 'chromium'], { CHROMIUM_PATH: '/nonexistent/chromium' }, 1, /CHROMIUM_PATH names no Chromium \('\/nonexistent\/chromium'\)/],
    ['another browser', ['playwright', 'install', 'firefox'], { CHROMIUM_PATH: '/usr/bin/chromium' }, 1, /only chromium is on this machine, not 'firefox'/],
    ['every browser', ['playwright', 'install'], { CHROMIUM_PATH: '/usr/bin/chromium' }, 1, /only chromium is on this machine/],
    ['an option it does not know', ['playwright', 'install', '--force', 'chromium'], { CHROMIUM_PATH: '/usr/bin/chromium' }, 1, /--force is not rehearsed here/],
  ])('%s', async (_name, args, env, code, said) => {
    const ran = await npx(args, env);
    expect(ran.code).toBe(code);
    expect(code === 0 ? ran.stdout : ran.stderr).toMatch(said);
  }, 30_000);

  it('passes any other call to the real npx', async () => {
    const ran = await npx(['--version'], {});
    expect(ran.code).toBe(0);
    expect(ran.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  }, 30_000);
});

// A new example needs a test that runs it: this list names where each one runs.
it('every file in examples/workflows is one the tests run', async () => {
  const runBy = {
    'deploy-slack.yml': 'examples.integration.test.ts',
    'one-line.yml': 'adoption.integration.test.ts',
    'pipeline.yml': 'adoption.integration.test.ts (gates), examples.integration.test.ts (preview)',
    'pull-request.yml': 'adoption.integration.test.ts',
    'release.yml': 'the canary rehearsal (another branch of issue 18 item 5; not run in this file)',
  };
  expect((await readdir(join(REPO_ROOT, 'examples/workflows'))).sort()).toEqual(Object.keys(runBy));
});
