import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createResult, type ResultItem } from '@roadstop/core';
import {
  compareWithBase,
  costliestAudits,
  judgePage,
  pageItem,
  renderLighthouseMarkdown,
  renderLighthouseTerminal,
  representativeRun,
  summarizeRun,
  type Lhr,
  type PageMeasurement,
} from '../src/index.js';

// Trimmed LHRs recorded with lighthouse 12.2.3 and Debian's Chromium: the example app, and the slow variant of test/slow-site.ts.
const fixture = (name: string): Lhr => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', `${name}.lhr.json`), 'utf8')) as Lhr;
const good = fixture('good');
const slow = fixture('slow');

/** A copy of an LHR with other FCP, TTI and performance score, as another run of the same page. */
function variant(lhr: Lhr, fcp: number, interactive: number, performance: number): Lhr {
  const copy = structuredClone(lhr);
  copy.audits['first-contentful-paint']!.numericValue = fcp;
  copy.audits.interactive!.numericValue = interactive;
  copy.categories.performance!.score = performance / 100;
  return copy;
}

function page(lhr: Lhr, runs: Lhr[] = [lhr]): PageMeasurement {
  return { id: '/index.html', url: lhr.requestedUrl!, median: summarizeRun(lhr), runs: runs.map(summarizeRun), costly: { performance: costliestAudits(lhr, 'performance') } };
}

describe('reading a Lighthouse run', () => {
  it('summarizes scores 0-100, vitals and transfer sizes', () => {
    expect(summarizeRun(slow)).toMatchObject({
      url: 'http://localhost:40000/index.html',
      scores: { performance: 30, accessibility: 100, 'best-practices': 93, seo: 100 },
      vitals: { cls: 0.429 },
    });
    const summary = summarizeRun(slow);
    expect(summary.vitals.lcp).toBeGreaterThan(4000);
    expect(summary.bytes.image).toBeGreaterThan(3_000_000);
    expect(summary.bytes.script).toBeGreaterThan(50_000);
    expect(summarizeRun(good).scores.performance).toBeGreaterThanOrEqual(90);
  });

  it('picks the run nearest the median FCP and time to interactive, as lhci does', () => {
    const runs = [variant(good, 900, 1000, 98), variant(good, 2500, 2600, 71), variant(good, 1100, 1200, 95), variant(good, 1000, 1150, 96), variant(good, 600, 700, 99)];
    const chosen = representativeRun(runs.map((lhr, index) => [index, lhr] as const));
    expect(chosen).toBe(3);
    expect(representativeRun([['only', good] as const])).toBe('only');
  });

  it('names the audits that cost performance the most: weighted metrics, then opportunities by time saved', () => {
    const costly = costliestAudits(slow, 'performance');
    expect(costly.slice(0, 3).map((audit) => audit.id)).toEqual(expect.arrayContaining(['largest-contentful-paint']));
    expect(costly[0]!.cost).toBeGreaterThan(costly[1]!.cost);
    expect(costly.some((audit) => ['render-blocking-resources', 'uses-optimized-images', 'modern-image-formats', 'bootup-time', 'total-byte-weight'].includes(audit.id))).toBe(true);
    expect(costliestAudits(good, 'seo')).toEqual([]);
  });
});

describe('judging a page', () => {
  const limits = { minScores: { performance: 80, accessibility: 90 }, maxVitals: { lcp: 4000, cls: 0.1 }, budgets: { image: 200_000, total: 5_000_000 } };

  it.each([
    ['the example app', good, { performance: 'pass', accessibility: 'pass', LCP: 'pass', CLS: 'pass', 'image bytes': 'pass', 'total bytes': 'pass' }],
    ['the slow variant', slow, { performance: 'fail', accessibility: 'pass', LCP: 'fail', CLS: 'fail', 'image bytes': 'fail', 'total bytes': 'pass' }],
  ] as const)('%s', (_, lhr, expected) => {
    const checks = judgePage(page(lhr), limits);
    expect(Object.fromEntries(checks.map((check) => [check.name.replace('/index.html ', ''), check.status]))).toEqual(expected);
  });

  it('says why a score fails, with the audits that cost it the most, and the spread of the runs', () => {
    const runs = [variant(slow, 4000, 9000, 30), variant(slow, 4100, 9100, 27), variant(slow, 3900, 8800, 34)];
    const [performance] = judgePage(page(runs[0]!, runs), { minScores: { performance: 80 }, maxVitals: {}, budgets: {} });
    expect(performance).toMatchObject({ status: 'fail', value: 30, limit: 80, limitText: '≥ 80', unit: 'score', details: { spread: '27–34' } });
    expect(performance!.message).toMatch(/^\/index\.html: performance 30 is below 80; cost the most: .*Largest Contentful Paint \([\d.]+\ss\)/);
  });
});

describe('against the base', () => {
  const base = (performance: number, min: number, max: number): ResultItem => ({ id: '/index.html', performance, 'performance-min': min, 'performance-max': max });

  it.each([
    ['no drop', base(95, 94, 96), 95, 'pass', false],
    ['a drop within max-drop', base(95, 94, 96), 93, 'pass', false],
    ['a drop past max-drop but within the base’s spread: noise', base(95, 85, 97), 88, 'pass', true],
    ['a drop past max-drop and past the spread', base(95, 94, 96), 80, 'fail', false],
    ['a single base run has no spread', base(95, 95, 95), 90, 'fail', false],
  ] as const)('%s', (_, item, now, status, noise) => {
    const { checks, messages } = compareWithBase(page(variant(good, 900, 1000, now)), item, { performance: 3 });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: '/index.html performance vs base', status, value: now, baseline: 95, limit: 92 });
    expect(messages.map((message) => message.level)).toEqual(noise ? ['notice'] : []);
    if (noise) expect(messages[0]!.text).toContain("within the base's own run-to-run spread of 12, so noise");
    if (status === 'fail') expect(checks[0]!.message).toContain(`dropped by ${95 - now} against the base (95 → ${now})`);
  });

  it('compares nothing for a page the base did not measure, or without max-drop', () => {
    expect(compareWithBase(page(good), undefined, { performance: 3 }).checks).toEqual([]);
    expect(compareWithBase(page(good), base(99, 99, 99), {}).checks).toEqual([]);
  });
});

describe('rendering', () => {
  const runs = [variant(slow, 4000, 9000, 30), variant(slow, 4100, 9100, 27)];
  const measured = page(runs[0]!, runs);
  const checks = judgePage(measured, { minScores: { performance: 80 }, maxVitals: { cls: 0.1 }, budgets: { image: 200_000 } });
  const result = createResult({ gate: 'lighthouse-gate', status: 'fail', headline: '/index.html performance 30 (≥ 80)', metrics: { runs: 2, performance: 30 }, checks, items: [pageItem(measured)], messages: [], settings: {} });

  it('markdown: a row per page with scores, spread and vitals, the failures with their costly audits, ending in a blank line', () => {
    const markdown = renderLighthouseMarkdown(result);
    expect(markdown).toContain('### ❌ Lighthouse: fail');
    expect(markdown).toContain('| Page | Performance | Accessibility | Best practices | SEO | LCP | CLS | TBT | Runs |');
    expect(markdown).toMatch(/\| `\/index\.html` \| ❌ 30 \(27–30\) \/ ≥ 80 \| 100 \| 93 \| 100 \| [\d.]+ s \| ❌ 0\.429 \| \d+ ms \| 2 \|/);
    expect(markdown).toContain('- ❌ /index.html: performance 30 is below 80; cost the most:\n  - Largest Contentful Paint');
    expect(markdown).toContain('<summary>Resource budgets</summary>');
    expect(markdown).toContain('nothing uploaded to public storage');
    expect(markdown.endsWith('</sub>\n\n')).toBe(true);
  });

  it('terminal: the checks, then each page with its scores and vitals', () => {
    const text = renderLighthouseTerminal(result, { color: false });
    expect(text).toContain('✖ lighthouse-gate: fail  /index.html performance 30 (≥ 80)');
    expect(text).toContain('    performance 30 (27–30) · accessibility 100 · best practices 93 · SEO 100');
    expect(text).toMatch(/LCP [\d.]+ s · CLS 0\.429 · TBT \d+ ms/);
  });
});
