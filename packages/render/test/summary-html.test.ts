import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { createResult, type GateResult } from '@roadstop/core';
import { renderBundleBudgetMarkdown, renderCoverageGateMarkdown, renderResultMarkdown, renderResultTerminal } from '../src/index.js';

/** GitHub renders summaries and comments as GFM with raw HTML allowed: an HTML block runs to the next blank line. */
const gfm = new MarkdownIt({ html: true });

const perFileCheck = {
  name: 'per-file lines',
  status: 'pass' as const,
  value: 0,
  limit: 0,
  unit: 'count' as const,
  limitText: 'every file ≥ 30%',
  message: 'every file has at least 30% lines',
  details: { counting: 'files under 30%', of: 12 },
};

function coverageResult(overrides: Partial<GateResult> = {}): GateResult {
  return createResult({
    gate: 'coverage-gate',
    status: 'pass',
    headline: 'coverage ok · lines 91.3%',
    metrics: { lines: 91.3, 'lines-covered': 913, 'lines-total': 1000 },
    checks: [{ name: 'lines', status: 'pass', value: 91.3, limit: 80, limitText: '≥ 80%', unit: 'percent' }, perFileCheck],
    items: [
      { id: 'src/a.ts', lines: 100 },
      { id: 'src/b.ts', lines: 82.6 },
    ],
    messages: [],
    settings: {},
    ...overrides,
  });
}

function bundleResult(): GateResult {
  return createResult({
    gate: 'bundle-budget',
    status: 'pass',
    headline: '1 budget within its limit',
    metrics: { 'total-raw': 90_000, 'total-gzip': 30_000, files: 2, reused: 0, compressed: 2 },
    checks: [{ name: 'bundle', status: 'pass', value: 30_000, limit: 400_000, baseline: 29_000, unit: 'bytes', limitText: '400 kB (gzip)', details: { compression: 'gzip', files: 2 } }],
    items: [
      { id: 'dist/assets/index-BxK3a9_f.js', raw: 80_000, gzip: 27_000, hash: 'a', change: 'changed', base: 'dist/assets/index-AAAA1111.js', 'base-raw': 78_000, 'base-gzip': 26_000 },
      { id: 'dist/assets/index-DA2ZrwUF.css', raw: 10_000, gzip: 3000, hash: 'c', change: 'unchanged', base: 'dist/assets/index-DA2ZrwUF.css', 'base-raw': 10_000, 'base-gzip': 3000 },
    ],
    messages: [],
    baseline: { source: 'artifact', commit: 'a625406f6977d45c1391b078f4d3656e0b75bfcb', runId: 1 },
    settings: { gzipLevel: 9, brotliQuality: 11 },
  });
}

const blocks = {
  coverage: () => renderCoverageGateMarkdown(coverageResult()),
  bundle: () => renderBundleBudgetMarkdown(bundleResult()),
  generic: () => renderResultMarkdown(createResult({ gate: 'future-gate', status: 'pass', headline: 'fine', metrics: {}, checks: [], items: [], messages: [], settings: {} })),
};

describe('the combined job summary, as GitHub renders it', () => {
  it.each([
    { order: ['coverage', 'bundle'] as const, headings: ['✅ Coverage: pass', '✅ Bundle budget: pass'] },
    { order: ['bundle', 'coverage'] as const, headings: ['✅ Bundle budget: pass', '✅ Coverage: pass'] },
    { order: ['coverage', 'generic', 'bundle'] as const, headings: ['✅ Coverage: pass', '✅ future-gate: pass', '✅ Bundle budget: pass'] },
  ])('renders each gate heading as a heading: $order', ({ order, headings }) => {
    // The root action appends each gate's block to the summary with one end of line, as @actions/core's addRaw(text, true) does.
    const html = gfm.render(order.map((name) => blocks[name]()).join('\n'));
    expect([...html.matchAll(/<h3>(.*?)<\/h3>/g)].map((match) => match[1])).toEqual(headings);
    expect(html).not.toContain('###');
    // Every <details> is closed as HTML, and the tables after it are tables, not text.
    expect(html.match(/<details>/g)?.length).toBe(html.match(/<\/details>/g)?.length);
    expect(html).not.toMatch(/<\/details>\s*\n?\s*\|/);
  });

  it.each(Object.entries(blocks))('the %s block ends with a blank line, so whatever follows starts afresh', (_name, render) => {
    expect(render()).toMatch(/\n\n$/);
  });
});

describe('per-file thresholds say what they count', () => {
  it('in the terminal: how many files are under the bar, of how many', () => {
    const text = renderResultTerminal(coverageResult(), { color: false });
    expect(text).toMatch(/^per-file lines +files under 30%: 0 of 12 +every file ≥ 30% +— +pass$/m);
    expect(text).not.toMatch(/^per-file lines +0 /m);
  });

  it('in the terminal, skipped: no figure at all', () => {
    const skipped = { name: 'per-file branches', status: 'skipped' as const, value: 0, unit: 'count' as const, message: 'the report carries no branches coverage' };
    const text = renderResultTerminal(coverageResult({ checks: [skipped] }), { color: false });
    expect(text).toMatch(/^per-file branches +— +— +— +skipped$/m);
  });

  it('in the summary: a row of the coverage table', () => {
    const markdown = renderCoverageGateMarkdown(coverageResult());
    expect(markdown).toContain('| lines, per file | files under 30%: 0 of 12 | every file ≥ 30% | — | ✅ pass |');
  });

  it('in the summary, failing: the row and the files under the bar', () => {
    const failing = { ...perFileCheck, status: 'fail' as const, value: 2, message: '2 files below 30% lines: src/x.ts 0%, src/y.ts 12%' };
    const markdown = renderCoverageGateMarkdown(coverageResult({ status: 'fail', checks: [failing] }));
    expect(markdown).toContain('| lines, per file | files under 30%: 2 of 12 | every file ≥ 30% | — | ❌ fail |');
    expect(markdown).toContain('- ❌ 2 files below 30% lines: src/x.ts 0%, src/y.ts 12%');
  });
});
