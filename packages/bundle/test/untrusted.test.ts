import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseConfig } from '@roadstop/core';
import { resolveOptions, runBundleBudget, type RawInputs } from '../src/index.js';
import { realBuildOutput } from './fixtures.js';

// Paths and inputs a hostile but realistic user gives: symlinks out of the
// checkout, booleans Actions would not read as booleans.

const options = (workspace: string, inputs: RawInputs) => resolveOptions(parseConfig('', 'c.yml').section('bundle-budget'), inputs, workspace);

async function outsideFolder(): Promise<string> {
  const outside = await mkdtemp(join(tmpdir(), 'roadstop-outside-'));
  await writeFile(join(outside, 'secret.js'), 'const token = "not for the result file";\n');
  return outside;
}

describe('bundle-budget reads only inside the workspace', () => {
  it('says which symlinks it skipped, in the result', async () => {
    const { workspace } = await realBuildOutput();
    await symlink(join(await outsideFolder(), 'secret.js'), join(workspace, 'dist/assets/linked.js'));
    const result = await runBundleBudget(options(workspace, { path: 'dist/**/*.js', max: '10 MB' }));
    expect(result.items.map((item) => item.id)).not.toContain('dist/assets/linked.js');
    expect(result.messages).toContainEqual({
      level: 'warning',
      title: 'Symlinks skipped',
      text: "budget 'bundle': skipped 1 symlink the globs match (dist/assets/linked.js): symlinks are not followed, so nothing outside the workspace is read",
    });
  });

  it('refuses a glob through a symlinked folder that leads out, naming it', async () => {
    const { workspace } = await realBuildOutput();
    const outside = await outsideFolder();
    await symlink(outside, join(workspace, 'dist/vendor'));
    const error = await runBundleBudget(options(workspace, { path: 'dist/vendor/*.js', max: '10 MB' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).describe()).toMatch(/^input 'path': the glob 'dist\/vendor\/\*\.js' goes through dist\/vendor, a symlink to \S+ outside the workspace; globs do not follow it/);
  });

  it('names the only match being a skipped symlink when nothing else matches', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-links-'));
    await mkdir(join(workspace, 'dist'));
    await symlink(join(await outsideFolder(), 'secret.js'), join(workspace, 'dist/app.js'));
    await expect(runBundleBudget(options(workspace, { path: 'dist/*.js', max: '1 kB' }))).rejects.toThrow(/no files match 'dist\/\*\.js' \(budget 'bundle'\) in \S+; skipped 1 symlink the globs match \(dist\/app\.js\)/);
  });

  it.each(['yes', 'on', '1'])('refuses allow-empty: %s, which GitHub Actions does not read as true', (value) => {
    expect(() => options('/ws', { path: 'dist/*.js', max: '1 kB', 'allow-empty': value })).toThrow(`'${value}' is not true or false`);
  });
});
