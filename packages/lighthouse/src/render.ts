import type { GateResult, ResultCheck, ResultItem } from '@roadstop/core';
import { cell, code, details, renderResultTerminal, STATUS_ICON, table } from '@roadstop/render';
import { CATEGORY_LABEL, formatVital } from './judge.js';
import { CATEGORIES, VITALS, type Category, type Vital } from './options.js';

const VITAL_KEYS = Object.keys(VITALS) as Vital[];

/** A score with the spread of its runs: `92 (88–94)`. */
function scoreText(item: ResultItem, category: Category): string {
  const score = item[category];
  if (typeof score !== 'number') return '—';
  const min = item[`${category}-min`];
  const max = item[`${category}-max`];
  return typeof min === 'number' && typeof max === 'number' && min !== max ? `${score} (${min}–${max})` : String(score);
}

function checkFor(result: GateResult, page: string, name: string): ResultCheck | undefined {
  return result.checks.find((check) => check.name === `${page} ${name}`);
}

/** Job summary and PR comment: a table of pages (scores, vitals), the failing assertions with the audits that cost most. */
export function renderLighthouseMarkdown(result: GateResult, options: { heading?: string } = {}): string {
  const parts: string[] = [`${options.heading ?? '###'} ${STATUS_ICON[result.status]} Lighthouse: ${result.status}`, `**${cell(result.headline)}**`];
  if (result.items.length > 0) {
    const rows = result.items.map((item) => [
      code(item.id),
      ...CATEGORIES.map((category) => {
        const check = checkFor(result, item.id, CATEGORY_LABEL[category]);
        return `${check && check.status !== 'pass' ? `${STATUS_ICON[check.status]} ` : ''}${scoreText(item, category)}${check?.limitText ? ` / ${check.limitText}` : ''}`;
      }),
      ...VITAL_KEYS.map((vital) => {
        const value = item[vital];
        const check = checkFor(result, item.id, VITALS[vital].label);
        return typeof value === 'number' ? `${check && check.status !== 'pass' ? `${STATUS_ICON[check.status]} ` : ''}${formatVital(vital, value)}` : '—';
      }),
      String(item.runs ?? ''),
    ]);
    parts.push(
      table(
        ['Page', ...CATEGORIES.map((category) => capitalize(CATEGORY_LABEL[category])), ...VITAL_KEYS.map((vital) => VITALS[vital].label), 'Runs'],
        rows,
        ['left', ...CATEGORIES.map(() => 'right' as const), ...VITAL_KEYS.map(() => 'right' as const), 'right'],
      ),
    );
  }
  const problems = result.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
  if (problems.length > 0) {
    parts.push(
      problems
        .map((check) => {
          const audits = typeof check.details?.audits === 'string' ? check.details.audits.split('; ') : [];
          const head = `- ${STATUS_ICON[check.status]} ${cell(check.message?.split('; cost the most:')[0] ?? check.name)}`;
          return audits.length > 0 ? `${head}; cost the most:\n${audits.map((audit) => `  - ${cell(audit)}`).join('\n')}` : head;
        })
        .join('\n'),
    );
  }
  const budgets = result.checks.filter((check) => check.unit === 'bytes');
  if (budgets.length > 0) {
    parts.push(
      details(
        'Resource budgets',
        table(['Page', 'Resource', 'Transfer', 'Budget', 'State'], budgets.map((check) => [code(String(check.details?.page ?? '')), String(check.details?.resource ?? ''), `${Math.round(check.value / 100) / 10} kB`, check.limitText ?? '', `${STATUS_ICON[check.status]} ${check.status}`]), ['left', 'left', 'right', 'right', 'center']),
      ),
    );
  }
  const notes = result.messages.filter((message) => message.level !== 'error').map((message) => `- ${message.level === 'warning' ? '⚠️' : 'ℹ️'} ${cell(message.text)}`);
  if (result.status === 'fail' && result.items.length === 0) notes.unshift(...result.messages.filter((message) => message.level === 'error').map((message) => `- ❌ ${cell(message.text)}`));
  if (notes.length > 0) parts.push(notes.join('\n'));
  const facts: string[] = [];
  if (result.metrics.runs !== undefined) facts.push(`${result.metrics.runs} run${result.metrics.runs === 1 ? '' : 's'} per page, the median run judged`);
  if (result.baseline) facts.push(`base: ${result.baseline.commit ? code(result.baseline.commit.slice(0, 7)) : cell(result.baseline.source)}`);
  facts.push('nothing uploaded to public storage');
  parts.push(`<sub>${facts.join(' · ')}</sub>`);
  // A blank line after the closing HTML, so a block concatenated after this one still renders as markdown on GitHub.
  return `${parts.join('\n\n')}\n\n`;
}

/** The CLI's report: the checks table and problems as every gate prints them, then the pages with their scores. */
export function renderLighthouseTerminal(result: GateResult, options: { color: boolean }): string {
  const lines = [renderResultTerminal(result, options).trimEnd()];
  if (result.items.length > 0) {
    lines.push('', 'Pages (median run; the spread of the runs in brackets)');
    for (const item of result.items) {
      const scores = CATEGORIES.map((category) => `${CATEGORY_LABEL[category]} ${scoreText(item, category)}`).join(' · ');
      const vitals = VITAL_KEYS.filter((vital) => typeof item[vital] === 'number')
        .map((vital) => `${VITALS[vital].label} ${formatVital(vital, item[vital] as number)}`)
        .join(' · ');
      lines.push(`  ${item.id}`, `    ${scores}`, ...(vitals ? [`    ${vitals}`] : []));
      if (typeof item['report-html'] === 'string') lines.push(`    report: ${item['report-html']}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function capitalize(text: string): string {
  return text === 'SEO' ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
