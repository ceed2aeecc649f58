import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metric, Ratio, Totals } from '../src/index.js';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const reportsDir = join(packageDir, 'fixtures', 'reports');
export const projectDir = join(packageDir, 'fixtures', 'project');
export const repositoryDir = join(packageDir, '..', '..');

export function reportPath(tool: string, name: string): string {
  return join(reportsDir, tool, name);
}

/** The `total` of a tool's coverage-summary.json: the tool's own numbers. */
export function istanbulSummary(tool: string): Totals {
  const total = JSON.parse(readFileSync(reportPath(tool, 'coverage-summary.json'), 'utf8')).total as Record<Metric, Ratio>;
  const pick = (metric: Metric): Ratio => ({ covered: total[metric].covered, total: total[metric].total });
  return { lines: pick('lines'), statements: pick('statements'), functions: pick('functions'), branches: pick('branches') };
}

export interface CoveragePyTotals {
  statements: Ratio;
  branches: Ratio;
  files: Record<string, { statements: Ratio; branches: Ratio }>;
}

/** coverage.py's own totals, from its JSON report. */
export function coveragePyTotals(): CoveragePyTotals {
  const data = JSON.parse(readFileSync(reportPath('coverage-py', 'coverage.json'), 'utf8'));
  const toRatios = (summary: Record<string, number>) => ({
    statements: { covered: summary.covered_lines!, total: summary.num_statements! },
    branches: { covered: summary.covered_branches!, total: summary.num_branches! },
  });
  const files: CoveragePyTotals['files'] = {};
  for (const [path, file] of Object.entries(data.files as Record<string, { summary: Record<string, number> }>)) files[path] = toRatios(file.summary);
  return { ...toRatios(data.totals), files };
}

/** The fixture project's files as `git ls-files` at the repository root would list them. */
export function repositoryFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(repositoryDir, path));
    }
  };
  walk(projectDir);
  return files;
}
