import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createResult, serializeResult } from '@roadstop/core';

// Issue 18: a growth or drop limit with nothing to compare with is said on the CLI, on a line of
// its own, and its limit never reads as passed. Runs dist/cli/index.js (`node scripts/build.mjs cli`).

const CLI = join(import.meta.dirname, '../../../dist/cli/index.js');
const run = promisify(execFile);
let workspace: string;

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'roadstop-no-baseline-'));
  await mkdir(join(workspace, 'dist'));
  await mkdir(join(workspace, 'coverage'));
  await writeFile(join(workspace, 'dist/app.js'), 'export const app = 1;\n');
  await writeFile(join(workspace, 'coverage/lcov.info'), 'SF:dist/app.js\nDA:1,1\nend_of_record\n');
  const base = createResult({
    gate: 'bundle-budget',
    status: 'pass',
    headline: 'x',
    metrics: {},
    checks: ['bundle', 'total'].map((name) => ({ name, status: 'pass' as const, value: 1000, unit: 'bytes', details: { compression: 'gzip' } })),
    items: [],
    messages: [],
    settings: { gzipLevel: 9, brotliQuality: 11 },
  });
  await writeFile(join(workspace, 'base.json'), serializeResult(base));
});

const cases = [
  { name: 'bundle-budget --max-increase, no baseline', args: ['bundle-budget', 'dist/*.js', '--max-increase', '2%'], note: 'notice: max-increase needs a baseline and none was found, so growth was not judged', limit: /\+2% vs base \(not judged: no baseline\)/ },
  { name: 'coverage-gate --max-drop, no baseline', args: ['coverage-gate', 'coverage/lcov.info', '--max-drop', '1'], note: 'notice: max-drop needs a baseline; none was found, so drops are not judged', limit: undefined },
  { name: 'bundle-budget --max-increase with --baseline', args: ['bundle-budget', 'dist/*.js', '--max-increase', '2%', '--baseline', 'base.json'], note: undefined, limit: undefined },
];

describe('the built CLI, with a growth limit and no baseline', () => {
  it.each(cases)('$name', async ({ args, note, limit }) => {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args, '--no-color'], { cwd: workspace, env: { ...process.env, NO_COLOR: '1' } });
    const lines = `${stdout}\n${stderr}`.split('\n');
    if (note) expect(lines).toContain(note);
    else expect(lines.filter((line) => /not judged/.test(line))).toEqual([]);
    if (limit) expect(stdout).toMatch(limit);
  });
});
