// Runs each lcov parser over the same ~100 MB tracefile, three times each, in
// a fresh Node process under /usr/bin/time: median wall time and median peak
// RSS. Every parser must report the same totals, or the run fails.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, 'corpus', 'lcov-100mb.info');
const runs = Number(process.env.RUNS ?? 3);

// Node 24 for everyone: the repository's own (root devDependency `node`) when this one is older.
const rootNode = join(here, '..', '..', 'node_modules', 'node', 'bin', 'node');
const node = Number(process.versions.node.split('.')[0]) >= 24 || !existsSync(rootNode) ? process.execPath : rootNode;

const step = (args) => {
  const result = spawnSync(node, args, { cwd: here, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed`);
};
if (!existsSync(corpus)) step(['make-lcov.mjs']);
step(['build.mjs']);

const parsers = [
  { name: 'floor (read + count lines)', runner: 'floor.mjs' },
  { name: 'roadstop (bundled)', runner: 'roadstop.mjs' },
  { name: 'roadstop (TS sources, type stripping)', runner: 'roadstop-ts.mjs' },
  { name: 'lcov-parse 1.0.0', runner: 'lcov-parse.mjs' },
  { name: '@friedemannsommer/lcov-parser 5.0.2', runner: 'friedemannsommer.mjs' },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = [];
let expected;
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
      const totals = JSON.stringify(output);
      expected ??= totals;
      if (totals !== expected) throw new Error(`${parser.name} disagrees: ${totals} vs ${expected}`);
    }
  }
  results.push({ parser: parser.name, seconds: median(seconds), peakRssMB: Math.round(median(megabytes)), runs: seconds });
  console.log(`${parser.name}: ${median(seconds).toFixed(2)} s, ${Math.round(median(megabytes))} MB (runs: ${seconds.join(', ')} s)`);
}

console.log(`\n| parser | median wall time | median peak RSS |\n|---|---:|---:|`);
for (const result of results) console.log(`| ${result.parser} | ${result.seconds.toFixed(2)} s | ${result.peakRssMB} MB |`);
console.log(`\nnode ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}, ${runs} runs each; totals agreed: ${expected}`);
writeFileSync(join(here, 'corpus', 'results.json'), `${JSON.stringify({ node: spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim(), results, totals: JSON.parse(expected) }, null, 2)}\n`);
