import { join } from 'node:path';
import type { ReplayServer } from '@roadstop/testing';
import { createGitHubClient, type GitHubClientOptions } from '../src/client.js';
import type { FindBaselineRunOptions } from '../src/baseline-run.js';

/**
 * The repository the fixtures in ./fixtures describe: main's history, oldest
 * first, is c5 … c1, c0 (the PR's merge base), t1, t2 (the tip); the PR's
 * head branched off at c0.
 */
export const OWNER = 'octo-org';
export const REPO = 'webapp';
export const ARTIFACT = 'roadstop-bundle-budget';
export const HEAD_SHA = 'e84cc64499f50d72071c1a2ce65752ff3838f03f';
export const SHA = {
  c0: '1197955e4244c18bdb9b375076bcb6ca05414672',
  c1: '2f22765d04931a078909145ca628d2264c852d7d',
  c3: 'a625406f6977d45c1391b078f4d3656e0b75bfcb',
  t2: '2a5bd02710e975a7fbb92da876655950fbd5e70d',
} as const;
/** A token-shaped value, so tests can check it never reaches a message. */
export const TOKEN = 'ghs_0000000000000000000000000000000000000001';

export function fixture(name: string): string {
  return join(import.meta.dirname, 'fixtures', name);
}

/** A client against the replay server that records its waits instead of sleeping. */
export function testClient(server: ReplayServer, options: Partial<GitHubClientOptions> = {}) {
  const waits: number[] = [];
  const logs: string[] = [];
  const octokit = createGitHubClient({
    token: TOKEN,
    baseUrl: server.url,
    log: (message) => logs.push(message),
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ...options,
  });
  return { octokit, waits, logs };
}

export function lookupOptions(octokit: FindBaselineRunOptions['octokit'], overrides: Partial<FindBaselineRunOptions> = {}): FindBaselineRunOptions {
  return { octokit, owner: OWNER, repo: REPO, workflow: 'ci.yml', baseBranch: 'main', headSha: HEAD_SHA, artifactName: ARTIFACT, ...overrides };
}
