import type { GateResult } from '@roadstop/core';
import { cell, markdownBlock, STATUS_ICON, table } from '@roadstop/render';

const figure = (value: number | undefined, unit: string): string => (value === undefined ? '–' : `${Number(value.toPrecision(4))}${unit}`);

/** The decision, then each metric: canary against baseline, n, p, effect, verdict and why; a chart of each over the window. */
export function renderCanaryMarkdown(result: GateResult): string {
  const decision = String(result.settings.decision ?? 'inconclusive');
  const parts = [`### ${STATUS_ICON[result.status]} Canary watch: ${decision} (score ${result.metrics.score ?? 0})`, `**${cell(result.headline)}**`];
  const rows = result.checks.map((check) => {
    const unit = check.unit === 'percent' ? '%' : check.unit === 'ms' ? ' ms' : '';
    const d = check.details ?? {};
    const n = `${d.n ?? ''}${d.baselineN !== undefined ? ` / ${d.baselineN}` : ''}`;
    const p = typeof d.p === 'number' ? (d.p < 1e-4 ? d.p.toExponential(1) : String(Number(d.p.toPrecision(2)))) : '–';
    const effect = typeof d.effect === 'number' ? `${d.effect >= 0 ? '+' : ''}${figure(d.effect, check.unit === 'percent' ? ' pp' : unit)}` : '–';
    return [cell(check.name), figure(d.measured === false ? undefined : check.value, unit), figure(check.baseline, unit), n, p, effect, `${STATUS_ICON[check.status]} ${String(d.verdict ?? check.status)}`, cell(check.message ?? '')];
  });
  parts.push(table(['metric', 'canary', 'baseline', 'n (canary / baseline)', 'p', 'effect', 'verdict', 'why'], rows));
  for (const check of result.checks) {
    const points = result.items.filter((item) => item.metric === check.name);
    if (points.length < 2) continue;
    // Each point closes an interval: the watch started one interval before the first.
    const start = Number(points[0]!.t) - Number(result.settings.interval ?? 0);
    const unit = check.unit === 'percent' ? '%' : check.unit === 'ms' ? 'ms' : '';
    const values = (field: 'canary' | 'baseline') => points.map((item) => (typeof item[field] === 'number' ? Number((item[field]).toFixed(3)) : 0));
    const top = Math.max(1e-9, ...values('canary'), ...values('baseline'), check.limit ?? 0);
    const lines = ['```mermaid', 'xychart-beta', `    title "${check.name.replace(/"/g, "'")} (canary${points.some((item) => typeof item.baseline === 'number') ? ', then baseline' : ''})"`, `    x-axis "seconds" [${points.map((item) => Math.round(Number(item.t) - start)).join(', ')}]`, `    y-axis "${unit}" 0 --> ${Number((top * 1.1).toPrecision(3))}`, `    line [${values('canary').join(', ')}]`];
    if (points.some((item) => typeof item.baseline === 'number')) lines.push(`    line [${values('baseline').join(', ')}]`);
    lines.push('```');
    parts.push(lines.join('\n'));
  }
  const messages = result.messages.map((message) => `- ${message.level}: ${cell(message.text)}`);
  if (messages.length > 0) parts.push(messages.join('\n'));
  return markdownBlock(parts);
}

export function renderCanaryTerminal(result: GateResult, options: { color: boolean }): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const decision = String(result.settings.decision ?? 'inconclusive');
  const lines = [paint(decision === 'promote' ? 32 : decision === 'rollback' ? 31 : 33, `canary-watch: ${result.headline}`)];
  for (const check of result.checks) lines.push(`  ${check.name}: ${String(check.details?.verdict ?? check.status)}: ${check.message ?? ''}`);
  return `${lines.join('\n')}\n`;
}
