import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '@roadstop/testing';
import { realBuildOutput } from '../../../packages/bundle/test/fixtures.js';

// The action edge (packages/action) as every action meets it: one report per mistake, and the runner's problems named as such.
describe('the action edge', () => {
  it.each([
    ['bundle-budget', { path: 'dist/**/*.js', max: '400 kbb' }, /input 'max'/],
    ['coverage-gate', { files: 'coverage/lcov.info', 'min-lines': '120' }, /input 'min-lines'/],
    ['roadstop', { upload: 'sometimes' }, /input 'upload'/],
  ])('%s: a mistake in the inputs is one ::error and a failed step, never a stack', async (action, inputs, expected) => {
    const { workspace } = await realBuildOutput();
    const run = await runAction({ action, workspace, inputs });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((annotation) => annotation.level === 'error')).toHaveLength(1);
    expect(run.annotations[0]!.message).toMatch(expected);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a mistake in the config file is one ::error on its file and line', async () => {
    const { workspace } = await realBuildOutput();
    await mkdir(join(workspace, '.github'));
    await writeFile(join(workspace, '.github/roadstop.yml'), 'bundle-budget:\n  budgets:\n    - name: js\n      pth: dist/**/*.js\n');
    const run = await runAction({ action: 'bundle-budget', workspace });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.properties).toMatchObject({ file: '.github/roadstop.yml', line: '4', title: 'roadstop bundle-budget' });
    expect(errors[0]!.message).toMatch(/unknown key 'pth' \(did you mean 'path'\?\)/);
  });

  it.each([
    ['a folder', (summaryDir: string) => ({ GITHUB_STEP_SUMMARY: summaryDir })],
    ['not set', () => ({ GITHUB_STEP_SUMMARY: '' })],
  ])('a job summary file that is %s: the verdict stands, with a warning', async (_case, env) => {
    const { workspace } = await realBuildOutput();
    const summaryDir = join(workspace, 'summary-is-a-folder');
    await mkdir(summaryDir);
    const run = await runAction({ action: 'bundle-budget', workspace, inputs: { path: 'dist/**/*.js', max: '5 MB' }, env: env(summaryDir) });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('pass');
    const warnings = run.annotations.filter((annotation) => annotation.level === 'warning');
    expect(warnings.map((warning) => warning.message)).toEqual([expect.stringMatching(/^the job summary was not written: /)]);
    expect(run.stdout).not.toMatch(/internal error|a bug in roadstop/);
  });

  it('refuses a report input that would overwrite the baseline it is compared with', async () => {
    const { workspace } = await realBuildOutput();
    const first = await runAction({ action: 'bundle-budget', workspace, inputs: { path: 'dist/**/*.js', max: '5 MB', report: 'base.json' } });
    expect(first.exitCode).toBe(0);
    const run = await runAction({ action: 'bundle-budget', workspace, inputs: { path: 'dist/**/*.js', max: '5 MB', baseline: 'base.json', report: 'base.json' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(/input 'report': is the baseline file too/),
    ]);
  });
});
