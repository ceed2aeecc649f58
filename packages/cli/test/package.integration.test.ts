import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@roadstop/testing';
import { repositoryFiles, stepsOf } from '../../testing/src/workflows/index.js';

// Issue 18: `npx roadstop` found nothing, the package being private. The CLI is packed as release.yml packs it
// (its own step, run here as the runner runs it), installed offline into an empty folder outside this repository,
// and run there: `roadstop --version` and `roadstop run --cwd <app>`. Then release.yml's dry run of the tarball.
// Packs dist/cli as committed or rebuilt (`node scripts/build.mjs cli`).

const RELEASE = repositoryFiles(REPO_ROOT).find((file) => file.path === '.github/workflows/release.yml')!;
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
// The Node running the tests (24) first on PATH, as setup-node puts it: the bin's `#!/usr/bin/env node` finds it.
const PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);

function step(name: string): string {
  const found = stepsOf(RELEASE).find((ref) => ref.job === 'npm' && ref.step.name === name);
  if (typeof found?.step.run !== 'string') throw new Error(`release.yml: no step '${name}' with run: in job npm`);
  return found.step.run;
}

/** A step's script with GitHub's bash flags, its GITHUB_OUTPUT read back. */
function runStep(script: string, env: Record<string, string>, cwd: string) {
  const temp = mkdtempSync(join(tmpdir(), 'roadstop-npm-step-'));
  writeFileSync(join(temp, 'step.sh'), script);
  writeFileSync(join(temp, 'output'), '');
  const ran = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(temp, 'step.sh')], {
    cwd,
    encoding: 'utf8',
    env: { PATH, HOME: temp, RUNNER_TEMP: temp, GITHUB_OUTPUT: join(temp, 'output'), npm_config_cache: join(tmpdir(), 'roadstop-npm-cache'), ...env },
  });
  const output = Object.fromEntries(
    readFileSync(join(temp, 'output'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr, output };
}

let tarball: string;
let home: string;

const npx = (args: string[], cwd: string) =>
  spawnSync('npx', ['--offline', 'roadstop', ...args], { cwd, encoding: 'utf8', env: { ...process.env, PATH, NO_COLOR: '1', npm_config_update_notifier: 'false' } });

beforeAll(() => {
  const packed = runStep(step('Pack the CLI'), { GITHUB_REPOSITORY: 'octo-org/webapp' }, REPO_ROOT);
  expect(packed.stderr).toBe('');
  expect(packed.status).toBe(0);
  tarball = packed.output.tarball!;
  expect(existsSync(tarball)).toBe(true);
  // An empty folder outside the repository: nothing of roadstop's node_modules can be found from it.
  home = mkdtempSync(join(tmpdir(), 'roadstop-adopter-'));
  expect(relative(REPO_ROOT, home).startsWith('..')).toBe(true);
  writeFileSync(join(home, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: home, env: { ...process.env, PATH }, stdio: 'pipe' });
}, 180_000);

describe('the CLI as the npm package @roadstop/cli', () => {
  it('carries the bundle (yaml inside it) and the lhci lock, and no sources or dependencies', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(files).toEqual(expect.arrayContaining(['package/package.json', 'package/README.md', 'package/dist/cli/index.js', 'package/dist/cli/licenses.txt', 'package/actions/lighthouse-gate/lhci/package.json', 'package/actions/lighthouse-gate/lhci/package-lock.json']));
    expect(files.filter((file) => !/^package\/(package\.json|README\.md|dist\/cli\/.+|actions\/lighthouse-gate\/lhci\/package(-lock)?\.json)$/.test(file))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(home, 'node_modules/@roadstop/cli/package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@roadstop/cli', version: VERSION, bin: { roadstop: 'dist/cli/index.js' }, engines: { node: '>=24' }, license: 'MIT' });
    expect(manifest.repository.url).toBe('git+https://github.com/octo-org/webapp.git');
    expect(manifest.private).toBeUndefined();
    expect(manifest.exports).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.dependencies).toBeUndefined();
  });

  it('answers `npx roadstop --version` from an empty folder', () => {
    const ran = npx(['--version'], home);
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(ran.stdout).toBe(`roadstop ${VERSION}\n`);
  });

  const app = (name: string, config: string) => {
    const folder = join(home, name);
    mkdirSync(join(folder, 'dist'), { recursive: true });
    mkdirSync(join(folder, '.github'), { recursive: true });
    writeFileSync(join(folder, 'dist/app.js'), `export const app = ${'1 + '.repeat(200)}1;\n`);
    writeFileSync(join(folder, '.github/roadstop.yml'), config);
    return name;
  };

  const cases = [
    {
      name: 'a budget it keeps, with a growth limit it cannot judge',
      config: 'version: 1\nbundle-budget:\n  max-increase: 2%\n  budgets: [{ name: app, path: dist/*.js, max: 10 kB }]\n',
      status: 0,
      stdout: [/^✔ bundle-budget: pass/m, /^notice: max-increase needs a baseline and none was found, so growth was not judged$/m],
    },
    {
      name: 'a config beyond plain YAML, read by the yaml package bundled in the CLI',
      config: 'version: 1\nbundle-budget:\n  budgets:\n    - name: !!str 7\n      path: >-\n        dist/*.js\n      max: 10 B\n',
      status: 1,
      stdout: [/^✖ bundle-budget: fail/m, /7 is \d+ B \(gzip\), over its 10 B budget/],
    },
    {
      name: 'a mistake in the config, named in one line',
      config: 'version: 1\nbundle-budget:\n  budgets: [{ name: app, path: dist/*.js, max: ten }]\n',
      status: 2,
      stderr: /^roadstop run: \.github\/roadstop\.yml:3, key 'bundle-budget\.budgets\[0\]\.max': 'ten' is not a size/,
    },
  ];

  it.each(cases)('runs `npx roadstop run --cwd <app>`: $name', ({ name, config, status, stdout, stderr }) => {
    const folder = app(name.replace(/\W+/g, '-'), config);
    const ran = npx(['run', '--cwd', folder, '--no-color'], home);
    expect(ran.status, ran.stderr).toBe(status);
    for (const pattern of stdout ?? []) expect(ran.stdout).toMatch(pattern);
    if (stderr) expect(ran.stderr).toMatch(stderr);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("release.yml's npm job", () => {
  it('publishes only with an NPM_TOKEN secret, and says so without one', () => {
    const check = step('Is a registry token configured');
    const without = runStep(check, { NPM_TOKEN: '' }, home);
    expect(without.status).toBe(0);
    expect(without.output).toEqual({ present: 'false' });
    expect(without.stdout).toContain('::notice title=release::no NPM_TOKEN secret: @roadstop/cli is not published to npm');
    const given = runStep(check, { NPM_TOKEN: 'npm_0000000000000000000000000000000000000000' }, home);
    expect(given.output).toEqual({ present: 'true' });
    expect(given.stdout).not.toContain('npm_0000');
    for (const name of ['Pack the CLI', 'Dry run', 'Publish to npm']) {
      expect(stepsOf(RELEASE).find((ref) => ref.job === 'npm' && ref.step.name === name)?.step.if).toBe("steps.token.outputs.present == 'true'");
    }
    expect(step('Publish to npm')).toBe('npm publish --provenance --access public "$TARBALL"');
  });

  it('dry-runs the publish of the packed tarball', () => {
    // Offline: the dry run reads the tarball and asks the registry nothing it needs (it only warns of no login).
    const ran = runStep(step('Dry run'), { TARBALL: tarball, npm_config_offline: 'true' }, home);
    expect(ran.status, ran.stderr).toBe(0);
    expect(`${ran.stdout}${ran.stderr}`).toContain(`+ @roadstop/cli@${VERSION}`);
    expect(ran.stderr).toMatch(/\(dry-run\)/);
  });
});
