// The floor: zlib gzip level 9 over the same bytes, every file read once, on all cores.
//   node bench/lib/floor.mjs <root> <list.txt> <out.json> [threads]
// <list.txt> has one path (relative to <root>) a line. <out.json> gets {path: {raw, gzip}}.
// Workers pull the next file from a shared counter (largest files first, so the two cores
// finish together); results go to shared arrays, so nothing but the sizes crosses threads.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';

if (isMainThread) {
  const [root, listFile, outFile, threadsArg] = process.argv.slice(2);
  const threads = Number(threadsArg) || availableParallelism();
  const paths = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  const sizes = paths.map((p) => statSync(join(root, p)).size);
  const order = paths.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a]);
  const shared = {
    counter: new Int32Array(new SharedArrayBuffer(4)),
    order: Int32Array.from(order),
    raw: new Float64Array(new SharedArrayBuffer(8 * paths.length)),
    gzip: new Float64Array(new SharedArrayBuffer(8 * paths.length)),
  };
  await Promise.all(
    Array.from({ length: threads }, () => {
      const w = new Worker(new URL(import.meta.url), { workerData: { root, paths, ...shared } });
      return new Promise((resolve, reject) => {
        w.once('error', reject);
        w.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
      });
    }),
  );
  const out = {};
  paths.forEach((p, i) => (out[p] = { raw: shared.raw[i], gzip: shared.gzip[i] }));
  writeFileSync(outFile, JSON.stringify(out));
} else {
  const { root, paths, counter, order, raw, gzip } = workerData;
  for (;;) {
    const k = Atomics.add(counter, 0, 1);
    if (k >= order.length) break;
    const i = order[k];
    const buf = readFileSync(join(root, paths[i]));
    raw[i] = buf.length;
    gzip[i] = gzipSync(buf, { level: 9 }).length;
  }
}
