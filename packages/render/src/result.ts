import type { GateResult } from '@roadstop/core';
import { renderBundleBudgetMarkdown } from './bundle-budget.js';
import { renderCoverageGateMarkdown } from './coverage-gate.js';
import { cell, STATUS_ICON, table } from './markdown.js';

/** Markdown for any gate's result: the gate's own renderer where there is one, a checks table otherwise. */
export function renderResultMarkdown(result: GateResult): string {
  if (result.gate === 'bundle-budget') return renderBundleBudgetMarkdown(result);
  if (result.gate === 'coverage-gate') return renderCoverageGateMarkdown(result);
  const rows = result.checks.map((check) => [cell(check.name), String(check.value), check.limit !== undefined ? String(check.limit) : '—', `${STATUS_ICON[check.status]} ${check.status}`]);
  return [`### ${STATUS_ICON[result.status]} ${result.gate}: ${result.status}`, `**${cell(result.headline)}**`, rows.length ? table(['Check', 'Value', 'Limit', 'State'], rows) : '']
    .filter(Boolean)
    .join('\n\n');
}
