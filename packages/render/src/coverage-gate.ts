import { NOT_JUDGED, type GateResult, type ResultItem } from '@roadstop/core';
import { countText } from './figures.js';
import { cell, code, details, markdownBlock, STATUS_ICON, table } from './markdown.js';

const METRICS = ['lines', 'statements', 'functions', 'branches'] as const;
const WORST_CHANGED = 10;
const UNCOVERED_LISTED = 100;

const percent = (value: number | undefined) => (value === undefined ? '—' : `${value}%`);
const delta = (now: number | undefined, before: number | undefined) => {
  if (now === undefined || before === undefined) return '—';
  const change = Math.round((now - before) * 100) / 100;
  return `${change > 0 ? '+' : ''}${change}`;
};

export function renderCoverageGateMarkdown(result: GateResult, options: { heading?: string } = {}): string {
  const parts: string[] = [`${options.heading ?? '###'} ${STATUS_ICON[result.status]} Coverage: ${result.status}`, `**${cell(result.headline)}**`];
  const thresholds = new Map(result.checks.map((check) => [check.name, check]));
  const base = new Map<string, number | undefined>(
    result.baseline ? result.checks.filter((check) => check.name.endsWith(' vs base')).map((check) => [check.name.replace(' vs base', ''), check.baseline]) : [],
  );
  const rows = METRICS.filter((metric) => result.metrics[metric] !== undefined).map((metric) => {
    const check = thresholds.get(metric);
    return [
      metric,
      `${percent(result.metrics[metric])} (${result.metrics[`${metric}-covered`]}/${result.metrics[`${metric}-total`]})`,
      check?.limitText ?? '—',
      delta(result.metrics[metric], base.get(metric)),
      check ? `${STATUS_ICON[check.status]} ${check.status}` : '',
    ];
  });
  const patch = thresholds.get('patch');
  if (result.metrics.patch !== undefined || patch) {
    rows.push([
      'changed lines',
      result.metrics.patch === undefined ? '—' : `${percent(result.metrics.patch)} (${result.metrics['patch-covered']}/${result.metrics['patch-total']})`,
      patch?.limitText ?? '—',
      '—',
      patch ? `${STATUS_ICON[patch.status]} ${patch.status}` : '',
    ]);
  }
  // Per-file thresholds, as what they count: `files under 30%: 0 of 12`.
  for (const check of result.checks.filter((entry) => entry.name.startsWith('per-file ') && entry.status !== 'skipped')) {
    rows.push([`${check.name.slice('per-file '.length)}, per file`, cell(countText(check) ?? String(check.value)), check.limitText ? cell(check.limitText) : '—', '—', `${STATUS_ICON[check.status]} ${check.status}`]);
  }
  parts.push(table(['Metric', 'Coverage', 'Threshold', 'Δ vs base', 'State'], rows, ['left', 'right', 'right', 'right', 'center']));
  const other = result.checks.filter((check) => !METRICS.includes(check.name as (typeof METRICS)[number]) && check.name !== 'patch' && check.status !== 'pass');
  const notes = other.map((check) => `- ${STATUS_ICON[check.status]} ${cell(check.message ?? check.name)}`);
  for (const message of result.messages.filter((entry) => entry.title === 'Incomplete report' || entry.title === 'Coverage paths')) notes.push(`- ⚠️ ${cell(message.text)}`);
  for (const message of result.messages.filter((entry) => entry.title === NOT_JUDGED)) notes.push(`- ℹ️ ${cell(message.text)}`);
  if (notes.length > 0) parts.push(notes.join('\n'));

  const changed = result.items.filter((item) => typeof item['patch-total'] === 'number' && Number(item['patch-total']) > 0);
  if (changed.length > 0) {
    const worst = [...changed].sort((a, b) => ratio(a) - ratio(b) || a.id.localeCompare(b.id)).slice(0, WORST_CHANGED);
    parts.push(
      `**Worst-covered changed files**\n\n` +
        table(
          ['File', 'Changed lines covered', 'Not covered'],
          worst.map((item) => [code(item.id), `${item['patch-covered']}/${item['patch-total']}`, item['uncovered-changed'] ? cell(String(item['uncovered-changed'])) : '—']),
          ['left', 'right', 'left'],
        ),
    );
    const uncovered = changed.filter((item) => item['uncovered-changed']);
    if (uncovered.length > WORST_CHANGED) {
      const listed = uncovered.slice(0, UNCOVERED_LISTED).map((item) => `- ${code(item.id)}: ${cell(String(item['uncovered-changed']))}`);
      parts.push(details(`All ${uncovered.length} files with uncovered changed lines`, listed.join('\n') + (uncovered.length > UNCOVERED_LISTED ? `\n- …and ${uncovered.length - UNCOVERED_LISTED} more` : '')));
    }
  }
  const carried = METRICS.filter((metric) => result.metrics[metric] !== undefined);
  parts.push(
    details(
      `Coverage of ${result.items.length} files`,
      table(['File', ...carried], result.items.map((item) => [code(item.id), ...carried.map((metric) => percent(item[metric] as number | undefined))]), ['left', ...carried.map(() => 'right' as const)]),
    ),
  );
  return markdownBlock(parts);
}

function ratio(item: ResultItem): number {
  return Number(item['patch-covered']) / Math.max(1, Number(item['patch-total']));
}
