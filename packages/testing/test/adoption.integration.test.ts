import { execFile, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/action-harness.js';
import { callerRepository, git, npmStandIn, publishRoadstop, removeCheckouts, roadstopRelease, runLocalWorkflow, type Published } from '../src/workflows/index.js';

// Adoption from another repository (issue 18): roadstop published as acme/roadstop, a release made by
// scripts/release.mjs, and a caller made from examples/webapp that pins it. Every uses: of acme/roadstop is read
// from that bare repository at its ref (packages/testing/src/workflows/published.ts), never from this working tree.
const exec = promisify(execFile);
const RELEASE = join(REPO_ROOT, 'scripts/release.mjs');
const STAMPED = /^(action\.yml|actions\/[^/]+\/action\.yml|\.github\/workflows\/[^/]+\.yml|examples\/workflows\/[^/]+\.yml)$/;

function usesOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*['"]?([^\s'"#]+)/gm)].map((match) => match[1]!);
}

afterAll(removeCheckouts);

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
    // gates.yml 3, preview.yml 2, canary.yml 13, the examples' calls: all of them were checked.
    expect(checked).toBeGreaterThanOrEqual(19 + 8);
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
    const env = { PATH: `${npm}:${process.env.PATH ?? ''}` };
    const call = (uses: string, skip: string[]) =>
      runLocalWorkflow({
        workflow: uses,
        repositories,
        caller,
        inputs: workflow.jobs.gates.with,
        env,
        github: { event_name: 'push', ref: 'refs/heads/main' },
        // security: TruffleHog's scanner image and npm audit need the network; e2e: Playwright's browser is not on this machine.
        skip,
        onStep: progress,
      });

    const run = await call(workflow.jobs.gates.uses, ['security', 'e2e']);
    const results = Object.fromEntries(Object.entries(run.jobs).map(([id, job]) => [id, job.result]));
    const logs = Object.values(run.jobs).flatMap((job) => job.runs.flatMap((each) => each.steps.filter((step) => step.outcome === 'failure').map((step) => `${step.name}\n${step.stdout}\n${step.stderr}`)));
    expect(results, logs.join('\n')).toEqual({ plan: 'success', security: 'skipped', lint: 'success', test: 'success', coverage: 'success', build: 'success', lighthouse: 'success', e2e: 'skipped', summary: 'success' });
    expect(run.jobs.test!.runs).toHaveLength(2);
    expect(run.jobs.summary!.outputs).toMatchObject({ 'coverage-gate-status': expect.stringMatching(/^(pass|warn)$/), 'bundle-budget-status': expect.stringMatching(/^(pass|warn)$/), 'lighthouse-gate-status': expect.stringMatching(/^(pass|warn)$/) });
    expect(run.artifacts).toEqual(expect.arrayContaining(['roadstop-build', 'roadstop-coverage-1', 'roadstop-coverage-2', 'roadstop-result-build', 'roadstop-result-test', 'roadstop-result-lighthouse']));
    const coverageStep = run.jobs.coverage!.runs[0]!.steps.find((step) => step.name === 'coverage-gate')!;
    const released = await git(published.gitDir, 'rev-parse', 'v1.0.0~2');
    expect(coverageStep.note).toBe(`acme/roadstop/actions/coverage-gate at ${released}`);

    // The summary's row of coverage-gate, from the result the released action wrote.
    const row = (each: typeof run) => /\| coverage-gate \|[^\n]*/.exec(each.jobs.summary!.runs[0]!.steps.find((step) => step.name === 'Sum the road stops')!.stdout)?.[0] ?? '';
    expect(row(run)).toMatch(/coverage ok · lines \d/);

    // roadstop's main moves on: coverage-gate's headline says something else, and a release 1.1.0 ships it.
    await git(published.clone, 'checkout', '-q', 'main');
    const bundle = join(published.clone, 'dist/coverage-gate/7.index.js');
    const text = await readFile(bundle, 'utf8');
    expect(text).toContain("'coverage ok'");
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
});
