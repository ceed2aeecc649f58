import { formatBytes, formatDelta, NOT_JUDGED, type GateResult, type ResultItem } from '@roadstop/core';
import { cell, code, details, markdownBlock, mermaidBarChart, STATUS_ICON, table } from './markdown.js';
import { renderResultTerminal, type TerminalOptions } from './terminal.js';

const LARGEST_FILES = 10;
const CHANGED_FILES = 20;

type Compression = 'gzip' | 'brotli' | 'raw';

/** The compression the result's first budget uses: the one tables and charts show. */
export function primaryCompression(result: GateResult): Compression {
  const first = result.checks[0]?.details?.compression;
  return first === 'brotli' || first === 'raw' ? first : 'gzip';
}

export function sizeOfItem(item: ResultItem, compression: Compression, base = false): number {
  const value = item[base ? `base-${compression}` : compression];
  return typeof value === 'number' ? value : 0;
}

export interface BundleMarkdownOptions {
  /** Heading level and whether to add the chart: the PR comment may keep it short. */
  heading?: string;
  chart?: boolean;
}

export function renderBundleBudgetMarkdown(result: GateResult, options: BundleMarkdownOptions = {}): string {
  const compression = primaryCompression(result);
  const parts: string[] = [];
  parts.push(`${options.heading ?? '###'} ${STATUS_ICON[result.status]} Bundle budget: ${result.status}`);
  parts.push(`**${cell(result.headline)}**`);
  parts.push(
    table(
      ['Budget', 'Size', 'Limit', 'Δ vs base', 'State'],
      result.checks.map((check) => [
        cell(check.name),
        `${formatBytes(check.value)}${check.details?.compression && check.details.compression !== 'raw' ? ` (${String(check.details.compression)})` : ''}`,
        check.limitText ? cell(check.limitText) : '—',
        check.baseline !== undefined ? formatDelta(check.value - check.baseline, check.baseline) : '—',
        `${STATUS_ICON[check.status]} ${check.status}`,
      ]),
      ['left', 'right', 'right', 'right', 'center'],
    ),
  );
  const problems = result.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
  const notes = problems.map((check) => `- ${STATUS_ICON[check.status]} ${cell(check.message ?? check.name)}`);
  for (const message of result.messages.filter((entry) => entry.title === NOT_JUDGED)) notes.push(`- ℹ️ ${cell(message.text)}`);
  if (notes.length > 0) parts.push(notes.join('\n'));

  const largest = largestFiles(result, compression, LARGEST_FILES);
  if (options.chart !== false && largest.length > 1) {
    parts.push(
      mermaidBarChart(
        `Largest files (${compression})`,
        largest.map((item) => shortName(item.id)),
        largest.map((item) => sizeOfItem(item, compression) / 1000),
        'kB',
      ),
    );
  }

  const changes = renderChanges(result, compression);
  if (changes) parts.push(changes);
  parts.push(renderFooter(result));
  return markdownBlock(parts);
}

function renderChanges(result: GateResult, compression: Compression): string | undefined {
  if (!result.baseline) return undefined;
  const moved = result.items
    .filter((item) => item.change === 'added' || item.change === 'removed' || item.change === 'changed')
    .map((item) => {
      const now = sizeOfItem(item, compression);
      const before = sizeOfItem(item, compression, true);
      return { item, now, before, delta: (item.change === 'removed' ? 0 : now) - (item.change === 'added' ? 0 : before) };
    })
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.item.id.localeCompare(b.item.id));
  if (moved.length === 0) return `No file changed against the base (${result.baseline.commit ? code(result.baseline.commit.slice(0, 7)) : result.baseline.source}).`;
  const rows = moved.slice(0, CHANGED_FILES).map(({ item, now, before, delta }) => [
    code(item.id) + (item.base && item.base !== item.id ? ` ← ${code(String(item.base))}` : ''),
    item.change === 'removed' ? '—' : formatBytes(now),
    item.change === 'added' ? 'new' : item.change === 'removed' ? 'removed' : formatDelta(delta, before),
  ]);
  const more = moved.length > CHANGED_FILES ? `\n\n…and ${moved.length - CHANGED_FILES} more changed files.` : '';
  return details(`${moved.length} file${moved.length === 1 ? '' : 's'} changed against the base (${compression})`, table(['File', 'Size', 'Δ'], rows, ['left', 'right', 'right']) + more);
}

function renderFooter(result: GateResult): string {
  const facts = [`${result.metrics.files ?? result.items.length} files`];
  if (result.metrics['total-gzip'] !== undefined) facts.push(`${formatBytes(result.metrics['total-gzip'])} gzip`);
  if (result.metrics['total-brotli'] !== undefined) facts.push(`${formatBytes(result.metrics['total-brotli'])} brotli`);
  facts.push(`${formatBytes(result.metrics['total-raw'] ?? 0)} raw`);
  if (result.baseline) facts.push(`base: ${result.baseline.commit ? code(result.baseline.commit.slice(0, 7)) : cell(result.baseline.source)}`);
  if ((result.metrics.reused ?? 0) > 0) facts.push(`${result.metrics.reused} unchanged files not recompressed`);
  return `<sub>${facts.join(' · ')}</sub>`;
}

function largestFiles(result: GateResult, compression: Compression, count: number): ResultItem[] {
  const files = result.items.filter((item) => item.change !== 'removed');
  return files.sort((a, b) => sizeOfItem(b, compression) - sizeOfItem(a, compression)).slice(0, count);
}

function shortName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.length > 40 ? `…${name.slice(-39)}` : name;
}

/** The CLI's report of bundle-budget: the budgets as a table, then the largest files and the totals. */
export function renderBundleBudgetTerminal(result: GateResult, options: TerminalOptions & { files?: number }): string {
  const count = options.files ?? LARGEST_FILES;
  return renderResultTerminal(result, options, {
    headers: ['Budget', 'Size', 'Limit', 'Δ vs base', 'State'],
    after: ({ bold, columns }) => {
      if (count <= 0) return [];
      const compression = primaryCompression(result);
      const largest = largestFiles(result, compression, count);
      const totals = [
        `${result.metrics.files ?? 0} files · ${formatBytes(result.metrics['total-raw'] ?? 0)} raw`,
        ...(['gzip', 'brotli'] as const).flatMap((kind) => (result.metrics[`total-${kind}`] !== undefined ? [`${formatBytes(result.metrics[`total-${kind}`]!)} ${kind}`] : [])),
      ];
      return [
        '',
        bold(`Largest files (${compression})`),
        ...columns(['File', 'Raw', compression, 'Change'], largest.map((item) => [item.id, formatBytes(Number(item.raw)), formatBytes(sizeOfItem(item, compression)), String(item.change ?? '')])),
        '',
        totals.join(' · '),
      ];
    },
  });
}
