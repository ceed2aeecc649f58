import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/index.js';

const run = promisify(execFile);

/**
 * Every benchmark in its quick mode (bench/README.md): it starts, finishes and
 * its correctness checks hold. Never its timings: one run on a tiny corpus on
 * a shared machine says nothing about speed. None needs bench/'s own
 * node_modules (the peers): the quick modes leave the peers out.
 */
async function quick(args: string[]) {
  const { stdout, stderr } = await run(process.execPath, args, { cwd: REPO_ROOT, maxBuffer: 1 << 24, timeout: 110_000 });
  return { stdout, stderr };
}

describe('benchmarks, quick mode', () => {
  it('bench/run.mjs: roadstop measures the generated corpus as zlib level 9 does, cold and warm', async () => {
    const { stdout } = await quick(['bench/run.mjs', '--quick']);
    expect(stdout).toMatch(/cold round 1: 60\/60 items, gzip mismatches 0, raw mismatches 0, missing 0, extra 0, hash≠sha256 0; compressed 60, reused 0/);
    expect(stdout).toMatch(/warm round 1: 60\/60 items, gzip mismatches 0, raw mismatches 0, missing 0, extra 0, hash≠sha256 0; compressed 60, reused 0 \(a baseline file is never trusted for sizes/);
    expect(stdout).toContain('network: 0 connection attempt(s)');
    expect(stdout).toContain('correctness OK');
  });

  it('bench/coverage/run.mjs: the parsers run report the totals the tracefile holds', async () => {
    const { stdout } = await quick(['bench/coverage/run.mjs', '--quick']);
    expect(stdout).toContain('roadstop (TS sources, type stripping)');
    const totals = JSON.parse(readFileSync(join(REPO_ROOT, 'bench/coverage/corpus/lcov-quick.info.totals.json'), 'utf8')) as { files: number };
    expect(totals.files).toBeGreaterThan(100);
    expect(stdout).toContain(`totals agreed: ${JSON.stringify(totals)}`);
  });

  it('bench/canary/run.mjs: runs the real judge over seeded canaries and its checks hold', async () => {
    const { stdout } = await quick(['--import', './scripts/ts-resolve.mjs', 'bench/canary/run.mjs', '--quick']);
    expect(stdout).toMatch(/\| 10% of 50 req\/s \| errors 1% → 8% \| roadstop \| 20 \| 1000\.0 \|/);
    expect(stdout).toContain('checks OK');
  });

  it('bench/startup.mjs: every built action starts, stops at its config mistake and passes the tiny case, offline', async () => {
    await quick(['bench/startup.mjs', '--quick']);
    const results = JSON.parse(readFileSync(join(REPO_ROOT, 'bench/.work/quick/startup/results.json'), 'utf8')) as { failures: string[]; rows: { key: string; code: number }[] };
    expect(results.failures).toEqual([]);
    const rows = new Map(results.rows.map((row) => [row.key, row.code]));
    for (const gate of ['bundle-budget', 'coverage-gate', 'canary-watch', 'lighthouse-gate', 'roadstop']) expect(rows.get(`${gate}/config-error`), gate).toBe(1);
    for (const gate of ['bundle-budget', 'coverage-gate', 'roadstop']) expect(rows.get(`${gate}/tiny`), gate).toBe(0);
  });
});
