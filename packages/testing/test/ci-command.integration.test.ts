import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/index.js';

// Issue 18, item 10: CI runs the README's test command, and in CI a test that did not run fails the run.
// The verdict is scripts/test.mjs's own (scripts/test-report.mjs), given reports that vitest itself wrote.

interface Step { run?: string; uses?: string; env?: Record<string, string> }
const ci = parse(readFileSync(join(REPO_ROOT, '.github/workflows/ci.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe("ci.yml's test job", () => {
  const steps = ci.jobs.test!.steps;
  it("runs the README's `npm test` with CI=true, and no vitest of its own", () => {
    expect(readme).toMatch(/npm ci && npm test/);
    expect(packageJson.scripts.test).toMatch(/scripts\/test\.mjs/);
    const tests = steps.filter((step) => /^npm test\b/.test(step.run ?? ''));
    expect(tests).toHaveLength(1);
    expect(tests[0]!.env?.CI).toBe('true');
    const everyRun = Object.values(ci.jobs).flatMap((job) => job.steps).map((step) => step.run ?? '');
    expect(everyRun.filter((run) => /\bvitest\b/.test(run))).toEqual([]);
  });
});

describe("npm test's verdict on vitest's report", () => {
  const dir = mkdtempSync(join(tmpdir(), 'roadstop-ci-command-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** vitest's JSON report of one test file (globals, so the file needs no import). */
  function report(name: string, body: string): string {
    writeFileSync(join(dir, `${name}.test.js`), body);
    const out = join(dir, `${name}.json`);
    const ran = spawnSync(join(REPO_ROOT, 'node_modules/.bin/vitest'), ['run', '--root', dir, '--globals', '--reporter=json', `--outputFile=${out}`, `${name}.test.js`], { cwd: dir, encoding: 'utf8' });
    expect(ran.status, ran.stderr).toBe(0);
    return out;
  }
  const judge = (file: string, CI: string) => spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/test-report.mjs'), file], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI } });

  it('in CI, a skipped test fails the run and is named; on a laptop it is counted', () => {
    const file = report('skips', "it('runs', () => {});\nit.skip('needs prometheus', () => {});\nit.todo('later');\n");
    const inCi = judge(file, 'true');
    expect(inCi.status).toBe(1);
    expect(inCi.stdout).toContain('1 passed, 0 failed, 2 skipped');
    expect(inCi.stdout).toContain('skips.test.js: needs prometheus');
    const laptop = judge(file, 'false');
    expect(laptop.status).toBe(0);
    expect(laptop.stdout).toContain('1 passed, 0 failed, 2 skipped');
  });

  it('in CI, a run where every test ran passes', () => {
    const inCi = judge(report('all', "it('runs', () => {});\n"), 'true');
    expect(inCi.stdout).toContain('1 passed, 0 failed, 0 skipped');
    expect(inCi.status).toBe(0);
  });
});
