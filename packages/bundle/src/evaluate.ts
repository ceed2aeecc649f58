import { formatBytes, formatIncrease, type GateStatus, type ResultCheck } from '@roadstop/core';
import type { Budget } from './options.js';
import type { Compression } from './measure.js';

export interface BudgetMeasure {
  budget: Pick<Budget, 'name' | 'compression' | 'max' | 'warn' | 'maxIncrease' | 'patterns'>;
  size: number;
  files: number;
  /** The same budget's size on the baseline, when the baseline measured it alike. */
  baseline?: number;
}

/** Hold one budget's size against its max, its warn size and its allowed growth. */
export function judgeBudget({ budget, size, files, baseline }: BudgetMeasure): ResultCheck {
  const label = compressionLabel(budget.compression);
  const check: ResultCheck = {
    name: budget.name,
    status: 'pass',
    value: size,
    unit: 'bytes',
    details: { compression: budget.compression, files, path: budget.patterns.join(', ') },
  };
  const limits: string[] = [];
  if (budget.max !== undefined) {
    check.limit = budget.max;
    limits.push(`${formatBytes(budget.max)}${label}`);
  }
  // Without a baseline the growth limit is shown as not judged, never as a limit this size passed.
  if (budget.maxIncrease) limits.push(`+${formatIncrease(budget.maxIncrease)} vs base${baseline === undefined ? ' (not judged: no baseline)' : ''}`);
  if (limits.length > 0) check.limitText = limits.join(', ');
  if (baseline !== undefined) check.baseline = baseline;

  const problems: { status: GateStatus; text: string }[] = [];
  if (budget.max !== undefined && size > budget.max) {
    problems.push({ status: 'fail', text: `${budget.name} is ${formatBytes(size)}${label}, over its ${formatBytes(budget.max)} budget by ${formatBytes(size - budget.max)}` });
  }
  if (budget.maxIncrease && baseline !== undefined) {
    const { kind, value } = budget.maxIncrease;
    const allowed = kind === 'percent' ? Math.floor((baseline * value) / 100) : value;
    check.maxIncrease = allowed;
    const growth = size - baseline;
    if (growth > allowed) {
      const percent = baseline > 0 ? ` (${((growth / baseline) * 100).toFixed(2)}%)` : '';
      problems.push({
        status: 'fail',
        text: `${budget.name} grew by ${formatBytes(growth)}${percent}${label} against the base, more than the ${formatIncrease(budget.maxIncrease)} allowed`,
      });
    }
  }
  if (problems.length === 0 && budget.warn !== undefined && size > budget.warn) {
    problems.push({ status: 'warn', text: `${budget.name} is ${formatBytes(size)}${label}, past its warning size ${formatBytes(budget.warn)}` });
  }
  if (files === 0) {
    check.status = 'skipped';
    check.message = `${budget.name}: no files matched ${budget.patterns.join(', ')}`;
  } else if (problems.length > 0) {
    check.status = problems.some((problem) => problem.status === 'fail') ? 'fail' : 'warn';
    check.message = problems.map((problem) => problem.text).join('; ');
  } else {
    const room = budget.max !== undefined ? `, ${formatBytes(budget.max - size)} under its budget` : '';
    check.message = `${budget.name} is ${formatBytes(size)}${label}${room}`;
  }
  return check;
}

export function compressionLabel(compression: Compression): string {
  return compression === 'raw' ? '' : ` (${compression})`;
}
