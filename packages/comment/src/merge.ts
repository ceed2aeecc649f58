import type { CommentRow, CommentState, DeploymentState } from './state.js';

/** What one run brings to the comment. */
export interface CommentUpdate {
  sha: string;
  runId: number;
  at: string;
  rows: CommentRow[];
  deployment?: DeploymentState;
}

export interface MergeOutcome {
  state: CommentState;
  /** False when the merged state says what the old one said (times aside): nothing to write. */
  changed: boolean;
  /** True when the comment already belongs to a newer commit than this run's: nothing of this run is written. */
  stale: boolean;
}

/**
 * Merge a run's rows into the state kept in the comment. Rows are keyed by
 * gate and job: a row replaces the one of the same key unless that one came
 * from a later run. A run of an older commit than the comment's newest one
 * changes nothing, so a slow job of a superseded push cannot overwrite the
 * rows of the push after it. Times are kept from the old state when nothing
 * else changed, so an identical run renders an identical body.
 */
export function mergeUpdate(previous: CommentState | undefined, update: CommentUpdate): MergeOutcome {
  const old: CommentState = previous ?? { v: 1, revision: 0, rows: [], updatedAt: update.at };
  if (old.head && update.sha !== old.head.sha && update.runId < old.head.runId) {
    return { state: old, changed: false, stale: true };
  }
  const rows = new Map(old.rows.map((row) => [row.id, row]));
  for (const row of update.rows) {
    const existing = rows.get(row.id);
    if (existing && existing.runId > row.runId) continue;
    rows.set(row.id, existing && sameExceptTime(existing, row) ? existing : row);
  }
  let deployment = old.deployment;
  if (update.deployment && (!deployment || deployment.runId <= update.deployment.runId)) {
    deployment = deployment && sameExceptTime(deployment, update.deployment) ? deployment : update.deployment;
  }
  const head = !old.head || update.runId >= old.head.runId ? { sha: update.sha, runId: update.runId } : old.head;
  const merged: CommentState = {
    v: 1,
    revision: old.revision,
    head,
    ...(deployment ? { deployment } : {}),
    rows: [...rows.values()].sort(compareRows),
    updatedAt: old.updatedAt,
  };
  const changed = !previous || canonical(merged) !== canonical(old);
  if (changed) {
    merged.revision = old.revision + 1;
    merged.updatedAt = update.at;
  }
  return { state: merged, changed, stale: false };
}

/**
 * Fold the states of duplicate comments (two jobs that both found none and
 * both posted) into one: every row and the newest deployment survive.
 */
export function mergeStates(states: readonly (CommentState | undefined)[]): CommentState | undefined {
  let merged: CommentState | undefined;
  for (const state of states) {
    if (!state) continue;
    if (!merged) {
      merged = state;
      continue;
    }
    const newer = (merged.head?.runId ?? 0) >= (state.head?.runId ?? 0) ? merged : state;
    const older = newer === merged ? state : merged;
    const rows = new Map(older.rows.map((row) => [row.id, row]));
    for (const row of newer.rows) {
      const existing = rows.get(row.id);
      if (!existing || existing.runId <= row.runId) rows.set(row.id, row);
    }
    const deployments = [older.deployment, newer.deployment].filter((item): item is DeploymentState => !!item).sort((a, b) => a.runId - b.runId);
    const deployment = deployments.at(-1);
    merged = {
      v: 1,
      revision: Math.max(older.revision, newer.revision),
      ...(newer.head ? { head: newer.head } : {}),
      ...(deployment ? { deployment } : {}),
      rows: [...rows.values()].sort(compareRows),
      updatedAt: newer.updatedAt > older.updatedAt ? newer.updatedAt : older.updatedAt,
    };
  }
  return merged;
}

/** True when every row and the deployment of `mine` are in `state`, or superseded there by a later run. */
export function holdsUpdate(state: CommentState | undefined, mine: CommentUpdate): boolean {
  if (!state) return false;
  if (state.head && state.head.sha !== mine.sha && state.head.runId > mine.runId) return true;
  const rows = new Map(state.rows.map((row) => [row.id, row]));
  for (const row of mine.rows) {
    const kept = rows.get(row.id);
    if (!kept || kept.runId < row.runId || (kept.runId === row.runId && !sameExceptTime(kept, row))) return false;
  }
  if (mine.deployment) {
    const kept = state.deployment;
    if (!kept || kept.runId < mine.deployment.runId) return false;
  }
  return true;
}

/** By key, so the kept state does not depend on which job wrote first (the body shows the registry's order). */
function compareRows(a: CommentRow, b: CommentRow): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function sameExceptTime<T extends { at: string }>(a: T, b: T): boolean {
  return canonical({ ...a, at: '' }) === canonical({ ...b, at: '' });
}

/** JSON with sorted keys, times cleared: what decides whether a write would change anything. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => {
    if (key === 'at' || key === 'updatedAt' || key === 'revision') return undefined;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return inner;
  });
}
