import { describe, expect, it } from 'vitest';
import { createResult, type GateResult } from '@roadstop/core';
import { cell, code, formatChange, mermaidBarChart, removeInvisible, renderBundleBudgetMarkdown, renderResultTerminal, table, truncateCodePoints } from '../src/index.js';

function bundleResult(overrides: Partial<GateResult> = {}): GateResult {
  return createResult({
    gate: 'bundle-budget',
    status: 'fail',
    headline: '1 of 2 budgets failed · main bundle 412 kB of 400 kB (gzip)',
    metrics: { 'total-raw': 1_200_000, 'total-gzip': 420_000, files: 3, reused: 2, compressed: 1 },
    checks: [
      { name: 'main bundle', status: 'fail', value: 412_000, limit: 400_000, baseline: 404_000, unit: 'bytes', limitText: '400 kB (gzip), +2% vs base', message: 'main bundle is 412 kB (gzip), over its 400 kB budget by 12 kB', details: { compression: 'gzip', files: 1 } },
      { name: 'styles', status: 'pass', value: 8000, limit: 50_000, unit: 'bytes', limitText: '50 kB (brotli)', details: { compression: 'brotli', files: 1 } },
    ],
    items: [
      { id: 'dist/assets/index-BxK3a9_f.js', raw: 1_100_000, gzip: 412_000, hash: 'a', change: 'changed', base: 'dist/assets/index-AAAA1111.js', 'base-raw': 1_000_000, 'base-gzip': 404_000 },
      { id: 'dist/assets/new|pipe-CCCC3333.js', raw: 90_000, gzip: 8000, hash: 'b', change: 'added' },
      { id: 'dist/assets/index-DA2ZrwUF.css', raw: 10_000, gzip: 3000, hash: 'c', change: 'unchanged', base: 'dist/assets/index-DA2ZrwUF.css', 'base-raw': 10_000, 'base-gzip': 3000 },
      { id: 'dist/assets/old-DDDD4444.js', change: 'removed', 'base-raw': 5000, 'base-gzip': 2000 },
    ],
    messages: [],
    baseline: { source: 'artifact', commit: 'a625406f6977d45c1391b078f4d3656e0b75bfcb', runId: 1 },
    settings: { gzipLevel: 9, brotliQuality: 11 },
    ...overrides,
  });
}

describe('markdown helpers', () => {
  it('escapes table cells and inline code', () => {
    expect(cell('a|b\nc <script>')).toBe('a\\|b c &lt;script&gt;');
    expect(code('plain')).toBe('`plain`');
    expect(code('has `tick`')).toBe('`` has `tick` ``');
    expect(table(['A', 'B'], [['1', '2']], ['left', 'right'])).toBe('| A | B |\n| :--- | ---: |\n| 1 | 2 |');
  });

  it('draws a horizontal Mermaid bar chart with quoted labels', () => {
    expect(mermaidBarChart('Largest "files"', ['a.js', 'b"c.js'], [120.456, 80], 'kB')).toBe(
      ['```mermaid', 'xychart-beta horizontal', `    title "Largest 'files'"`, `    x-axis ["a.js", "b'c.js"]`, '    y-axis "kB" 0 --> 126.48', '    bar [120.46, 80]', '```'].join('\n'),
    );
  });
});

describe('bundle-budget markdown', () => {
  const markdown = renderBundleBudgetMarkdown(bundleResult());

  it('has one table row per budget with size, limit, delta and state', () => {
    expect(markdown).toContain('### ❌ Bundle budget: fail');
    expect(markdown).toContain('| main bundle | 412 kB (gzip) | 400 kB (gzip), +2% vs base | +8 kB (+1.98%) | ❌ fail |');
    expect(markdown).toContain('| styles | 8 kB (brotli) | 50 kB (brotli) | — | ✅ pass |');
    expect(markdown).toContain('- ❌ main bundle is 412 kB (gzip), over its 400 kB budget by 12 kB');
  });

  it('lists changed, added and removed files, largest change first, with escaped names', () => {
    const changes = markdown.slice(markdown.indexOf('<details>'));
    expect(changes).toContain('<summary>3 files changed against the base (gzip)</summary>');
    const rows = changes.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toEqual([
      '| `dist/assets/index-BxK3a9_f.js` ← `dist/assets/index-AAAA1111.js` | 412 kB | +8 kB (+1.98%) |',
      '| `dist/assets/new\\|pipe-CCCC3333.js` | 8 kB | new |',
      '| `dist/assets/old-DDDD4444.js` | — | removed |',
    ]);
  });

  it('charts the largest files and sums up in the footer', () => {
    expect(markdown).toContain('xychart-beta horizontal');
    expect(markdown).toContain('<sub>3 files · 420 kB gzip · 1.2 MB raw · base: `a625406` · 2 unchanged files not recompressed</sub>');
  });

  it('says so when nothing changed', () => {
    const same = bundleResult({ items: [{ id: 'a.js', raw: 1, gzip: 1, hash: 'a', change: 'unchanged' }] });
    expect(renderBundleBudgetMarkdown(same)).toContain('No file changed against the base (`a625406`).');
  });
});

describe('terminal rendering', () => {
  it('prints an aligned table without colour codes when colour is off', () => {
    const text = renderResultTerminal(bundleResult(), { color: false });
    expect(text).not.toContain('\u001b[');
    const lines = text.split('\n');
    expect(lines[0]).toBe('✖ bundle-budget: fail  1 of 2 budgets failed · main bundle 412 kB of 400 kB (gzip)');
    expect(lines).toContain('main bundle  412 kB gzip  400 kB (gzip), +2% vs base  +8 kB (+1.98%)   fail');
    expect(text).toContain('✖ main bundle is 412 kB (gzip), over its 400 kB budget by 12 kB');
  });

  it('colours by status when asked', () => {
    expect(renderResultTerminal(bundleResult(), { color: true })).toContain('\u001b[31m✖ bundle-budget: fail\u001b[39m');
  });
});

describe('terminal messages', () => {
  it('name the file and line a message is about', () => {
    const result = createResult({
      gate: 'coverage-gate',
      status: 'pass',
      headline: 'coverage ok · lines 90%',
      metrics: { lines: 90 },
      checks: [{ name: 'lines', status: 'pass', value: 90, limit: 80, limitText: '≥ 80%', unit: 'percent' }],
      items: [],
      messages: [{ level: 'warning', title: 'Not covered by tests', file: 'src/a.ts', line: 12, text: 'changed line 12 is not covered by tests' }],
      settings: {},
    });
    const text = renderResultTerminal(result, { color: false });
    expect(text).toMatch(/^lines +90% +≥ 80% +— +pass$/m);
    expect(text).toContain('src/a.ts:12: warning: changed line 12 is not covered by tests');
  });
});

describe('text and figures', () => {
  it.each([
    ['abc', 5, 'abc'],
    ['abcdef', 4, 'abc…'],
    ['😀😀😀😀', 3, '😀😀…'],
  ])('truncateCodePoints(%s, %i) → %s', (text, max, expected) => {
    expect(truncateCodePoints(text, max)).toBe(expected);
  });

  it('removeInvisible drops controls and bidirectional overrides, keeps tabs and newlines', () => {
    expect(removeInvisible('evil\u202e\u0007txt\tand\nmore')).toBe('eviltxt\tand\nmore');
  });

  it.each([
    [{ value: 81.5, baseline: 80, unit: 'percent' as const }, '+1.5 pt'],
    [{ value: 90, baseline: 95, unit: 'score' as const }, '−5'],
    [{ value: 1200, baseline: 1200, unit: 'ms' as const }, '±0 ms'],
  ])('formatChange(%o) → %s', (check, expected) => {
    expect(formatChange({ name: 'x', status: 'pass', ...check })).toBe(expected);
  });
});
