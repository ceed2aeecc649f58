import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSize } from 'gzip-size';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { runAction, startResultsService } from '@roadstop/testing';
import { validateResult } from '../../../packages/core/test/validate-result.js';
import { realBuildOutput } from '../../../packages/bundle/test/fixtures.js';

const action = 'bundle-budget';

describe('bundle-budget action, built dist/ run as the runner runs it', () => {
  it('reports zlib level-9 gzip sizes, writes outputs, summary and the result file, and passes under budget', async () => {
    const { workspace, files } = await realBuildOutput();
    const run = await runAction({ action, workspace, inputs: { path: 'dist/**/*.js', max: '5 MB' } });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('pass');
    const result = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(validateResult(result)).toEqual([]);
    expect(result.items.map((item: { id: string }) => item.id)).toEqual(files);
    let total = 0;
    for (const item of result.items) {
      const size = await gzipSize(await readFile(join(workspace, item.id)), { level: 9 });
      expect(item.gzip).toBe(size);
      total += size;
    }
    expect(run.outputs['total-gzip']).toBe(String(total));
    expect(run.outputs['total-brotli']).toBe('');
    expect(Number(run.outputs['total-raw'])).toBeGreaterThan(total);
    expect(run.summary).toContain('### ✅ Bundle budget: pass');
    expect(run.summary).toContain('| bundle |');
    expect(run.summary).toContain('```mermaid');
    expect(run.annotations.filter((annotation) => annotation.level === 'error')).toEqual([]);
  });

  it('fails with an error annotation naming the budget when over it', async () => {
    const { workspace } = await realBuildOutput();
    await mkdir(join(workspace, '.github'));
    await writeFile(
      join(workspace, '.github/roadstop.yml'),
      'bundle-budget:\n  budgets:\n    - name: main bundle\n      path: dist/assets/yaml-*.js\n      max: 1 kB\n    - name: ajv\n      path: dist/assets/ajv-*.js\n      max: 5 MB\n',
    );
    const run = await runAction({ action, workspace });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('fail');
    const errors = run.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ properties: { title: 'Budget: main bundle' } });
    expect(errors[0]!.message).toMatch(/^main bundle is .* \(gzip\), over its 1 kB budget by /);
    expect(errors[1]!.message).toMatch(/^roadstop bundle-budget: 1 of 2 budgets failed · main bundle/);
    expect(run.summary).toContain('| main bundle |');
    expect(run.summary).toContain('❌ fail');
  });

  it.each([
    ['warn', 0, 'warn'],
    ['never', 0, 'fail'],
    ['fail', 1, 'fail'],
  ])('fail-on: %s exits %i with status %s', async (failOn, exitCode, status) => {
    const { workspace } = await realBuildOutput();
    const run = await runAction({ action, workspace, inputs: { path: 'dist/**/*.js', max: '1 kB', 'fail-on': failOn } });
    expect(run.exitCode).toBe(exitCode);
    expect(run.outputs.status).toBe(status);
  });

  it('compares with a baseline file and reports the change', async () => {
    const { workspace } = await realBuildOutput();
    const base = await runAction({ action, workspace, inputs: { path: 'dist/**/*.js', report: 'base.json' } });
    expect(base.outputs.report).toBe(join(workspace, 'base.json'));
    const run = await runAction({ action, workspace, inputs: { path: 'dist/**/*.js', baseline: 'base.json', 'max-increase': '2%' } });
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(result.baseline).toMatchObject({ source: 'base.json' });
    // A local file is the pull request's to write: its sizes are compared with, never reused, so every file is measured.
    expect(result.metrics.compressed).toBe(result.metrics.files);
    expect(result.summary).toBeUndefined();
    expect(run.summary).toContain('No file changed against the base');
  });

  it.each([
    ['a size it cannot read', { path: 'dist/**/*.js', max: '400 kbb' }, "input 'max': '400 kbb' is not a size"],
    ['a glob that matches nothing', { path: 'build/**/*.js' }, "input 'path': no files match 'build/**/*.js' (budget 'bundle')"],
    ['a path outside the workspace', { path: '../**/*.js' }, "input 'path': '../**/*.js' is outside the workspace"],
    ['a baseline that is not a result', { path: 'dist/**/*.js', baseline: 'package.json' }, "package.json, input 'baseline': not a roadstop result: it has no schemaVersion and gate"],
    ['an unknown upload mode', { upload: 'sometimes' }, "input 'upload': 'sometimes' is not one of auto, always, never"],
  ])('fails on %s with one clear error and no stack trace', async (_, inputs, message) => {
    const { workspace } = await realBuildOutput();
    await writeFile(join(workspace, 'package.json'), '{"name": "app"}');
    const run = await runAction({ action, workspace, inputs });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors.at(-1)!.message).toContain(message);
    expect(run.stdout).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(run.stderr).toBe('');
    expect(run.outputs.status).toBeUndefined();
  });

  it('names file, key and line of a config mistake', async () => {
    const { workspace } = await realBuildOutput();
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/roadstop.yml'), 'bundle-budget:\n  budgets:\n    - path: dist/**/*.js\n      compresion: brotli\n');
    const run = await runAction({ action, workspace });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((annotation) => annotation.level === 'error')!;
    expect(error.message).toBe(".github/roadstop.yml:4, key 'bundle-budget.budgets[0].compresion': unknown key 'compresion' (did you mean 'compression'?)");
    expect(error.properties).toMatchObject({ file: '.github/roadstop.yml', line: '4' });
  });

  it('reads a config with block scalars and tags, and locates its mistakes', async () => {
    const { workspace } = await realBuildOutput();
    await mkdir(join(workspace, '.github'));
    const config = (extra: string) => `bundle-budget:\n  budgets:\n    - name: !!str 7\n      path: >-\n        dist/**/*.js\n      max: 1 MB\n${extra}`;
    await writeFile(join(workspace, '.github/roadstop.yml'), config(''));
    const passed = await runAction({ action, workspace });
    expect(passed.stderr).toBe('');
    expect(passed.exitCode).toBe(0);
    expect(passed.outputs.status).toBe('pass');
    await writeFile(join(workspace, '.github/roadstop.yml'), config('      compression: [gzip\n'));
    const failed = await runAction({ action, workspace });
    expect(failed.exitCode).toBe(1);
    const error = failed.annotations.find((annotation) => annotation.level === 'error')!;
    expect(error.message).toMatch(/^\.github\/roadstop\.yml:\d+: invalid YAML: /);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });

  const deep = 10_000;
  const bomb = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(', ')}]`)].join('\n');
  it.each([
    ['a 10,000-deep flow map', `bundle-budget: ${'{a: '.repeat(deep)}1${'}'.repeat(deep)}\n`, ".github/roadstop.yml:1: YAML nested more than 100 levels deep (a config, a metric list or a message is a few levels deep)"],
    ['a 10,000-deep flow list', `bundle-budget:\n  budgets: ${'['.repeat(deep)}${']'.repeat(deep)}\n`, ".github/roadstop.yml:2: YAML nested more than 100 levels deep (a config, a metric list or a message is a few levels deep)"],
    ['an alias bomb', `version: 1\n${bomb}\n`, ".github/roadstop.yml:3: YAML aliases are not supported: *a refers to an anchor (&a) elsewhere (write the value out where it is used)"],
    ['2 MB of YAML', `# ${'x'.repeat(2 * 1024 * 1024)}\nversion: 1\n`, ".github/roadstop.yml: is 2,097,166 characters of YAML, more than the 1,048,576 roadstop reads (a config, a metric list or a message is a few kB)"],
  ])('refuses %s in the config as a configuration error, not an internal one', async (_, config, message) => {
    const { workspace } = await realBuildOutput();
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/roadstop.yml'), config);
    const run = await runAction({ action, workspace });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message)).toEqual([message]);
    expect(run.stdout + run.stderr).not.toMatch(/internal error|Maximum call stack|\n\s+at /);
  });

  it('measures a build of 300 files with worker threads running measure-worker.mjs beside the bundle', async () => {
    const { workspace } = await realBuildOutput();
    const folder = join(workspace, 'many');
    await mkdir(folder);
    const names = Array.from({ length: 300 }, (_, index) => `many/chunk-${String(index).padStart(3, '0')}.js`);
    await Promise.all(names.map((name, index) => writeFile(join(workspace, name), `export const value${index} = ${JSON.stringify('x'.repeat(index))};\n`)));
    const run = await runAction({ action, workspace, inputs: { path: 'many/*.js', max: '5 MB', compression: 'brotli' } });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(result.items.map((item: { id: string }) => item.id)).toEqual(names);
    for (const item of result.items) {
      const content = await readFile(join(workspace, item.id));
      expect(item.brotli, item.id).toBe(brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }).length);
    }
  });

  it('refuses to overwrite a file that is not a result', async () => {
    const { workspace } = await realBuildOutput();
    await writeFile(join(workspace, 'notes.json'), 'my notes');
    const run = await runAction({ action, workspace, inputs: { path: 'dist/**/*.js', report: 'notes.json' } });
    expect(run.exitCode).toBe(1);
    expect(await readFile(join(workspace, 'notes.json'), 'utf8')).toBe('my notes');
  });

  it('masks the token and never prints it', async () => {
    const { workspace } = await realBuildOutput();
    const token = 'ghs_secretsecretsecret0123456789';
    const run = await runAction({ action, workspace, githubToken: token, inputs: { path: 'dist/**/*.js' } });
    expect(run.masked).toContain(token);
    expect(run.stdout.replace(`::add-mask::${token}`, '')).not.toContain(token);
    expect(run.summary).not.toContain(token);
  });

  it('says in a notice that no artifact service is available on a push to the default branch', async () => {
    const { workspace } = await realBuildOutput();
    const run = await runAction({
      action,
      workspace,
      eventName: 'push',
      event: { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
      env: { GITHUB_REF: 'refs/heads/main' },
      inputs: { path: 'dist/**/*.js', baseline: 'auto' },
    });
    expect(run.exitCode).toBe(0);
    const notices = run.annotations.filter((annotation) => annotation.level === 'notice').map((annotation) => annotation.message);
    expect(notices).toContain('no baseline on a push to the default branch: this run publishes the baseline for pull requests');
    expect(notices.some((text) => text.startsWith('the result was not uploaded as the baseline artifact:'))).toBe(true);
  });
});

describe('bundle-budget publishing its baseline', () => {
  it('uploads the result as the artifact on a push to the default branch, through @actions/artifact', async () => {
    const { workspace } = await realBuildOutput();
    const service = await startResultsService();
    try {
      const run = await runAction({
        action,
        workspace,
        eventName: 'push',
        event: { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
        env: { GITHUB_REF: 'refs/heads/main', ACTIONS_RUNTIME_TOKEN: service.runtimeToken, ACTIONS_RESULTS_URL: service.url },
        inputs: { path: 'dist/**/*.js' },
      });
      expect(run.exitCode).toBe(0);
      const notices = run.annotations.filter((annotation) => annotation.level === 'notice').map((annotation) => annotation.message);
      expect(notices).toContain("uploaded the result as artifact 'roadstop-bundle-budget' (id 4242), the baseline for pull requests");
      expect(service.artifacts).toHaveLength(1);
      const [artifact] = service.artifacts;
      expect(artifact).toMatchObject({ name: 'roadstop-bundle-budget', finalized: true });
      const files = unzipSync(new Uint8Array(artifact!.zip));
      expect(Object.keys(files)).toEqual(['bundle-budget.json']);
      expect(strFromU8(files['bundle-budget.json']!)).toBe(await readFile(run.outputs.report!, 'utf8'));
      expect(artifact!.hash).toBe(`sha256:${createHash('sha256').update(artifact!.zip).digest('hex')}`);
    } finally {
      await service.close();
    }
  });

  it('does not upload from a pull request', async () => {
    const { workspace } = await realBuildOutput();
    const service = await startResultsService();
    try {
      const run = await runAction({ action, workspace, env: { ACTIONS_RUNTIME_TOKEN: service.runtimeToken, ACTIONS_RESULTS_URL: service.url }, inputs: { path: 'dist/**/*.js' } });
      expect(run.exitCode).toBe(0);
      expect(service.artifacts).toEqual([]);
    } finally {
      await service.close();
    }
  });
});
