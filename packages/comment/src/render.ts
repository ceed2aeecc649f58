import { GATES, gateNamed } from '@roadstop/gates';
import { cell, details, STATUS_ICON, table } from '@roadstop/render';
import { MAX_ROW_DETAIL } from './rows.js';
import { encodeState, markerLine, type CommentRow, type CommentState, type DeploymentStatus } from './state.js';

/** GitHub refuses an issue comment body over 65,536 characters (422 "body is too long"). */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room kept for the note that says what was left out. */
const NOTE_ROOM = 1_500;

export const DEPLOYMENT_ICON: Record<DeploymentStatus, string> = { building: '🔨', ready: '✅', failed: '❌', inactive: '💤' };

export interface RenderOptions {
  key: string;
  /** `https://github.com`, for commit links. */
  serverUrl: string;
  /** `owner/repo`. */
  repository: string;
  maxChars?: number;
}

export interface RenderedComment {
  /** The whole comment: marker, markdown, state. */
  body: string;
  /** The markdown people read (no marker, no state): the job summary. */
  markdown: string;
  /** What did not fit, e.g. `details of lighthouse-gate`. */
  omitted: string[];
}

/** What one rendering shows: the table's rows, the rows whose details are folded in, the state kept, and what was left out. */
interface Shown {
  rows: CommentRow[];
  detailed: CommentRow[];
  state: CommentState;
  omitted: string[];
}

/**
 * The comment's body from its state: the deployment, a table of every gate's
 * row, each gate's own markdown folded under it, and the state itself. Over
 * `maxChars`, whole blocks are left out (folded details first, largest first,
 * then the state's copies of them, then table rows), never part of one: no
 * table, tag or character is cut, and a note says what is missing.
 */
export function renderComment(state: CommentState, options: RenderOptions): RenderedComment {
  const max = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  const rows = [...state.rows].sort(registryOrder);
  const withDetails = rows.filter((row) => row.detail);
  const tooLong = rows.filter((row) => row.detailTooLong).map((row) => `details of ${rowTitle(row)} (over ${MAX_ROW_DETAIL.toLocaleString('en-US')} characters)`);
  const render = (shown: Shown): RenderedComment => ({ ...assemble(state, shown, options), omitted: shown.omitted });

  const full = render({ rows, detailed: withDetails, state, omitted: tooLong });
  if (full.body.length <= max) return full;

  // 1. Fold out details, largest first, until the rest (without a note yet) leaves room for the note.
  const bare = tooLong.length > 0 ? render({ rows, detailed: withDetails, state, omitted: [] }).body.length : full.body.length;
  const detailed = keepDetails(withDetails, bare, max - NOTE_ROOM);
  const omitted = [...tooLong, ...withDetails.filter((row) => !detailed.has(row)).map((row) => `details of ${rowTitle(row)}`)];
  const kept = withDetails.filter((row) => detailed.has(row));
  const fewer = render({ rows, detailed: kept, state, omitted });
  if (fewer.body.length <= max) return fewer;

  // 2. The state's copies of the details left out go too; their rows stay. (rows holds state.rows' own objects.)
  const slimState: CommentState = { ...state, rows: state.rows.map((row) => (detailed.has(row) ? row : withoutDetail(row))) };
  const slim = render({ rows, detailed: kept, state: slimState, omitted });
  if (slim.body.length <= max) return slim;

  // 3. Table rows go from the end, with every detail. The state is compressed, so its size is only known by
  // rendering: the most rows that fit are found by halving, a handful of renderings rather than one per row.
  const withRows = (count: number): Shown => {
    const ids = new Set(rows.slice(0, count).map((row) => row.id));
    const dropped = rows.length - count;
    return {
      rows: rows.slice(0, count),
      detailed: [],
      state: { ...slimState, rows: slimState.rows.filter((row) => ids.has(row.id)).map(withoutDetail) },
      omitted: [...(withDetails.length > 0 || tooLong.length > 0 ? [`every gate's details`] : []), `${dropped} row${dropped === 1 ? '' : 's'} of the table`],
    };
  };
  let [low, high] = [0, rows.length - 1];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (render(withRows(middle)).body.length <= max) low = middle;
    else high = middle - 1;
  }
  return render(withRows(low));
}

/**
 * The details to keep: from the largest down, each block's length (and its
 * separator) is taken off the full body's length until it is within `budget`.
 * The blocks are measured once; nothing is rendered again.
 */
function keepDetails(withDetails: CommentRow[], fullLength: number, budget: number): Set<CommentRow> {
  const kept = new Set(withDetails);
  let length = fullLength;
  for (const row of [...withDetails].sort((a, b) => b.detail!.length - a.detail!.length)) {
    if (length <= budget) break;
    kept.delete(row);
    length -= detailBlock(row).length + SEPARATOR.length;
  }
  return kept;
}

const SEPARATOR = '\n\n';

function detailBlock(row: CommentRow): string {
  return details(`${rowTitle(row)}: ${row.status}`, row.detail!);
}

/** The markdown and the whole body of one rendering. */
function assemble(state: CommentState, shown: Shown, options: RenderOptions): { markdown: string; body: string } {
  const markdown = [
    ...headerBlocks(state, shown.rows, options),
    ...shown.detailed.map(detailBlock),
    ...(shown.omitted.length > 0 ? [`_Left out to stay within GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character limit: ${shown.omitted.join(', ')}. The job summary of each run has them whole._`] : []),
  ].join(SEPARATOR);
  return { markdown, body: `${markerLine(options.key)}\n${markdown}\n\n${encodeState(shown.state)}` };
}

function withoutDetail(row: CommentRow): CommentRow {
  const { detail: _detail, ...rest } = row;
  return rest;
}

function headerBlocks(state: CommentState, rows: CommentRow[], options: RenderOptions): string[] {
  const blocks: string[] = [];
  const deployment = state.deployment;
  const title = deployment ? `${DEPLOYMENT_ICON[deployment.status]} ${cell(deployment.environment)}: ${deployment.status}` : `roadstop: ${cell(options.key)}`;
  blocks.push(`### ${title}`);
  if (deployment) {
    blocks.push(
      table(
        ['Environment', 'Status', 'Preview', 'Commit', 'Updated'],
        [[cell(deployment.environment), `${DEPLOYMENT_ICON[deployment.status]} ${deployment.status}`, deployment.url ? link(deployment.url, deployment.url) : '—', commitLink(deployment.sha, options), formatTime(deployment.at)]],
      ),
    );
  }
  if (rows.length > 0) {
    const headSha = state.head?.sha;
    blocks.push(
      table(
        ['Gate', 'Status', 'Result', 'Figure', 'Δ vs base', 'Commit', 'Run'],
        rows.map((row) => [
          cell(rowTitle(row)),
          `${STATUS_ICON[row.status]} ${row.status}`,
          cell(row.headline),
          row.figure ? cell(row.figure) : '—',
          row.delta ? cell(row.delta) : '—',
          `${commitLink(row.sha, options)}${headSha && row.sha !== headSha ? ' (older commit)' : ''}`,
          row.link ? link('run', row.link) : '—',
        ]),
      ),
    );
  } else if (!deployment) {
    blocks.push('_No gate results yet._');
  }
  if (!deployment && state.head) blocks.push(`Commit ${commitLink(state.head.sha, options)}, updated ${formatTime(state.updatedAt)}.`);
  return blocks;
}

function rowTitle(row: CommentRow): string {
  const title = gateNamed(row.gate)?.title ?? row.gate;
  return row.job ? `${title} (${row.job})` : title;
}

function registryOrder(a: CommentRow, b: CommentRow): number {
  const rank = (row: CommentRow) => {
    const index = GATES.findIndex((gate) => gate.name === row.gate);
    return index === -1 ? GATES.length : index;
  };
  return rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A markdown link to an http(s) URL only; anything else is shown as text. */
export function link(text: string, url: string): string {
  let href: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return cell(text);
    href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\|/g, '%7C');
  } catch {
    return cell(text);
  }
  return `[${cell(text).replace(/[[\]]/g, (char) => (char === '[' ? '&#91;' : '&#93;'))}](${href})`;
}

function commitLink(sha: string, options: RenderOptions): string {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return cell(sha);
  return link(sha.slice(0, 7), `${options.serverUrl.replace(/\/+$/, '')}/${options.repository}/commit/${sha}`);
}

/** `2025-06-01 14:03 UTC`: one zone for every reader. */
function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
