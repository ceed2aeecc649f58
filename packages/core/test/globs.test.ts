import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countBraceExpansions, describeSkippedLinks, isLiteralPath, MAX_GLOB_EXPANSIONS, selectFiles } from '../src/index.js';

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

describe('literal paths are selected without fast-glob, exactly as fast-glob selects them', () => {
  it.each([
    ['dist/*.js', false],
    ['coverage/lcov.info', true],
    ['.github/roadstop.yml', true],
    ['a b/c-d_e.f', true],
    ['dist/app.{js,css}', false],
    ['src/[ab].ts', false],
    ['file?.js', false],
    ['@(a|b).js', false],
    ['a\\*.js', false],
    ['dir/!(x).js', false],
  ])('%s is literal: %s', (pattern, literal) => {
    expect(isLiteralPath(pattern)).toBe(literal);
  });

  it('agrees with fast-glob on files, folders, dotfiles, symlinks, missing paths and repeats', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-literal-'));
    for (const folder of ['dist/sub', '.hidden', 'coverage']) await mkdir(join(workspace, folder), { recursive: true });
    for (const file of ['dist/app.js', 'dist/sub/deep.js', '.hidden/x.js', '.env', 'coverage/lcov.info']) await writeFile(join(workspace, file), 'x');
    await symlink(join(workspace, 'dist/app.js'), join(workspace, 'dist/link.js'));
    await symlink(join(workspace, 'dist/sub'), join(workspace, 'dist/linked-folder'));
    await symlink(join(workspace, 'missing.js'), join(workspace, 'dist/dangling.js'));
    execFileSync('mkfifo', [join(workspace, 'coverage/pipe.info')]);
    const { default: fg } = await import('fast-glob');
    const viaFastGlob = async (patterns: string[]) => {
      const entries = await fg(patterns, { cwd: workspace, onlyFiles: false, dot: true, unique: true, followSymbolicLinks: false, objectMode: true });
      return {
        files: entries.filter((entry) => !entry.dirent.isSymbolicLink() && entry.dirent.isFile()).map((entry) => entry.path).sort(),
        skippedLinks: entries.filter((entry) => entry.dirent.isSymbolicLink()).map((entry) => entry.path).sort(),
        skippedSpecial: entries.filter((entry) => entry.dirent.isFIFO()).map((entry) => ({ path: entry.path, kind: 'a FIFO (named pipe)' })),
      };
    };
    const cases = [
      ['dist/app.js'],
      ['dist/sub/deep.js', 'dist/app.js', 'dist/app.js'],
      ['.hidden/x.js', '.env'],
      ['dist/link.js', 'dist/dangling.js', 'dist/app.js'],
      ['dist/linked-folder/deep.js'],
      ['dist', 'dist/sub', 'dist/linked-folder'],
      ['missing.js', 'coverage/lcov.info'],
      ['coverage/pipe.info', 'coverage/lcov.info'],
    ];
    for (const patterns of cases) {
      expect(patterns.every(isLiteralPath)).toBe(true);
      const expected = await viaFastGlob(patterns);
      expect(await selectFiles(workspace, patterns, { input: 'path' }), patterns.join(' ')).toEqual(expected);
    }
    // Something selected, or the comparison proves nothing.
    expect((await selectFiles(workspace, ['dist/link.js', 'dist/app.js'], { input: 'path' })).files).toEqual(['dist/app.js']);
  });

  it('names a FIFO it matched and did not select, by path and kind, as a literal path and through a glob', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-fifo-'));
    await mkdir(join(workspace, 'coverage'));
    execFileSync('mkfifo', [join(workspace, 'coverage/lcov.info')]);
    for (const pattern of ['coverage/lcov.info', 'coverage/*.info']) {
      const selection = await selectFiles(workspace, [pattern], { input: 'files' });
      expect(selection.files).toEqual([]);
      expect(selection.skippedSpecial).toEqual([{ path: 'coverage/lcov.info', kind: 'a FIFO (named pipe)' }]);
      expect(describeSkippedLinks(selection)).toBe(
        'skipped 1 match that is not a regular file (coverage/lcov.info is a FIFO (named pipe)): roadstop reads only regular files, so a pipe or device never hangs the step',
      );
    }
  });

  it('refuses a literal path through a symlinked folder that leads out, as a glob would be refused', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'roadstop-outside-'));
    await writeFile(join(outside, 'secret.js'), 's');
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-literal-'));
    await symlink(outside, join(workspace, 'link'));
    await expect(selectFiles(workspace, ['link/secret.js'], { input: 'path' })).rejects.toThrow(/the glob 'link\/secret\.js' goes through link, a symlink to .* outside the workspace/);
  });
});

describe('a symlinked folder out of the workspace stops the walk', () => {
  it.each(['dist/**/*.js', 'dist/**', 'dist', 'dist/share/*.txt', 'app/dist/**/*.js'])('refuses %s through dist → /usr before walking it', async (pattern) => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-linked-'));
    await mkdir(join(workspace, 'app'));
    await symlink('/usr', join(workspace, 'dist'));
    await symlink('/usr', join(workspace, 'app/dist'));
    await expect(selectFiles(workspace, [pattern], { input: 'files' })).rejects.toThrow(/goes through (app\/)?dist, a symlink to \/usr outside the workspace; globs do not follow it/);
  });

  it('follows a symlinked folder that stays inside', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-linked-'));
    await mkdir(join(workspace, 'build'));
    await writeFile(join(workspace, 'build/a.js'), 'a');
    await symlink('build', join(workspace, 'dist'));
    expect((await selectFiles(workspace, ['dist/*.js'], { input: 'files' })).files).toEqual(['dist/a.js']);
  });
});
