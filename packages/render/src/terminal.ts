import { formatBytes, formatDelta, type GateResult, type GateStatus } from '@roadstop/core';
import { countText } from './figures.js';

export interface TerminalOptions {
  color: boolean;
}

/** What a gate's own terminal renderer adds to the generic one: its column headers, and lines after the table. */
export interface TerminalParts {
  headers?: readonly [string, string, string, string, string];
  after?: (text: TerminalText) => string[];
}

/** Paint and bold as the options say, and columns lined up: for a gate's own lines. */
export interface TerminalText {
  bold: (text: string) => string;
  columns: (headers: string[], rows: string[][]) => string[];
}

const COLORS: Record<GateStatus, number> = { pass: 32, warn: 33, fail: 31, skipped: 90 };
const SYMBOL: Record<GateStatus, string> = { pass: '✔', warn: '!', fail: '✖', skipped: '-' };

/** The result as a person reads it in a terminal: a headline, a table, the problems. */
export function renderResultTerminal(result: GateResult, options: TerminalOptions, parts: TerminalParts = {}): string {
  const paint = (status: GateStatus, text: string) => (options.color ? `\u001b[${COLORS[status]}m${text}\u001b[39m` : text);
  const bold = (text: string) => (options.color ? `\u001b[1m${text}\u001b[22m` : text);
  const lines: string[] = [];
  lines.push(`${paint(result.status, `${SYMBOL[result.status]} ${result.gate}: ${result.status}`)}  ${bold(result.headline)}`, '');
  const rows = result.checks.map((check) => [
    check.name,
    // A skipped count counted nothing: a 0 there would read as a result.
    check.status === 'skipped' && check.unit === 'count' ? '—' : (countText(check) ?? formatValue(check.value, check.unit, check.details?.compression)),
    check.limitText ?? (check.limit !== undefined ? formatValue(check.limit, check.unit) : '—'),
    check.baseline !== undefined ? (check.unit === 'bytes' ? formatDelta(check.value - check.baseline, check.baseline) : signed(check.value - check.baseline)) : '—',
    check.status,
  ]);
  const headers = parts.headers ?? ['Check', 'Value', 'Limit', 'Δ vs base', 'State'];
  lines.push(...columns([...headers], rows, (row, text) => (row ? paint(row[4] as GateStatus, text) : text)));
  if (parts.after) lines.push(...parts.after({ bold, columns }));
  const notes = result.messages.filter((message) => message.level !== 'error');
  if (notes.length > 0) lines.push('', ...notes.map((message) => `${message.file ? `${message.file}${message.line ? `:${message.line}` : ''}: ` : ''}${message.level}: ${message.text}`));
  const problems = result.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
  if (problems.length > 0) lines.push('', ...problems.map((check) => paint(check.status, `${SYMBOL[check.status]} ${check.message ?? check.name}`)));
  return `${lines.join('\n')}\n`;
}

function columns(headers: string[], rows: string[][], paintRow: (row: string[] | undefined, text: string) => string = (_, text) => text): string[] {
  const widths = headers.map((header, index) => Math.max(width(header), ...rows.map((row) => width(row[index] ?? ''))));
  const format = (row: string[]) => row.map((text, index) => (index === 0 ? text.padEnd(widths[index]!) : text.padStart(widths[index]!))).join('  ');
  return [format(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((row) => paintRow(row, format(row)))];
}

const width = (text: string) => [...text].length;

function formatValue(value: number, unit: string, compression?: string | number | boolean): string {
  if (unit === 'bytes') return `${formatBytes(value)}${compression && compression !== 'raw' ? ` ${String(compression)}` : ''}`;
  if (unit === 'percent') return `${value}%`;
  return String(value);
}

function signed(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return `${rounded > 0 ? '+' : ''}${rounded}`;
}
