import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { actionInputNames, actionOutputNames } from '@roadstop/action';
import { GATES } from '@roadstop/gates';
import { REPO_ROOT } from '../src/index.js';

const run = promisify(execFile);

interface ActionMetadata {
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  runs: { using: string; main: string };
}

function actionFiles(): string[] {
  const files = [join(REPO_ROOT, 'action.yml')];
  for (const name of readdirSync(join(REPO_ROOT, 'actions')).sort()) {
    const file = join(REPO_ROOT, 'actions', name, 'action.yml');
    if (existsSync(file)) files.push(file);
  }
  return files;
}

async function metadata(file: string): Promise<ActionMetadata> {
  return parse(await readFile(file, 'utf8')) as ActionMetadata;
}

function listFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(folder, path));
    }
  };
  walk(folder);
  return out;
}

describe('the repository', () => {
  it('every action.yml declares node24 and a main in dist/ that exists', async () => {
    const runtimes = new Set<string>();
    for (const file of actionFiles()) {
      const { runs } = await metadata(file);
      runtimes.add(runs.using);
      const main = resolve(file, '..', runs.main);
      expect(relative(REPO_ROOT, main)).toMatch(/^dist\/[a-z-]+\/index\.js$/);
      expect(existsSync(main), `${relative(REPO_ROOT, file)} → ${runs.main}`).toBe(true);
    }
    expect([...runtimes]).toEqual(['node24']);
  });

  it.each(GATES.map((gate) => [gate.name, gate] as const))("%s: action.yml declares exactly the registry descriptor's inputs and outputs", async (name, gate) => {
    const action = await metadata(join(REPO_ROOT, 'actions', name, 'action.yml'));
    expect(Object.keys(action.inputs ?? {})).toEqual(actionInputNames(gate));
    expect(Object.keys(action.outputs ?? {})).toEqual(actionOutputNames(gate));
  });

  it('the root action has the outputs of exactly the gates of the registry, and the README documents each gate', async () => {
    const action = await metadata(join(REPO_ROOT, 'action.yml'));
    const gateOutputs = Object.keys(action.outputs ?? {}).filter((name) => name !== 'status' && name !== 'report');
    expect(gateOutputs.sort()).toEqual(GATES.filter((gate) => !gate.ownStep).flatMap((gate) => [`${gate.name}-status`, `${gate.name}-report`]).sort());
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const gate of GATES) expect(readme).toContain(`<!-- action-docs:${gate.name}:start -->`);
  });

  it("every registry gate has an action folder, and every action's main.ts is thin", async () => {
    const gates = new Set(GATES.map((gate) => gate.name));
    for (const name of readdirSync(join(REPO_ROOT, 'actions')).sort()) {
      // The entry is the edge's start-up (compile cache, then the action's code as a chunk of its own), nothing else.
      const index = await readFile(join(REPO_ROOT, 'actions', name, 'src/index.ts'), 'utf8');
      expect(index, `actions/${name}/src/index.ts`).toBe("import { startAction } from '@roadstop/action/entry';\n\nawait startAction(() => import('./main.js'));\n");
      const main = await readFile(join(REPO_ROOT, 'actions', name, 'src/main.ts'), 'utf8');
      const imports = [...main.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      // An action speaks to the runner only through the edge, and never imports another action.
      expect(imports, `actions/${name}/src/main.ts`).toContain('@roadstop/action');
      expect(imports.filter((path) => path?.startsWith('.')), `actions/${name}/src/main.ts imports a relative path`).toEqual([]);
      // A gate's action runs its registry descriptor; any other action (PR comment, Slack, canary) runs a step body.
      if (gates.has(name)) expect(main, `actions/${name}/src/main.ts`).toMatch(/runGateAction\(\w+\)/);
      else if (name !== 'roadstop') expect(main, `actions/${name} is neither a registry gate nor a step`).toMatch(/runActionStep\(/);
    }
    for (const gate of gates) expect(existsSync(join(REPO_ROOT, 'actions', gate, 'action.yml')), `actions/${gate}/action.yml`).toBe(true);
  });

  it('no runtime code imports @actions/core: the edge speaks the runner protocol itself, held to @actions/core by its test', () => {
    const importers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (entry === 'node_modules' || entry === 'fixtures') continue;
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && /from '@actions\/core'/.test(readFileSync(path, 'utf8'))) importers.push(relative(REPO_ROOT, path));
      }
    };
    for (const top of ['packages', 'actions']) walk(join(REPO_ROOT, top));
    expect(importers).toEqual(['packages/action/test/runner.test.ts']);
  });

  it('the committed dist/ is what a fresh build produces', async () => {
    const out = await mkdtemp(join(tmpdir(), 'roadstop-dist-'));
    await run(process.execPath, [join(REPO_ROOT, 'scripts/build.mjs'), '--out', out], { cwd: REPO_ROOT, maxBuffer: 1 << 26 });
    const committed = listFiles(join(REPO_ROOT, 'dist'));
    expect(listFiles(out)).toEqual(committed);
    const stale: string[] = [];
    for (const file of committed) {
      const [fresh, current] = await Promise.all([readFile(join(out, file)), readFile(join(REPO_ROOT, 'dist', file))]);
      if (!fresh.equals(current)) stale.push(file);
    }
    expect(stale, 'dist/ is stale: run `npm run build` and commit dist/').toEqual([]);
  }, 300_000);

  it('yaml is bundled once per bundle, in a chunk (whose licences ncc writes), not in index.js', () => {
    const folders = readdirSync(join(REPO_ROOT, 'dist')).sort();
    expect(folders).toContain('bundle-budget');
    for (const folder of folders) {
      const files = listFiles(join(REPO_ROOT, 'dist', folder));
      expect(files, `dist/${folder}`).not.toContain('yaml.cjs');
      const holding = files.filter((name) => name.endsWith('.js') && readFileSync(join(REPO_ROOT, 'dist', folder, name), 'utf8').includes('class LineCounter'));
      expect(holding, `dist/${folder}: the files holding yaml's code`).toHaveLength(1);
      expect(holding[0], `dist/${folder}`).not.toBe('index.js');
      expect(readFileSync(join(REPO_ROOT, 'dist', folder, 'licenses.txt'), 'utf8'), `dist/${folder}/licenses.txt`).toMatch(/(^|\n\n)yaml\nISC\n/);
    }
  });

  it('every file of every bundle is ASCII (so V8 holds it as one-byte text) and parses', async () => {
    const files = readdirSync(join(REPO_ROOT, 'dist')).flatMap((folder) =>
      listFiles(join(REPO_ROOT, 'dist', folder))
        .filter((file) => /\.c?js$/.test(file))
        .map((file) => join(REPO_ROOT, 'dist', folder, file)),
    );
    expect(files.length).toBeGreaterThan(20);
    const twoByte = files.filter((file) => /[^\x00-\x7f]/.test(readFileSync(file, 'latin1')));
    // Only a file with a space past ASCII between its tokens keeps it (scripts/build.mjs, asciiOnly).
    for (const file of twoByte) expect(readFileSync(file, 'utf8'), relative(REPO_ROOT, file)).toMatch(/[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/);
    const broken: string[] = [];
    for (let index = 0; index < files.length; index += 8) {
      await Promise.all(
        files.slice(index, index + 8).map((file) =>
          run(process.execPath, ['--check', file]).catch((error: Error & { stderr?: string }) => broken.push(`${relative(REPO_ROOT, file)}: ${error.stderr ?? error.message}`)),
        ),
      );
    }
    expect(broken).toEqual([]);
  }, 120_000);

  it("README's tables and each action's README are generated from the action.yml and reusable workflow files", async () => {
    const docs = (await import(join(REPO_ROOT, 'scripts/docs.mjs'))) as {
      render: (text: string) => string;
      generated: () => Record<string, [string | undefined, string]>;
      workflowFiles: () => Record<string, string>;
    };
    const files = docs.generated();
    const stale = Object.entries(files).filter(([, [current, fresh]]) => current !== fresh).map(([path]) => relative(REPO_ROOT, path));
    expect(stale, 'stale: run `npm run docs`').toEqual([]);
    // Every action has its README; every reusable workflow its tables in the README.
    for (const name of readdirSync(join(REPO_ROOT, 'actions')).filter((each) => existsSync(join(REPO_ROOT, 'actions', each, 'action.yml')))) expect(Object.keys(files)).toContain(join(REPO_ROOT, 'actions', name, 'README.md'));
    expect(Object.keys(docs.workflowFiles())).toEqual(['canary', 'gates', 'preview']);
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('| `steps` | string | The weights of the ramp');
    // A README whose markers are gone is refused, not silently left stale.
    expect(() => docs.render(readme.replace('<!-- workflow-docs:canary:start -->', ''))).toThrow(/no <!-- workflow-docs:canary:start -->/);
  });

  it('the CLI is the bin of the root package and runs', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: { roadstop: string } };
    expect(pkg.bin.roadstop).toBe('dist/cli/index.js');
    const bin = join(REPO_ROOT, pkg.bin.roadstop);
    const { stdout } = await run(process.execPath, [bin, '--help']);
    expect(stdout).toMatch(/^Usage: roadstop <command>/);
    expect((await readFile(bin, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
