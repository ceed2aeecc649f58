import { randomBytes } from 'node:crypto';
import { appendFile, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { gzipSize } from 'gzip-size';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseConfig } from '@roadstop/core';
import { measureFiles, resolveOptions, runBundleBudget, type RawInputs } from '../src/index.js';
import { validateResult } from '../../core/test/validate-result.js';
import { realBuildOutput } from './fixtures.js';

const noConfig = parseConfig('', 'roadstop.yml').section('bundle-budget');
const options = (workspace: string, inputs: RawInputs, config = noConfig) => resolveOptions(config, inputs, workspace);

describe('runBundleBudget on real build output', () => {
  it('reports gzip sizes equal to gzip-size at level 9 and brotli sizes equal to zlib at quality 11', async () => {
    const { workspace, files } = await realBuildOutput();
    expect(files.length).toBeGreaterThan(8);
    const config = parseConfig(
      'bundle-budget:\n  budgets:\n    - name: js\n      path: dist/**/*.js\n    - name: js-br\n      path: dist/**/*.js\n      compression: brotli\n',
      'c.yml',
    );
    const result = await runBundleBudget(options(workspace, {}, config.section('bundle-budget')));
    expect(validateResult(result)).toEqual([]);
    expect(result.items.map((item) => item.id)).toEqual(files);
    for (const item of result.items) {
      const content = await readFile(join(workspace, item.id));
      expect(item.raw).toBe(content.length);
      expect(item.gzip).toBe(await gzipSize(content, { level: 9 }));
      expect(item.brotli).toBe(brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
    }
    const totalGzip = result.items.reduce((sum, item) => sum + Number(item.gzip), 0);
    expect(result.metrics['total-gzip']).toBe(totalGzip);
    expect(result.checks[0]).toMatchObject({ name: 'js', value: totalGzip, status: 'pass' });
  });

  it('fails past the budget and passes under it', async () => {
    const { workspace } = await realBuildOutput();
    const under = await runBundleBudget(options(workspace, { path: 'dist/**/*.js', max: '10 MB' }));
    const size = under.checks[0]!.value;
    expect(under.status).toBe('pass');
    const over = await runBundleBudget(options(workspace, { path: 'dist/**/*.js', max: String(size - 1) }));
    expect(over.status).toBe('fail');
    expect(over.checks[0]!.message).toMatch(/^bundle is .* \(gzip\), over its .* budget by 1 B$/);
    expect(over.messages.filter((message) => message.level === 'error')).toHaveLength(1);
    const exact = await runBundleBudget(options(workspace, { path: 'dist/**/*.js', max: String(size) }));
    expect(exact.status).toBe('pass');
  });

  it('compares with a baseline: reuses sizes of unchanged files, matches renamed chunks, enforces max-increase', async () => {
    const { workspace, files } = await realBuildOutput();
    const base = await runBundleBudget(options(workspace, { path: 'dist/**/*.js', 'max-increase': '2%' }));
    expect(base.metrics.compressed).toBe(files.length);

    // a rebuild: one chunk grows and gets a new hash, one disappears
    const grown = files[0]!;
    const renamed = grown.replace(/-[a-z0-9]{8}\.js$/, '-Zq9_x2Lm.js');
    await appendFile(join(workspace, grown), `\n/* ${randomBytes(30_000).toString('hex')} */\n`);
    await rename(join(workspace, grown), join(workspace, renamed));
    const { rm } = await import('node:fs/promises');
    await rm(join(workspace, files[1]!));

    // The base run's own result (the artifact): its sizes are reused by hash.
    const result = await runBundleBudget(options(workspace, { path: 'dist/**/*.js', 'max-increase': '2%' }), { result: base, info: { source: 'artifact' }, fromBaseRun: true });
    expect(result.metrics.compressed).toBe(1);
    // The same result as a local file the pull request could write: every file is measured again.
    const local = await runBundleBudget(options(workspace, { path: 'dist/**/*.js', 'max-increase': '2%' }), { result: base, info: { source: 'base.json' } });
    expect(local.metrics.compressed).toBe(local.metrics.files);
    expect(local.messages.map((message) => message.text)).toContain('baseline base.json: a local file, so its sizes are only compared with; every file of this build was measured');
    expect(result.metrics.reused).toBe(files.length - 2);
    const item = result.items.find((entry) => entry.id === renamed)!;
    expect(item).toMatchObject({ change: 'changed', base: grown });
    expect(result.items.find((entry) => entry.id === files[1])).toMatchObject({ change: 'removed' });
    expect(result.metrics['files-removed']).toBe(1);
    expect(result.checks[0]!.baseline).toBe(base.checks[0]!.value);
    const grewBy = result.checks[0]!.value - base.checks[0]!.value;
    const allowed = Math.floor(base.checks[0]!.value * 0.02);
    expect(result.status).toBe(grewBy > allowed ? 'fail' : 'pass');
    expect(grewBy).toBeGreaterThan(0);
    const loose = await runBundleBudget(options(workspace, { path: 'dist/**/*.js', 'max-increase': `${grewBy} B` }), { result: base, info: { source: 'base.json' } });
    expect(loose.status).toBe('pass');
    const tight = await runBundleBudget(options(workspace, { path: 'dist/**/*.js', 'max-increase': `${grewBy - 1} B` }), { result: base, info: { source: 'base.json' } });
    expect(tight.status).toBe('fail');
    expect(tight.checks[0]!.message).toMatch(/grew by .* against the base, more than the .* allowed/);
  });

  it('warns past the warn size without failing', async () => {
    const { workspace } = await realBuildOutput();
    const config = parseConfig('bundle-budget:\n  budgets:\n    - name: js\n      path: dist/**/*.js\n      max: 10 MB\n      warn: 1 kB\n', 'c.yml');
    const result = await runBundleBudget(options(workspace, {}, config.section('bundle-budget')));
    expect(result.status).toBe('warn');
    expect(result.headline).toMatch(/^1 warning · js /);
  });

  it('lists the globs when nothing matches, unless allow-empty', async () => {
    const { workspace } = await realBuildOutput();
    const error = await runBundleBudget(options(workspace, { path: 'build/**/*.js\nout/*.js' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).describe()).toMatch(/^input 'path': no files match 'build\/\*\*\/\*.js', 'out\/\*.js' \(budget 'bundle'\)/);
    const empty = await runBundleBudget(options(workspace, { path: 'build/**/*.js', 'allow-empty': 'true' }));
    expect(empty.status).toBe('skipped');
  });

  it('refuses a path that escapes the workspace', async () => {
    const { workspace } = await realBuildOutput();
    await expect(runBundleBudget(options(workspace, { path: '../../etc/*' }))).rejects.toThrow(/'..\/..\/etc\/\*' is outside the workspace/);
    await expect(runBundleBudget(options(workspace, { path: '/etc/passwd' }))).rejects.toThrow(/is outside the workspace/);
  });

  it('names a file it cannot read', async () => {
    const { workspace, files } = await realBuildOutput();
    // A file that vanished between the glob and the read, or that a non-root user may not read, fails alike.
    const error = await measureFiles([files[0]!, 'dist/assets/vanished.js'], { workspace, compressions: new Set(['gzip']), gzipLevel: 9, brotliQuality: 11 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).describe()).toBe('dist/assets/vanished.js: cannot read dist/assets/vanished.js (ENOENT)');
  });
});

describe('fail-on', () => {
  it('warn turns a failing result into a warning, keeping the failing check', async () => {
    const { workspace } = await realBuildOutput();
    const result = await runBundleBudget(options(workspace, { path: 'dist/**/*.js', max: '1 kB', 'fail-on': 'warn' }));
    expect(result.status).toBe('warn');
    expect(result.checks[0]!.status).toBe('fail');
    expect(result.messages.map((message) => message.level)).toEqual(['warning', 'notice']);
    const never = await runBundleBudget(options(workspace, { path: 'dist/**/*.js', max: '1 kB', 'fail-on': 'never' }));
    expect(never.status).toBe('fail');
  });
});

describe('measureFiles', () => {
  it('reads files larger than its read buffer whole, and empty files', async () => {
    const { workspace } = await realBuildOutput();
    const { writeFile } = await import('node:fs/promises');
    const big = Buffer.concat([randomBytes(1_500_000), Buffer.alloc(1_300_000, 'a')]);
    await writeFile(join(workspace, 'dist/big.js'), big);
    await writeFile(join(workspace, 'dist/empty.js'), '');
    const sizes = await measureFiles(['dist/big.js', 'dist/empty.js'], { workspace, compressions: new Set(['gzip']), gzipLevel: 9, brotliQuality: 11, threads: 1 });
    expect(sizes[0]).toMatchObject({ path: 'dist/big.js', raw: big.length, gzip: await gzipSize(big, { level: 9 }) });
    expect(sizes[0]!.hash).toBe((await import('node:crypto')).createHash('sha256').update(big).digest('hex'));
    expect(sizes[1]).toMatchObject({ path: 'dist/empty.js', raw: 0, gzip: 20 });
  });
});
