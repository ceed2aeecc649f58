import type { GateResult } from '@roadstop/core';
import { renderGateMarkdown } from '@roadstop/gates';
import { formatChange, formatFigure, truncateCodePoints } from '@roadstop/render';
import { sanitizeResult } from './sanitize.js';
import type { CommentRow } from './state.js';

/** A gate's folded markdown longer than this is left out of the comment (the job summary has it whole). */
export const MAX_ROW_DETAIL = 20_000;
const MAX_HEADLINE = 200;

export interface RowSource {
  sha: string;
  runId: number;
  at: string;
  job?: string;
  /** The run's page, linked from the row. */
  link?: string;
}

/**
 * One comment row from a result file, rendered by its gate's own renderer
 * from the registry (or the generic one for a gate this build does not know),
 * after every string of the file was made inert.
 */
export function resultToRow(result: GateResult, source: RowSource): CommentRow {
  const safe = sanitizeResult(result);
  const main = safe.checks[0];
  const detail = renderGateMarkdown(safe);
  return {
    id: source.job ? `${safe.gate}@${source.job}` : safe.gate,
    gate: safe.gate,
    ...(source.job ? { job: source.job } : {}),
    status: safe.status,
    headline: truncateCodePoints(safe.headline, MAX_HEADLINE),
    ...(main ? { figure: formatFigure(main.value, main.unit) } : {}),
    ...(main?.baseline !== undefined ? { delta: formatChange(main) } : {}),
    ...(source.link ? { link: source.link } : {}),
    sha: source.sha,
    runId: source.runId,
    at: source.at,
    ...(detail.length <= MAX_ROW_DETAIL ? { detail } : { detailTooLong: true }),
  };
}
