import { setTimeout as delay } from 'node:timers/promises';
import type { GitHubClient } from '@roadstop/github';
import { holdsUpdate, mergeStates, mergeUpdate, type CommentUpdate } from './merge.js';
import { decodeState, hasMarker, markerLine, type CommentState } from './state.js';

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
}

export type StickyMode = 'upsert' | 'recreate';

export interface StickyOptions {
  key: string;
  mode: StickyMode;
  /** Minimize the older comment as OUTDATED instead of deleting it, whenever a new one is posted. */
  hidePrevious: boolean;
  /** The whole body for a state. */
  render(state: CommentState): string;
  log(text: string): void;
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
/** Comments created this long before ours are not duplicates of ours: a racing job posts within seconds. */
const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

const defaultSettle = () => delay(150 + Math.floor(Math.random() * 350));

/**
 * Every comment of `key` on the pull request, oldest first: the REST list of
 * its issue comments, 100 a page, every page (1,000 comments are 10 requests).
 * `since` narrows the list to comments updated after it (the duplicate check).
 */
export async function findStickyComments(client: GitHubClient, ref: IssueRef, key: string, since?: string): Promise<IssueComment[]> {
  const found: IssueComment[] = [];
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.issue,
    per_page: 100,
    ...(since ? { since } : {}),
  });
  for await (const page of pages) {
    for (const comment of page.data) if (hasMarker(comment.body, key)) found.push(comment);
  }
  return found.sort((a, b) => a.id - b.id);
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
  let comments = await findStickyComments(client, ref, options.key);
  let recreate = options.mode === 'recreate';
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (comments.length === 0) {
      const { state } = mergeUpdate(undefined, update);
      const created = await createComment(client, ref, options.render(state));
      options.log(`posted comment ${created.id}`);
      await settle();
      comments = await findStickyComments(client, ref, options.key, new Date(Date.parse(created.created_at) - DUPLICATE_WINDOW_MS).toISOString());
      if (comments.length === 1 && comments[0]!.id === created.id) return { action: recreate ? 'recreated' : 'created', comment: created, state };
      // Another job posted too, or already folded ours into its own: merge into the oldest and check ours is there.
      options.log(`another job posted too (${comments.map((comment) => comment.id).join(', ')}): folding into the oldest`);
      if (comments.length === 0) comments = await findStickyComments(client, ref, options.key);
      recreate = false;
      continue;
    }
    const [canonical, ...duplicates] = comments as [IssueComment, ...IssueComment[]];
    const stored = mergeStates(comments.map((comment) => decodeState(comment.body)));
    const outcome = mergeUpdate(stored, update);
    if (outcome.stale && duplicates.length === 0) {
      options.log(`comment ${canonical.id} already shows a newer commit (${stored?.head?.sha.slice(0, 7) ?? '?'}): nothing of this run is written`);
      return { action: 'stale', comment: canonical, ...(stored ? { state: stored } : {}) };
    }
    const newCommit = !!stored?.head && stored.head.sha !== update.sha && !outcome.stale;
    if (recreate || (options.hidePrevious && newCommit && duplicates.length === 0)) {
      const created = await createComment(client, ref, options.render(outcome.state));
      for (const old of comments) await retireComment(client, ref, old, options);
      return { action: 'recreated', comment: created, state: outcome.state };
    }
    const body = options.render(outcome.state);
    if (duplicates.length === 0 && body === canonical.body) {
      options.log(`comment ${canonical.id} already says this: not written`);
      return { action: 'unchanged', comment: canonical, state: outcome.state };
    }
    // Just before writing: another revision means another job wrote since our read.
    const fresh = await getComment(client, ref, canonical.id);
    if (!fresh || !hasMarker(fresh.body, options.key)) {
      comments = await findStickyComments(client, ref, options.key);
      continue;
    }
    if (decodeState(fresh.body)?.revision !== decodeState(canonical.body)?.revision) {
      options.log(`comment ${canonical.id} changed under us: merging again`);
      comments = [fresh, ...duplicates];
      continue;
    }
    const written = await updateComment(client, ref, canonical.id, body);
    if (!written) {
      comments = await findStickyComments(client, ref, options.key);
      continue;
    }
    for (const duplicate of duplicates) await deleteComment(client, ref, duplicate.id);
    await settle();
    const check = await getComment(client, ref, canonical.id);
    if (check && holdsUpdate(decodeState(check.body), update)) return { action: 'updated', comment: check, state: decodeState(check.body)! };
    options.log(`another job overwrote comment ${canonical.id}: merging again`);
    comments = check ? [check] : await findStickyComments(client, ref, options.key);
  }
  throw new Error(`the comment kept changing under this job for ${MAX_ROUNDS} rounds; run the job again`);
}

async function createComment(client: GitHubClient, ref: IssueRef, body: string): Promise<IssueComment> {
  const { data } = await client.rest.issues.createComment({ owner: ref.owner, repo: ref.repo, issue_number: ref.issue, body });
  return data;
}

async function getComment(client: GitHubClient, ref: IssueRef, id: number): Promise<IssueComment | undefined> {
  try {
    const { data } = await client.rest.issues.getComment({ owner: ref.owner, repo: ref.repo, comment_id: id });
    return data;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** False when the comment is gone (another job recreated it). */
async function updateComment(client: GitHubClient, ref: IssueRef, id: number, body: string): Promise<boolean> {
  try {
    await client.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: id, body });
    return true;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}

async function deleteComment(client: GitHubClient, ref: IssueRef, id: number): Promise<void> {
  try {
    await client.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: id });
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
}

/**
 * An older comment goes: deleted, or with hide-previous kept but minimized as
 * OUTDATED (GraphQL minimizeComment), its marker retired first so it is never
 * found again as the comment to update.
 */
async function retireComment(client: GitHubClient, ref: IssueRef, comment: IssueComment, options: StickyOptions): Promise<void> {
  if (!options.hidePrevious) {
    await deleteComment(client, ref, comment.id);
    return;
  }
  const body = (comment.body ?? '').replace(markerLine(options.key), markerLine(options.key).replace('pr-staging-comment', 'pr-staging-comment:outdated'));
  await updateComment(client, ref, comment.id, body);
  await client.graphql(
    `mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }`,
    { id: comment.node_id },
  );
  options.log(`minimized comment ${comment.id} as outdated`);
}
