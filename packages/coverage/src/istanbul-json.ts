import { ConfigurationError, isRecord } from '@roadstop/core';
import { toChunks, type ReportInput } from './input.js';
import { readJsonEntries, type JsonEntry } from './json-entries.js';
import { emptyFile, emptyTotals, METRICS, totalFromDetail, type CoverageReport, type FileCoverage, type Metric, type MetricSupport, type Ratio, type Totals } from './model.js';

/**
 * Istanbul's JSON reports: coverage-final.json (the raw per-file counters, as
 * written by istanbul, nyc, jest, vitest and c8) and coverage-summary.json
 * (per-file totals only). Which one is decided by the first entry's shape,
 * not the file name. Lines are derived exactly as istanbul-lib-coverage's
 * FileCoverage.getLineCoverage does, so totals match istanbul's own summary.
 */
export async function parseIstanbulJson(input: ReportInput, file: string): Promise<CoverageReport> {
  let kind: 'final' | 'summary' | undefined;
  const files = new Map<string, FileCoverage>();
  let declared: Partial<Totals> | undefined;

  for await (const entry of readJsonEntries(toChunks(input), file)) {
    const entryKind = kindOf(entry);
    if (entryKind === undefined) {
      throw new ConfigurationError(
        `JSON is not an istanbul coverage report: the value of "${entry.key}" has neither statementMap and s (coverage-final.json) nor lines and statements totals (coverage-summary.json)`,
        { file, line: entry.line },
        'point it at coverage-final.json, coverage-summary.json, lcov.info, or a Cobertura or Clover XML file',
      );
    }
    if (kind === undefined) kind = entryKind;
    else if (kind !== entryKind) {
      throw new ConfigurationError(`JSON mixes coverage-final and coverage-summary entries ("${entry.key}" is a ${entryKind} entry)`, { file, line: entry.line });
    }
    if (entryKind === 'summary') {
      const totals = summaryTotals(entry, file);
      if (entry.key === 'total') declared = totals;
      else files.set(entry.key, { ...emptyFile(entry.key), totals });
    } else {
      files.set(entry.key, fileFromIstanbul(entry, file));
    }
  }

  if (kind === undefined) {
    throw new ConfigurationError('JSON is an empty object: the report describes no files', { file }, 'check that the tests ran with coverage enabled and instrumented the sources');
  }
  // A summary has per-file counts only; coverage-final.json has every counter.
  const support: MetricSupport = kind === 'summary' ? 'totals' : 'detail';
  const metrics: Record<Metric, MetricSupport> = { lines: support, statements: support, functions: support, branches: support };
  return { format: kind === 'summary' ? 'istanbul-summary' : 'istanbul-json', files, metrics, ...(declared ? { declared } : {}), sources: [file] };
}

type Json = Record<string, unknown>;

/** Old istanbul versions wrapped each file's counters in `{ data: … }`. */
function unwrap(value: unknown): unknown {
  return isRecord(value) && isRecord(value.data) && !('s' in value) ? value.data : value;
}

function kindOf(entry: JsonEntry): 'final' | 'summary' | undefined {
  const value = unwrap(entry.value);
  if (!isRecord(value)) return undefined;
  if (isRecord(value.statementMap) && isRecord(value.s)) return 'final';
  if (isRecord(value.lines) && isRecord(value.statements) && typeof value.lines.total === 'number') return 'summary';
  return undefined;
}

function summaryTotals(entry: JsonEntry, file: string): Totals {
  const value = entry.value as Json;
  const totals = emptyTotals();
  for (const metric of METRICS) {
    const raw = value[metric];
    if (raw === undefined) continue;
    if (!isRecord(raw) || typeof raw.total !== 'number' || typeof raw.covered !== 'number') {
      throw new ConfigurationError(`coverage-summary entry "${entry.key}" has no numeric ${metric}.total and ${metric}.covered`, { file, line: entry.line });
    }
    if (!(Number.isInteger(raw.total) && Number.isInteger(raw.covered) && raw.covered >= 0 && raw.covered <= raw.total)) {
      throw new ConfigurationError(`coverage-summary entry "${entry.key}" contradicts itself: ${metric} covers ${raw.covered} of ${raw.total}`, { file, line: entry.line }, 'a covered count is a whole number from 0 to the total; regenerate the report');
    }
    totals[metric] = { covered: raw.covered, total: raw.total } satisfies Ratio;
  }
  return totals;
}

interface Position {
  line: number;
  column: number;
}

function position(value: unknown): Position | undefined {
  if (!isRecord(value) || typeof value.line !== 'number') return undefined;
  return { line: value.line, column: typeof value.column === 'number' ? value.column : 0 };
}

function startLine(meta: unknown, ...fields: string[]): number {
  if (!isRecord(meta)) return 0;
  for (const field of fields) {
    const range = meta[field];
    const start = isRecord(range) ? position(range.start) : undefined;
    if (start) return start.line;
  }
  return typeof meta.line === 'number' ? meta.line : 0;
}

function hitCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function fileFromIstanbul(entry: JsonEntry, file: string): FileCoverage {
  const data = unwrap(entry.value) as Json;
  const result = emptyFile(entry.key);
  const statementMap = data.statementMap as Json;
  const s = data.s as Json;
  const fnMap = isRecord(data.fnMap) ? data.fnMap : {};
  const f = isRecord(data.f) ? data.f : {};
  const branchMap = isRecord(data.branchMap) ? data.branchMap : {};
  const b = isRecord(data.b) ? data.b : {};

  // istanbul-lib-coverage getLineCoverage: a line's hits are the most any
  // statement starting on it has; statements without a location are skipped
  // for lines but still counted as statements.
  // Counters for entries the maps lack contradict the report: refused, never counted as statements of nowhere.
  const contradiction = (counter: string, id: string, map: string) =>
    new ConfigurationError(`coverage-final entry "${entry.key}" contradicts itself: ${counter}["${id}"] counts a ${map === 'statementMap' ? 'statement' : map === 'fnMap' ? 'function' : 'branch'} that ${map} does not have`, { file, line: entry.line }, 'the report is corrupt or was merged by hand; regenerate it');
  for (const [id, rawHits] of Object.entries(s)) {
    const hits = hitCount(rawHits);
    const meta = statementMap[id];
    if (meta === undefined) throw contradiction('s', id, 'statementMap');
    const start = isRecord(meta) ? position(meta.start) : undefined;
    const end = isRecord(meta) ? position(meta.end) : undefined;
    let key = start ? `${start.line}:${start.column}-${end?.line ?? start.line}:${end?.column ?? start.column}` : `#${id}`;
    if (result.statements.has(key)) key = `${key}#${id}`;
    result.statements.set(key, hits);
    if (start) {
      const previous = result.lines.get(start.line);
      if (previous === undefined || previous < hits) result.lines.set(start.line, hits);
    }
  }

  // Functions and branches are counted from the counters (f, b), as istanbul's summary does.
  for (const [id, rawHits] of Object.entries(f)) {
    const meta = fnMap[id];
    if (meta === undefined && isRecord(data.fnMap)) throw contradiction('f', id, 'fnMap');
    const name = isRecord(meta) && typeof meta.name === 'string' ? meta.name : `(function ${id})`;
    result.functions.push({ name, line: startLine(meta, 'decl', 'loc'), hits: hitCount(rawHits) });
  }
  for (const [id, counts] of Object.entries(b)) {
    if (!Array.isArray(counts)) {
      throw new ConfigurationError(`coverage-final entry "${entry.key}": branch counters b["${id}"] are not an array`, { file, line: entry.line });
    }
    if (branchMap[id] === undefined && isRecord(data.branchMap)) throw contradiction('b', id, 'branchMap');
    const line = startLine(branchMap[id], 'loc');
    counts.forEach((taken, index) => result.branches.push({ line, block: id, branch: String(index), taken: hitCount(taken) }));
  }

  for (const metric of METRICS) result.totals[metric] = totalFromDetail(result, metric);
  return result;
}
