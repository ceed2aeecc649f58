import { METRICS, totalFromDetail, type FileCoverage } from './model.js';

/**
 * How two descriptions of one file combine. `sum`: they are different runs
 * (shards, lcov records under different test names), so hits add up. `max`:
 * one run described twice (Cobertura classes sharing a file), so adding would
 * count the same execution twice.
 */
export type Combine = 'sum' | 'max';

/** Fold `source` into `target` by line, statement, function and branch identity. */
export function mergeFileInto(target: FileCoverage, source: FileCoverage, combine: Combine): void {
  const add = combine === 'sum' ? (a: number, b: number) => a + b : Math.max;
  const hadDetail = detailSizes(target);
  const sourceDetail = detailSizes(source);

  for (const [line, hits] of source.lines) {
    const previous = target.lines.get(line);
    target.lines.set(line, previous === undefined ? hits : add(previous, hits));
  }
  for (const [key, hits] of source.statements) {
    const previous = target.statements.get(key);
    target.statements.set(key, previous === undefined ? hits : add(previous, hits));
  }

  const functions = new Map<string, number>();
  keyFunctions(target.functions, (key, index) => functions.set(key, index));
  keyFunctions(source.functions, (key, index) => {
    const fn = source.functions[index]!;
    const at = functions.get(key);
    if (at === undefined) {
      functions.set(key, target.functions.length);
      target.functions.push({ ...fn });
    } else {
      const existing = target.functions[at]!;
      existing.hits = add(existing.hits, fn.hits);
    }
  });

  const branches = new Map<string, number>();
  target.branches.forEach((branch, index) => branches.set(branchKey(branch.line, branch.block, branch.branch), index));
  for (const branch of source.branches) {
    const key = branchKey(branch.line, branch.block, branch.branch);
    const at = branches.get(key);
    if (at === undefined) {
      branches.set(key, target.branches.length);
      target.branches.push({ ...branch });
    } else {
      const existing = target.branches[at]!;
      existing.taken = add(existing.taken, branch.taken);
    }
  }

  for (const metric of METRICS) {
    if (hadDetail[metric] > 0 || sourceDetail[metric] > 0) {
      target.totals[metric] = totalFromDetail(target, metric);
    } else {
      // Neither side has detail: the best there is, the stated counts added.
      const combined = { covered: target.totals[metric].covered + source.totals[metric].covered, total: target.totals[metric].total + source.totals[metric].total };
      target.totals[metric] = combine === 'sum' ? combined : maxRatio(target.totals[metric], source.totals[metric]);
    }
  }
}

function detailSizes(file: FileCoverage): Record<(typeof METRICS)[number], number> {
  return { lines: file.lines.size, statements: file.statements.size, functions: file.functions.length, branches: file.branches.length };
}

function maxRatio(a: { covered: number; total: number }, b: { covered: number; total: number }): { covered: number; total: number } {
  return a.total >= b.total ? a : b;
}

/**
 * A function is its line and name; a second function of the same name on the
 * same line (two anonymous callbacks) is told apart by its order.
 */
function keyFunctions(functions: readonly { name: string; line: number }[], visit: (key: string, index: number) => void): void {
  const seen = new Map<string, number>();
  functions.forEach((fn, index) => {
    const base = `${fn.line}\u0000${fn.name}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    visit(`${base}\u0000${occurrence}`, index);
  });
}

export function branchKey(line: number, block: string, branch: string): string {
  return `${line}\u0000${block}\u0000${branch}`;
}
