#!/usr/bin/env node
// Start-up cost of every built action against bare `node -e ''`.
//
//   node bench/startup.mjs [--runs 15] [--only bundle-budget,roadstop] [--dist DIR]
//   (or `npm run bench -- startup [options]`)
//   node bench/startup.mjs --quick   one round, and what must hold is checked, never a timing: every
//                                    action stops at the config mistake (exit 1, naming the key), the
//                                    tiny case passes where it has a section, nothing reaches the network
//                                    or prints a stack trace. npm test runs it (the bench-quick test).
//
// Every action is found, not listed: each folder of actions/ with an action.yml, plus the root
// action.yml; its runs.main names the bundle. A snapshot of each bundle's folder (index.js and the
// chunks ncc split off) is run, the way the Actions runner runs it (INPUT_* with the action.yml
// defaults, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH, a push to a feature branch, as
// packages/testing/src/action-harness.ts builds it), in two cases that need no baseline artifact:
//   config-error  the config file has a mistake (a misspelt top-level key): the step fails at once
//                 (an action that reads no config runs as it would anyway, and is noted)
//   tiny          a git checkout of one built file and one lcov report, with a config that passes
//                 bundle-budget and coverage-gate; an action with no section in it (lighthouse-gate)
//                 fails at once on its missing target, which is a start-up case too
// Other processes' CPU is taken per round (from /proc/stat, this benchmark's own small share included).
// Rounds are interleaved (bare node, then every action and case, in a rotating order), each
// process timed by bench/lib/rusage.py (wall, and user+sys of the child from wait4). Prints the
// medians and the ratio to bare node; writes bench/.work/startup/results.{md,json}.
// No network: GITHUB_API_URL is a closed loopback port, and an untimed first run of every case
// preloads bench/lib/offline-guard.cjs, which refuses and reports any connection off the machine.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
let OUT = join(BENCH, '.work', 'startup');
const NODE = process.execPath;
const GUARD = join(BENCH, 'lib', 'offline-guard.cjs');
/** A step that stops at its config (config-error) costs at most this many times bare node's CPU. */
const TARGET_RATIO = 1.6;
/**
 * Others' CPU during a round above this (in cores) marks the round contended. Taken per round, not
 * per run: /proc/stat counts in 10 ms ticks, too coarse for a 50 ms process.
 */
const CONTENDED_CORES = 0.25;

function parseArgs(argv) {
  const args = { runs: 15, only: null, dist: null, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--only') args.only = new Set(argv[++i].split(','));
    else if (a === '--dist') args.dist = resolve(argv[++i]);
    else if (a === '--quick') Object.assign(args, { quick: true, runs: 1 });
    else throw new Error(`unknown argument ${a} (known: --runs N, --only a,b, --dist DIR)`);
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error('--runs takes a whole number ≥ 1');
  return args;
}

/** Every action: actions/<name>/action.yml, and the root action.yml as `roadstop`. */
function discoverActions(distOverride) {
  const found = [];
  const add = (name, dir) => {
    const file = join(dir, 'action.yml');
    if (!existsSync(file)) return;
    const meta = parse(readFileSync(file, 'utf8'));
    if (!meta?.runs?.main) return;
    let entry = resolve(dir, meta.runs.main);
    if (distOverride) entry = join(distOverride, relative(join(ROOT, 'dist'), entry));
    found.push({ name, dir, entry, inputs: meta.inputs ?? {} });
  };
  for (const name of readdirSync(join(ROOT, 'actions')).sort()) add(name, join(ROOT, 'actions', name));
  if (!found.some((a) => a.name === 'roadstop')) add('roadstop', ROOT);
  return found;
}

const CONFIG_OK = `version: 1
bundle-budget:
  budgets:
    - name: app
      path: dist/*.js
      max: 10 kB
coverage-gate:
  files: coverage/lcov.info
  thresholds: { lines: 50 }
`;
// A misspelt top-level key: every action reads the whole file first, so every one stops here.
const CONFIG_MISTAKE = `verison: 1
bundle-budget:
  budgets:
    - path: dist/*.js
      max: 10 kB
`;
const LCOV = `TN:
SF:src/app.js
DA:1,1
DA:2,1
DA:3,0
LF:3
LH:2
end_of_record
`;

function makeWorkspace(base, name, config) {
  const ws = join(base, name);
  mkdirSync(join(ws, '.github'), { recursive: true });
  mkdirSync(join(ws, 'dist'));
  mkdirSync(join(ws, 'src'));
  mkdirSync(join(ws, 'coverage'));
  writeFileSync(join(ws, '.github', 'roadstop.yml'), config);
  writeFileSync(join(ws, 'dist', 'app-3f2a1b9c.js'), 'export const answer = () => 42;\nconsole.log(answer());\n');
  writeFileSync(join(ws, 'src', 'app.js'), 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n');
  writeFileSync(join(ws, 'coverage', 'lcov.info'), LCOV);
  // A checkout, as every step on a runner has one (actions/checkout): coverage-gate lists the
  // repository's files with git, as it does there, not by walking a folder that is not one.
  const git = (...args) => {
    const run = spawnSync('git', args, { cwd: ws, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid', GIT_AUTHOR_DATE: '2026-12-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-12-01T00:00:00Z' } });
    if (run.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${ws}: ${run.stderr}`);
  };
  git('init', '-q', '-b', 'feature');
  git('add', '-A');
  git('commit', '-q', '-m', 'tiny');
  return ws;
}

/** The runner's environment for one step, as the harness makes it: nothing of ours leaks in. */
function runnerEnv(action, workspace, files) {
  const env = {
    PATH: `${dirname(NODE)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: process.env.HOME ?? '/tmp',
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    LANG: 'C.UTF-8',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'octo-org/webapp',
    GITHUB_SHA: 'c0ffee0000000000000000000000000000000001',
    GITHUB_REF: 'refs/heads/feature',
    GITHUB_REF_NAME: 'feature',
    GITHUB_RUN_ID: '1001',
    GITHUB_WORKFLOW_REF: 'octo-org/webapp/.github/workflows/ci.yml@refs/heads/feature',
    GITHUB_API_URL: 'http://127.0.0.1:9/',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: files.runnerTemp,
  };
  for (const [name, spec] of Object.entries(action.inputs)) {
    if (spec?.default === undefined) continue;
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(spec.default).replace(/\$\{\{\s*github\.token\s*\}\}/g, '');
  }
  return env;
}

/** One long-lived bench/lib/rusage.py: run(argv, …) resolves to {code, wall, user, sys}. */
function startTimer() {
  const child = spawn('python3', [join(BENCH, 'lib', 'rusage.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(JSON.parse(line)));
  child.on('exit', (code) => {
    for (const resolveAnswer of waiting.splice(0)) resolveAnswer({ code: -1, error: `rusage.py exited ${code}` });
  });
  return {
    run(request) {
      return new Promise((resolveAnswer) => {
        waiting.push(resolveAnswer);
        child.stdin.write(JSON.stringify(request) + '\n');
      });
    },
    close() {
      child.stdin.end();
    },
  };
}

/** Busy CPU seconds of the whole machine so far (from /proc/stat). */
function machineBusy() {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (s) => (s * 1000).toFixed(0);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // A quick run leaves a full run's results alone.
  if (args.quick) OUT = join(BENCH, '.work', 'quick', 'startup');
  if (Number(process.versions.node.split('.')[0]) < 24) {
    console.error(`Node ${process.versions.node}: run with the project's Node 24 (npm run bench -- startup, or npx node bench/startup.mjs)`);
    process.exit(2);
  }
  const found = discoverActions(args.dist).filter((a) => !args.only || args.only.has(a.name));
  const missing = found.filter((a) => !existsSync(a.entry));
  const failures = missing.map((a) => `${a.name}: not built (${relative(ROOT, a.entry)}; node scripts/build.mjs ${a.name})`);
  for (const line of failures) console.error(line);
  const actions = found.filter((a) => existsSync(a.entry));
  if (actions.length === 0) process.exit(2);

  // Snapshots: dist/ may be rebuilt by someone else while this runs.
  const temp = mkdtempSync(join(os.tmpdir(), 'roadstop-startup-'));
  const workspaces = { tiny: makeWorkspace(temp, 'ws-tiny', CONFIG_OK), 'config-error': makeWorkspace(temp, 'ws-error', CONFIG_MISTAKE) };
  const snapshots = new Map();
  for (const action of actions) {
    const folder = dirname(action.entry);
    if (!snapshots.has(folder)) {
      const copy = join(temp, 'dist', relative(ROOT, folder).replace(/[\\/]/g, '_'));
      cpSync(folder, copy, { recursive: true });
      snapshots.set(folder, copy);
    }
  }
  const bundleBytes = (folder) =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.js'))
      .sort((a, b) => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b)))
      .map((f) => ({ file: f, bytes: readFileSync(join(folder, f)).length }));

  const targets = [{ key: 'bare node', name: 'bare node', kind: '', argv: [NODE, '-e', ''], env: { PATH: `${dirname(NODE)}:/usr/bin:/bin`, HOME: process.env.HOME ?? '/tmp' }, cwd: temp }];
  let serial = 0;
  for (const action of actions) {
    const entry = join(snapshots.get(dirname(action.entry)), relative(dirname(action.entry), action.entry));
    for (const kind of ['config-error', 'tiny']) {
      const dir = join(temp, `run-${serial++}`);
      mkdirSync(join(dir, 'runner-temp'), { recursive: true });
      const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), event: join(dir, 'event.json'), runnerTemp: join(dir, 'runner-temp') };
      writeFileSync(files.event, JSON.stringify({ ref: 'refs/heads/feature', repository: { default_branch: 'main' } }));
      targets.push({ key: `${action.name}/${kind}`, name: action.name, kind, readsConfig: 'config' in action.inputs, argv: [NODE, entry], env: runnerEnv(action, workspaces[kind], files), cwd: workspaces[kind], files });
    }
  }

  const timer = startTimer();
  const logs = join(temp, 'logs');
  mkdirSync(logs);
  const runOnce = async (target, label, extraArgv = []) => {
    if (target.files) for (const f of [target.files.output, target.files.summary]) writeFileSync(f, '');
    const answer = await timer.run({
      argv: [target.argv[0], ...extraArgv, ...target.argv.slice(1)],
      cwd: target.cwd,
      env: target.env,
      stdout: join(logs, `${label}.out`),
      stderr: join(logs, `${label}.err`),
    });
    if (answer.error) throw new Error(answer.error);
    return { ...answer, cpu: answer.user + answer.sys, stdout: readFileSync(join(logs, `${label}.out`), 'utf8'), stderr: readFileSync(join(logs, `${label}.err`), 'utf8') };
  };

  // Untimed: each case once with the network guard, to check it behaves and stays on the machine.
  const notes = [];
  const outcome = new Map();
  for (const t of targets.slice(1)) {
    const r = await runOnce(t, `${t.key.replace('/', '_')}-check`, ['--require', GUARD]);
    const status = /^status<<(\S+)\n([^\n]*)\n/m.exec(readFileSync(t.files.output, 'utf8'))?.[2] ?? '';
    const said = (r.stdout + r.stderr).split('\n').find((l) => /^::error/.test(l)) ?? '';
    outcome.set(t.key, { code: r.code, status, said: said.replace(/^::error[^:]*::/, '').slice(0, 160) });
    if (/BENCH-NETWORK-BLOCKED/.test(r.stderr)) failures.push(`${t.key}: tried the network: ${r.stderr.split('\n').find((l) => l.startsWith('BENCH-NETWORK-BLOCKED'))}`);
    if (/^\s+at .+:\d+:\d+\)?$/m.test(r.stdout + r.stderr)) failures.push(`${t.key}: printed a stack trace`);
    if (t.kind === 'config-error' && (r.code !== 1 || !/verison/.test(said))) notes.push(`${t.key}: did not stop on the config mistake (exit ${r.code})`);
    // In quick mode what must hold is checked: an action with a config input reads it first, and the tiny case passes where the config has a section.
    if (args.quick && t.kind === 'config-error' && t.readsConfig && (r.code !== 1 || !/unknown key 'verison'/.test(said))) failures.push(`${t.key}: did not stop on the config mistake (exit ${r.code}: ${said || r.stderr.slice(0, 300)})`);
    if (args.quick && t.kind === 'tiny' && ['bundle-budget', 'coverage-gate', 'roadstop'].includes(t.name) && (r.code !== 0 || status !== 'pass')) failures.push(`${t.key}: exit ${r.code}, status '${status}', expected 0 and pass (${said || r.stderr.slice(0, 300)})`);
  }

  const runs = new Map(targets.map((t) => [t.key, []]));
  const rounds = [];
  for (let round = 0; round < args.runs; round++) {
    // Rotate the order so no target always follows the same neighbour.
    const order = targets.map((_, i) => targets[(i + round) % targets.length]);
    const busy0 = machineBusy();
    const t0 = performance.now();
    let own = 0;
    for (const t of order) {
      const r = await runOnce(t, `${t.key.replace('/', '_')}-${round}`);
      own += r.cpu;
      runs.get(t.key).push(r);
    }
    const others = Math.max(0, machineBusy() - busy0 - own) / ((performance.now() - t0) / 1000);
    rounds.push({ others, contended: others > CONTENDED_CORES });
    process.stdout.write(`\r  round ${round + 1}/${args.runs}, others used ${others.toFixed(2)} cores `);
  }
  process.stdout.write('\n');
  timer.close();

  const stat = (key) => {
    const rs = runs.get(key);
    return { wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)) };
  };
  const contended = rounds.filter((r) => r.contended).length;
  const bare = stat('bare node');
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model?.trim()}), Linux ${os.release()}, Node ${process.versions.node}`;
  const lines = [
    `| action | case | exit · status | wall ms (median) | CPU ms (user+sys) | × bare node wall | × bare node CPU | CPU ≤ ${TARGET_RATIO}×? |`,
    '| --- | --- | --- | ---: | ---: | ---: | ---: | --- |',
    `| bare \`node -e ''\` | | 0 | ${ms(bare.wall)} | ${ms(bare.cpu)} | 1.00 | 1.00 | |`,
  ];
  const rows = [];
  for (const t of targets.slice(1)) {
    const s = stat(t.key);
    const o = outcome.get(t.key);
    const row = { key: t.key, ...s, ratioWall: s.wall / bare.wall, ratioCpu: s.cpu / bare.cpu, ...o };
    rows.push(row);
    const met = row.ratioCpu <= TARGET_RATIO;
    lines.push(
      `| ${t.name} | ${t.kind} | ${o.code}${o.status ? ` · ${o.status}` : ''} | ${ms(s.wall)} | ${ms(s.cpu)} | ${row.ratioWall.toFixed(2)} | ${row.ratioCpu.toFixed(2)} | ${t.kind === 'config-error' ? (met ? 'yes' : 'no') : ''} |`,
    );
  }
  const sizes = [...snapshots].map(([folder, copy]) => `${relative(ROOT, folder)}: ${bundleBytes(copy).map((b) => `${b.file} ${(b.bytes / 1024).toFixed(0)} kB`).join(', ')}`);
  const md = [
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine}; ${args.runs} rounds, interleaved; medians. Other processes used ${median(rounds.map((r) => r.others)).toFixed(2)} cores (median of the rounds); ${contended} of ${args.runs} rounds had them above ${CONTENDED_CORES}.`,
    '',
    ...lines,
    '',
    'Bundles (index.js is loaded by every step, the numbered chunks only when a run needs them):',
    ...sizes.map((s) => `- ${s}`),
  ].join('\n');
  console.log('\n' + md + '\n');
  for (const r of rows) if (r.said) console.log(`  ${r.key}: ${r.said}`);
  for (const note of notes) console.log(`  note: ${note}`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'results.md'), md + '\n');
  writeFileSync(
    join(OUT, 'results.json'),
    JSON.stringify({ date: new Date().toISOString(), machine, bare, rows, rounds, runs: Object.fromEntries([...runs].map(([k, rs]) => [k, rs.map(({ wall, cpu, code }) => ({ wall, cpu, code }))])), notes, failures }, null, 2),
  );
  rmSync(temp, { recursive: true, force: true });
  if (failures.length) {
    console.error(`FAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
