import {
  applyFailOn,
  ConfigurationError,
  createResult,
  describeSkippedLinks,
  notJudgedWithoutBaseline,
  selectFiles,
  formatBytes,
  worstStatus,
  type BaselineInput,
  type GateEnv,
  type GateResult,
  type ResultCheck,
  type ResultItem,
  type ResultMessage,
} from '@roadstop/core';
import { baselineFiles, matchBaseline, sizeCacheFrom, type BaselineFile } from './baseline.js';
import { compressionLabel, judgeBudget, type BudgetMeasure } from './evaluate.js';
import { MeasurePool, type Compression, type CompressionSettings, type FileSize } from './measure.js';
import { GATE, type Budget, type BundleBudgetOptions } from './options.js';

/** The edge's commit, ref and notices (e.g. "no baseline artifact found") to keep in the result. */
export type RunContext = Partial<Pick<GateEnv, 'commit' | 'ref' | 'messages'>>;

export const TOTAL_CHECK = 'total';

/** Measure the build output, compare it with the budgets and the baseline, and produce the gate's result. */
export async function runBundleBudget(
  options: BundleBudgetOptions,
  baseline?: BaselineInput | Promise<BaselineInput | undefined>,
  context: RunContext = {},
): Promise<GateResult> {
  // Workers, if the job is worth any, start once the files are known and the calling thread measures beside
  // them; a baseline of many files announces a large job, and then they start now, while the globs expand.
  const pool = new MeasurePool(options.threads);
  // If globbing fails first, a failing baseline must not become an unhandled rejection; awaited below, it still throws.
  if (baseline instanceof Promise) baseline.then((read) => read && pool.prestart(read.result.items.length)).catch(() => undefined);
  else if (baseline) pool.prestart(baseline.result.items.length);
  try {
    return await measureAndJudge(options, pool, baseline, context);
  } finally {
    await pool.close();
  }
}

async function measureAndJudge(
  options: BundleBudgetOptions,
  pool: MeasurePool,
  pendingBaseline: BaselineInput | Promise<BaselineInput | undefined> | undefined,
  context: RunContext,
): Promise<GateResult> {
  const messages: ResultMessage[] = [...(context.messages ?? [])];
  const selections = new Map<Budget, string[]>();
  for (const budget of options.budgets) {
    const selection = await selectFiles(options.workspace, budget.patterns, budget.origin);
    const { files } = selection;
    const skipped = describeSkippedLinks(selection);
    if (files.length === 0 && !options.allowEmpty) {
      throw new ConfigurationError(
        `no files match ${budget.patterns.map((pattern) => `'${pattern}'`).join(', ')} (budget '${budget.name}') in ${options.workspace}${skipped ? `; ${skipped}` : ''}`,
        budget.origin,
        'build first, fix the glob, or set allow-empty: true',
      );
    }
    if (skipped) messages.push({ level: 'warning', title: 'Symlinks skipped', text: `budget '${budget.name}': ${skipped}` });
    if (files.length === 0) messages.push({ level: 'warning', text: `budget '${budget.name}': no files match ${budget.patterns.join(', ')}` });
    selections.set(budget, files);
  }
  const budgetFiles = [...new Set([...selections.values()].flat())].sort();
  const explicitTotal = options.total.patterns.join('\n') !== [...new Set(options.budgets.flatMap((budget) => budget.patterns))].join('\n');
  const totalFiles = explicitTotal ? (await selectFiles(options.workspace, options.total.patterns, options.total.origin)).files : budgetFiles;
  const allFiles = [...new Set([...budgetFiles, ...totalFiles])].sort();

  const compressions = new Set<Compression>([...options.budgets.map((budget) => budget.compression), options.total.compression]);
  compressions.delete('raw');
  const settings = { gzipLevel: options.gzipLevel, brotliQuality: options.brotliQuality };
  const baseline = await pendingBaseline;
  const before = baseline ? baselineFiles(baseline.result) : [];
  // Sizes are reused by content hash only from the base branch's own run (the artifact the GitHub lookup fetched):
  // a local baseline file is the pull request's to write, and one with real hashes and `gzip: 1` would pass any
  // bundle. Its files are measured again; its sizes stand only as the base side of the comparison.
  const cache = baseline?.fromBaseRun ? sizeCacheFrom(baseline.result, settings, before) : undefined;
  if (baseline && !baseline.fromBaseRun && before.length > 0) {
    messages.push({ level: 'notice', title: 'Baseline', text: `baseline ${baseline.info.source}: a local file, so its sizes are only compared with; every file of this build was measured` });
  }
  const inOrder = await pool.measure(cache ? likelyChangedFirst(allFiles, before) : allFiles, {
    workspace: options.workspace,
    compressions,
    ...settings,
    ...(cache ? { cache } : {}),
  });
  const byPath = new Map(inOrder.map((file) => [file.path, file]));
  const measured = allFiles.map((path) => byPath.get(path)!);

  const match = baseline ? matchBaseline(measured, before) : undefined;
  const baselineChecks = new Map((baseline?.result.checks ?? []).map((check) => [check.name, check]));

  const measure = (budget: BudgetMeasure['budget'], files: string[]): BudgetMeasure => {
    const size = sum(files.map((path) => sizeOf(byPath.get(path)!, budget.compression)));
    const entry: BudgetMeasure = { budget, size, files: files.length };
    const previous = baselineChecks.get(budget.name);
    if (previous && previous.details?.compression === budget.compression && comparable(baseline!.result, settings, budget.compression)) {
      entry.baseline = previous.value;
    }
    return entry;
  };

  const checks = options.budgets.map((budget) => judgeBudget(measure(budget, selections.get(budget)!)));
  const total = options.total;
  if (total.max !== undefined || total.maxIncrease !== undefined || total.warn !== undefined) {
    checks.push(judgeBudget(measure({ ...total, name: TOTAL_CHECK }, totalFiles)));
  }
  const limited = new Set([...options.budgets.filter((budget) => budget.maxIncrease).map((budget) => budget.name), ...(total.maxIncrease ? [TOTAL_CHECK] : [])]);
  messages.push(...unjudgedGrowth(checks, limited, baseline !== undefined));
  for (const check of checks) {
    if (check.status === 'fail' || check.status === 'warn') {
      messages.push({ level: check.status === 'fail' ? 'error' : 'warning', title: `Budget: ${check.name}`, text: check.message! });
    }
  }
  if (baseline && baseline.result.settings.gzipLevel !== options.gzipLevel && compressions.has('gzip')) {
    messages.push({ level: 'notice', text: `the baseline used gzip level ${String(baseline.result.settings.gzipLevel)}, this run ${options.gzipLevel}: gzip deltas are not shown` });
  }

  const items = buildItems(measured, match, selections, totalFiles);
  const status = worstStatus(checks.map((check) => check.status), 'pass');
  const metrics: Record<string, number> = {
    'total-raw': sum(totalFiles.map((path) => byPath.get(path)!.raw)),
    files: totalFiles.length,
    compressed: measured.filter((file) => !file.reused && compressions.size > 0).length,
    reused: measured.filter((file) => file.reused).length,
  };
  if (compressions.has('gzip')) metrics['total-gzip'] = sum(totalFiles.map((path) => byPath.get(path)!.gzip!));
  if (compressions.has('brotli')) metrics['total-brotli'] = sum(totalFiles.map((path) => byPath.get(path)!.brotli!));
  if (match) {
    metrics['files-added'] = items.filter((item) => item.change === 'added').length;
    metrics['files-removed'] = match.removed.length;
    metrics['files-changed'] = items.filter((item) => item.change === 'changed').length;
  }

  const result = createResult({
    gate: GATE,
    status: checks.every((check) => check.status === 'skipped') ? 'skipped' : status,
    headline: headline(checks, options.budgets),
    ...(context.commit ? { commit: context.commit } : {}),
    ...(context.ref ? { ref: context.ref } : {}),
    metrics,
    checks,
    items,
    messages,
    ...(baseline ? { baseline: baseline.info } : {}),
    settings: { ...settings, compressions: [...compressions].sort().join(',') || 'raw' },
  });
  applyFailOn(result, options.failOn);
  return result;
}

/**
 * Files the baseline has under another path (or not at all) first: bundlers
 * put a content hash in the name, so these are the ones likely to need
 * compressing, and taken first they spread over the threads instead of one
 * large one landing last on a single thread while the others sit idle.
 */
function likelyChangedFirst(paths: readonly string[], before: readonly BaselineFile[]): string[] {
  const known = new Set(before.map((file) => file.path));
  return [...paths.filter((path) => !known.has(path)), ...paths.filter((path) => known.has(path))];
}

function buildItems(
  measured: FileSize[],
  match: ReturnType<typeof matchBaseline> | undefined,
  selections: Map<Budget, string[]>,
  totalFiles: string[],
): ResultItem[] {
  const budgetsOf = new Map<string, string[]>();
  for (const [budget, files] of selections) for (const path of files) budgetsOf.set(path, [...(budgetsOf.get(path) ?? []), budget.name]);
  const inTotal = new Set(totalFiles);
  const items: ResultItem[] = measured.map((file) => {
    const item: ResultItem = { id: file.path, raw: file.raw };
    if (file.gzip !== undefined) item.gzip = file.gzip;
    if (file.brotli !== undefined) item.brotli = file.brotli;
    item.hash = file.hash;
    const budgets = budgetsOf.get(file.path);
    if (budgets) item.budgets = budgets.join(', ');
    if (!inTotal.has(file.path)) item.total = false;
    if (match) {
      const previous = match.matched.get(file.path);
      if (!previous) item.change = 'added';
      else {
        item.change = previous.hash === file.hash ? 'unchanged' : 'changed';
        item.base = previous.path;
        baseSizes(item, previous, file);
      }
    }
    return item;
  });
  for (const gone of match?.removed ?? []) items.push(baseSizes({ id: gone.path, change: 'removed' }, gone));
  return items;
}

/** The base's sizes of a file, each compressed one only where this run has it too (a removed file: every one it has). */
function baseSizes(item: ResultItem, previous: BaselineFile, now?: FileSize): ResultItem {
  item['base-raw'] = previous.raw;
  if (previous.gzip !== undefined && (!now || now.gzip !== undefined)) item['base-gzip'] = previous.gzip;
  if (previous.brotli !== undefined && (!now || now.brotli !== undefined)) item['base-brotli'] = previous.brotli;
  return item;
}

function comparable(result: GateResult, settings: CompressionSettings, compression: Compression): boolean {
  if (compression === 'gzip') return result.settings.gzipLevel === settings.gzipLevel;
  if (compression === 'brotli') return result.settings.brotliQuality === settings.brotliQuality;
  return true;
}

function sizeOf(file: FileSize, compression: Compression): number {
  return compression === 'raw' ? file.raw : (file[compression] ?? 0);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** A max-increase that had nothing to compare with is said, once for the run or once for the budgets the baseline lacks. */
export function unjudgedGrowth(checks: readonly ResultCheck[], limited: ReadonlySet<string>, hadBaseline: boolean): ResultMessage[] {
  const unjudged = checks.filter((check) => limited.has(check.name) && check.baseline === undefined && check.status !== 'skipped').map((check) => check.name);
  if (unjudged.length === 0) return [];
  if (!hadBaseline) return [notJudgedWithoutBaseline('max-increase needs a baseline and none was found, so growth was not judged')];
  return [notJudgedWithoutBaseline(`max-increase: the baseline has no size measured alike for ${unjudged.join(', ')}, so ${unjudged.length === 1 ? 'its' : 'their'} growth was not judged`)];
}

function headline(checks: ReturnType<typeof judgeBudget>[], budgets: Budget[]): string {
  const failing = checks.filter((check) => check.status === 'fail');
  const lead = failing[0] ?? checks.find((check) => check.name === budgets[0]?.name) ?? checks[0]!;
  const compression = String(lead.details?.compression ?? 'gzip') as Compression;
  const size = `${formatBytes(lead.value)}${lead.limit !== undefined ? ` of ${formatBytes(lead.limit)}` : ''}${compressionLabel(compression)}`;
  if (failing.length > 0) return `${failing.length} of ${checks.length} budget${checks.length === 1 ? '' : 's'} failed · ${lead.name} ${size}`;
  const warned = checks.filter((check) => check.status === 'warn').length;
  const state = warned > 0 ? `${warned} warning${warned === 1 ? '' : 's'}` : `within ${checks.length === 1 ? 'budget' : `${checks.length} budgets`}`;
  return `${state} · ${lead.name} ${size}`;
}
