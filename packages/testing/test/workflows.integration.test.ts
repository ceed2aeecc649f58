import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResult } from '@roadstop/core';
import { validateResult } from '../../core/test/validate-result.js';
import { REPO_ROOT } from '../src/index.js';
import { cleanUpPublished, publishRoadstop } from '../src/workflows/publish.js';
import {
  type SourceFile,
  checkCalls,
  checkPolicy,
  githubActionErrors,
  githubWorkflowErrors,
  isPosixShell,
  jobsOf,
  mapping,
  repositoryFiles,
  resolveLocalUses,
  runBlocks,
  shellcheck,
  sourceFile,
  stepsOf,
} from '../src/workflows/index.js';

// The repository's workflows and actions, proven statically (GitHub cannot run here): GitHub's own parser, the
// calls between them, the policy, shellcheck; and the scripts inside them run as the runner runs them.
// workflow-checks.test.ts shows each check failing on a fixture.

const files = repositoryFiles(REPO_ROOT);
const file = (path: string): SourceFile => files.find((candidate) => candidate.path === path)!;

/** The `run:` of a named step, as the runner would write it to a script file. */
function stepRun(path: string, job: string, name: string): string {
  const found = stepsOf(file(path)).find((ref) => ref.job === job && ref.step.name === name);
  if (typeof found?.step.run !== 'string') throw new Error(`${path}: no step '${name}' with run: in job ${job}`);
  return found.step.run;
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  output: Record<string, string>;
  temp: string;
}

/**
 * Run a step's script with the flags GitHub gives its shell (node; `shell: bash`: --noprofile --norc -eo pipefail;
 * no shell at all: bash -e, without pipefail), in a fresh RUNNER_TEMP, and read back its outputs.
 */
function runStep(script: string, env: Record<string, string>, options: { shell?: 'bash' | 'node' | 'default'; cwd?: string } = {}): Ran {
  const temp = mkdtempSync(join(tmpdir(), 'roadstop-step-'));
  const scriptFile = join(temp, options.shell === 'node' ? 'step.cjs' : 'step.sh');
  writeFileSync(scriptFile, script);
  const outputFile = join(temp, 'output');
  writeFileSync(outputFile, '');
  const [command, args] = options.shell === 'node' ? [process.execPath, [scriptFile]] : options.shell === 'default' ? ['bash', ['-e', scriptFile]] : ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile]];
  const run = spawnSync(command, args, {
    cwd: options.cwd ?? temp,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: temp, RUNNER_TEMP: temp, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: join(temp, 'summary.md'), ...env },
  });
  const output = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, output, temp };
}

describe('the workflows and actions, statically', () => {
  it("GitHub's parser finds no error in any workflow or action.yml", async () => {
    expect(files.filter((source) => source.kind === 'workflow').length).toBeGreaterThanOrEqual(7);
    for (const source of files) {
      const errors = source.kind === 'workflow' ? await githubWorkflowErrors(source.path, source.text) : githubActionErrors(source.path, source.text);
      expect(errors, source.path).toEqual([]);
    }
  });

  it('every call of our actions and reusable workflows matches what the callee declares', () => {
    expect(checkCalls(files)).toEqual([]);
    // Not vacuous: the example pipeline calls both reusable workflows, and they call our actions.
    const called = (path: string) =>
      [...jobsOf(file(path)).map(([, job]) => job.uses), ...stepsOf(file(path)).map(({ step }) => step.uses)]
        .filter((uses): uses is string => typeof uses === 'string')
        .flatMap((uses) => resolveLocalUses(uses)?.path ?? []);
    expect(called('examples/workflows/pipeline.yml')).toEqual(['.github/workflows/gates.yml', '.github/workflows/preview.yml']);
    expect(called('.github/workflows/gates.yml')).toEqual(['actions/coverage-gate/action.yml', 'actions/bundle-budget/action.yml', 'actions/lighthouse-gate/action.yml']);
    expect(called('.github/workflows/preview.yml')).toEqual(['actions/pr-staging-comment/action.yml', 'actions/pr-staging-comment/action.yml']);
  });

  it('the policy holds: permissions on every job, third-party actions by SHA, nothing untrusted inside run:, no secrets: inherit, pipefail under every pipe', () => {
    expect(files.flatMap(checkPolicy)).toEqual([]);
  });

  it('shellcheck finds nothing in any bash run: block; every other run: is a node script these tests run', () => {
    const blocks = files.flatMap((source) => runBlocks(source).map((block) => ({ ...block, path: source.path })));
    const posix = blocks.filter((block) => isPosixShell(block.shell));
    expect(posix.length).toBeGreaterThan(20);
    for (const block of posix) expect(shellcheck(block.script, block.shell), `${block.path}: ${block.where}`).toEqual([]);
    const others = new Set(blocks.filter((block) => !isPosixShell(block.shell)).map((block) => `${block.shell}\n${block.script}`));
    // canary.yml's Environment secrets runs in canary-workflow.integration.test.ts, through the local runner.
    const tested = new Set([stepRun('.github/workflows/gates.yml', 'security', 'Write the security result'), stepRun('.github/workflows/gates.yml', 'summary', 'Sum the road stops'), stepRun('.github/workflows/canary.yml', 'ramp', 'Environment secrets')].map((script) => `node {0}\n${script}`));
    expect([...others].filter((script) => !tested.has(script))).toEqual([]);
  });

  it('every step that writes a result runs the same script, and every gates.yml job uploads what it wrote', () => {
    const gates = file('.github/workflows/gates.yml');
    const writers = stepsOf(gates).filter(({ step }) => typeof step.name === 'string' && /^Write the \S+ result$/.test(step.name));
    expect(writers.map(({ job }) => job)).toEqual(['security', 'lint', 'coverage', 'build', 'e2e']);
    expect(new Set(writers.map(({ step }) => step.run)).size).toBe(1);
    for (const { job, step } of writers) {
      const gate = mapping(step.env).GATE as string;
      const uploads = stepsOf(gates).filter((ref) => ref.job === job && String(ref.step.uses).startsWith('actions/upload-artifact@'));
      expect(uploads.some((ref) => String(mapping(ref.step.with).path).includes(`/roadstop/${gate}.json`)), `${job} uploads ${gate}.json`).toBe(true);
    }
  });

  it("the README's pipeline is the example file, and passes the same checks", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /### The whole pipeline in one file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const shown = sourceFile('README.md', block!);
    const { name: _name, ...example } = file('examples/workflows/pipeline.yml').doc;
    expect(shown.doc).toEqual(example);
    expect([...checkPolicy(shown), ...checkCalls([...files, shown])]).toEqual([]);
  });

  it('the example callers of reusable workflows are under 30 lines', () => {
    const callers = files.filter((source) => source.path.startsWith('examples/') && jobsOf(source).some(([, job]) => typeof job.uses === 'string'));
    expect(callers.length).toBeGreaterThan(0);
    for (const caller of callers) expect(caller.text.trimEnd().split('\n').length, caller.path).toBeLessThan(30);
  });
});

describe('gates.yml, its scripts run', () => {
  const writer = stepRun('.github/workflows/gates.yml', 'security', 'Write the security result');
  const writeResult = (gate: string, checks: string) => {
    const ran = runStep(writer, { GATE: gate, CHECKS: checks, GITHUB_SHA: 'abc123', GITHUB_REF: 'refs/pull/1/merge' }, { shell: 'node' });
    expect(ran.status, ran.stderr).toBe(0);
    const text = readFileSync(join(ran.temp, 'roadstop', `${gate}.json`), 'utf8');
    expect(validateResult(JSON.parse(text))).toEqual([]);
    return parseResult(text, { gate });
  };

  it('the result of a step that is not a gate is a valid roadstop result: fail, pass or skipped by its outcomes', () => {
    const failed = writeResult('security', 'npm audit (high and above)=success\nsecret scan=failure\n');
    expect([failed.status, failed.headline, failed.commit]).toEqual(['fail', 'secret scan failed', 'abc123']);
    expect(failed.checks.map((check) => [check.name, check.status])).toEqual([['npm audit (high and above)', 'pass'], ['secret scan', 'fail']]);
    expect(failed.messages).toEqual([{ level: 'error', text: 'secret scan: failure', title: 'security' }]);
    const passed = writeResult('lint', 'lint=success\ntype-check=skipped\n');
    expect([passed.status, passed.headline]).toEqual(['pass', 'lint passed']);
    expect(writeResult('e2e', 'end-to-end tests=\n').status).toBe('skipped');
    expect(writeResult('test', 'tests (2 shards)=cancelled').status).toBe('fail');
  });

  it('refuses a gate name the result schema would refuse', () => {
    expect(runStep(writer, { GATE: 'Bad Name', CHECKS: 'x=success' }, { shell: 'node' }).status).not.toBe(0);
  });

  const summary = stepRun('.github/workflows/gates.yml', 'summary', 'Sum the road stops');
  const sum = (results: Record<string, object | string>, needs: Record<string, { result: string }>) => {
    const temp = mkdtempSync(join(tmpdir(), 'roadstop-sum-'));
    mkdirSync(join(temp, 'roadstop'));
    for (const [name, data] of Object.entries(results)) writeFileSync(join(temp, 'roadstop', name), typeof data === 'string' ? data : JSON.stringify(data));
    const ran = runStep(summary, { NEEDS: JSON.stringify(needs), RUNNER_TEMP: temp }, { shell: 'node' });
    const written = (() => {
      try {
        return readFileSync(join(ran.temp, 'summary.md'), 'utf8');
      } catch {
        return '';
      }
    })();
    return { ...ran, summary: written };
  };
  const result = (gate: string, status: string, headline: string) => ({ schemaVersion: 1, gate, status, headline });

  it('sums every result into one table and fails when a gate failed, with each gate status as an output', () => {
    const ran = sum(
      { 'bundle-budget.json': result('bundle-budget', 'fail', 'main bundle 412 kB of 400 kB'), 'lint.json': result('lint', 'pass', 'lint passed'), 'notes.json': '{"not": "a result"}' },
      { lint: { result: 'success' }, build: { result: 'failure' } },
    );
    expect(ran.status).toBe(1);
    expect(ran.summary).toContain('| bundle-budget | ❌ fail | main bundle 412 kB of 400 kB |');
    expect(ran.summary).toContain('| lint | ✅ pass | lint passed |');
    expect(ran.summary.indexOf('bundle-budget')).toBeLessThan(ran.summary.indexOf('| lint'));
    expect(ran.stdout).toContain('::warning title=roadstop gates::notes.json is not a roadstop result');
    expect(ran.output).toMatchObject({ status: 'fail', 'bundle-budget-status': 'fail', 'lint-status': 'pass', 'e2e-status': 'skipped' });
  });

  it('passes when every gate passed or warned, and fails when a job failed without writing a result', () => {
    const passed = sum({ 'coverage-gate.json': result('coverage-gate', 'warn', '71% lines'), 'test.json': result('test', 'pass', 'tests passed') }, { test: { result: 'success' }, e2e: { result: 'skipped' } });
    expect([passed.status, passed.output.status, passed.output['coverage-gate-status']]).toEqual([0, 'warn', 'warn']);
    const crashed = sum({}, { security: { result: 'failure' } });
    expect([crashed.status, crashed.output.status]).toEqual([1, 'fail']);
    expect(crashed.summary).toContain('Job `security` ended with **failure**.');
  });

  const planned = (outputs: Record<string, string>) => ({ plan: { result: 'success', outputs } });
  it.each([
    ['lighthouse-gate skipped (no Chrome)', { 'lighthouse-gate.json': result('lighthouse-gate', 'skipped', 'no Chrome') }],
    ['lighthouse-gate wrote no result at all', {}],
  ])('a configured gate that did not run fails the summary: %s', (_name, files) => {
    const ran = sum({ ...files, 'lint.json': result('lint', 'pass', 'lint passed') }, { ...planned({ 'lighthouse-gate': 'true', 'lighthouse-gate-allow-skip': 'false' }), lighthouse: { result: 'success' } });
    expect([ran.status, ran.output.status]).toEqual([1, 'fail']);
    expect(ran.stdout).toContain('::error title=roadstop gates::lighthouse-gate is configured and did not run; fix what stopped it, or set allow-skip: true in its config section');
    expect(ran.summary).toContain('`lighthouse-gate` is configured and did not run');
  });

  it('passes a configured gate that did not run when its section says allow-skip: true, and an unconfigured one always', () => {
    const allowed = sum({ 'lighthouse-gate.json': result('lighthouse-gate', 'skipped', 'no Chrome') }, planned({ 'lighthouse-gate': 'true', 'lighthouse-gate-allow-skip': 'true' }));
    expect([allowed.status, allowed.output.status]).toEqual([0, 'skipped']);
    expect(allowed.stdout).toContain('::notice title=roadstop gates::lighthouse-gate is configured and did not run; its config allows that (allow-skip: true)');
    const unconfigured = sum({ 'lint.json': result('lint', 'pass', 'ok') }, planned({ 'lighthouse-gate': 'false', 'coverage-gate': 'false' }));
    expect(unconfigured.status).toBe(0);
  });

  it('makes a hostile headline inert in the table', () => {
    const ran = sum({ 'e2e.json': result('e2e', 'pass', '<img src=x> | [link](http://x)\nnext') }, {});
    expect(ran.summary).toContain('| e2e | ✅ pass | &#60;img src=x&#62; &#124; &#91;link&#93;(http://x) next |');
  });

  const plan = stepRun('.github/workflows/gates.yml', 'plan', 'Plan the gates');
  it('plans the shard list and the gates the config names', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'roadstop-plan-'));
    mkdirSync(join(cwd, '.github'));
    writeFileSync(join(cwd, '.github/roadstop.yml'), 'version: 1\ncoverage-gate:\n  preset: launch\nbundle-budget:\n  budgets: []\n# lighthouse-gate: later\n');
    const ran = runStep(plan, { CONFIG: '.github/roadstop.yml', SHARDS: '3' }, { cwd });
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.output).toEqual({ shards: '[1,2,3]', 'coverage-gate': 'true', 'bundle-budget': 'true', 'lighthouse-gate': 'false', 'coverage-gate-allow-skip': 'false', 'bundle-budget-allow-skip': 'false', 'lighthouse-gate-allow-skip': 'false' });
    const missing = runStep(plan, { CONFIG: 'nope.yml', SHARDS: '1' }, { cwd });
    expect(missing.output).toEqual({ shards: '[1]', 'coverage-gate': 'false', 'bundle-budget': 'false', 'lighthouse-gate': 'false', 'coverage-gate-allow-skip': 'false', 'bundle-budget-allow-skip': 'false', 'lighthouse-gate-allow-skip': 'false' });
    // allow-skip: true in a gate's own section only; a nested key or another section's does not count.
    writeFileSync(join(cwd, '.github/roadstop.yml'), 'version: 1\nlighthouse-gate:\n  runs: 1\n  allow-skip: true # no Chrome on our runners\ncoverage-gate:\n  preset: launch\n  allow-skip: false\nbundle-budget:\n  budgets:\n    - name: x\n      path: dist/x.js\n      max: 1 kB\nslack-notify:\n  allow-skip: true\n');
    expect(runStep(plan, { CONFIG: '.github/roadstop.yml', SHARDS: '1' }, { cwd }).output).toMatchObject({ 'lighthouse-gate-allow-skip': 'true', 'coverage-gate-allow-skip': 'false', 'bundle-budget-allow-skip': 'false' });
    for (const shards of ['0', '33', '2.5', '']) {
      const bad = runStep(plan, { CONFIG: '.github/roadstop.yml', SHARDS: shards }, { cwd });
      expect(bad.status, `test-shards ${shards}`).toBe(1);
      expect(bad.stdout).toContain('test-shards must be a whole number from 1 to 32');
    }
  });
});

/** The shell GitHub runs a step of a job in: the step's, the job's defaults', the workflow's, or none (bash -e). */
function declaredShell(path: string, job: string, name: string): 'bash' | 'default' {
  const doc = file(path).doc;
  const jobBody = mapping(mapping(doc.jobs)[job]);
  const step = stepsOf(file(path)).find((ref) => ref.job === job && ref.step.name === name)!.step;
  const shell = step.shell ?? mapping(mapping(jobBody.defaults).run).shell ?? mapping(mapping(doc.defaults).run).shell;
  if (shell !== undefined && shell !== 'bash') throw new Error(`${path}: ${name} runs in ${JSON.stringify(shell)}`);
  return shell === 'bash' ? 'bash' : 'default';
}

describe('preview.yml, the deploy step', () => {
  const deploy = stepRun('.github/workflows/preview.yml', 'deploy', 'Deploy');
  // As GitHub runs it: without `shell: bash`, `deploy | tee` under bash -e records a deploy that failed as ready.
  const shell = declaredShell('.github/workflows/preview.yml', 'deploy', 'Deploy');
  const cases: { name: string; command: string; url?: string }[] = [
    { name: 'the last URL the command prints', command: 'echo "Inspect: https://vercel.com/x/inspect"; echo "Preview: https://app-git-pr-1.vercel.app"', url: 'https://app-git-pr-1.vercel.app' },
    { name: 'a URL in JSON output', command: `echo '{"deploy_url":"https://5f3a--site.netlify.app"}'`, url: 'https://5f3a--site.netlify.app' },
    { name: 'the URL written to $PREVIEW_URL_FILE wins over printed ones', command: 'echo "https://log.example.com"; echo " https://pr-1.example.com " > "$PREVIEW_URL_FILE"', url: 'https://pr-1.example.com' },
    { name: 'no URL at all', command: 'echo deployed' },
    { name: 'a file with something else than a URL', command: 'echo "javascript:alert(1)" > "$PREVIEW_URL_FILE"' },
    { name: 'a failing deploy, even though it printed a URL', command: 'echo https://half.example.com; exit 3' },
    { name: 'a failing deploy whose last line is a URL, as Vercel prints it', command: 'echo "Preview: https://app-git-pr-1.vercel.app"; echo "Error: build failed" >&2; false' },
  ];
  it.each(cases)('$name', ({ command, url }) => {
    const ran = runStep(deploy, { COMMAND: command, DEPLOY_TOKEN: 'token' }, { shell });
    if (url) {
      expect(ran.status, ran.stderr).toBe(0);
      expect(ran.output).toEqual({ url });
    } else {
      expect(ran.status).not.toBe(0);
      expect(ran.output).toEqual({});
    }
  });

  it('gives the deploy command the secret as $DEPLOY_TOKEN', () => {
    const ran = runStep(deploy, { COMMAND: 'echo "https://x.example.com/$DEPLOY_TOKEN"', DEPLOY_TOKEN: 's3cret' });
    expect(ran.output.url).toBe('https://x.example.com/s3cret');
  });
});

describe('release.yml, its steps run against a real repository', () => {
  afterAll(cleanUpPublished);
  const git = (cwd: string, ...args: string[]) => {
    const ran = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    if (ran.status !== 0) throw new Error(ran.stderr);
    return ran.stdout.trim();
  };
  const repository = () => {
    const cwd = mkdtempSync(join(tmpdir(), 'roadstop-release-'));
    git(cwd, 'init', '-q', '-b', 'main');
    const commit = (message: string) => git(cwd, 'commit', '-q', '--allow-empty', '-m', message);
    commit('first');
    git(cwd, 'tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
    commit('bundle-budget: hashed names');
    commit('coverage-gate: shards');
    git(cwd, 'tag', '-a', 'v1.1.0', '-m', 'v1.1.0');
    commit('after the release');
    return cwd;
  };

  it('writes the changelog since the previous release tag, or of everything for the first', () => {
    const cwd = repository();
    const notes = join(cwd, 'notes.md');
    const changelog = stepRun('.github/workflows/release.yml', 'release', 'Write the changelog');
    expect(runStep(changelog, { TAG: 'v1.1.0', NOTES: notes }, { cwd }).status).toBe(0);
    const text = readFileSync(notes, 'utf8');
    expect(text).toMatch(/^## v1\.1\.0\n\nChanges since v1\.0\.0:\n\n- coverage-gate: shards \([0-9a-f]{7,}\)\n- bundle-budget: hashed names \([0-9a-f]{7,}\)\n$/);
    expect(runStep(changelog, { TAG: 'v1.0.0', NOTES: notes }, { cwd }).status).toBe(0);
    expect(readFileSync(notes, 'utf8')).toMatch(/^## v1\.0\.0\n\nFirst release\.\n\n- first \(/);
  });

  it('makes the release with scripts/release.mjs under the repository name, and reports its SHA, tag and major tag', async () => {
    const published = await publishRoadstop('fork-owner/roadstop');
    const make = stepRun('.github/workflows/release.yml', 'release', 'Make the release');
    const ran = runStep(make, { VERSION: '2.3.4', REPOSITORY: 'fork-owner/roadstop' }, { cwd: published.clone });
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.output).toEqual({ sha: expect.stringMatching(/^[0-9a-f]{40}$/), tag: 'v2.3.4', major: 'v2' });
    expect(git(published.clone, 'rev-parse', 'v2.3.4^{commit}')).toBe(ran.output.sha);
    expect(git(published.clone, 'show', `${ran.output.sha}:.github/workflows/gates.yml`)).toMatch(/uses: fork-owner\/roadstop\/actions\/coverage-gate@[0-9a-f]{40}/);
    // The same version twice is refused; nothing is pushed by the step.
    expect(runStep(make, { VERSION: '2.3.4', REPOSITORY: 'fork-owner/roadstop' }, { cwd: published.clone }).status).not.toBe(0);
    expect(git(published.gitDir, 'tag')).toBe('');

    // The next release's changelog: the branch's commits since the previous release, not the release commits beside it.
    git(published.clone, 'commit', '-q', '--allow-empty', '-m', 'gates: faster');
    const next = runStep(make, { VERSION: '2.4.0', REPOSITORY: 'fork-owner/roadstop' }, { cwd: published.clone });
    expect(next.status, next.stderr).toBe(0);
    const notes = join(published.clone, '..', 'notes.md');
    const changelog = stepRun('.github/workflows/release.yml', 'release', 'Write the changelog');
    expect(runStep(changelog, { TAG: 'v2.4.0', NOTES: notes }, { cwd: published.clone }).status).toBe(0);
    expect(readFileSync(notes, 'utf8')).toMatch(/^## v2\.4\.0\n\nChanges since v2\.3\.4:\n\n- gates: faster \([0-9a-f]{7,}\)\n$/);
  }, 120_000);
});
