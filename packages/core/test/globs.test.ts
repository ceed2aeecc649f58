import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countBraceExpansions, MAX_GLOB_EXPANSIONS, selectFiles } from '../src/index.js';

describe('brace expansion is bounded', () => {
  it.each([
    ['dist/*.js', 1],
    ['dist/*.{js,css}', 2],
    ['{a,b,c}/{x,y}/*.{js,css}', 12],
    ['{a,{b,c}}', 3],
    ['file{1..10}.js', 10],
    ['{a..e}', 5],
    ['{0..100..10}', 11],
    ['\\{a,b\\}', 1],
    ['{single}', 1],
    ['{unclosed,', 1],
    ['{a,b}'.repeat(20), MAX_GLOB_EXPANSIONS + 1],
    ['{1..1000000}', MAX_GLOB_EXPANSIONS + 1],
  ])('%s expands to %i', (pattern, count) => {
    expect(countBraceExpansions(pattern)).toBe(count);
  });

  it('refuses a glob past the limit, naming the input, before expanding it', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-braces-'));
    await mkdir(join(workspace, 'dist'));
    await writeFile(join(workspace, 'dist/a.js'), 'a');
    const pattern = `dist/${'{a,b}'.repeat(24)}.js`;
    const started = Date.now();
    await expect(selectFiles(workspace, [pattern], { input: 'path' })).rejects.toThrow(/expands to more than 1000 patterns through its \{…\} brace sets/);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(selectFiles(workspace, ['dist/a.js', `!${pattern}`], { input: 'path' })).rejects.toThrow(/brace sets/);
    expect((await selectFiles(workspace, ['dist/{a,b}.js'], { input: 'path' })).files).toEqual(['dist/a.js']);
  });
});
