import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createResult } from '@roadstop/core';
import { readRecordings, rec, runAction, startReplayServer, type Recording } from '@roadstop/testing';

// The same recorded repository history bundle-budget's lookup is tested on, with this gate's artifact name.
const GITHUB_FIXTURES = join(import.meta.dirname, '../../../packages/github/test/fixtures');
const COVERAGE_FIXTURES = join(import.meta.dirname, '../../../packages/coverage/fixtures');
const HEAD_SHA = 'e84cc64499f50d72071c1a2ce65752ff3838f03f';

function renameArtifact(recording: Recording): Recording {
  const swap = (text: string) => text.replaceAll('roadstop-bundle-budget', 'roadstop-coverage-gate');
  return { ...recording, path: swap(recording.path), response: JSON.parse(swap(JSON.stringify(recording.response ?? null))) as unknown };
}

describe('coverage-gate with baseline: auto', () => {
  it('finds the base result through the Actions API and judges the drop against it', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-coverage-auto-'));
    await cp(join(COVERAGE_FIXTURES, 'project/src'), join(workspace, 'src'), { recursive: true });
    await cp(join(COVERAGE_FIXTURES, 'reports/vitest-v8'), join(workspace, 'coverage'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: workspace });
    execFileSync('git', ['add', 'src'], { cwd: workspace });

    const baseResult = createResult({ gate: 'coverage-gate', status: 'pass', headline: 'base', commit: 'a625406f6977d45c1391b078f4d3656e0b75bfcb', metrics: { lines: 71, files: 4 }, checks: [], items: [], messages: [], settings: {} });
    const download = (await readRecordings(join(GITHUB_FIXTURES, 'artifact-download.json')))[0]!;
    const location = new URL(String((download.headers as Record<string, string>).location));
    const server = await startReplayServer([
      ...(await readRecordings(join(GITHUB_FIXTURES, 'baseline-walk-back.json'))).map(renameArtifact),
      download,
      // no git history for the base in this checkout: the changed lines come from the pull request files API
      rec('GET', '/repos/octo-org/webapp/pulls/7/files?per_page=100', 200, []),
      {
        scope: `${location.protocol}//${location.host}:443`,
        method: 'get',
        path: location.pathname + location.search,
        status: 200,
        response: Buffer.from(zipSync({ 'coverage-gate.json': strToU8(JSON.stringify(baseResult)) })).toString('base64'),
        responseIsBinary: true,
        headers: { 'content-type': 'application/zip' },
      },
    ]);
    try {
      const run = await runAction({
        action: 'coverage-gate',
        workspace,
        githubToken: 'ghs_0000000000000000000000000000000000000001',
        event: { pull_request: { number: 7, base: { ref: 'main', repo: { full_name: 'octo-org/webapp' } }, head: { sha: HEAD_SHA, repo: { full_name: 'octo-org/webapp' } } } },
        env: { GITHUB_API_URL: server.url },
        inputs: { files: 'coverage/lcov.info', baseline: 'auto', 'max-drop': '0.5' },
      });
      expect(server.unmatched.map((request) => request.path)).toEqual([]);
      expect(run.exitCode).toBe(1);
      const result = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
      expect(result.baseline).toMatchObject({ source: 'artifact', runId: 15510002468, commit: 'a625406f6977d45c1391b078f4d3656e0b75bfcb' });
      expect(result.checks.find((check: { name: string }) => check.name === 'lines vs base')).toMatchObject({ status: 'fail', baseline: 71, value: 70.21 });
    } finally {
      await server.close();
    }
  });
});
