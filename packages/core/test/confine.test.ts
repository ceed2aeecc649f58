import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, createResult, describeSkippedLinks, loadConfig, prepareReportPath, readBaselineFile, selectFiles, serializeResult } from '../src/index.js';

/** Core keeps no list of sections: the caller (the registry) passes them; a free-form one is enough here. */
const SECTIONS = { 'bundle-budget': { description: 'budgets' } };

// Every path a user names stays in the workspace once symlinks are resolved,
// and a refusal names the path and says why, never what the file holds.

const SECRET = 'ghp_not-a-real-token-but-a-secret-all-the-same';

const result = (gate = 'bundle-budget') =>
  createResult({ gate, status: 'pass', headline: 'ok', metrics: {}, checks: [], items: [], messages: [], settings: {} });

/** A workspace with a folder outside it, and symlinks from inside to outside. */
async function layout() {
  const root = await mkdtemp(join(tmpdir(), 'roadstop-confine-'));
  const workspace = join(root, 'ws');
  const outside = join(root, 'outside');
  await mkdir(join(workspace, 'dist'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(workspace, 'dist/own.js'), 'own');
  await writeFile(join(outside, 'secret.js'), SECRET);
  await writeFile(join(outside, 'passwd'), `root:x:0:0:${SECRET}\n`);
  await writeFile(join(outside, 'base.json'), serializeResult(result()));
  await writeFile(join(outside, 'roadstop.yml'), 'bundle-budget:\n  budgets: []\n');
  await symlink(outside, join(workspace, 'dist/link'));
  await symlink(join(outside, 'secret.js'), join(workspace, 'dist/secret-link.js'));
  return { root, workspace, outside };
}

async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.describe();
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('globs stay in the workspace', () => {
  it('refuses a glob whose fixed part is a symlinked folder leading out', async () => {
    const { workspace, outside } = await layout();
    const text = await refusal(() => selectFiles(workspace, ['dist/link/*.js'], { input: 'path' }));
    // Refused before the walk: fast-glob would read the whole folder behind the link first.
    expect(text).toBe(`input 'path': the glob 'dist/link/*.js' goes through dist/link, a symlink to ${outside} outside the workspace; globs do not follow it (point the glob at the build output itself, not at a symlink to it)`);
  });

  it('skips matched symlinks and says so, instead of dropping them in silence', async () => {
    const { workspace } = await layout();
    const selection = await selectFiles(workspace, ['dist/**/*.js'], { input: 'path' });
    expect(selection.files).toEqual(['dist/own.js']);
    expect(selection.skippedLinks).toEqual(['dist/secret-link.js']);
    expect(describeSkippedLinks(selection)).toBe('skipped 1 symlink the globs match (dist/secret-link.js): symlinks are not followed, so nothing outside the workspace is read');
  });

  it('still refuses a path that leaves the workspace by its text', async () => {
    const { workspace } = await layout();
    expect(await refusal(() => selectFiles(workspace, ['../outside/*.js'], { input: 'path' }))).toMatch(/'\.\.\/outside\/\*\.js' is outside the workspace/);
  });
});

describe('baseline, report and config paths stay in the workspace', () => {
  it.each([
    ['a baseline through a symlinked folder', 'dist/link/base.json'],
    ['a baseline by an absolute path', '/etc/passwd'],
    ['a baseline by ..', '../outside/base.json'],
  ])('refuses %s, naming it', async (_, path) => {
    const { workspace } = await layout();
    const text = await refusal(() => readBaselineFile(path, { workspace, gate: 'bundle-budget', origin: { input: 'baseline' } }));
    expect(text).toMatch(new RegExp(`^${path.replace(/[.*/]/g, '\\$&')}, input 'baseline': the baseline is outside the workspace`));
  });

  it('never quotes a file that is not a result when its JSON does not parse', async () => {
    const { workspace } = await layout();
    await writeFile(join(workspace, 'notes.json'), `root:x:0:0:${SECRET}\n`);
    const text = await refusal(() => readBaselineFile('notes.json', { workspace, gate: 'bundle-budget', origin: { input: 'baseline' } }));
    expect(text).toBe("notes.json, input 'baseline': not a roadstop result: invalid JSON (point it at a file a roadstop gate wrote)");
    expect(text).not.toContain('root');
  });

  it('refuses a report outside the workspace, and one that leads out through a symlink', async () => {
    const { workspace, root } = await layout();
    const temp = join(root, 'runner-temp');
    await mkdir(temp);
    for (const given of [join(root, 'elsewhere.json'), 'dist/link/new.json']) {
      expect(await refusal(() => prepareReportPath(given, { workspace, gate: 'bundle-budget', temp }))).toMatch(/input 'report': the report is outside the workspace or the runner temp folder/);
    }
  });

  it('allows a report in the runner temp folder, and the default there', async () => {
    const { workspace, root } = await layout();
    const temp = join(root, 'runner-temp');
    await mkdir(temp);
    expect(await prepareReportPath(join(temp, 'mine.json'), { workspace, gate: 'bundle-budget', temp })).toBe(join(temp, 'mine.json'));
    expect(await prepareReportPath('', { workspace, gate: 'bundle-budget', temp })).toBe(join(temp, 'roadstop/bundle-budget.json'));
    expect(await prepareReportPath('out/result.json', { workspace, gate: 'bundle-budget', temp })).toBe(join(workspace, 'out/result.json'));
  });

  it('refuses a report path that is the baseline file, which it would overwrite', async () => {
    const { workspace, root } = await layout();
    await writeFile(join(workspace, 'base.json'), serializeResult(result()));
    const text = await refusal(() => prepareReportPath('./base.json', { workspace, gate: 'bundle-budget', temp: root, baseline: join(workspace, 'base.json') }));
    expect(text).toBe("./base.json, input 'report': is the baseline file too: writing the result there would overwrite the baseline it is compared with (write the report to another path)");
    expect(JSON.parse(await readFile(join(workspace, 'base.json'), 'utf8')).gate).toBe('bundle-budget');
  });

  it('refuses a config file that leads out of the workspace', async () => {
    const { workspace } = await layout();
    expect(await refusal(() => loadConfig('dist/link/roadstop.yml', { workspace, input: 'config', sections: SECTIONS }))).toMatch(/^dist\/link\/roadstop\.yml, input 'config': the config file is outside the workspace \S+ \(through a symlink/);
    await mkdir(join(workspace, '.github'));
    await symlink(join(workspace, '../outside/roadstop.yml'), join(workspace, '.github/roadstop.yml'));
    expect(await refusal(() => loadConfig(undefined, { workspace, input: 'config', sections: SECTIONS }))).toMatch(/^\.github\/roadstop\.yml, input 'config': the config file is outside the workspace/);
  });

  it('reads a config file in a folder the edge also allows', async () => {
    const { workspace, outside } = await layout();
    const config = loadConfig(join(outside, 'roadstop.yml'), { workspace, input: '--config', also: [outside], sections: SECTIONS });
    expect(config.section('bundle-budget').keys()).toEqual(['budgets']);
  });
});
