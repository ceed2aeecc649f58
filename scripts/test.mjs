// `npm test`: lint, type-check, then every vitest suite; ends with one plain
// "N passed, N failed, N skipped" line that any CI can read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeReport } from './test-report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const results = join(root, '.roadstop/test-results.json');

const steps = [
  ['lint', bin('eslint'), ['.']],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['typecheck example', bin('tsc'), ['-p', 'examples/webapp/tsconfig.json']],
  // docs.mjs --check holds the README tables, each action's README and schema/roadstop.schema.json to their sources.
  ['docs', process.execPath, ['scripts/docs.mjs', '--check']],
  // Arguments after `npm test --` go to vitest (CI adds coverage).
  ['vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)]],
];

// lighthouse-gate's integration tests skip without a browser on a laptop; in CI that would hide them, so it fails here.
const chrome = [process.env.CHROME_PATH, ...(process.env.PATH ?? '').split(':').flatMap((dir) => ['google-chrome', 'chromium', 'chromium-browser'].map((name) => join(dir, name))), '/usr/bin/chromium'].find((path) => path && existsSync(path));
if (process.env.CI === 'true' && !chrome) {
  process.stdout.write('✖ no Chrome or Chromium found, and CI=true: lighthouse-gate cannot be tested. Install one (apt-get install chromium) or set CHROME_PATH.\n');
  process.exit(1);
}

// canary-watch's Prometheus scenarios and the release rehearsal skip without their servers on a laptop; not in CI.
for (const [what, paths, install] of [
  ['prometheus', ['/usr/bin/prometheus', '/usr/local/bin/prometheus'], 'apt-get install prometheus'],
  ['nginx', ['/usr/sbin/nginx', '/usr/bin/nginx'], 'apt-get install nginx-light'],
]) {
  if (process.env.CI === 'true' && !paths.some((path) => existsSync(path))) {
    process.stdout.write(`✖ no ${what} found, and CI=true: the tests that need it would be skipped. Install it (${install}).\n`);
    process.exit(1);
  }
}

mkdirSync(dirname(results), { recursive: true });
rmSync(results, { force: true });
let failed = false;
for (const [name, command, args] of steps) {
  process.stdout.write(`\n▶ ${name}\n`);
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (status !== 0) {
    process.stdout.write(`✖ ${name} failed (exit ${status})\n`);
    failed = true;
    if (name !== 'vitest') break;
  }
}
if (existsSync(results)) {
  const verdict = judgeReport(JSON.parse(readFileSync(results, 'utf8')), { ci: process.env.CI === 'true', root });
  process.stdout.write(`\n${verdict.lines.join('\n')}\n`);
  if (verdict.failed) failed = true;
}
process.exitCode = failed ? 1 : 0;
