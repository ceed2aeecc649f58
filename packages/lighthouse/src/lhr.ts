import { computeRepresentativeRuns } from '@lhci/utils/src/representative-runs.js';
import { CATEGORIES, RESOURCE_TYPES, VITALS, type Category, type ResourceType, type Vital } from './options.js';

/** The part of a Lighthouse result (LHR) roadstop reads. */
export interface Lhr {
  requestedUrl?: string;
  finalDisplayedUrl?: string;
  finalUrl?: string;
  runtimeError?: { code: string; message: string };
  audits: Record<string, LhrAudit>;
  categories: Record<string, { id: string; title: string; score: number | null; auditRefs: { id: string; weight: number }[] }>;
}

export interface LhrAudit {
  id: string;
  title: string;
  score: number | null;
  numericValue?: number;
  displayValue?: string;
  metricSavings?: Record<string, number>;
  details?: { type?: string; overallSavingsMs?: number; items?: Record<string, unknown>[] };
}

/** One audit that cost a category points, with why. */
export interface CostlyAudit {
  id: string;
  title: string;
  /** Score points the category lost to it (weight × (1 − score)), or the time it would save, for opportunities. */
  cost: number;
  /** What Lighthouse shows for it, e.g. `5.2 s` or `Potential savings of 1,240 ms`. */
  display?: string;
}

/** What one Lighthouse run of one page measured, in the units people read: scores 0–100, vitals in ms. */
export interface RunSummary {
  url: string;
  scores: Partial<Record<Category, number>>;
  vitals: Partial<Record<Vital, number>>;
  fcp?: number;
  /** Transfer size per resource type, in bytes. */
  bytes: Partial<Record<ResourceType, number>>;
  requests?: number;
}

export function readLhrUrl(lhr: Lhr): string {
  return lhr.requestedUrl ?? lhr.finalDisplayedUrl ?? lhr.finalUrl ?? '';
}

export function summarizeRun(lhr: Lhr): RunSummary {
  const scores: Partial<Record<Category, number>> = {};
  for (const category of CATEGORIES) {
    const score = lhr.categories[category]?.score;
    if (typeof score === 'number') scores[category] = Math.round(score * 100);
  }
  const vitals: Partial<Record<Vital, number>> = {};
  for (const [vital, { audit }] of Object.entries(VITALS) as [Vital, (typeof VITALS)[Vital]][]) {
    const value = lhr.audits[audit]?.numericValue;
    if (typeof value === 'number') vitals[vital] = vital === 'cls' ? Math.round(value * 1000) / 1000 : Math.round(value);
  }
  const bytes: Partial<Record<ResourceType, number>> = {};
  let requests: number | undefined;
  for (const item of lhr.audits['resource-summary']?.details?.items ?? []) {
    const type = item.resourceType as ResourceType;
    if (RESOURCE_TYPES.includes(type) && typeof item.transferSize === 'number') bytes[type] = item.transferSize;
    if (type === 'total' && typeof item.requestCount === 'number') requests = item.requestCount;
  }
  const summary: RunSummary = { url: readLhrUrl(lhr), scores, vitals, bytes };
  const fcp = lhr.audits['first-contentful-paint']?.numericValue;
  if (typeof fcp === 'number') summary.fcp = Math.round(fcp);
  if (requests !== undefined) summary.requests = requests;
  return summary;
}

/**
 * The run that stands for a page: lhci's own choice (the run nearest the
 * median FCP and time to interactive), so roadstop's median is the one lhci
 * and its server would show.
 */
export function representativeRun<T>(runs: readonly (readonly [T, Lhr])[]): T {
  const [chosen] = computeRepresentativeRuns([runs.map(([key, lhr]) => [key, lhr] as [T, Lhr])]);
  if (chosen === undefined) throw new Error('representativeRun needs at least one run');
  return chosen;
}

/**
 * The audits that cost `category` the most points: for every weighted audit,
 * weight × (1 − score) as a share of the category's weight; for performance
 * also the opportunities (render-blocking resources, unused JavaScript,
 * oversized images...) by the time they would save.
 */
export function costliestAudits(lhr: Lhr, category: Category, limit = 3): CostlyAudit[] {
  const entry = lhr.categories[category];
  if (!entry) return [];
  const totalWeight = entry.auditRefs.reduce((sum, ref) => sum + ref.weight, 0) || 1;
  const costly: CostlyAudit[] = [];
  for (const ref of entry.auditRefs) {
    const audit = lhr.audits[ref.id];
    if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
    const cost = (100 * ref.weight * (1 - audit.score)) / totalWeight;
    costly.push({ id: audit.id, title: audit.title, cost: Math.round(cost * 10) / 10, ...(audit.displayValue ? { display: audit.displayValue } : {}) });
  }
  costly.sort((a, b) => b.cost - a.cost || a.id.localeCompare(b.id));
  if (category !== 'performance') return costly.slice(0, limit);
  const opportunities = performanceOpportunities(lhr).slice(0, limit);
  return [...costly.slice(0, limit), ...opportunities];
}

/** Performance audits that name what to fix, by the time they would save (ms). */
export function performanceOpportunities(lhr: Lhr): CostlyAudit[] {
  const found: CostlyAudit[] = [];
  for (const audit of Object.values(lhr.audits)) {
    const savings = audit.details?.type === 'opportunity' ? (audit.details.overallSavingsMs ?? audit.numericValue ?? 0) : 0;
    const metricSavings = audit.metricSavings ? Math.max(0, ...Object.entries(audit.metricSavings).filter(([metric]) => metric !== 'CLS').map(([, value]) => value)) : 0;
    const cost = Math.max(savings, metricSavings);
    if (cost < 50 || (audit.score !== null && audit.score >= 0.9)) continue;
    found.push({ id: audit.id, title: audit.title, cost: Math.round(cost), display: audit.displayValue ?? `saves about ${Math.round(cost)} ms` });
  }
  // Layout shifts have no time to save: the audit naming the shifting elements goes by its own score.
  const shifts = lhr.audits['layout-shifts'] ?? lhr.audits['layout-shift-elements'];
  if (shifts && shifts.score !== null && shifts.score < 0.9 && (lhr.audits['cumulative-layout-shift']?.score ?? 1) < 0.9) {
    found.push({ id: shifts.id, title: shifts.title, cost: 0, ...(shifts.displayValue ? { display: shifts.displayValue } : {}) });
  }
  return found.sort((a, b) => b.cost - a.cost || a.id.localeCompare(b.id));
}
