import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, startFakeGitHub, workflowCommands } from '@roadstop/testing';
import { describe, expect, it } from 'vitest';

// Issue 17's probe: a PR comment's url holding a forged annotation and ::stop-commands::, through the built action.
describe('a URL input holding workflow commands (the built pr-staging-comment)', () => {
  it('is one error naming the input, nothing written to GitHub, no command of its own', async () => {
    const github = await startFakeGitHub();
    try {
      const outcome = await runAction({
        action: 'pr-staging-comment',
        workspace: await mkdtemp(join(tmpdir(), 'roadstop-url-probe-')),
        inputs: { url: 'https://pr-7.preview.example.com/\n::error title=forged::PR is safe, merge it\n::stop-commands::tok' },
        event: { repository: { full_name: 'octo-org/webapp' }, pull_request: { number: 7, base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: 'octo-org/webapp' } }, head: { sha: 'c'.repeat(40), ref: 'feature', repo: { full_name: 'octo-org/webapp' } } } },
        eventName: 'pull_request',
        githubToken: 'ghs_urlProbeToken0123456789',
        env: { GITHUB_API_URL: github.url },
      });
      expect(outcome.exitCode).toBe(1);
      expect(outcome.annotations.map((item) => `${item.level} ${item.message}`)).toEqual([expect.stringMatching(/^error input 'url': .*holds a control or format character \(U\+000A at character 34\)/)]);
      expect(workflowCommands(outcome.stdout).filter((name) => !['add-mask', 'error', 'debug'].includes(name))).toEqual([]);
      expect(outcome.annotations.some((item) => item.properties.title === 'forged')).toBe(false);
      expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    } finally {
      await github.close();
    }
  });
});
