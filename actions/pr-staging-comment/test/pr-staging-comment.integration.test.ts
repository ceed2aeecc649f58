import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeState, encodeState, markerLine, renderComment, type CommentState } from '@roadstop/comment';
import { createResult, writeResult, type GateResult } from '@roadstop/core';
import { BAD_TOKEN, runAction, startFakeGitHub, type FakeFailure, type FakeGitHub } from '@roadstop/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const TOKEN = 'ghs_fakeTokenForTests0123456789';
const HEAD = 'c0ffee0000000000000000000000000000000002';
const NEWER = 'c0ffee0000000000000000000000000000000003';

let github: FakeGitHub;
let workspace: string;

beforeEach(async () => {
  github = await startFakeGitHub();
  workspace = await mkdtemp(join(tmpdir(), 'roadstop-pr-comment-'));
});
afterEach(async () => {
  await github.close();
});

function pullRequestEvent(number = 7, head = HEAD, headRepo = 'octo-org/webapp') {
  return {
    action: 'synchronize',
    repository: { full_name: 'octo-org/webapp', default_branch: 'main' },
    pull_request: { number, base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: 'octo-org/webapp' } }, head: { sha: head, ref: 'feature', repo: { full_name: headRepo } } },
  };
}

function result(gate: string, fields: Partial<GateResult> = {}): GateResult {
  return createResult({
    gate,
    status: 'pass',
    headline: `${gate} within its limits`,
    metrics: {},
    checks: [{ name: 'lines', status: 'pass', value: 84.5, limit: 80, unit: 'percent', baseline: 84 }],
    items: [],
    messages: [],
    settings: {},
    ...fields,
  });
}

async function writeResults(folder: string, ...results: GateResult[]): Promise<string> {
  await mkdir(join(workspace, folder), { recursive: true });
  for (const item of results) await writeResult(join(workspace, folder, `${item.gate}.json`), item);
  return `${folder}/*.json`;
}

function run(options: { inputs?: Record<string, string>; job?: string; runId?: number; event?: Record<string, unknown>; eventName?: string; sha?: string; token?: string; env?: Record<string, string> }) {
  return runAction({
    action: 'pr-staging-comment',
    workspace,
    inputs: options.inputs ?? {},
    event: options.event ?? pullRequestEvent(),
    eventName: options.eventName ?? 'pull_request',
    githubToken: options.token ?? TOKEN,
    env: {
      GITHUB_API_URL: github.url,
      GITHUB_WORKFLOW: 'ci',
      GITHUB_JOB: options.job ?? 'test',
      GITHUB_RUN_ID: String(options.runId ?? 1001),
      GITHUB_SHA: options.sha ?? 'c0ffee0000000000000000000000000000000001',
      ...options.env,
    },
  });
}

const commentWrites = () => github.requests.filter((request) => request.method !== 'GET' && request.path.includes('/comments'));
const stateOf = (issue = 7) => decodeState(github.comments(issue).find((comment) => comment.body.includes('roadstop:pr-staging-comment key=ci'))?.body);
const errorsOf = (outcome: Awaited<ReturnType<typeof run>>) => outcome.annotations.filter((item) => item.level === 'error').map((item) => item.message);
const warningsOf = (outcome: Awaited<ReturnType<typeof run>>) => outcome.annotations.filter((item) => item.level === 'warning').map((item) => item.message);

describe('pr-staging-comment against a fake GitHub', () => {
  it('finds its comment past the first page, keeps both jobs rows in one comment, and records the deployment', async () => {
    for (let index = 0; index < 150; index++) github.addComment(7, `review comment ${index}`);
    const coverage = await writeResults('coverage', result('coverage-gate'));
    const first = await run({ job: 'test', inputs: { url: 'https://pr-7.preview.example.com/', results: coverage } });
    expect(errorsOf(first), first.stdout).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.masked).toContain(TOKEN);
    expect(first.stdout.replace(/^::add-mask::.*$/m, '')).not.toContain(TOKEN.slice(4));

    const bundle = await writeResults('bundle', result('bundle-budget', { status: 'warn', headline: 'main bundle 142 kB of 400 kB', checks: [{ name: 'main', status: 'warn', value: 142_000, limit: 400_000, unit: 'bytes', baseline: 140_000 }] }));
    github.requests.length = 0;
    const second = await run({ job: 'build', inputs: { results: bundle } });
    expect(errorsOf(second), second.stdout).toEqual([]);
    // The marker is on page two: both pages were read, and the comment was edited, not posted again.
    expect(github.requests.filter((request) => request.method === 'GET' && /\/issues\/7\/comments/.test(request.path)).map((request) => request.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/page=2/)]),
    );
    const marked = github.comments(7).filter((comment) => comment.body.includes('roadstop:pr-staging-comment'));
    expect(marked).toHaveLength(1);
    expect(second.outputs['comment-id']).toBe(String(marked[0]!.id));
    expect(second.outputs['comment-url']).toContain(`#issuecomment-${marked[0]!.id}`);
    const state = stateOf()!;
    expect(state.rows.map((row) => row.id).sort()).toEqual(['bundle-budget@build', 'coverage-gate@test']);
    expect(marked[0]!.body).toContain('| ✅ pass | coverage-gate within its limits | 84.5% | +0.5 pt |');
    expect(marked[0]!.body).toContain('| ⚠️ warn | main bundle 142 kB of 400 kB | 142 kB | +2 kB (+1.43%) |');
    expect(marked[0]!.body).toContain('[https://pr-7.preview.example.com/](https://pr-7.preview.example.com/)');

    expect(github.deployments).toHaveLength(1);
    const [deployment] = github.deployments;
    expect(deployment).toMatchObject({ sha: HEAD, environment: 'preview', transient_environment: true, production_environment: false });
    expect(deployment!.statuses).toEqual([expect.objectContaining({ state: 'success', environment_url: 'https://pr-7.preview.example.com/', log_url: 'https://github.com/octo-org/webapp/actions/runs/1001' })]);
    expect(first.outputs['deployment-id']).toBe(String(deployment!.id));
    expect(second.summary).toContain('Bundle budget (build)');

    // The same job again with the same results: nothing to say, so nothing is written.
    github.requests.length = 0;
    const again = await run({ job: 'build', inputs: { results: bundle } });
    expect(again.exitCode).toBe(0);
    expect(commentWrites()).toEqual([]);
  });

  it('a pull request with 1,000 comments costs at most 11 list requests', async () => {
    // A long discussion, over the past days: the check for a racing job's duplicate reads only the last minutes.
    for (let index = 0; index < 1000; index++) github.addComment(7, `comment ${index}`, new Date(Date.now() - (1000 - index) * 5 * 60_000).toISOString());
    const outcome = await run({ inputs: { results: await writeResults('r', result('coverage-gate')) } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    const lists = github.requests.filter((request) => request.method === 'GET' && /\/issues\/7\/comments/.test(request.path));
    expect(lists.length).toBeLessThanOrEqual(11);
    expect(github.comments(7).filter((comment) => comment.body.includes('roadstop:pr-staging-comment'))).toHaveLength(1);
  });

  it('leaves one comment holding every row when jobs run at the same time', async () => {
    github.behaviour.latencyMs = 15;
    const gates = ['coverage-gate', 'bundle-budget', 'lighthouse-gate', 'future-gate'];
    const runs = await Promise.all(
      gates.map(async (gate, index) => run({ job: `job-${index}`, inputs: { results: await writeResults(`r${index}`, result(gate)) } })),
    );
    for (const outcome of runs) expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    const marked = github.comments(7).filter((comment) => comment.body.includes('roadstop:pr-staging-comment'));
    expect(marked).toHaveLength(1);
    expect(stateOf()!.rows.map((row) => row.gate).sort()).toEqual([...gates].sort());
    // Each job reports the comment that survived, not a duplicate it posted and that was folded away.
    for (const outcome of runs) expect(outcome.outputs['comment-id']).toBe(String(marked[0]!.id));
  });

  it('waits out a 429 with retry-after and posts', async () => {
    github.rateLimitNext(1, 1);
    const outcome = await run({ inputs: { results: await writeResults('r', result('coverage-gate')) } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    expect(github.requests[0]!.status).toBe(429);
    expect(github.comments(7)).toHaveLength(1);
  });

  it('a run for an older commit does not overwrite the rows of a newer one', async () => {
    await run({ runId: 2000, event: pullRequestEvent(7, NEWER), inputs: { results: await writeResults('new', result('coverage-gate', { headline: 'newer' })) } });
    const old = await run({ runId: 1000, event: pullRequestEvent(7, HEAD), inputs: { results: await writeResults('old', result('coverage-gate', { headline: 'older' })) } });
    expect(old.exitCode).toBe(0);
    expect(stateOf()!.rows.map((row) => row.headline)).toEqual(['newer']);
    expect(stateOf()!.head?.sha).toBe(NEWER);
  });

  it('degrades to the job summary with a warning on a fork pull request whose token may not write', async () => {
    github.behaviour.readOnly = true;
    const outcome = await run({ event: pullRequestEvent(7, HEAD, 'someone/webapp'), inputs: { url: 'https://pr-7.preview.example.com/', results: await writeResults('r', result('coverage-gate')) } });
    expect(outcome.exitCode).toBe(0);
    expect(errorsOf(outcome)).toEqual([]);
    const [warning] = warningsOf(outcome);
    expect(warning).toContain('pull-requests: write');
    expect(warning).toContain('deployments: write');
    expect(warning).toContain('fork');
    expect(outcome.summary).toContain('coverage-gate within its limits');
    expect(outcome.summary).not.toContain('roadstop:state');
    expect(github.comments(7)).toHaveLength(0);
  });

  it('keeps the comment under the limit GitHub enforces, saying what was left out', async () => {
    const big = (gate: string) =>
      result(gate, { checks: Array.from({ length: 250 }, (_, index) => ({ name: `${gate} check number ${index} with a long descriptive name`, status: 'pass' as const, value: index, unit: 'count' as const })) });
    const outcome = await run({ inputs: { results: await writeResults('big', big('gate-a'), big('gate-b'), big('gate-c'), big('gate-d')) } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    const [comment] = github.comments(7);
    expect(Array.from(comment!.body).length).toBeLessThanOrEqual(65_536);
    expect(comment!.body).toMatch(/Left out to stay within GitHub's 65,536-character limit: details of gate-[a-d]/);
    expect(stateOf()!.rows).toHaveLength(4);
    expect(github.requests.filter((request) => request.status === 422)).toEqual([]);
  });

  it('recreate with hide-previous posts anew and minimizes the older comment as outdated', async () => {
    const results = await writeResults('r', result('coverage-gate'));
    await run({ inputs: { results } });
    const [old] = github.comments(7);
    const outcome = await run({ runId: 1002, inputs: { results, mode: 'recreate', 'hide-previous': 'true' } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    const comments = github.comments(7);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatchObject({ id: old!.id, minimized: 'OUTDATED' });
    expect(comments[0]!.body).not.toContain('roadstop:pr-staging-comment key=');
    expect(outcome.outputs['comment-id']).toBe(String(comments[1]!.id));
    // The next run updates the new one.
    await run({ runId: 1003, job: 'other', inputs: { results } });
    expect(github.comments(7)).toHaveLength(2);
    expect(decodeState(github.comments(7)[1]!.body)!.rows).toHaveLength(2);
  });

  it('mode deactivate marks the pull request deployments inactive and says so in the comment', async () => {
    await run({ inputs: { url: 'https://pr-7.preview.example.com/' } });
    const outcome = await run({ runId: 1002, event: { ...pullRequestEvent(), action: 'closed' }, inputs: { mode: 'deactivate' } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    expect(github.deployments[0]!.statuses.map((status) => status.state)).toEqual(['success', 'inactive']);
    expect(stateOf()!.deployment?.status).toBe('inactive');
  });
});

describe('events', () => {
  it('workflow_run: finds the fork pull request from the head branch, verifies its head, and posts', async () => {
    github.addPullRequest({ number: 9, headSha: HEAD, headRef: 'feature', headRepo: 'someone/webapp' });
    const event = { workflow_run: { id: 55, event: 'pull_request', head_sha: HEAD, head_branch: 'feature', head_repository: { full_name: 'someone/webapp', owner: { login: 'someone' } }, pull_requests: [] } };
    const outcome = await run({ eventName: 'workflow_run', event, inputs: { results: await writeResults('r', result('coverage-gate', { headline: '<img src=x> @admin [x](https://evil.example)' })) } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    const [comment] = github.comments(9);
    expect(comment!.body).toContain('&lt;img src=x&gt; &#64;admin &#91;x&#93;(https://evil.example)');
    expect(comment!.body).not.toMatch(/<img|@admin|\[x\]/);
  });

  it('workflow_run: a pull request whose head moved on gets nothing, with a warning', async () => {
    github.addPullRequest({ number: 9, headSha: NEWER, headRef: 'feature', headRepo: 'someone/webapp' });
    const event = { workflow_run: { id: 55, event: 'pull_request', head_sha: HEAD, head_branch: 'feature', head_repository: { full_name: 'someone/webapp', owner: { login: 'someone' } }, pull_requests: [] } };
    const outcome = await run({ eventName: 'workflow_run', event, inputs: { results: await writeResults('r', result('coverage-gate')) } });
    expect(outcome.exitCode).toBe(0);
    expect(warningsOf(outcome).join('\n')).toContain(`no open pull request has head commit ${HEAD.slice(0, 7)} from someone/webapp`);
    expect(github.comments(9)).toHaveLength(0);
    expect(outcome.summary).toContain('coverage-gate within its limits');
  });

  it('push: the job summary only, no comment', async () => {
    const outcome = await run({ eventName: 'push', event: { repository: { default_branch: 'main' } }, inputs: { results: await writeResults('r', result('coverage-gate')) } });
    expect(outcome.exitCode).toBe(0);
    expect(warningsOf(outcome)).toEqual([]);
    expect(github.requests).toEqual([]);
    expect(outcome.summary).toContain('coverage-gate within its limits');
  });
});

describe('bad input', () => {
  it.each<{ name: string; inputs: Record<string, string>; input: string; says: string }>([
    { name: 'a url that is not http(s)', inputs: { url: 'ftp://files.example/preview' }, input: 'url', says: 'not http(s)' },
    { name: 'a url that is not a URL', inputs: { url: 'preview please' }, input: 'url', says: 'is not a URL' },
    { name: 'an unknown mode', inputs: { mode: 'replace' }, input: 'mode', says: "'replace' is not one of upsert, recreate, deactivate" },
    { name: 'an unknown status', inputs: { status: 'done' }, input: 'status', says: "'done' is not one of building, ready, failed" },
    { name: 'a hide-previous that is not a boolean', inputs: { 'hide-previous': 'yes' }, input: 'hide-previous', says: "'yes' is not true or false" },
  ])('$name: one error naming the input, and the comment untouched', async ({ inputs, input, says }) => {
    await run({ inputs: { results: await writeResults('r', result('coverage-gate')) } });
    const before = github.comments(7).map((comment) => comment.body);
    github.requests.length = 0;
    const outcome = await run({ inputs });
    expect(outcome.exitCode).toBe(1);
    const errors = errorsOf(outcome);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`input '${input}'`);
    expect(errors[0]).toContain(says);
    expect(outcome.stdout + outcome.stderr).not.toMatch(/\n\s+at /);
    expect(github.requests).toEqual([]);
    expect(github.comments(7).map((comment) => comment.body)).toEqual(before);
  });

  it('a results glob that leaves the workspace is refused, and a symlinked result is not followed', async () => {
    const outside = await run({ inputs: { results: '../*.json' } });
    expect(outside.exitCode).toBe(1);
    expect(errorsOf(outside)).toEqual([expect.stringContaining("input 'results'")]);
    const elsewhere = await mkdtemp(join(tmpdir(), 'roadstop-outside-'));
    await writeResult(join(elsewhere, 'secret.json'), result('coverage-gate', { headline: 'from outside' }));
    await mkdir(join(workspace, 'r'), { recursive: true });
    await symlink(join(elsewhere, 'secret.json'), join(workspace, 'r', 'linked.json'));
    const linked = await run({ inputs: { results: 'r/*.json' } });
    expect(linked.exitCode).toBe(0);
    expect(warningsOf(linked).join('\n')).toContain('symlink');
    expect(JSON.stringify(github.comments(7))).not.toContain('from outside');
  });

  it('reads the gates results where they write them by default, $RUNNER_TEMP/roadstop', async () => {
    // The harness gives each run its own RUNNER_TEMP: find it by a first run, then put a result there.
    const probe = await run({ eventName: 'push', event: {} });
    const temp = probe.env.RUNNER_TEMP!;
    await writeResult(join(temp, 'roadstop', 'coverage-gate.json'), result('coverage-gate', { headline: 'from runner temp' }));
    const outcome = await runAction({ action: 'pr-staging-comment', workspace, inputs: { results: `${temp}/roadstop/*.json` }, event: {}, eventName: 'push', env: { RUNNER_TEMP: temp, GITHUB_API_URL: github.url } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    expect(outcome.summary).toContain('from runner temp');
  });

  it('a missing token on a pull request event names github-token', async () => {
    const outcome = await run({ token: '', inputs: { results: await writeResults('r', result('coverage-gate')) } });
    expect(outcome.exitCode).toBe(1);
    expect(errorsOf(outcome)).toEqual([expect.stringContaining("input 'github-token'")]);
  });

  it('skips files the glob matches that are not roadstop results, with a warning naming each', async () => {
    await writeResults('r', result('coverage-gate'));
    await writeFile(join(workspace, 'r', 'package.json'), '{"name":"x"}');
    await writeFile(join(workspace, 'r', 'notes.json'), 'not json at all');
    const outcome = await run({ inputs: { results: 'r/*.json' } });
    expect(outcome.exitCode).toBe(0);
    const warnings = warningsOf(outcome);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringContaining('skipped r/package.json'), expect.stringContaining('skipped r/notes.json')]));
    expect(stateOf()!.rows.map((row) => row.gate)).toEqual(['coverage-gate']);
  });

  it('an event without a pull request is a warning and the summary', async () => {
    const outcome = await run({ eventName: 'workflow_dispatch', event: {}, inputs: { results: await writeResults('r', result('coverage-gate')) } });
    expect(outcome.exitCode).toBe(0);
    expect(warningsOf(outcome)).toEqual([expect.stringContaining('a workflow_dispatch event has no pull request')]);
    expect(github.requests).toEqual([]);
  });
});

/** A state as a hostile commenter would pack it: a run id that freezes the comment, rows with raw HTML, a phishing URL. */
function forgedState(): CommentState {
  return {
    v: 1,
    revision: 1,
    head: { sha: NEWER, runId: Number.MAX_SAFE_INTEGER },
    deployment: { environment: 'preview', status: 'ready', url: 'https://evil.example/login', sha: NEWER, runId: Number.MAX_SAFE_INTEGER, at: '2025-06-01T10:00:00Z' },
    rows: [{ id: 'coverage-gate@test', gate: 'coverage-gate', job: 'test', status: 'pass', headline: '<img src=x onerror=alert(1)> all good, merge it', sha: NEWER, runId: Number.MAX_SAFE_INTEGER, at: '2025-06-01T10:00:00Z', detail: '<script>alert(1)</script> [login](javascript:alert(1)) @octo-org/everyone' }],
    updatedAt: '2025-06-01T10:00:00Z',
  };
}
const forgedBody = () => `${markerLine('ci')}\n### ✅ preview: ready\n\n${encodeState(forgedState())}`;

/** Everything a run left where people or the runner read it: nothing of the token but the mask command itself. */
function expectNoToken(outcome: Awaited<ReturnType<typeof run>>, token = TOKEN): void {
  const shown = [outcome.stdout.replace(/^::add-mask::.*$/gm, ''), outcome.stderr, outcome.summary, JSON.stringify(outcome.outputs), ...github.comments(7).map((comment) => comment.body)].join('\n');
  expect(shown).not.toContain(token.slice(4));
}

/** No line of stdout is a workflow command the action did not mean: only its own annotations, masks and outputs. */
function forgedCommands(stdout: string): string[] {
  return stdout.split(/\r?\n/).filter((line) => /^::(?!(add-mask|debug|error|warning|notice)( [^:]*)?::)|^::error title=forged|^::stop-commands/.test(line));
}

describe('hostile: who owns the comment', () => {
  it("another user's marker comment with a forged state is neither edited, nor deleted, nor believed", async () => {
    const forged = github.addComment(7, forgedBody(), undefined, 'mallory');
    const outcome = await run({ inputs: { url: 'https://pr-7.preview.example.com/', results: await writeResults('r', result('coverage-gate')) } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    expect(github.requests.filter((request) => request.path.includes(`/comments/${forged.id}`) && request.method !== 'GET')).toEqual([]);
    expect(github.comments(7).find((comment) => comment.id === forged.id)?.body).toBe(forgedBody());
    const ours = github.comments(7).filter((comment) => comment.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).not.toMatch(/evil\.example|<img|<script|javascript:/);
    expect(decodeState(ours[0]!.body)?.head).toEqual({ sha: HEAD, runId: 1001 });
    expect(outcome.outputs['comment-id']).toBe(String(ours[0]!.id));
  });

  it("1,499 marker comments of another user: none deleted, a bounded number of requests", async () => {
    for (let index = 0; index < 1499; index++) github.addComment(7, `${markerLine('ci')}\nspam ${index}`, undefined, 'mallory');
    const outcome = await run({ inputs: { results: await writeResults('r', result('coverage-gate')) } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    expect(github.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
    expect(github.comments(7)).toHaveLength(1500);
    // 15 pages listed, read back once after posting (the `since` window), the identity once: not ~1,500 calls.
    expect(github.requests.length).toBeLessThan(40);
  });

  it('our own comment whose state was edited to freeze it (run id 2^53-1) and show raw HTML is rebuilt from this run', async () => {
    github.addComment(7, forgedBody(), undefined, 'github-actions[bot]');
    const outcome = await run({ inputs: { results: await writeResults('r', result('coverage-gate')) } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    expect(outcome.stdout).not.toContain('already shows a newer commit');
    const [comment] = github.comments(7);
    expect(comment!.body).not.toMatch(/evil\.example|<img|<script|javascript:|@octo-org/);
    expect(stateOf()!.head).toEqual({ sha: HEAD, runId: 1001 });
  });

  it("a personal token's comments are its user's: the identity comes from GraphQL viewer, not GET /user", async () => {
    github.behaviour.login = 'octo-dev';
    const results = await writeResults('r', result('coverage-gate'));
    await run({ token: 'ghp_personalTokenForTests0123456789', inputs: { results } });
    const outcome = await run({ token: 'ghp_personalTokenForTests0123456789', runId: 1002, inputs: { results } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    expect(github.comments(7).map((comment) => comment.login)).toEqual(['octo-dev']);
    expect(github.requests.filter((request) => request.path === '/user')).toEqual([]);
  });
});

describe('hostile: our own comment edited by someone else (a repository admin)', () => {
  /** A forgery the state checks cannot catch: a well-formed state, rendered as roadstop renders it, written by another login. */
  function forgeAs(login: string): { id: number; body: string } {
    const comment = github.comments(7).find((item) => item.login === 'github-actions[bot]')!;
    const state = decodeState(comment.body)!;
    const forged: CommentState = {
      ...state,
      rows: [
        ...state.rows.map((row) => ({ ...row, status: 'pass' as const, headline: 'forged: coverage fine' })),
        { ...state.rows[0]!, id: 'security-gate@audit', gate: 'security-gate', job: 'audit', status: 'pass' as const, headline: 'forged: security audit passed' },
      ],
    };
    const body = renderComment(forged, { key: 'ci', serverUrl: 'https://github.com', repository: 'octo-org/webapp' }).body;
    // The forgery passes every check on the state: only who edited can tell it apart.
    expect(decodeState(body)?.rows.map((row) => row.id)).toEqual(['coverage-gate@test', 'security-gate@audit']);
    github.editComment(comment.id, body, login);
    return { id: comment.id, body };
  }

  it("an admin's forged rows are not shown: the comment is rewritten from this run, with a warning naming the editor", async () => {
    const failing = await writeResults('cov', result('coverage-gate', { status: 'fail', headline: 'coverage 61% below 80%' }));
    await run({ job: 'test', inputs: { results: failing } });
    const { id } = forgeAs('mallory-admin');

    const outcome = await run({ job: 'build', runId: 1002, inputs: { results: await writeResults('b', result('bundle-budget')) } });
    expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    expect(warningsOf(outcome)).toEqual([expect.stringMatching(new RegExp(`comment ${id} was last edited by mallory-admin, not by github-actions\\[bot\\]: the rows stored in it are not believed`))]);
    const [comment] = github.comments(7);
    expect(comment!.id).toBe(id);
    expect(comment!.body).not.toContain('forged');
    expect(comment!.editor).toBe('github-actions[bot]');
    expect(stateOf()!.rows.map((row) => row.id)).toEqual(['bundle-budget@build']);
    expect(outcome.summary).not.toContain('forged');
    // One GraphQL look-up of the editors for the one read.
    expect(github.requests.filter((request) => request.path === '/graphql' && request.body.includes('nodes(ids:'))).toHaveLength(1);

    // Once roadstop wrote last, its state is believed again: the failing job's next run merges beside build's row.
    const next = await run({ job: 'test', runId: 1003, inputs: { results: failing } });
    expect(warningsOf(next)).toEqual([]);
    expect(stateOf()!.rows.map((row) => `${row.id} ${row.status}`).sort()).toEqual(['bundle-budget@build pass', 'coverage-gate@test fail']);
  });

  it('a forged state saying a newer commit does not freeze the comment', async () => {
    await run({ job: 'test', inputs: { results: await writeResults('r', result('coverage-gate')) } });
    const comment = github.comments(7)[0]!;
    const state = decodeState(comment.body)!;
    const newer = renderComment({ ...state, head: { sha: NEWER, runId: 5000 } }, { key: 'ci', serverUrl: 'https://github.com', repository: 'octo-org/webapp' }).body;
    expect(decodeState(newer)?.head?.sha).toBe(NEWER);
    github.editComment(comment.id, newer, 'mallory-admin');
    const outcome = await run({ job: 'build', runId: 1002, inputs: { results: await writeResults('b', result('bundle-budget')) } });
    expect(outcome.stdout).not.toContain('already shows a newer commit');
    expect(stateOf()!.head).toEqual({ sha: HEAD, runId: 1002 });
  });

  it('a comment last edited by the token itself is believed, under either spelling of a bot login', async () => {
    await run({ job: 'test', inputs: { results: await writeResults('a', result('coverage-gate')) } });
    await run({ job: 'build', runId: 1002, inputs: { results: await writeResults('b', result('bundle-budget')) } });
    // The second run edited the comment: GraphQL names its editor `github-actions`, REST `github-actions[bot]`.
    expect(github.comments(7)[0]).toMatchObject({ editor: 'github-actions[bot]', lastEditedAt: expect.any(String) });
    const third = await run({ job: 'e2e', runId: 1003, inputs: { results: await writeResults('c', result('lighthouse-gate')) } });
    expect(warningsOf(third)).toEqual([]);
    expect(stateOf()!.rows.map((row) => row.id).sort()).toEqual(['bundle-budget@build', 'coverage-gate@test', 'lighthouse-gate@e2e']);
  });

  it.each<{ name: string; failure: FakeFailure; says: RegExp; budget?: string }>([
    // Three retries wait 1 + 2 + 4 s: a budget that outlasts them, so the failure itself is named.
    { name: '502 on the editor look-up, on every retry', budget: '12000', failure: { kind: 'status', status: 502, body: { message: 'Server Error' } }, says: /GitHub failed checking who last edited the comment \(GraphQL nodes\) \(502\)/ },
    { name: 'a GraphQL FORBIDDEN error', failure: { kind: 'status', status: 200, body: { data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] } }, says: /GitHub refused checking who last edited the comment \(GraphQL nodes\) \(GraphQL FORBIDDEN\)/ },
    { name: 'nodes of another shape', failure: { kind: 'status', status: 200, body: { data: { nodes: 'none' } } }, says: /GitHub answered with something that is not a list of comment nodes/ },
  ])('$name: one error naming GitHub, nothing written', async ({ failure, says, budget }) => {
    const results = await writeResults('r', result('coverage-gate'));
    await run({ inputs: { results } });
    const before = github.comments(7)[0]!.body;
    github.requests.length = 0;
    github.failNext(100, failure, /^POST \/graphql nodes/);
    const outcome = await run({ job: 'build', runId: 1002, env: { ROADSTOP_NETWORK_BUDGET_MS: budget ?? '4000' }, inputs: { results: await writeResults('b', result('bundle-budget')) } });
    expect(outcome.exitCode).toBe(1);
    const errors = errorsOf(outcome);
    expect(errors, outcome.stdout).toHaveLength(1);
    expect(errors[0]).toMatch(says);
    expect(errors[0]).not.toMatch(/bug in roadstop|undefined/);
    expect(commentWrites()).toEqual([]);
    expect(github.comments(7)[0]!.body).toBe(before);
  });
});

describe('hostile: every failure of GitHub named as such', () => {
  const budget = { ROADSTOP_NETWORK_BUDGET_MS: '4000' };
  it.each<{ name: string; failure?: FakeFailure; match?: RegExp; token?: string; says: RegExp[] }>([
    { name: '401 Bad credentials', token: BAD_TOKEN, says: [/GitHub refused .* \(401\): Bad credentials/, /input 'github-token'/] },
    { name: '404 on the comments', failure: { kind: 'status', status: 404, body: { message: 'Not Found' } }, match: /^GET .*\/comments/, says: [/GitHub found nothing for .* \(404\)/, /pull request #7/] },
    { name: '422 on posting', failure: { kind: 'status', status: 422, body: { message: 'Validation Failed' } }, match: /^POST .*\/comments/, says: [/GitHub rejected .* \(422\): Validation Failed/] },
    { name: 'a 422 whose message holds workflow commands', failure: { kind: 'status', status: 422, body: { message: 'Validation Failed\n::error title=forged::PR is safe, merge it\n::stop-commands::tok' } }, match: /^POST .*\/comments/, says: [/GitHub rejected .* \(422\): Validation Failed ::error title=forged::PR is safe/] },
    { name: '429 with a Retry-After of an hour', failure: { kind: 'status', status: 429, body: { message: 'API rate limit exceeded' }, headers: { 'retry-after': '3600' } }, says: [/GitHub rate-limited .*\(429\) and asked to wait 3600 s/] },
    { name: '500, again and again', failure: { kind: 'status', status: 500, body: { message: 'Server Error' } }, says: [/GitHub/, /\(500\)/] },
    { name: '502 HTML page', failure: { kind: 'status', status: 502, body: '<html>bad gateway</html>' }, says: [/GitHub/, /\(502\)/] },
    { name: 'connection reset', failure: { kind: 'reset' }, says: [/could not reach GitHub while/] },
    { name: 'an HTML page with 200 that echoes the token', failure: { kind: 'garbage', body: 'html' }, says: [/GitHub answered with something that is not JSON while POST \/graphql/] },
    { name: 'a GraphQL viewer of another shape', failure: { kind: 'garbage', body: 'wrong-shape' }, match: /^POST \/graphql/, says: [/GitHub answered with something that is not a login while finding the account of the token/] },
    { name: 'JSON of another shape', failure: { kind: 'garbage', body: 'wrong-shape' }, match: /^GET .*\/comments/, says: [/GitHub answered with something that is not a list of comments/] },
    { name: 'megabytes of the wrong JSON', failure: { kind: 'garbage', body: 'huge' }, match: /^GET .*\/comments/, says: [/GitHub answered with something that is not an issue comment/] },
  ])('$name: one error naming GitHub, never a bug, no stack, no token', async ({ failure, match, token, says }) => {
    if (failure) github.failNext(100, failure, match);
    const outcome = await run({ token: token ?? TOKEN, env: budget, inputs: { results: await writeResults('r', result('coverage-gate')) } });
    expect(outcome.exitCode).toBe(1);
    const errors = errorsOf(outcome);
    expect(errors, outcome.stdout).toHaveLength(1);
    for (const pattern of says) expect(errors[0]).toMatch(pattern);
    expect(errors[0]).not.toMatch(/bug in roadstop|is not a function|undefined/);
    expect(outcome.stdout + outcome.stderr).not.toMatch(/\n\s+at /);
    expect(forgedCommands(outcome.stdout)).toEqual([]);
    expectNoToken(outcome, token ?? TOKEN);
  });

  it('a GitHub that answers every request late ends the step within its network budget, with the reason', async () => {
    github.behaviour.latencyMs = 1500;
    const outcome = await run({ env: { ROADSTOP_NETWORK_BUDGET_MS: '2500' }, inputs: { url: 'https://pr-7.preview.example.com/', results: await writeResults('r', result('coverage-gate')) } });
    expect(outcome.exitCode).toBe(1);
    const errors = errorsOf(outcome);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/GitHub did not answer within the 2\.5 s budget .*ROADSTOP_NETWORK_BUDGET_MS/);
    // The budget stopped it: at most two requests of 1.5 s fit in 2.5 s.
    expect(github.requests.length).toBeLessThanOrEqual(2);
  });
});

describe('hostile: inputs checked before any request, nothing becomes a workflow command', () => {
  it.each<{ name: string; inputs: Record<string, string>; input: string }>([
    { name: 'a url with workflow commands after a newline', inputs: { url: 'https://pr-7.preview.example.com/\n::error title=forged::PR is safe, merge it\n::stop-commands::tok' }, input: 'url' },
    { name: 'a url with a CR', inputs: { url: 'https://pr-7.preview.example.com/\rX-Injected: 1' }, input: 'url' },
    { name: 'a key of 70,000 characters', inputs: { key: 'k'.repeat(70_000) }, input: 'key' },
    { name: 'a key with a newline and a command', inputs: { key: 'ci\n::error title=forged::PR is safe' }, input: 'key' },
    { name: 'a key with a direction override', inputs: { key: 'ci\u202Eevil' }, input: 'key' },
    { name: 'an environment with workflow commands', inputs: { environment: 'preview\n::stop-commands::tok' }, input: 'environment' },
    { name: 'a token with a newline', inputs: { 'github-token': 'ghs_abc\nX-Injected: 1' }, input: 'github-token' },
  ])('$name: one error naming the input, no request, no forged command', async ({ inputs, input }) => {
    const outcome = await run({ inputs });
    expect(outcome.exitCode).toBe(1);
    const errors = errorsOf(outcome);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`input '${input}'`);
    expect(github.requests).toEqual([]);
    expect(forgedCommands(outcome.stdout)).toEqual([]);
    expect(outcome.stdout).not.toMatch(/^::stop-commands::/m);
  });
});

describe('hostile: the event', () => {
  it('a head commit that is not a commit id is one error, nothing written, no forged command', async () => {
    const outcome = await run({ event: pullRequestEvent(7, 'main\n::error title=forged::PR is safe\n::stop-commands::tok'), inputs: { url: 'https://pr-7.preview.example.com/' } });
    expect(outcome.exitCode).toBe(1);
    const errors = errorsOf(outcome);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/is not a commit id/);
    expect(errors[0]).not.toMatch(/bug in roadstop/);
    expect(forgedCommands(outcome.stdout)).toEqual([]);
    expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});

describe('hostile: races', () => {
  it('two jobs recreating at once leave one comment, holding both rows', async () => {
    await run({ inputs: { results: await writeResults('r0', result('coverage-gate')) } });
    // Slow answers: both jobs read the list before either one's new comment lands.
    github.behaviour.latencyMs = 300;
    const [a, b] = await Promise.all([
      run({ job: 'a', runId: 1002, inputs: { mode: 'recreate', results: await writeResults('ra', result('coverage-gate')) } }),
      run({ job: 'b', runId: 1002, inputs: { mode: 'recreate', results: await writeResults('rb', result('bundle-budget')) } }),
    ]);
    expect(errorsOf(a), a.stdout).toEqual([]);
    expect(errorsOf(b), b.stdout).toEqual([]);
    const marked = github.comments(7).filter((comment) => comment.body.includes('roadstop:pr-staging-comment key=ci'));
    expect(marked).toHaveLength(1);
    expect(stateOf()!.rows.map((row) => row.id)).toEqual(expect.arrayContaining(['coverage-gate@a', 'bundle-budget@b']));
  });

  it('two jobs recording the same deployment at once leave one active deployment', async () => {
    // Slow answers: every job lists before any one's deployment lands.
    github.behaviour.latencyMs = 300;
    const outcomes = await Promise.all(['a', 'b', 'c'].map((job) => run({ job, inputs: { url: 'https://pr-7.preview.example.com/' } })));
    for (const outcome of outcomes) expect(errorsOf(outcome), outcome.stdout).toEqual([]);
    const active = github.deployments.filter((deployment) => deployment.statuses.at(-1)?.state !== 'inactive');
    expect(active).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.outputs['deployment-id']))).toEqual(new Set([String(active[0]!.id)]));
  });

  it("deactivation touches this pull request's previews only, and nothing without a pull request", async () => {
    github.addPullRequest({ number: 8, headSha: NEWER, headRef: 'other', headRepo: 'octo-org/webapp' });
    await run({ inputs: { url: 'https://pr-7.preview.example.com/' } });
    await run({ event: pullRequestEvent(8, NEWER), inputs: { url: 'https://pr-8.preview.example.com/' } });
    const push = await run({ eventName: 'push', event: { ref: 'refs/heads/main' }, inputs: { mode: 'deactivate' } });
    expect(errorsOf(push), push.stdout).toEqual([]);
    expect(warningsOf(push).join('\n')).toMatch(/without a pull request: no deployment is marked inactive/);
    expect(github.deployments.map((deployment) => deployment.statuses.at(-1)?.state)).toEqual(['success', 'success']);
    const closed = await run({ runId: 1003, event: { ...pullRequestEvent(), action: 'closed' }, inputs: { mode: 'deactivate' } });
    expect(errorsOf(closed), closed.stdout).toEqual([]);
    expect(github.deployments.map((deployment) => [deployment.sha, deployment.statuses.at(-1)?.state])).toEqual([
      [HEAD, 'inactive'],
      [NEWER, 'success'],
    ]);
  });
});
