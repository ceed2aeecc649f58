import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '@roadstop/testing';

// Issue 18: a drop limit with nothing to compare with is said (a ::notice and a line of the
// summary), on a push and on a pull request whose baseline, left out, is auto and finds none.

const NOTE = 'max-drop needs a baseline; none was found, so drops are not judged';
const pullRequest = {
  number: 9,
  base: { ref: 'main', sha: '2a5bd02710e975a7fbb92da876655950fbd5e70d', repo: { full_name: 'octo-org/webapp' } },
  head: { ref: 'feature', sha: 'e84cc64499f50d72071c1a2ce65752ff3838f03f', repo: { full_name: 'octo-org/webapp' } },
};

const cases = [
  { name: 'a push, max-drop as an input', eventName: 'push', event: {}, inputs: { files: 'coverage/lcov.info', 'max-drop': '0.5' }, baselineNotice: undefined },
  // No token here, so the lookup that baseline: auto (the default on a pull request) starts says why it found nothing.
  { name: 'a pull request, baseline left out', eventName: 'pull_request', event: { pull_request: pullRequest }, inputs: { files: 'coverage/lcov.info', 'max-drop': '0.5' }, baselineNotice: "no baseline: the input 'github-token' is empty" },
];

describe('coverage-gate with max-drop and no baseline', () => {
  it.each(cases)('$name', async ({ eventName, event, inputs, baselineNotice }) => {
    const workspace = await mkdtemp(join(tmpdir(), 'roadstop-coverage-no-baseline-'));
    await mkdir(join(workspace, 'coverage'));
    await mkdir(join(workspace, 'src'));
    await writeFile(join(workspace, 'src/a.ts'), 'export const a = 1;\n');
    await writeFile(join(workspace, 'coverage/lcov.info'), 'SF:src/a.ts\nDA:1,1\nend_of_record\n');
    const run = await runAction({ action: 'coverage-gate', workspace, eventName, event, inputs });
    expect(run.exitCode).toBe(0);
    const notices = run.annotations.filter((annotation) => annotation.level === 'notice').map((annotation) => annotation.message);
    expect(notices).toContain(NOTE);
    if (baselineNotice) expect(notices).toContain(baselineNotice);
    else expect(notices.filter((text) => text.startsWith('no baseline'))).toEqual([]);
    expect(run.summary).toContain(`- ℹ️ ${NOTE}`);
    expect(run.summary).not.toContain('drop ≤');
  });
});
