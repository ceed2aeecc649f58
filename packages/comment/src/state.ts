import { isRecord, type GateStatus } from '@roadstop/core';
import { MAX_ROW_DETAIL } from './rows.js';
import { MAX_UNTRUSTED_TEXT, sanitizeUntrusted } from './sanitize.js';

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
    return checkState(data);
  } catch {
    return undefined;
  }
}

/** GitHub's run ids are below 2^40 for decades to come; a larger one is forged, and would freeze the comment. */
const MAX_RUN_ID = 2 ** 40;
/** More rows than gates times jobs any workflow has: a state over it was not written by this action. */
const MAX_STATE_ROWS = 1000;
const GATE_STATUSES: readonly GateStatus[] = ['pass', 'warn', 'fail', 'skipped'];
const DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = ['building', 'ready', 'failed', 'inactive'];
/** Tags the gates' own markdown uses; any other `<` in a stored detail is shown as text. */
const DETAIL_TAGS = /^<\/?(details|summary|br|sub|sup|code|b|i)( open)?\/?>/;

/**
 * The state read back from a comment, checked field by field (enums, ranges,
 * URL schemes, lengths) and its text made inert as fresh rows are: the comment
 * is ours, but its body went through GitHub and may have been edited by a
 * maintainer, so it is data like any other. Anything off and the whole state
 * is refused: the comment is then rebuilt from this run's rows.
 */
function checkState(data: unknown): CommentState | undefined {
  if (!isRecord(data) || data.v !== 1 || !isCount(data.revision) || !Array.isArray(data.rows) || data.rows.length > MAX_STATE_ROWS) return undefined;
  if (typeof data.updatedAt !== 'string' || !isTime(data.updatedAt)) return undefined;
  let head: CommentState['head'];
  if (data.head !== undefined) {
    if (!isRecord(data.head) || !isSha(data.head.sha) || !isRunId(data.head.runId)) return undefined;
    head = { sha: data.head.sha, runId: data.head.runId };
  }
  let deployment: DeploymentState | undefined;
  if (data.deployment !== undefined) {
    deployment = checkDeployment(data.deployment);
    if (!deployment) return undefined;
  }
  const rows: CommentRow[] = [];
  for (const item of data.rows) {
    const row = checkRow(item);
    if (!row) return undefined;
    rows.push(row);
  }
  return { v: 1, revision: data.revision, ...(head ? { head } : {}), ...(deployment ? { deployment } : {}), rows, updatedAt: data.updatedAt };
}

function checkDeployment(data: unknown): DeploymentState | undefined {
  if (!isRecord(data)) return undefined;
  const { environment, status, url, sha, runId, at, link } = data;
  if (!isLine(environment, 255) || !DEPLOYMENT_STATUSES.includes(status as DeploymentStatus) || !isSha(sha) || !isRunId(runId) || !isTime(at)) return undefined;
  if ((url !== undefined && !isWebUrl(url)) || (link !== undefined && !isWebUrl(link))) return undefined;
  return {
    environment: sanitizeUntrusted(environment, 255),
    status: status as DeploymentStatus,
    ...(url !== undefined ? { url: url } : {}),
    sha,
    runId,
    at,
    ...(link !== undefined ? { link: link } : {}),
  };
}

function checkRow(data: unknown): CommentRow | undefined {
  if (!isRecord(data)) return undefined;
  const { id, gate, job, status, headline, figure, delta, link, sha, runId, at, detail, detailTooLong } = data;
  if (!isLine(id, 300) || !isLine(gate, 100) || (job !== undefined && !isLine(job, 100)) || !GATE_STATUSES.includes(status as GateStatus)) return undefined;
  // Stored text is already inert, entities and all: up to five characters for each one of the original.
  if (!isLine(headline, 5 * MAX_UNTRUSTED_TEXT) || (figure !== undefined && !isLine(figure, 500)) || (delta !== undefined && !isLine(delta, 500))) return undefined;
  if ((link !== undefined && !isWebUrl(link)) || !isSha(sha) || !isRunId(runId) || !isTime(at)) return undefined;
  if ((detail !== undefined && typeof detail !== 'string') || (detailTooLong !== undefined && typeof detailTooLong !== 'boolean')) return undefined;
  // A detail over the limit is not shown (as a fresh one would not be); the row stays.
  const keptDetail = typeof detail === 'string' && detail.length <= MAX_ROW_DETAIL ? detail : undefined;
  return {
    id,
    gate: sanitizeUntrusted(gate, 100),
    ...(job !== undefined ? { job: sanitizeUntrusted(job, 100) } : {}),
    status: status as GateStatus,
    headline: sanitizeUntrusted(headline, 5 * MAX_UNTRUSTED_TEXT),
    ...(figure !== undefined ? { figure: sanitizeUntrusted(figure, 500) } : {}),
    ...(delta !== undefined ? { delta: sanitizeUntrusted(delta, 500) } : {}),
    ...(link !== undefined ? { link: link } : {}),
    sha,
    runId,
    at,
    ...(keptDetail !== undefined ? { detail: inertDetail(keptDetail) } : {}),
    ...(detailTooLong === true || (detail !== undefined && keptDetail === undefined) ? { detailTooLong: true } : {}),
  };
}

/**
 * A stored detail is the gates' markdown: its tables and folds stay, but no
 * tag outside the few the renderers use, no @mention and no link to anything
 * but http(s) survive.
 */
function inertDetail(text: string): string {
  return text
    .replace(/<[^<]*/g, (part) => (DETAIL_TAGS.test(part) ? part : `&lt;${part.slice(1)}`))
    .replace(/@/g, '&#64;')
    .replace(/\]\(\s*(?!https?:\/\/)[^)]*\)/gi, ']');
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= 1e9;
}

function isRunId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < MAX_RUN_ID;
}

function isSha(value: unknown): value is string {
  return typeof value === 'string' && /^([0-9a-f]{40}|[0-9a-f]{64}|)$/.test(value);
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value) && Number.isFinite(Date.parse(value));
}

/** One line of at most `max` characters, no control characters. */
function isLine(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max && !/[\u0000-\u001f\u007f]/.test(value);
}

/** An http(s) URL of one line without credentials: what a link or a preview may point at. */
export function isWebUrl(value: unknown): value is string {
  if (!isLine(value, 2048)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** node:zlib when the state is packed or read, not when the step starts: it loads Node's streams with it. */
function zlib(): typeof import('node:zlib') {
  return process.getBuiltinModule('node:zlib');
}
