import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '@roadstop/testing';
import { createResult, serializeResult } from '@roadstop/core';
import { realBuildOutput } from '../../../packages/bundle/test/fixtures.js';

// Issue 18: `max-increase: 2%` with no baseline passed silently ("+2% vs base … pass").
// Each case runs the built action as the runner does and asserts what the user is told:
// the ::notice, the summary's line and its Limit cell, and that growth never reads as judged.
// That a pull request finds its baseline with the input left out: baseline-auto.integration.test.ts.

const HEAD_SHA = 'e84cc64499f50d72071c1a2ce65752ff3838f03f';
const pullRequest = {
  number: 7,
  base: { ref: 'main', sha: '2a5bd02710e975a7fbb92da876655950fbd5e70d', repo: { full_name: 'octo-org/webapp' } },
  head: { ref: 'feature', sha: HEAD_SHA, repo: { full_name: 'octo-org/webapp' } },
};
const NOT_JUDGED = 'max-increase needs a baseline and none was found, so growth was not judged';

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
});
