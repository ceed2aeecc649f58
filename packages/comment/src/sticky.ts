import { setTimeout as delay } from 'node:timers/promises';
import { GitHubFailure, GitHubGarbageError, toGitHubError, type GitHubClient } from '@roadstop/github';
import { sanitizeUntrusted } from './sanitize.js';
import { holdsUpdate, mergeStates, mergeUpdate, type CommentUpdate } from './merge.js';
import { decodeState, hasMarker, isWebUrl, markerLine, type CommentState } from './state.js';

export interface IssueRef {
  owner: string;
  repo: string;
  issue: number;
}

export interface IssueComment {
  id: number;
  node_id: string;
  body?: string | null;
  html_url: string;
  created_at: string;
  /** Who wrote it (REST `user.login`); absent for a deleted account ("ghost"). */
  user?: { login: string } | null;
}

/**
 * The account the token acts as: only its comments are ours to read, edit,
 * fold or delete. Anyone who may comment can copy our marker; nobody but the
 * token's account (and the repository's admins) can edit its comments.
 */
export interface CommentIdentity {
  login: string;
}

export type StickyMode = 'upsert' | 'recreate';

export interface StickyOptions {
  key: string;
  /** Whose comments are candidates: the token's own account (`findTokenIdentity`). */
  identity: CommentIdentity;
  mode: StickyMode;
  /** Minimize the older comment as OUTDATED instead of deleting it, whenever a new one is posted. */
  hidePrevious: boolean;
  /** The whole body for a state. */
  render(state: CommentState): string;
  log(text: string): void;
  /** A warning the job shows (an annotation): a comment whose stored rows are not believed. */
  warn?(text: string): void;
  /** Wait before reading back what was written; randomised so racing jobs do not read back in step. */
  settle?: () => Promise<void>;
}

export interface StickyOutcome {
  action: 'created' | 'updated' | 'unchanged' | 'stale' | 'recreated';
  comment?: IssueComment;
  state?: CommentState;
}

/** Read-merge-write rounds before giving up on a comment that keeps changing under us. */
const MAX_ROUNDS = 6;
/** Comments of our own a run deletes at most: duplicates come from a few racing jobs, never hundreds. */
const MAX_DELETES_PER_RUN = 10;
/** Pages of 100 comments read at most (5,000 comments): past that the pull request is not one a bot can keep tidy. */
const MAX_COMMENT_PAGES = 50;
/** Comments created this long before ours are not duplicates of ours: a racing job posts within seconds. */
const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

/** Node IDs GraphQL `nodes(ids:)` takes in one query (https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api). */
export const MAX_CHECKED_COMMENTS = 100;

const defaultSettle = () => delay(150 + Math.floor(Math.random() * 350));

/**
 * Every comment of `key` written by `identity` on the pull request, oldest
 * first: the REST list of its issue comments, 100 a page, every page (1,000
 * comments are 10 requests), at most MAX_COMMENT_PAGES. Another account's
 * comment with our marker is not ours, whatever it says. `since` narrows the
 * list to comments updated after it (the duplicate check).
 */
export async function findStickyComments(client: GitHubClient, ref: IssueRef, key: string, identity: CommentIdentity, since?: string): Promise<IssueComment[]> {
  const found: IssueComment[] = [];
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.issue,
    per_page: 100,
    ...(since ? { since } : {}),
  });
  let count = 0;
  for await (const page of pages) {
    const data: unknown = page.data;
    if (!Array.isArray(data)) throw new GitHubGarbageError(`listing the comments of pull request #${ref.issue}`, 'a list of comments');
    for (const item of data) {
      const comment = checkComment(item, `listing the comments of pull request #${ref.issue}`);
      if (writtenBy(comment, identity) && hasMarker(comment.body, key)) found.push(comment);
    }
    if (++count >= MAX_COMMENT_PAGES) break;
  }
  return found.sort((a, b) => a.id - b.id);
}

/** Logins compare without case, and a bot's `[bot]` suffix is optional (GraphQL names `github-actions`, REST `github-actions[bot]`). */
function sameLogin(a: string, b: string): boolean {
  const plain = (login: string) => login.toLowerCase().replace(/\[bot\]$/, '');
  return plain(a) === plain(b);
}

export function writtenBy(comment: Pick<IssueComment, 'user'>, identity: CommentIdentity): boolean {
  return typeof comment.user?.login === 'string' && sameLogin(comment.user.login, identity.login);
}

/**
 * The account the token acts as, from GraphQL `viewer { login }`
 * (https://docs.github.com/en/graphql/reference/queries#viewer): the app's
 * bot user (`github-actions[bot]`) for an installation token such as
 * GITHUB_TOKEN, the user for a personal token. REST `GET /user` would answer
 * 403 for installation tokens.
 */
export async function findTokenIdentity(client: GitHubClient): Promise<CommentIdentity> {
  const what = 'finding the account of the token (GraphQL viewer)';
  let answer: unknown;
  try {
    answer = await client.graphql('query { viewer { login } }');
  } catch (error) {
    throw graphqlRefusal(error, what);
  }
  const login = loginOf((answer as { viewer?: { login?: unknown } | null } | null)?.viewer, what);
  if (login === undefined) throw new GitHubGarbageError(what, 'a login');
  return { login };
}

/** A comment as the REST API documents it (https://docs.github.com/en/rest/issues/comments), or GitHub's answer is garbage. */
function checkComment(item: unknown, what: string): IssueComment {
  const value = item as Partial<IssueComment> | null;
  if (
    !value ||
    typeof value !== 'object' ||
    !Number.isSafeInteger(value.id) ||
    (value.id as number) <= 0 ||
    typeof value.node_id !== 'string' ||
    (value.body !== undefined && value.body !== null && typeof value.body !== 'string') ||
    !isWebUrl(value.html_url) ||
    typeof value.created_at !== 'string' ||
    !Number.isFinite(Date.parse(value.created_at))
  ) {
    throw new GitHubGarbageError(what, 'an issue comment');
  }
  return value as IssueComment;
}

/**
 * One comment per pull request and key, holding every job's rows. GitHub has
 * no compare-and-swap for comments, so, as ClickHouse's and ydb's CI bots do:
 * merge into the state read, re-read just before writing (another revision
 * means another job wrote: merge again), write, then read back after a
 * random pause and merge again if our rows are gone. Two jobs that both found
 * no comment and both posted fold into the oldest one, the other deleted.
 * Nothing is written when the body would not change.
 */
export async function upsertStickyComment(client: GitHubClient, ref: IssueRef, update: CommentUpdate, options: StickyOptions): Promise<StickyOutcome> {
  const settle = options.settle ?? defaultSettle;
  const find = (since?: string) => findStickyComments(client, ref, options.key, options.identity, since);
  const deletes = { left: MAX_DELETES_PER_RUN };
  const warned = new Set<number>();
  let comments = await find();
  let recreate = options.mode === 'recreate';
  let action: StickyOutcome['action'] | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (comments.length === 0) {
      const outcome = await post(mergeUpdate(undefined, update).state, recreate ? 'recreated' : 'created', []);
      if (outcome) return outcome;
      recreate = false;
      continue;
    }
    const [canonical, ...duplicates] = comments as [IssueComment, ...IssueComment[]];
    // Every read checks who edited last: a state someone else wrote into our comment is not ours to merge.
    const foreign = await findForeignEdits(client, comments, options.identity);
    for (const [id, editor] of foreign) {
      if (warned.has(id)) continue;
      warned.add(id);
      (options.warn ?? options.log)(
        `comment ${id} was last edited by ${editor}, not by ${options.identity.login}: the rows stored in it are not believed, and it is rewritten from this run's rows (other jobs' rows return when they run again)`,
      );
    }
    const stored = mergeStates(comments.map((comment) => (foreign.has(comment.id) ? undefined : decodeState(comment.body))));
    const outcome = mergeUpdate(stored, update);
    if (outcome.stale && duplicates.length === 0) {
      options.log(`comment ${canonical.id} already shows a newer commit (${stored?.head?.sha.slice(0, 7) ?? '?'}): nothing of this run is written`);
      return { action: 'stale', comment: canonical, ...(stored ? { state: stored } : {}) };
    }
    const newCommit = !!stored?.head && stored.head.sha !== update.sha && !outcome.stale;
    if (recreate || (options.hidePrevious && newCommit && duplicates.length === 0)) {
      const checked = await post(outcome.state, 'recreated', comments);
      if (checked) return checked;
      recreate = false;
      continue;
    }
    const body = options.render(outcome.state);
    if (duplicates.length === 0 && body === canonical.body) {
      options.log(`comment ${canonical.id} already says this: not written`);
      return { action: action ?? 'unchanged', comment: canonical, state: outcome.state };
    }
    // Just before writing: another revision means another job wrote since our read.
    const fresh = await getComment(client, ref, canonical.id);
    if (!fresh || !hasMarker(fresh.body, options.key) || !writtenBy(fresh, options.identity)) {
      comments = await find();
      continue;
    }
    if (decodeState(fresh.body)?.revision !== decodeState(canonical.body)?.revision) {
      options.log(`comment ${canonical.id} changed under us: merging again`);
      comments = [fresh, ...duplicates];
      continue;
    }
    const written = await updateComment(client, ref, canonical.id, body);
    if (!written) {
      comments = await find();
      continue;
    }
    for (const duplicate of duplicates) await deleteComment(client, ref, duplicate.id, deletes);
    await settle();
    const check = await getComment(client, ref, canonical.id);
    // The state reported (the job summary) is the one this job merged and wrote, whose sources were checked: not re-read unchecked.
    if (check && holdsUpdate(decodeState(check.body), update)) return { action: action ?? 'updated', comment: check, state: outcome.state };
    options.log(`another job overwrote comment ${canonical.id}: merging again`);
    comments = check ? [check] : await find();
  }
  throw new GitHubFailure(`the comment on pull request #${ref.issue} kept changing under this job for ${MAX_ROUNDS} rounds; run the job again`);

  /**
   * Post a new comment and retire the older ones, then read the list back
   * after a random pause. Ours alone: done. Another job posted too (both
   * found none, or both recreated): the next round folds every copy into the
   * oldest one of our account and checks our rows are in it.
   */
  async function post(state: CommentState, done: 'created' | 'recreated', retired: readonly IssueComment[]): Promise<StickyOutcome | undefined> {
    const created = await createComment(client, ref, options.render(state));
    options.log(`posted comment ${created.id}`);
    for (const old of retired) await retireComment(client, ref, old, options, deletes);
    await settle();
    comments = await find(new Date(Date.parse(created.created_at) - DUPLICATE_WINDOW_MS).toISOString());
    if (comments.length === 1 && comments[0]!.id === created.id) return { action: done, comment: created, state };
    options.log(`another job posted too (${comments.map((comment) => comment.id).join(', ')}): folding into the oldest`);
    if (comments.length === 0) comments = await find();
    action = done;
    return undefined;
  }
}

interface EditorNode {
  id?: unknown;
  author?: { login?: unknown } | null;
  editor?: { login?: unknown } | null;
  lastEditedAt?: unknown;
}

const EDITORS_QUERY = 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on IssueComment { id author { login } editor { login } lastEditedAt } } }';

/**
 * The comments among `comments` whose last edit was not made by the token's
 * account, each with who made it, from one GraphQL query
 * (`nodes(ids:)`, at most MAX_CHECKED_COMMENTS; any beyond are not believed).
 * The REST comment object does not say who edited; GraphQL's IssueComment
 * does: `editor` (the last editor, null for an unedited comment), `lastEditedAt`
 * and `author` (https://docs.github.com/en/graphql/reference/objects#issuecomment).
 * A repository admin can edit the bot's comment; nothing stored in it can
 * prove it was not (docs/security-pr-staging-comment.md).
 */
export async function findForeignEdits(client: GitHubClient, comments: readonly IssueComment[], identity: CommentIdentity): Promise<Map<number, string>> {
  const foreign = new Map<number, string>();
  if (comments.length === 0) return foreign;
  const checked = comments.slice(0, MAX_CHECKED_COMMENTS);
  for (const comment of comments.slice(MAX_CHECKED_COMMENTS)) foreign.set(comment.id, `someone unknown (more than ${MAX_CHECKED_COMMENTS} comments, not checked)`);
  const what = 'checking who last edited the comment (GraphQL nodes)';
  let answer: unknown;
  try {
    answer = await client.graphql(EDITORS_QUERY, { ids: checked.map((comment) => comment.node_id) });
  } catch (error) {
    // A comment deleted since the list: GitHub answers its node null with a NOT_FOUND error beside the others' data.
    const partial = notFoundOnly(error);
    if (partial === undefined) throw toGitHubError(graphqlRefusal(error, what), what);
    answer = partial;
  }
  const nodes = (answer as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes) || nodes.length !== checked.length) throw new GitHubGarbageError(what, 'a list of comment nodes');
  checked.forEach((comment, index) => {
    const node = nodes[index] as EditorNode | null;
    if (node === null || node === undefined) {
      foreign.set(comment.id, 'someone unknown (GitHub no longer finds the comment)');
      return;
    }
    if (typeof node !== 'object' || node.id !== comment.node_id) throw new GitHubGarbageError(what, 'a list of comment nodes');
    const author = loginOf(node.author, what);
    const editor = loginOf(node.editor, what);
    const edited = node.lastEditedAt !== null && node.lastEditedAt !== undefined;
    if (edited && (typeof node.lastEditedAt !== 'string' || !Number.isFinite(Date.parse(node.lastEditedAt)))) throw new GitHubGarbageError(what, 'a time of the last edit');
    if (author === undefined || !sameLogin(author, identity.login)) foreign.set(comment.id, `someone else (GitHub names ${author ?? 'no'} author)`);
    else if (editor !== undefined && !sameLogin(editor, identity.login)) foreign.set(comment.id, editor);
    else if (editor === undefined && edited) foreign.set(comment.id, 'an account GitHub no longer names');
  });
  return foreign;
}

/** A login GitHub answered, checked: only its letters reach a warning. Undefined for null (a deleted account, or no edit). */
function loginOf(actor: { login?: unknown } | null | undefined, what: string): string | undefined {
  if (actor === null || actor === undefined) return undefined;
  const login = typeof actor === 'object' ? actor.login : undefined;
  if (typeof login !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9-]{0,99}(\[bot\])?$/.test(login)) throw new GitHubGarbageError(what, 'a login');
  return login;
}

/** The data of a GraphQL answer whose only errors are NOT_FOUND nodes; undefined for any other failure. */
function notFoundOnly(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== 'GraphqlResponseError') return undefined;
  const { errors, data } = error as { errors?: { type?: unknown }[]; data?: unknown };
  if (!Array.isArray(errors) || errors.length === 0 || !errors.every((item) => item?.type === 'NOT_FOUND')) return undefined;
  return data ?? undefined;
}

async function createComment(client: GitHubClient, ref: IssueRef, body: string): Promise<IssueComment> {
  const { data } = await client.rest.issues.createComment({ owner: ref.owner, repo: ref.repo, issue_number: ref.issue, body });
  return checkComment(data, `posting the comment on pull request #${ref.issue}`);
}

async function getComment(client: GitHubClient, ref: IssueRef, id: number): Promise<IssueComment | undefined> {
  const response = await unless404(client.rest.issues.getComment({ owner: ref.owner, repo: ref.repo, comment_id: id }));
  return response && checkComment(response.data, `reading comment ${id}`);
}

/** False when the comment is gone (another job recreated it). */
async function updateComment(client: GitHubClient, ref: IssueRef, id: number, body: string): Promise<boolean> {
  return (await unless404(client.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: id, body }))) !== undefined;
}

/** Deletes one of our own comments, within the run's allowance: past it, the rest stay for the next run. */
async function deleteComment(client: GitHubClient, ref: IssueRef, id: number, deletes: { left: number }): Promise<void> {
  if (deletes.left <= 0) return;
  deletes.left--;
  await unless404(client.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: id }));
}

/** A comment another job deleted meanwhile answers 404: undefined, not a failure. */
function unless404<T>(request: Promise<T>): Promise<T | undefined> {
  return request.catch((error: unknown) => {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  });
}

/**
 * An older comment goes: deleted, or with hide-previous kept but minimized as
 * OUTDATED (GraphQL minimizeComment), its marker retired first so it is never
 * found again as the comment to update.
 */
async function retireComment(client: GitHubClient, ref: IssueRef, comment: IssueComment, options: StickyOptions, deletes: { left: number }): Promise<void> {
  if (!options.hidePrevious) {
    await deleteComment(client, ref, comment.id, deletes);
    return;
  }
  if (deletes.left <= 0) return;
  deletes.left--;
  const body = (comment.body ?? '').replace(markerLine(options.key), markerLine(options.key).replace('pr-staging-comment', 'pr-staging-comment:outdated'));
  await updateComment(client, ref, comment.id, body);
  try {
    await client.graphql(
      `mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }`,
      { id: comment.node_id },
    );
  } catch (error) {
    throw graphqlRefusal(error, `minimizing comment ${comment.id}`);
  }
  options.log(`minimized comment ${comment.id} as outdated`);
}

/** GraphQL answers errors with 200 (https://docs.github.com/en/graphql/guides/forming-calls-with-graphql): GitHub's refusal, not our bug. */
function graphqlRefusal(error: unknown, what: string): unknown {
  if (!(error instanceof Error) || error.name !== 'GraphqlResponseError') return error;
  const errors = (error as { errors?: { type?: unknown; message?: unknown }[] }).errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  const detail = typeof first?.message === 'string' ? sanitizeUntrusted(first.message.replace(/\s+/g, ' '), 200) : 'no message';
  return new GitHubFailure(`GitHub refused ${what} (GraphQL ${typeof first?.type === 'string' ? sanitizeUntrusted(first.type, 40) : 'error'}): ${detail}`);
}
