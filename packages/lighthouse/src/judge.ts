import { formatBytes, type ResultCheck, type ResultItem, type ResultMessage } from '@roadstop/core';
import type { CostlyAudit, RunSummary } from './lhr.js';
import { CATEGORIES, RESOURCE_TYPES, VITALS, type Category, type LighthouseGateOptions, type Vital } from './options.js';

/** One page as judged: its representative run, the spread of all its runs, and what cost it most. */
export interface PageMeasurement {
  /** Stable name across runs: the path for a served folder (its port changes), the URL otherwise. */
  id: string;
  url: string;
  median: RunSummary;
  runs: RunSummary[];
  /** Per category, the audits that cost the most points in the representative run. */
  costly: Partial<Record<Category, CostlyAudit[]>>;
  /** File names of the representative run's reports, as uploaded. */
  reports?: { html: string; json: string };
}

export const CATEGORY_LABEL: Record<Category, string> = { performance: 'performance', accessibility: 'accessibility', 'best-practices': 'best practices', seo: 'SEO' };

/** Lowest and highest score of a category over the runs. */
export function spreadOf(runs: readonly RunSummary[], category: Category): { min: number; max: number } | undefined {
  const scores = runs.map((run) => run.scores[category]).filter((score): score is number => score !== undefined);
  if (scores.length === 0) return undefined;
  return { min: Math.min(...scores), max: Math.max(...scores) };
}

export function describeAudits(audits: readonly CostlyAudit[] | undefined): string {
  return (audits ?? []).map((audit) => `${audit.title}${audit.display ? ` (${audit.display})` : ''}`).join('; ');
}

/** The page's assertions: least scores, vitals limits, resource budgets. */
export function judgePage(page: PageMeasurement, options: Pick<LighthouseGateOptions, 'minScores' | 'maxVitals' | 'budgets'>): ResultCheck[] {
  const checks: ResultCheck[] = [];
  for (const category of CATEGORIES) {
    const limit = options.minScores[category];
    if (limit === undefined) continue;
    const value = page.median.scores[category];
    const name = `${page.id} ${CATEGORY_LABEL[category]}`;
    if (value === undefined) {
      checks.push({ name, status: 'skipped', value: 0, limit, limitText: `≥ ${limit}`, unit: 'score', message: `${page.id}: Lighthouse gave no ${CATEGORY_LABEL[category]} score` });
      continue;
    }
    const spread = spreadOf(page.runs, category);
    const check: ResultCheck = { name, status: value >= limit ? 'pass' : 'fail', value, limit, limitText: `≥ ${limit}`, unit: 'score', details: { category, page: page.id } };
    if (spread && page.runs.length > 1) check.details!.spread = `${spread.min}–${spread.max}`;
    if (check.status === 'fail') {
      const audits = describeAudits(page.costly[category]);
      if (audits) check.details!.audits = audits;
      check.message = `${page.id}: ${CATEGORY_LABEL[category]} ${value} is below ${limit}${audits ? `; cost the most: ${audits}` : ''}`;
    } else {
      check.message = `${page.id}: ${CATEGORY_LABEL[category]} ${value}`;
    }
    checks.push(check);
  }
  for (const vital of Object.keys(VITALS) as Vital[]) {
    const limit = options.maxVitals[vital];
    if (limit === undefined) continue;
    const { label, unit } = VITALS[vital];
    const value = page.median.vitals[vital];
    const limitText = `≤ ${formatVital(vital, limit)}`;
    if (value === undefined) {
      checks.push({ name: `${page.id} ${label}`, status: 'skipped', value: 0, limit, limitText, unit, message: `${page.id}: Lighthouse gave no ${label}` });
      continue;
    }
    const fields = { name: `${page.id} ${label}`, value, limit, limitText, unit, details: { vital, page: page.id } };
    checks.push(atMost(fields, `${page.id}: ${label} ${formatVital(vital, value)}`, formatVital(vital, limit)));
  }
  for (const type of RESOURCE_TYPES) {
    const limit = options.budgets[type];
    if (limit === undefined) continue;
    const value = page.median.bytes[type] ?? 0;
    const details = { resource: type, page: page.id };
    const fields = { name: `${page.id} ${type} bytes`, value, limit, limitText: `≤ ${formatBytes(limit)}`, unit: 'bytes' as const, details };
    checks.push(atMost(fields, `${page.id}: ${type} transfer ${formatBytes(value)}`, `its budget of ${formatBytes(limit)}`));
  }
  return checks;
}

/** A value that must stay at or under its limit; `said` is the message when it does. */
function atMost(fields: Required<Pick<ResultCheck, 'name' | 'value' | 'limit' | 'limitText' | 'unit' | 'details'>>, said: string, over: string) {
  const { name, ...rest } = fields;
  const status: ResultCheck['status'] = rest.value > rest.limit ? 'fail' : 'pass';
  return { name, status, ...rest, message: status === 'fail' ? `${said} is over ${over}` : said };
}

/**
 * Each category against the same page on the base. Lighthouse scores move
 * between runs of the same build, so a drop no larger than the base's own
 * run-to-run spread is noise (a notice); past the spread and past max-drop it
 * fails.
 */
export function compareWithBase(page: PageMeasurement, base: ResultItem | undefined, maxDrop: LighthouseGateOptions['maxDrop']): { checks: ResultCheck[]; messages: ResultMessage[] } {
  const checks: ResultCheck[] = [];
  const messages: ResultMessage[] = [];
  if (!base) return { checks, messages };
  for (const category of CATEGORIES) {
    const allowed = maxDrop[category];
    const before = base[category];
    const now = page.median.scores[category];
    if (allowed === undefined || typeof before !== 'number' || now === undefined) continue;
    const spread = baseSpread(base, category);
    const drop = before - now;
    const label = CATEGORY_LABEL[category];
    const check: ResultCheck = {
      name: `${page.id} ${label} vs base`,
      status: 'pass',
      value: now,
      baseline: before,
      limit: before - allowed,
      limitText: `drop ≤ ${allowed}`,
      unit: 'score',
      details: { category, page: page.id, 'base-spread': spread },
    };
    if (drop <= allowed) {
      check.message = `${page.id}: ${label} ${now} against ${before} on the base`;
    } else if (drop <= spread) {
      check.message = `${page.id}: ${label} ${now} against ${before} on the base: a drop of ${drop} within the base's own run-to-run spread of ${spread}, so noise`;
      check.details!.noise = true;
      messages.push({ level: 'notice', title: 'Lighthouse: noise', text: check.message });
    } else {
      check.status = 'fail';
      const audits = describeAudits(page.costly[category]);
      check.message = `${page.id}: ${label} dropped by ${drop} against the base (${before} → ${now}), more than the ${allowed} allowed and the base's spread of ${spread}${audits ? `; cost the most: ${audits}` : ''}`;
      if (audits) check.details!.audits = audits;
    }
    checks.push(check);
  }
  return { checks, messages };
}

/** How far the base's runs of a category were apart (0 for a single run). */
export function baseSpread(base: ResultItem, category: Category): number {
  const min = base[`${category}-min`];
  const max = base[`${category}-max`];
  return typeof min === 'number' && typeof max === 'number' ? Math.max(0, max - min) : 0;
}

/** The page as a result item: median scores and vitals, the spread of the runs, bytes per type. */
export function pageItem(page: PageMeasurement): ResultItem {
  const item: ResultItem = { id: page.id, url: page.url, runs: page.runs.length };
  for (const category of CATEGORIES) {
    const score = page.median.scores[category];
    if (score === undefined) continue;
    item[category] = score;
    const spread = spreadOf(page.runs, category);
    if (spread) {
      item[`${category}-min`] = spread.min;
      item[`${category}-max`] = spread.max;
    }
  }
  for (const vital of Object.keys(VITALS) as Vital[]) {
    const value = page.median.vitals[vital];
    if (value !== undefined) item[vital] = value;
  }
  if (page.median.fcp !== undefined) item.fcp = page.median.fcp;
  for (const type of RESOURCE_TYPES) {
    const bytes = page.median.bytes[type];
    if (bytes !== undefined) item[`bytes-${type}`] = bytes;
  }
  if (page.median.requests !== undefined) item.requests = page.median.requests;
  if (page.reports) {
    item['report-html'] = page.reports.html;
    item['report-json'] = page.reports.json;
  }
  return item;
}

export function formatVital(vital: Vital, value: number): string {
  if (vital === 'cls') return String(Math.round(value * 1000) / 1000);
  return value >= 1000 ? `${Math.round(value / 100) / 10} s` : `${Math.round(value)} ms`;
}
