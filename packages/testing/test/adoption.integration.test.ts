import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/action-harness.js';
import { startFakeGitHub } from '../src/github-fake.js';
import { startFakeNpmAudit } from '../src/npm-audit-fake.js';
import { type LocalJob, callerRepository, cleanUpPublished, git, npmStandIn, publishRoadstop, roadstopRelease, runLocalJob, runLocalWorkflow, type Published } from '../src/workflows/index.js';

// Adoption from another repository (issue 18): roadstop published as acme/roadstop, a release made by
// scripts/release.mjs, and a caller made from examples/webapp that pins it. Every uses: of acme/roadstop is read
// from that bare repository at its ref (packages/testing/src/workflows/published.ts), never from this working tree.
const RELEASE = join(REPO_ROOT, 'scripts/release.mjs');
const STAMPED = /^(action\.yml|actions\/[^/]+\/action\.yml|\.github\/workflows\/[^/]+\.yml|examples\/workflows\/[^/]+\.yml)$/;

function usesOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*['"]?([^\s'"#]+)/gm)].map((match) => match[1]!);
}

afterAll(cleanUpPublished);

describe('scripts/release.mjs', () => {
  let published: Published;
  beforeAll(async () => {
    published = await publishRoadstop('acme/roadstop');
  }, 120_000);

  const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [RELEASE, ...args], { cwd, encoding: 'utf8' });

  it('tags a tree whose every roadstop uses: names acme/roadstop at a commit of the same release that holds it', async () => {
    const clone = published.clone;
    const before = await git(clone, 'rev-parse', 'HEAD');
    const ran = run(clone, '--repository', 'acme/roadstop', '--version', '1.0.0');
    expect(ran.status, ran.stderr).toBe(0);
    const sha = ran.stdout.trim();
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await git(clone, 'rev-parse', 'v1.0.0^{commit}')).toBe(sha);
    expect(await git(clone, 'rev-parse', 'v1^{commit}')).toBe(sha);
    // The branch, the index and the work tree are as they were.
    expect(await git(clone, 'rev-parse', 'HEAD')).toBe(before);
    expect(await git(clone, 'status', '--porcelain')).toBe('');
    expect(JSON.parse(await git(clone, 'show', `${sha}:package.json`)).version).toBe('1.0.0');

    const paths = (await git(clone, 'ls-tree', '-r', '--name-only', sha)).split('\n').filter((path) => STAMPED.test(path));
    let checked = 0;
    for (const path of paths) {
      const text = await git(clone, 'show', `${sha}:${path}`);
      for (const uses of usesOf(text)) {
        expect(uses, `${path}: ${uses}`).not.toMatch(/^owner\/roadstop/i);
        if (!uses.startsWith('acme/roadstop')) continue;
        const match = /^acme\/roadstop((?:\/[^@]+)?)@([0-9a-f]{40})$/.exec(uses);
        expect(match, `${path}: ${uses} is at a commit SHA`).not.toBeNull();
        const [, sub, ref] = match!;
        const target = sub === '' ? 'action.yml' : sub!.endsWith('.yml') ? sub!.slice(1) : `${sub!.slice(1)}/action.yml`;
        await expect(git(published.gitDir, 'cat-file', '-e', `${ref}:${target}`).catch(() => git(clone, 'cat-file', '-e', `${ref}:${target}`))).resolves.toBe('');
        // The named commit holds the same actions/ and dist/ as the tag.
        for (const folder of ['actions', 'dist']) expect(await git(clone, 'rev-parse', `${ref}:${folder}`), `${uses}: ${folder}/`).toBe(await git(clone, 'rev-parse', `${sha}:${folder}`));
        checked++;
      }
    }
    // gates.yml 3, preview.yml 2, canary.yml 1 (canary-release), the examples' calls: all of them were checked.
    expect(checked).toBeGreaterThanOrEqual(6 + 8);
    // A workflow reached through the examples' pinned call holds stamped actions only.
    const pipeline = await git(clone, 'show', `${sha}:examples/workflows/pipeline.yml`);
    const gatesRef = /acme\/roadstop\/\.github\/workflows\/gates\.yml@([0-9a-f]{40})/.exec(pipeline)![1]!;
    expect(usesOf(await git(clone, 'show', `${gatesRef}:.github/workflows/gates.yml`)).filter((uses) => uses.includes('roadstop'))).toEqual([
      expect.stringMatching(/^acme\/roadstop\/actions\/coverage-gate@[0-9a-f]{40}$/),
      expect.stringMatching(/^acme\/roadstop\/actions\/bundle-budget@[0-9a-f]{40}$/),
      expect.stringMatching(/^acme\/roadstop\/actions\/lighthouse-gate@[0-9a-f]{40}$/),
    ]);
  }, 60_000);

  it.each([
    ['no repository', ['--version', '1.0.0'], /--repository OWNER\/NAME is required/],
    ['the placeholder itself', ['--repository', 'owner/roadstop', '--version', '1.0.0'], /placeholder/],
    ['a name GitHub refuses', ['--repository', 'acme/road stop', '--version', '1.0.0'], /is not OWNER\/NAME/],
    ['an owner with a double dash', ['--repository', 'ac--me/roadstop', '--version', '1.0.0'], /is not OWNER\/NAME/],
    ['a version with a v', ['--repository', 'acme/roadstop', '--version', 'v1.0.0'], /is not X\.Y\.Z/],
    ['a pre-release', ['--repository', 'acme/roadstop', '--version', '1.0.0-rc.1'], /is not X\.Y\.Z/],
    ['an existing tag', ['--repository', 'acme/roadstop', '--version', '1.0.0'], /tag v1\.0\.0 exists already/],
  ])('refuses %s, and tags nothing', async (_name, args, message) => {
    const clone = published.clone;
    const tags = await git(clone, 'tag');
    const ran = run(clone, ...args);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toMatch(message);
    expect(await git(clone, 'tag')).toBe(tags);
  });

  it('refuses a dirty work tree', async () => {
    const clone = published.clone;
    await writeFile(join(clone, 'stray.txt'), 'x');
    try {
      const ran = run(clone, '--repository', 'acme/roadstop', '--version', '1.2.0');
      expect(ran.status).toBe(2);
      expect(ran.stderr).toMatch(/work tree is not clean[\s\S]*stray\.txt/);
      expect(await git(clone, 'tag', '--list', 'v1.2.0')).toBe('');
    } finally {
      await git(clone, 'clean', '-fq');
    }
  });

  it('keeps the major tag on the newest release: a later patch of an older minor does not move it back', async () => {
    const clone = published.clone;
    const v11 = run(clone, '--repository', 'acme/roadstop', '--version', '1.1.0');
    expect(v11.status, v11.stderr).toBe(0);
    const v101 = run(clone, '--repository', 'acme/roadstop', '--version', '1.0.1');
    expect(v101.status, v101.stderr).toBe(0);
    expect(await git(clone, 'rev-parse', 'v1^{commit}')).toBe(v11.stdout.trim());
  }, 60_000);
});

describe('a caller pinned to a release, across repositories', () => {
  const progress = (job: string, step: { name: string; outcome: string; seconds: number }) => process.stdout.write(`  adoption · ${job} · ${step.name}: ${step.outcome} (${step.seconds.toFixed(1)} s)\n`);

  it("runs the README's pipeline from the release it pins, and a later commit on roadstop's main changes nothing for it", async () => {
    const { published, repositories } = await roadstopRelease();
    const example = await readFile(join(REPO_ROOT, 'examples/workflows/pipeline.yml'), 'utf8');
    const pinned = (tag: string) => example.replaceAll('owner/roadstop/', 'acme/roadstop/').replace(/@v1\b/g, `@${tag}`);
    const caller = await callerRepository({ '.github/workflows/pipeline.yml': pinned('v1.0.0') });
    const workflow = parse(pinned('v1.0.0')) as { jobs: { gates: { uses: string; with: Record<string, string> } } };
    expect(workflow.jobs.gates.uses).toBe('acme/roadstop/.github/workflows/gates.yml@v1.0.0');
    const npm = await npmStandIn();
    // npm audit asks a stand-in of the registry's advisory database (this machine's registry answers its endpoint
    // 405); the e2e job's `npx playwright install` is answered by the stand-in npx, and Playwright launches Debian's
    // Chromium (examples/webapp/playwright.config.js reads CHROMIUM_PATH).
    const audit = await startFakeNpmAudit();
    const env = { PATH: `${npm}:${process.env.PATH ?? ''}`, npm_config_registry: audit.url, CHROMIUM_PATH: '/usr/bin/chromium' };
    const call = (uses: string, skip: string[]) =>
      runLocalWorkflow({
        workflow: uses,
        repositories,
        caller,
        // TruffleHog is a Docker action and no Docker engine runs here: the local runner refuses it (see
        // examples.integration.test.ts), so the secret scan is switched off rather than passed over.
        inputs: { ...workflow.jobs.gates.with, 'secret-scan': false },
        env,
        github: { event_name: 'push', ref: 'refs/heads/main' },
        skip,
        onStep: progress,
      });

    const run = await call(workflow.jobs.gates.uses, []).finally(() => audit.close());
    const results = Object.fromEntries(Object.entries(run.jobs).map(([id, job]) => [id, job.result]));
    const logs = Object.values(run.jobs).flatMap((job) => job.runs.flatMap((each) => each.steps.filter((step) => step.outcome === 'failure').map((step) => `${step.name}\n${step.stdout}\n${step.stderr}`)));
    expect(results, logs.join('\n')).toEqual({ plan: 'success', security: 'success', lint: 'success', test: 'success', coverage: 'success', build: 'success', lighthouse: 'success', e2e: 'success', summary: 'success' });
    // npm audit really ran: it asked about the example's locked packages.
    const locked = JSON.parse(await readFile(join(REPO_ROOT, 'examples/webapp/package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(audit.requests).toHaveLength(1);
    expect(audit.requests[0]!.packages.vite).toEqual([locked.packages['node_modules/vite']!.version]);
    const security = run.jobs.security!.runs[0]!.steps;
    expect(security.find((step) => step.name === 'Dependency audit')!.stdout).toContain('found 0 vulnerabilities');
    expect(security.find((step) => step.name === 'Secret scan')!.outcome).toBe('skipped');
    // The e2e job: the browser install answered, then Playwright's tests clicked through the built app in Chromium.
    const e2e = run.jobs.e2e!.runs[0]!.steps.find((step) => step.name === 'End-to-end tests')!;
    expect(e2e.stdout).toMatch(/npx playwright install \(stand-in\): no download; the e2e tests launch Chromium \d+/);
    expect(e2e.stdout).toMatch(/2 passed/);
    expect(run.jobs.summary!.outputs).toMatchObject({ 'security-status': 'pass', 'e2e-status': 'pass' });
    expect(run.jobs.test!.runs).toHaveLength(2);
    expect(run.jobs.summary!.outputs).toMatchObject({ 'coverage-gate-status': expect.stringMatching(/^(pass|warn)$/), 'bundle-budget-status': expect.stringMatching(/^(pass|warn)$/), 'lighthouse-gate-status': expect.stringMatching(/^(pass|warn)$/) });
    expect(run.artifacts).toEqual(expect.arrayContaining(['roadstop-build', 'roadstop-coverage-1', 'roadstop-coverage-2', 'roadstop-result-build', 'roadstop-result-test', 'roadstop-result-lighthouse', 'roadstop-result-security', 'roadstop-result-e2e']));
    const coverageStep = run.jobs.coverage!.runs[0]!.steps.find((step) => step.name === 'coverage-gate')!;
    const released = await git(published.gitDir, 'rev-parse', 'v1.0.0~2');
    expect(coverageStep.note).toBe(`acme/roadstop/actions/coverage-gate at ${released}`);

    // The summary's row of coverage-gate, from the result the released action wrote.
    const row = (each: typeof run) => /\| coverage-gate \|[^\n]*/.exec(each.jobs.summary!.runs[0]!.steps.find((step) => step.name === 'Sum the road stops')!.stdout)?.[0] ?? '';
    expect(row(run)).toMatch(/coverage ok · lines \d/);

    // roadstop's main moves on: coverage-gate's headline says something else, and a release 1.1.0 ships it.
    await git(published.clone, 'checkout', '-q', 'main');
    // The bundle chunk that holds the headline (ncc numbers its chunks).
    const chunks = (await readdir(join(published.clone, 'dist/coverage-gate'))).filter((name) => name.endsWith('.js'));
    const holding = (await Promise.all(chunks.map(async (name) => ((await readFile(join(published.clone, 'dist/coverage-gate', name), 'utf8')).includes("'coverage ok'") ? name : [])))).flat();
    expect(holding).toHaveLength(1);
    const bundle = join(published.clone, 'dist/coverage-gate', holding[0]!);
    const text = await readFile(bundle, 'utf8');
    await writeFile(bundle, text.replace("'coverage ok'", "'coverage fine (changed on main)'"));
    await git(published.clone, 'commit', '-qam', 'coverage-gate: a new headline');
    await git(published.clone, 'push', '-q', 'origin', 'main');
    await published.release('1.1.0');
    const only = ['security', 'lint', 'build', 'lighthouse', 'e2e'];
    const again = await call('acme/roadstop/.github/workflows/gates.yml@v1.0.0', only);
    const later = await call('acme/roadstop/.github/workflows/gates.yml@v1.1.0', only);
    expect(row(again)).toMatch(/coverage ok · lines \d/);
    expect(row(later)).toMatch(/coverage fine \(changed on main\) · lines \d/);
  }, 600_000);

  it('runs the same road stops on a merge queue (merge_group), with the growth limits said to be unjudged, never failed', async () => {
    const { repositories } = await roadstopRelease();
    const example = await readFile(join(REPO_ROOT, 'examples/workflows/pipeline.yml'), 'utf8');
    const pipeline = parse(example) as { on: Record<string, unknown>; jobs: { gates: { with: Record<string, string> } } };
    expect(pipeline.on).toHaveProperty('merge_group');
    const caller = await callerRepository({});
    const head = await git(caller, 'rev-parse', 'HEAD');
    const npm = await npmStandIn();
    const headRef = `refs/heads/gh-readonly-queue/main/pr-7-${head}`;
    // The merge_group webhook's payload (docs.github.com/en/webhooks/webhook-events-and-payloads#merge_group):
    // merge_group.head_sha, head_ref, base_sha, base_ref; no pull_request.
    const run = await runLocalWorkflow({
      workflow: 'acme/roadstop/.github/workflows/gates.yml@v1.0.0',
      repositories,
      caller,
      inputs: { ...pipeline.jobs.gates.with, 'secret-scan': false },
      env: { PATH: `${npm}:${process.env.PATH ?? ''}`, CHROMIUM_PATH: '/usr/bin/chromium' },
      github: { event_name: 'merge_group', ref: headRef, sha: head },
      event: { action: 'checks_requested', merge_group: { head_sha: head, head_ref: headRef, base_sha: head, base_ref: 'refs/heads/main', head_commit: { id: head, message: 'pr 7' } } },
      // npm audit and the lint have nothing of the event to read; every other job runs.
      skip: ['security', 'lint'],
      onStep: progress,
    });
    const logs = Object.values(run.jobs).flatMap((job) => job.runs.flatMap((each) => each.steps.filter((step) => step.outcome === 'failure').map((step) => `${step.name}\n${step.stdout}\n${step.stderr}`)));
    expect(Object.fromEntries(Object.entries(run.jobs).map(([id, job]) => [id, job.result])), logs.join('\n')).toMatchObject({ plan: 'success', test: 'success', coverage: 'success', build: 'success', lighthouse: 'success', e2e: 'success', summary: 'success' });
    expect(run.jobs.summary!.outputs).toMatchObject({ 'coverage-gate-status': expect.stringMatching(/^(pass|warn)$/), 'bundle-budget-status': expect.stringMatching(/^(pass|warn)$/), 'lighthouse-gate-status': expect.stringMatching(/^(pass|warn)$/), 'e2e-status': 'pass' });
    const budget = run.jobs.build!.runs[0]!.steps.find((step) => step.name === 'bundle-budget')!;
    expect(`${budget.stdout}${budget.stderr}`).toMatch(/not judged/);
  }, 600_000);
});

describe('gates.yml for real projects, its build job run from the release', () => {
  let repositories: Record<string, string>;
  let caller: string;
  let store: string;
  beforeAll(async () => {
    repositories = (await roadstopRelease()).repositories;
    caller = await callerRepository({});
    store = await mkdtemp(join(tmpdir(), 'roadstop-store-'));
  }, 120_000);
  afterAll(async () => rm(store, { recursive: true, force: true }));

  const build = (inputs: Record<string, string>, secrets: Record<string, string> = {}) =>
    runLocalJob({
      workflow: 'acme/roadstop/.github/workflows/gates.yml@v1.0.0',
      repositories,
      job: 'build',
      workspace: caller,
      inputs: { install: 'echo "install: NODE_AUTH_TOKEN ${NODE_AUTH_TOKEN:+is set}"', build: 'rm -rf .next && mkdir -p .next/static && echo "$API_URL $FEATURE" > .next/static/env.txt', 'build-dir': '.next', ...inputs },
      secrets,
      needs: { plan: { result: 'success', outputs: { 'bundle-budget': 'false' } } },
      artifacts: store,
    });
  const step = (job: LocalJob, name: string) => job.steps.find((each) => each.name === name)!;

  it('a hidden build folder (.next) uploads, build-env reaches the build masked, npm-token reaches the install', async () => {
    const job = await build({ 'artifact-prefix': 'web' }, { 'npm-token': 'npm_s3cret', 'build-env': 'API_URL=https://api.example.com\n# a comment\n\nFEATURE=on=off\r\n' });
    expect(job.result, job.steps.map((each) => each.stdout + each.stderr).join('\n')).toBe('success');
    expect(step(job, 'Install').stdout).toContain('install: NODE_AUTH_TOKEN is set');
    expect(step(job, 'Build').stdout.split('\n').filter((line) => line.startsWith('::add-mask::'))).toEqual(['::add-mask::https://api.example.com', '::add-mask::on=off']);
    expect(await readFile(join(store, 'web-build/static/env.txt'), 'utf8')).toBe('https://api.example.com on=off\n');
    expect(job.settings.runsOn).toBe('ubuntu-latest');
  });

  it('two calls with their own artifact-prefix do not collide; two with the same one do', async () => {
    const api = await build({ 'artifact-prefix': 'api', 'runs-on': '["self-hosted", "linux"]' });
    expect(api.result).toBe('success');
    expect(api.settings.runsOn).toEqual(['self-hosted', 'linux']);
    expect((await readdir(store)).sort()).toEqual(['api-build', 'api-result-build', 'web-build', 'web-result-build']);
    const again = await build({ 'artifact-prefix': 'api' });
    expect(step(again, 'Keep the build for lighthouse-gate, e2e and the preview').outcome).toBe('failure');
  });

  it.each([
    ['not KEY=VALUE', 'API_URL https://x', "secret build-env, line 1: not KEY=VALUE (a letter or _ first, then letters, digits, _)"],
    ['a bad key', 'FINE=1\n1BAD=x', "secret build-env, line 2: not KEY=VALUE (a letter or _ first, then letters, digits, _)"],
    ["the runner's variable", 'NODE_OPTIONS=--require /tmp/x.js', "secret build-env, line 1: NODE_OPTIONS is the runner's, not the build's"],
  ])('build-env refuses %s without showing the value', async (_name, value, message) => {
    const job = await build({ 'artifact-prefix': `bad-${Math.random().toString(36).slice(2)}` }, { 'build-env': value });
    expect(step(job, 'Build').annotations.map((annotation) => annotation.message)).toEqual([message]);
    expect(step(job, 'Build').stdout).not.toContain(value.split('=').pop()!);
  });
});

describe('the examples, run the first time on a repository made from examples/webapp', () => {
  /**
   * An example workflow as the release holds it (its roadstop uses: stamped), copied into a fresh caller and one of
   * its jobs run on a pull request's first run: the baselines are looked up on the GitHub fake, none is there yet.
   */
  const runExample = async (file: string, job: string): Promise<{ job: LocalJob; stamped: string }> => {
    const { published, sha, repositories } = await roadstopRelease();
    const stamped = await git(published.gitDir, 'show', `${sha}:examples/workflows/${file}`);
    const caller = await callerRepository({ [`.github/workflows/${file}`]: stamped });
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-example-'));
    await git(tmpdir(), 'clone', '-q', caller, workspace);
    const npm = await npmStandIn();
    const github = await startFakeGitHub({ owner: 'octo-org', repo: 'webapp' });
    try {
      const ran = await runLocalJob({ workflow: `./.github/workflows/${file}`, job, repositories, workspace, env: { PATH: `${npm}:${process.env.PATH ?? ''}`, GITHUB_API_URL: github.url }, github: { event_name: 'pull_request', ref: 'refs/pull/1/merge', api_url: github.url } });
      expect(ran.result, ran.steps.map((each) => `${each.name}: ${each.stdout}${each.stderr}`).join('\n')).toBe('success');
      return { job: ran, stamped };
    } finally {
      await github.close();
      await rm(workspace, { recursive: true, force: true });
    }
  };

  it('one-line.yml: tests with lcov, the build, then every gate the config names, from the release', async () => {
    const { job, stamped } = await runExample('one-line.yml', 'roadstop');
    expect(stamped).toMatch(/uses: acme\/roadstop@[0-9a-f]{40}/);
    const roadstop = job.steps.at(-1)!;
    expect(roadstop.note).toMatch(/^acme\/roadstop\/ at [0-9a-f]{40}$/);
    expect(roadstop.outputs).toMatchObject({ 'coverage-gate-status': expect.stringMatching(/^(pass|warn)$/), 'bundle-budget-status': expect.stringMatching(/^(pass|warn)$/), 'lighthouse-gate-status': expect.stringMatching(/^(pass|warn)$/) });
  }, 300_000);

  it('pull-request.yml: bundle-budget after the build, with baseline: auto and no baseline run yet, from the release', async () => {
    const { job } = await runExample('pull-request.yml', 'bundle');
    const budget = job.steps.find((each) => each.id === 'budget')!;
    expect(budget.note).toMatch(/^acme\/roadstop\/actions\/bundle-budget at [0-9a-f]{40}$/);
    expect(budget.outputs.status).toMatch(/^(pass|warn)$/);
  }, 120_000);
});
