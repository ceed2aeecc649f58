// Runs each lcov parser over the same ~100 MB tracefile, three times each, in
// a fresh Node process under /usr/bin/time: median wall time and median peak
// RSS. Every parser must report the totals the tracefile holds (make-lcov.mjs
// writes them beside it), or the run fails.
//
//   node bench/coverage/run.mjs           the full run: 100 MiB, every parser, 3 runs each
//   node bench/coverage/run.mjs --quick   1 MiB, once, the floor and roadstop from its TypeScript
//                                         sources only: no esbuild, no peers (bench/coverage's own
//                                         node_modules) needed; npm test runs it (bench-quick test)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const corpus = join(here, 'corpus', quick ? 'lcov-quick.info' : 'lcov-100mb.info');
const runs = quick ? 1 : Number(process.env.RUNS ?? 3);

// Node 24 for everyone: the repository's own (root devDependency `node`) when this one is older.
const rootNode = join(here, '..', '..', 'node_modules', 'node', 'bin', 'node');
const node = Number(process.versions.node.split('.')[0]) >= 24 || !existsSync(rootNode) ? process.execPath : rootNode;

const step = (args) => {
  const result = spawnSync(node, args, { cwd: here, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed`);
};
if (!existsSync(corpus) || !existsSync(`${corpus}.totals.json`)) step(quick ? ['make-lcov.mjs', '1', corpus] : ['make-lcov.mjs']);
if (!quick) step(['build.mjs']);

const allParsers = [
  { name: 'floor (read + count lines)', runner: 'floor.mjs' },
  { name: 'roadstop (bundled)', runner: 'roadstop.mjs' },
  { name: 'roadstop (TS sources, type stripping)', runner: 'roadstop-ts.mjs' },
  { name: 'lcov-parse 1.0.0', runner: 'lcov-parse.mjs' },
  { name: '@friedemannsommer/lcov-parser 5.0.2', runner: 'friedemannsommer.mjs' },
];
const parsers = quick ? allParsers.filter((parser) => ['floor.mjs', 'roadstop-ts.mjs'].includes(parser.runner)) : allParsers;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = [];
const expected = JSON.stringify(JSON.parse(readFileSync(`${corpus}.totals.json`, 'utf8')));
for (const parser of parsers) {
  const seconds = [];
  const megabytes = [];
  for (let run = 0; run < runs; run++) {
    const result = spawnSync('/usr/bin/time', ['-f', '%e %M', node, join(here, 'runners', parser.runner), corpus], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (result.status !== 0) throw new Error(`${parser.name} failed:\n${result.stderr}`);
    const [elapsed, kilobytes] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    seconds.push(elapsed);
    megabytes.push(kilobytes / 1024);
    const output = JSON.parse(result.stdout);
    if (output.files !== undefined) {
      const totals = JSON.stringify({ files: output.files, lines: output.lines, functions: output.functions, branches: output.branches });
      if (totals !== expected) throw new Error(`${parser.name} disagrees with the tracefile: ${totals} vs ${expected}`);
    }
  }
  results.push({ parser: parser.name, seconds: median(seconds), peakRssMB: Math.round(median(megabytes)), runs: seconds });
  console.log(`${parser.name}: ${median(seconds).toFixed(2)} s, ${Math.round(median(megabytes))} MB (runs: ${seconds.join(', ')} s)`);
}

console.log(`\n| parser | median wall time | median peak RSS |\n|---|---:|---:|`);
for (const result of results) console.log(`| ${result.parser} | ${result.seconds.toFixed(2)} s | ${result.peakRssMB} MB |`);
console.log(`\nnode ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}, ${runs} runs each; totals agreed: ${expected}`);
if (quick) {
  console.log('(quick mode: one run of 1 MiB; the timings mean nothing, the totals were checked)');
  process.exit(0);
}
writeFileSync(join(here, 'corpus', 'results.json'), `${JSON.stringify({ node: spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim(), results, totals: JSON.parse(expected) }, null, 2)}\n`);
