import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, refusalOf, runAction } from '@roadstop/testing';

// Issue 16 (start-up): a step that stops at its config loads what reading the config needs and nothing of the run.
// Every built action with a `config` input is run as bench/startup.mjs's config-error case runs it (a misspelt
// top-level key), with a preload that writes the built-in modules Node loaded (process.moduleLoadList) when the
// process exits. Each one below costs start-up and is only needed once a gate runs (node:vm is not among them:
// every entry compiles its chunks with it, packages/action/src/chunk-cache.ts, to keep their compiled code;
// it first came with jsonpath-plus, which canary-watch's options imported at the top);
// HTTP (undici, http, https, net, tls) with the GitHub client; crypto, zlib, child_process and worker_threads
// with hashing, compressing, git and the measuring workers.
const NOT_AT_START = ['crypto', 'zlib', 'http', 'https', 'http2', 'net', 'tls', 'child_process', 'worker_threads', 'internal/deps/undici/undici'];

const actionsWithConfig = readdirSync(join(REPO_ROOT, 'actions'))
  .filter((name) => existsSync(join(REPO_ROOT, 'actions', name, 'action.yml')))
  .filter((name) => {
    const meta = parse(readFileSync(join(REPO_ROOT, 'actions', name, 'action.yml'), 'utf8')) as { inputs?: Record<string, unknown> };
    return meta.inputs !== undefined && 'config' in meta.inputs;
  });

describe('what a step that stops at its config loads, built dist/', () => {
  it('finds the actions that read a config', () => {
    expect(actionsWithConfig).toEqual(expect.arrayContaining(['bundle-budget', 'coverage-gate', 'lighthouse-gate', 'canary-watch']));
  });

  for (const action of [...actionsWithConfig, 'roadstop']) {
    it(`${action}: the config mistake, and none of ${NOT_AT_START.join(', ')}`, async () => {
      const workspace = await mkdtemp(join(tmpdir(), `roadstop-startup-${action}-`));
      await mkdir(join(workspace, '.github'));
      await writeFile(join(workspace, '.github', 'roadstop.yml'), 'verison: 1\nbundle-budget:\n  budgets:\n    - path: dist/*.js\n      max: 10 kB\n');
      const preload = join(workspace, 'loads.cjs');
      const list = join(workspace, 'loads.txt');
      await writeFile(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));\n`);
      const run = await runAction({ action, workspace, eventName: 'push', env: { NODE_OPTIONS: `--require ${preload}` } });
      expect(refusalOf(run)).toEqual({ exitCode: 1, errors: [expect.stringMatching(/unknown key 'verison'/)], trace: false });
      const loaded = (await readFile(list, 'utf8')).split('\n').filter((line) => line.startsWith('NativeModule ')).map((line) => line.slice('NativeModule '.length));
      // The preload itself is seen: the list is the process's, not empty.
      expect(loaded).toContain('fs');
      expect(loaded.filter((name) => NOT_AT_START.includes(name))).toEqual([]);
    });
  }
});
