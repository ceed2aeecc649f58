import { escapeControlCharacters, type GateResult, type GateStatus } from '@roadstop/core';

export const STATUS_ICON: Record<GateStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', skipped: '⏭️' };

/** Text safe inside a GitHub markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text safe as inline code, whatever backticks it holds; control characters (a newline in a file name) written as escapes, so a table row stays one row. */
export function code(given: string): string {
  const text = escapeControlCharacters(given);
  const fence = '`'.repeat((text.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0) + 1);
  return `${fence}${fence.length > 1 ? ' ' : ''}${text.replace(/\|/g, '\\|')}${fence.length > 1 ? ' ' : ''}${fence}`;
}

export type Align = 'left' | 'right' | 'center';

export function table(headers: string[], rows: string[][], align: Align[] = []): string {
  const rule = headers.map((_, index) => ({ left: ':---', right: '---:', center: ':---:' })[align[index] ?? 'left']);
  return [headers, rule, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/**
 * One gate's block: its parts apart by blank lines, and a blank line at the
 * end. GitHub reads markdown as CommonMark, where an HTML block (a closing
 * `</details>`) runs on to the next blank line: without one, the next gate's
 * `### heading`, appended to the same summary or comment, shows as raw text.
 */
export function markdownBlock(parts: readonly string[]): string {
  return `${parts.filter((part) => part !== '').join('\n\n')}\n\n`;
}

export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** A horizontal bar chart in Mermaid, which GitHub renders in summaries and comments. */
export function mermaidBarChart(title: string, labels: string[], values: number[], unit: string): string {
  const quote = (text: string) => `"${text.replace(/"/g, "'").replace(/[\r\n]/g, ' ')}"`;
  const top = Math.max(1, ...values);
  return [
    '```mermaid',
    'xychart-beta horizontal',
    `    title ${quote(title)}`,
    `    x-axis [${labels.map(quote).join(', ')}]`,
    `    y-axis ${quote(unit)} 0 --> ${Number((top * 1.05).toFixed(2))}`,
    `    bar [${values.map((value) => Number(value.toFixed(2))).join(', ')}]`,
    '```',
  ].join('\n');
}

/**
 * Markdown for a result whose gate has no renderer of its own (a newer gate's
 * file read by an older build): the headline and a checks table. Each gate's
 * own renderer is named by its descriptor in the registry (packages/gates).
 */
export function renderResultMarkdown(result: GateResult): string {
  const rows = result.checks.map((check) => [cell(check.name), String(check.value), check.limit !== undefined ? String(check.limit) : '—', `${STATUS_ICON[check.status]} ${check.status}`]);
  return markdownBlock([`### ${STATUS_ICON[result.status]} ${result.gate}: ${result.status}`, `**${cell(result.headline)}**`, rows.length ? table(['Check', 'Value', 'Limit', 'State'], rows) : '']);
}
