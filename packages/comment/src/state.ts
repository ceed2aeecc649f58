import type { GateStatus } from '@roadstop/core';

/** What the deployment part of the comment says. `inactive` once the pull request is closed. */
export type DeploymentStatus = 'building' | 'ready' | 'failed' | 'inactive';

/** One gate result of one job, as the comment shows it and as the marker keeps it for the other jobs. */
export interface CommentRow {
  /** `gate` plus the job that wrote it: parallel jobs running different gates each keep their row. */
  id: string;
  gate: string;
  job?: string;
  status: GateStatus;
  headline: string;
  /** The main figure, e.g. `142 kB`, and its change against the base, e.g. `+1.2 kB (+0.85%)`. */
  figure?: string;
  delta?: string;
  /** The run the row came from. */
  link?: string;
  /** The commit measured and the run that measured it: a row of a later run replaces one of an earlier run. */
  sha: string;
  runId: number;
  at: string;
  /** The gate's own markdown, folded under the table. */
  detail?: string;
  /** True when the gate's markdown was too long to keep at all (the run's job summary has it). */
  detailTooLong?: boolean;
}

export interface DeploymentState {
  environment: string;
  status: DeploymentStatus;
  url?: string;
  sha: string;
  runId: number;
  at: string;
  link?: string;
}

/** Everything the comment shows, kept in the comment itself so that any job can merge into it and render it again. */
export interface CommentState {
  v: 1;
  /** Bumped on every write: a reader that sees another revision than the one it merged into knows it raced. */
  revision: number;
  /** The newest commit (by run id) that wrote to the comment; a run of an older commit does not write. */
  head?: { sha: string; runId: number };
  deployment?: DeploymentState;
  rows: CommentRow[];
  updatedAt: string;
}

const MARKER_PREFIX = '<!-- roadstop:pr-staging-comment key=';
const STATE_PREFIX = '<!-- roadstop:state ';
const MARKER_END = ' -->';

/**
 * The hidden first line that finds the comment again. The key is percent-encoded,
 * so no key (a workflow name is free text) can close the HTML comment early or
 * match another key's marker by prefix.
 */
export function markerLine(key: string): string {
  return `${MARKER_PREFIX}${encodeURIComponent(key)}${MARKER_END}`;
}

/** True when `body` is the comment of `key`: its first line is the marker, exactly. */
export function hasMarker(body: string | null | undefined, key: string): boolean {
  if (!body) return false;
  const line = markerLine(key);
  return body === line || body.startsWith(`${line}\n`) || body.startsWith(`${line}\r\n`);
}

/**
 * The state as one HTML comment: deflated JSON in base64url, so neither `-->`
 * nor any markdown can appear in it, and the rows of many gates cost little of
 * GitHub's 65,536 characters. zlib because it is in Node; nothing to install.
 */
export function encodeState(state: CommentState): string {
  const packed = zlib().deflateRawSync(Buffer.from(JSON.stringify(state), 'utf8'), { level: 9 }).toString('base64url');
  return `${STATE_PREFIX}${packed}${MARKER_END}`;
}

/**
 * The state kept in a comment body, or undefined when there is none or it is
 * unreadable (a person edited the comment): the comment is then rebuilt from
 * this run's rows rather than failing the job.
 */
export function decodeState(body: string | null | undefined): CommentState | undefined {
  if (!body) return undefined;
  const start = body.lastIndexOf(STATE_PREFIX);
  if (start === -1) return undefined;
  const end = body.indexOf(MARKER_END, start + STATE_PREFIX.length);
  if (end === -1) return undefined;
  const packed = body.slice(start + STATE_PREFIX.length, end);
  if (!/^[A-Za-z0-9_-]*$/.test(packed)) return undefined;
  try {
    // Bounded: a state that inflates past 4 MB is not one this action wrote.
    const data: unknown = JSON.parse(zlib().inflateRawSync(Buffer.from(packed, 'base64url'), { maxOutputLength: 4 * 1024 * 1024 }).toString('utf8'));
    return isState(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function isState(data: unknown): data is CommentState {
  if (typeof data !== 'object' || data === null) return false;
  const state = data as Partial<CommentState>;
  return state.v === 1 && typeof state.revision === 'number' && Array.isArray(state.rows) && state.rows.every(isRow);
}

function isRow(row: unknown): row is CommentRow {
  if (typeof row !== 'object' || row === null) return false;
  const value = row as Partial<CommentRow>;
  return typeof value.id === 'string' && typeof value.gate === 'string' && typeof value.sha === 'string' && typeof value.runId === 'number' && typeof value.headline === 'string';
}

/** node:zlib when the state is packed or read, not when the step starts: it loads Node's streams with it. */
function zlib(): typeof import('node:zlib') {
  return process.getBuiltinModule('node:zlib');
}
