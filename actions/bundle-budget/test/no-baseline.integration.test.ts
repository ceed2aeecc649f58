import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecordings, startReplayServer, runAction, type ReplayServer } from '@roadstop/testing';
import { createResult, serializeResult } from '@roadstop/core';
import { realBuildOutput } from '../../../packages/bundle/test/fixtures.js';

// Issue 18: `max-increase: 2%` with no baseline passed silently ("+2% vs base … pass").
// Each case runs the built action as the runner does and asserts what the user is told:
// the ::notice, the summary's line and its Limit cell, and that growth never reads as judged.

const fixtures = join(import.meta.dirname, '../../../packages/github/test/fixtures');
const HEAD_SHA = 'e84cc64499f50d72071c1a2ce65752ff3838f03f';
const C3 = 'a625406f6977d45c1391b078f4d3656e0b75bfcb';
const TOKEN = 'ghs_0000000000000000000000000000000000000001';
const pullRequest = {
  number: 7,
  base: { ref: 'main', sha: '2a5bd02710e975a7fbb92da876655950fbd5e70d', repo: { full_name: 'octo-org/webapp' } },
  head: { ref: 'feature', sha: HEAD_SHA, repo: { full_name: 'octo-org/webapp' } },
};
const NOT_JUDGED = 'max-increase needs a baseline and none was found, so growth was not judged';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Case {
  name: string;
  inputs: Record<string, string>;
  event?: Record<string, unknown>;
  eventName?: string;
  config?: string;
  /** The notice about growth, or undefined when there must be none. */
  notice: string | RegExp | undefined;
}

const cases: Case[] = [
  { name: 'max-increase as an input, no baseline input, a push', inputs: { path: 'dist/**/*.js', 'max-increase': '2%' }, eventName: 'push', notice: NOT_JUDGED },
  { name: 'max-increase as an input, baseline: none on a pull request', inputs: { path: 'dist/**/*.js', 'max-increase': '2%', baseline: 'none' }, event: { pull_request: pullRequest }, notice: NOT_JUDGED },
  {
    name: "the playbook's Launch config on a pull request without a token: auto by default, found nothing",
    inputs: { 'github-token': '' },
    event: { pull_request: pullRequest },
    config: 'version: 1\nbundle-budget:\n  max-increase: 2%\n  budgets: [{ name: main bundle, path: "dist/**/*.js", max: 5 MB }]\n',
    notice: NOT_JUDGED,
  },
  {
    name: 'a baseline file that lacks the budget',
    inputs: { path: 'dist/**/*.js', name: 'app', 'max-increase': '5 kB', baseline: 'other.json' },
    notice: "max-increase: the baseline has no size measured alike for app, total, so their growth was not judged",
  },
  { name: 'no max-increase at all', inputs: { path: 'dist/**/*.js', max: '5 MB' }, eventName: 'push', notice: undefined },
];

describe('bundle-budget with a growth limit and nothing to compare with', () => {
  it.each(cases)('$name', async ({ inputs, event, eventName, config, notice }) => {
    const { workspace } = await realBuildOutput();
    if (config) await writeFile(join(workspace, 'roadstop.yml'), config);
    const other = createResult({
      gate: 'bundle-budget',
      status: 'pass',
      headline: 'x',
      metrics: {},
      checks: [{ name: 'vendor', status: 'pass', value: 10, unit: 'bytes', details: { compression: 'gzip' } }],
      items: [],
      messages: [],
      settings: { gzipLevel: 9, brotliQuality: 11 },
    });
    await writeFile(join(workspace, 'other.json'), serializeResult(other));
    const run = await runAction({
      action: 'bundle-budget',
      workspace,
      ...(event ? { event } : {}),
      ...(eventName ? { eventName } : {}),
      inputs: { ...inputs, ...(config ? { config: 'roadstop.yml' } : {}) },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('pass');
    const notices = run.annotations.filter((annotation) => annotation.level === 'notice').map((annotation) => annotation.message);
    if (notice === undefined) {
      expect(notices.filter((text) => text.includes('max-increase'))).toEqual([]);
      expect(run.summary).not.toContain('not judged');
      return;
    }
    expect(notices.filter((text) => text.includes('max-increase'))).toEqual([expect.stringMatching(typeof notice === 'string' ? new RegExp(`^${notice.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : notice)]);
    // The summary says it in a line of its own, and the Limit cell never shows the growth limit as one that passed.
    expect(run.summary).toContain(`- ℹ️ ${typeof notice === 'string' ? notice : ''}`);
    expect(run.summary).toMatch(/vs base \(not judged: no baseline\)/);
    const result = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(result.checks.every((check: { maxIncrease?: number }) => check.maxIncrease === undefined)).toBe(true);
  });

  it('on a pull request, baseline left out is auto: the base run is found and the growth judged', async () => {
    const { workspace } = await realBuildOutput();
    const base = await runAction({ action: 'bundle-budget', workspace, eventName: 'push', inputs: { path: 'dist/**/*.js', 'max-increase': '2%', report: 'base.json' } });
    expect(base.exitCode).toBe(0);
    const download = (await readRecordings(join(fixtures, 'artifact-download.json')))[0]!;
    const location = new URL(String((download.headers as Record<string, string>).location));
    server = await startReplayServer([
      ...(await readRecordings(join(fixtures, 'baseline-walk-back.json'))),
      download,
      {
        scope: `${location.protocol}//${location.host}:443`,
        method: 'get',
        path: location.pathname + location.search,
        status: 200,
        response: Buffer.from(zipSync({ 'bundle-budget.json': strToU8(await readFile(join(workspace, 'base.json'), 'utf8')) })).toString('base64'),
        responseIsBinary: true,
        headers: { 'content-type': 'application/zip' },
      },
    ]);
    const run = await runAction({
      action: 'bundle-budget',
      workspace,
      githubToken: TOKEN,
      event: { pull_request: pullRequest, repository: { default_branch: 'main' } },
      env: { GITHUB_API_URL: server.url },
      inputs: { path: 'dist/**/*.js', 'max-increase': '2%' },
    });
    expect(server.unmatched).toEqual([]);
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(result.baseline).toMatchObject({ source: 'artifact', commit: C3 });
    expect(result.checks[0].maxIncrease).toBeGreaterThanOrEqual(0);
    expect(run.summary).not.toContain('not judged');
  });
});
