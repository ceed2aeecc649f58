// Writes a ~100 MB lcov tracefile shaped like istanbul's (vitest, jest, c8):
// per file FN/FNDA, DA, BRDA and the count lines, with absolute runner paths.
// Seeded, so every run of the benchmark parses the same bytes.
//
//   node make-lcov.mjs [MiB, default 100] [output, default corpus/lcov-100mb.info]
//
// Beside the output, <output>.totals.json: the file count and the line, function and branch
// totals the records hold, which run.mjs holds every parser to.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../lib/random.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const target = Number(process.argv[2] ?? 100) * 1024 * 1024;
const out = process.argv[3] ?? join(here, 'corpus', 'lcov-100mb.info');
const totals = { files: 0, lines: { covered: 0, total: 0 }, functions: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 } };
mkdirSync(dirname(out), { recursive: true });

const random = seededRandom(0x2545f491);
const int = (max) => Math.floor(random() * max);
const hits = () => (random() < 0.25 ? 0 : 1 + int(random() < 0.9 ? 20 : 5000));

const stream = createWriteStream(out);
let bytes = 0;
let files = 0;
const write = (text) => {
  bytes += Buffer.byteLength(text);
  return stream.write(text);
};

while (bytes < target) {
  const lines = 60 + int(400);
  const functions = 3 + int(Math.max(4, lines / 12));
  const parts = ['TN:\n', `SF:/home/runner/work/app/app/packages/pkg${files % 40}/src/feature${files % 211}/module${files}.ts\n`];
  const fns = [];
  for (let index = 0; index < functions; index++) {
    const name = random() < 0.4 ? `(anonymous_${index})` : `handle${['Request', 'Event', 'Change', 'Submit', 'Load'][index % 5]}${index}`;
    fns.push({ name, line: 1 + int(lines), hits: hits() });
  }
  for (const fn of fns) parts.push(`FN:${fn.line},${fn.name}\n`);
  parts.push(`FNF:${fns.length}\n`, `FNH:${fns.filter((fn) => fn.hits > 0).length}\n`);
  for (const fn of fns) parts.push(`FNDA:${fn.hits},${fn.name}\n`);
  let hitLines = 0;
  let line = 0;
  for (let index = 0; index < lines; index++) {
    line += 1 + int(3);
    const count = hits();
    if (count > 0) hitLines += 1;
    parts.push(`DA:${line},${count}\n`);
  }
  parts.push(`LF:${lines}\n`, `LH:${hitLines}\n`);
  const blocks = int(lines / 6);
  let branches = 0;
  let taken = 0;
  for (let block = 0; block < blocks; block++) {
    const at = 1 + int(line);
    const arms = random() < 0.8 ? 2 : 2 + int(4);
    for (let arm = 0; arm < arms; arm++) {
      const count = hits();
      branches += 1;
      if (count > 0) taken += 1;
      parts.push(`BRDA:${at},${block},${arm},${count}\n`);
    }
  }
  parts.push(`BRF:${branches}\n`, `BRH:${taken}\n`, 'end_of_record\n');
  files += 1;
  totals.files = files;
  totals.lines.total += lines;
  totals.lines.covered += hitLines;
  totals.functions.total += fns.length;
  totals.functions.covered += fns.filter((fn) => fn.hits > 0).length;
  totals.branches.total += branches;
  totals.branches.covered += taken;
  if (!write(parts.join(''))) await new Promise((resolve) => stream.once('drain', resolve));
}
await new Promise((resolve) => stream.end(resolve));
writeFileSync(`${out}.totals.json`, `${JSON.stringify(totals)}\n`);
console.log(`wrote ${out}: ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${files} files`);
