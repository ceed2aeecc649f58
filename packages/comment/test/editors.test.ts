import { openGitHubClient, type GitHubClient } from '@roadstop/github';
import { startFakeGitHub, type FakeComment, type FakeGitHub } from '@roadstop/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findForeignEdits, markerLine, MAX_CHECKED_COMMENTS, type IssueComment } from '../src/index.js';

const BOT = { login: 'github-actions[bot]' };
let github: FakeGitHub;
let client: GitHubClient;

beforeEach(async () => {
  github = await startFakeGitHub();
  client = await openGitHubClient({ token: 'ghs_fakeTokenForTests0123456789', baseUrl: github.url, maxRetries: 0 });
});
afterEach(async () => {
  await github.close();
});

/** The REST view of a fake comment, as findStickyComments hands it over. */
const rest = (comment: FakeComment): IssueComment => ({ id: comment.id, node_id: comment.node_id, body: comment.body, html_url: comment.html_url, created_at: comment.created_at, user: { login: comment.login } });
const ours = () => github.addComment(7, `${markerLine('ci')}\nrows`, undefined, BOT.login);
const lookups = () => github.requests.filter((request) => request.path === '/graphql' && request.body.includes('nodes(ids:'));

describe('findForeignEdits', () => {
  it('believes a comment never edited, and one last edited by the token (GraphQL names the bot without [bot])', async () => {
    const unedited = ours();
    const edited = ours();
    github.editComment(edited.id, `${markerLine('ci')}\nnew rows`, BOT.login);
    expect(await findForeignEdits(client, [rest(unedited), rest(edited)], BOT)).toEqual(new Map());
    expect(lookups()).toHaveLength(1);
  });

  it('names the last editor when it is someone else, even if the token edited before', async () => {
    const comment = ours();
    github.editComment(comment.id, 'by the bot', BOT.login);
    github.editComment(comment.id, 'by an admin', 'mallory-admin');
    const other = ours();
    expect(await findForeignEdits(client, [rest(comment), rest(other)], BOT)).toEqual(new Map([[comment.id, 'mallory-admin']]));
  });

  it('does not believe an edit by an account GitHub no longer names, another author, or a comment gone since the list', async () => {
    const ghost = ours();
    github.editComment(ghost.id, 'edited by a deleted account', '');
    const theirs = github.addComment(7, markerLine('ci'), undefined, 'octocat');
    const gone: IssueComment = { ...rest(ours()), id: 99_999, node_id: 'IC_gone' };
    const foreign = await findForeignEdits(client, [rest(ghost), rest(theirs), gone], BOT);
    expect(foreign.get(ghost.id)).toBe('an account GitHub no longer names');
    expect(foreign.get(theirs.id)).toMatch(/GitHub names octocat author/);
    expect(foreign.get(gone.id)).toMatch(/no longer finds the comment/);
    expect(foreign.size).toBe(3);
  });

  it(`asks once for at most ${MAX_CHECKED_COMMENTS} comments; any beyond are not believed`, async () => {
    const comments = Array.from({ length: MAX_CHECKED_COMMENTS + 1 }, () => rest(ours()));
    const foreign = await findForeignEdits(client, comments, BOT);
    expect([...foreign.keys()]).toEqual([comments[MAX_CHECKED_COMMENTS]!.id]);
    expect(lookups()).toHaveLength(1);
    expect((JSON.parse(lookups()[0]!.body) as { variables: { ids: string[] } }).variables.ids).toHaveLength(MAX_CHECKED_COMMENTS);
  });

  it('asks nothing when there is no comment', async () => {
    expect(await findForeignEdits(client, [], BOT)).toEqual(new Map());
    expect(github.requests).toEqual([]);
  });

  it('a GraphQL error or an editor login that is not a login is a failure of GitHub, never believed', async () => {
    const comment = ours();
    github.failNext(1, { kind: 'status', status: 200, body: { data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] } }, /^POST \/graphql nodes/);
    await expect(findForeignEdits(client, [rest(comment)], BOT)).rejects.toThrow(/GitHub refused checking who last edited the comment \(GraphQL nodes\) \(GraphQL FORBIDDEN\)/);
    github.editComment(comment.id, 'x', '<img src=x onerror=alert(1)>');
    await expect(findForeignEdits(client, [rest(comment)], BOT)).rejects.toThrow(/not a login while checking who last edited/);
  });
});
