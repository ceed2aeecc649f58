import type { GateResult } from '@roadstop/core';
import { cell, markdownBlock, STATUS_ICON, table } from './markdown.js';

/**
 * Markdown for a result whose gate has no renderer of its own (a newer gate's
 * file read by an older build): the headline and a checks table. Each gate's
 * own renderer is named by its descriptor in the registry (packages/gates).
 */
export function renderResultMarkdown(result: GateResult): string {
  const rows = result.checks.map((check) => [cell(check.name), String(check.value), check.limit !== undefined ? String(check.limit) : '—', `${STATUS_ICON[check.status]} ${check.status}`]);
  return markdownBlock([`### ${STATUS_ICON[result.status]} ${result.gate}: ${result.status}`, `**${cell(result.headline)}**`, rows.length ? table(['Check', 'Value', 'Limit', 'State'], rows) : '']);
}
