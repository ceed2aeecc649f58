import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkScript } from '../src/chunk-cache.js';

// The runner's Node (24, as action.yml's `using: node24`), not the one running vitest: the cache is V8's.
const NODE = fileURLToPath(new URL('../../../node_modules/node/bin/node', import.meta.url));
const MODULE = pathToFileURL(fileURLToPath(new URL('../src/chunk-cache.ts', import.meta.url))).href;

/** A chunk as ncc writes one: a module whose functions V8 compiles only when they are first called. */
const CHUNK = `export const id = 7;
export const ids = [7];
export const modules = {

/***/ 123:
/***/ ((module) => {

function words(text) { return text.split(/\\s+/).filter((word) => word.length > 0); }
function count(text) { const seen = new Map(); for (const word of words(text)) seen.set(word, (seen.get(word) ?? 0) + 1); return [...seen].sort((a, b) => b[1] - a[1]); }
module.exports = { count };

/***/ })

};
`;

/** One step: a fresh Node that installs the hook, loads the chunk through it, runs its module and exits. */
function step(folder: string, cacheDir: string): { out: { answer: unknown; log: Array<{ cache: string }> }; status: number | null; stderr: string } {
  const digest = createHash('sha256').update(CHUNK).digest('hex');
  const driver = `
    const { installChunkCache, chunkCacheLog, CHUNK_HOOK } = await import(${JSON.stringify(MODULE)});
    installChunkCache(${JSON.stringify(cacheDir)});
    const data = await globalThis[Symbol.for(CHUNK_HOOK)](new URL('7.index.js', ${JSON.stringify(pathToFileURL(folder + '/').href)}), ${JSON.stringify(digest)});
    const module = { exports: {} };
    data.modules[123](module);
    console.log(JSON.stringify({ answer: [data.id, data.ids, module.exports.count('a b a c a b')], log: chunkCacheLog }));
  `;
  const run = spawnSync(NODE, ['--input-type=module', '-e', driver], { encoding: 'utf8' });
  return { out: run.status === 0 ? JSON.parse(run.stdout) : { answer: undefined, log: [] }, status: run.status, stderr: run.stderr };
}

describe('chunkScript', () => {
  it('turns an ncc chunk into a script whose function returns its exports, line for line', () => {
    const script = chunkScript(CHUNK);
    expect(script?.split('\n').length).toBe(CHUNK.split('\n').length + 1);
    const data = (0, eval)(script!)();
    expect(data.id).toBe(7);
    expect(data.ids).toEqual([7]);
    expect(Object.keys(data.modules)).toEqual(['123']);
  });

  it('leaves anything else to import()', () => {
    expect(chunkScript('import { x } from "y";\nexport const id = 1;')).toBeUndefined();
    expect(chunkScript(CHUNK.replace('export const ids', 'export let ids'))).toBeUndefined();
  });
});

describe('the chunk cache across steps (Node 24)', () => {
  it('is written by the first step, used by the next, and a corrupt one is compiled anew and replaced', () => {
    const folder = mkdtempSync(join(tmpdir(), 'roadstop-chunk-'));
    writeFileSync(join(folder, '7.index.js'), CHUNK);
    const cacheDir = join(folder, 'cache', 'chunks');
    const answer = [7, [7], [['a', 3], ['b', 2], ['c', 1]]];

    const first = step(folder, cacheDir);
    expect(first.stderr).toBe('');
    expect(first.out).toEqual({ answer, log: [expect.objectContaining({ cache: 'missing' })] });
    const file = readdirSync(cacheDir)[0] ?? '';
    expect(file).toMatch(/^[0-9a-f]{64}\.v8$/);

    expect(step(folder, cacheDir).out).toEqual({ answer, log: [expect.objectContaining({ cache: 'used' })] });
    const kept = readFileSync(join(cacheDir, file));

    writeFileSync(join(cacheDir, file), Buffer.from('not a V8 code cache at all, but long enough to be read as one'.repeat(4)));
    expect(step(folder, cacheDir).out).toEqual({ answer, log: [expect.objectContaining({ cache: 'rejected' })] });
    expect(readFileSync(join(cacheDir, file)).length).toBe(kept.length);
    expect(step(folder, cacheDir).out).toEqual({ answer, log: [expect.objectContaining({ cache: 'used' })] });
    expect(readdirSync(cacheDir)).toEqual([file]);
  });

  it('runs the step the same when the cache cannot be written', () => {
    const folder = mkdtempSync(join(tmpdir(), 'roadstop-chunk-'));
    writeFileSync(join(folder, '7.index.js'), CHUNK);
    writeFileSync(join(folder, 'a-file'), '');
    const run = step(folder, join(folder, 'a-file', 'chunks'));
    expect(run).toEqual({ out: { answer: [7, [7], [['a', 3], ['b', 2], ['c', 1]]], log: [expect.objectContaining({ cache: 'missing' })] }, status: 0, stderr: '' });
  });
});
