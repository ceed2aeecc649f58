import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATES } from '@roadstop/gates';
import { runAction } from '@roadstop/testing';
import { realBuildOutput } from '../../../packages/bundle/test/fixtures.js';

async function workspaceWithConfig(config: string): Promise<string> {
  const { workspace } = await realBuildOutput();
  await mkdir(join(workspace, '.github'));
  await writeFile(join(workspace, '.github/roadstop.yml'), config);
  return workspace;
}

describe('the root action', () => {
  it('runs the gates the config names and sets each gate’s outputs', async () => {
    const workspace = await workspaceWithConfig('version: 1\nbundle-budget:\n  budgets:\n    - name: js\n      path: dist/**/*.js\n      max: 5 MB\n');
    const run = await runAction({ action: 'roadstop', workspace });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('pass');
    expect(run.outputs['bundle-budget-status']).toBe('pass');
    const reports = JSON.parse(run.outputs.report!) as Record<string, string>;
    expect(Object.keys(reports)).toEqual(['bundle-budget']);
    expect(reports['bundle-budget']).toBe(run.outputs['bundle-budget-report']);
    expect(JSON.parse(await readFile(reports['bundle-budget']!, 'utf8')).gate).toBe('bundle-budget');
    expect(run.summary).toContain('Bundle budget: pass');
  });

  it('fails when a gate fails', async () => {
    const workspace = await workspaceWithConfig('bundle-budget:\n  budgets:\n    - name: js\n      path: dist/**/*.js\n      max: 1 kB\n');
    const run = await runAction({ action: 'roadstop', workspace });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('fail');
    expect(run.annotations.at(-1)!.message).toMatch(/^roadstop: bundle-budget: 1 of 1 budget failed/);
  });

  it('says when the config names no gate, and when there is no config', async () => {
    const named = await runAction({ action: 'roadstop', workspace: await workspaceWithConfig('version: 1\n') });
    expect(named.exitCode).toBe(1);
    const names = GATES.filter((gate) => !gate.ownStep).map((gate) => gate.name);
    expect(named.annotations[0]!.message).toBe(
      `.github/roadstop.yml, input 'config': names no gate this action runs (${names.join(', ')}) (add a section such as ${names.map((name) => `${name}:`).join(' or ')})`,
    );
    const { workspace } = await realBuildOutput();
    const missing = await runAction({ action: 'roadstop', workspace });
    expect(missing.exitCode).toBe(1);
    expect(missing.annotations.map((annotation) => annotation.message)).toEqual([
      `input 'config': config file not found: .github/roadstop.yml does not exist in the workspace (the root action runs the gates a config file names (${names.join(', ')}); add the file, or use one gate's action with inputs)`,
    ]);
  });
});
