import { cell, markdownBlock, table } from '@roadstop/render';
import type { RampOutcome } from './ramp.js';

const ICON = { promote: '✅', rollback: '❌', inconclusive: '⚠️' } as const;

/** The job summary: the outcome, then a row per step with its watch's decision and each metric's reason. */
export function renderReleaseMarkdown(outcome: RampOutcome, steps: readonly number[]): string {
  const title = `### ${ICON[outcome.decision]} Canary release: ${outcome.decision}${outcome.rolledBack ? ' (rolled back: all traffic on stable)' : ''}`;
  const rows = steps.map((weight, index) => {
    const record = outcome.steps[index];
    if (!record) return [String(index + 1), `${weight}%`, '–', '–', 'not reached'];
    const reasons = record.reasons.map((one) => `${one.name}: ${one.verdict}: ${one.reason}`).join('; ');
    return [String(record.step), `${record.weight}%`, cell(record.canary) + (record.baseline !== undefined ? ` vs ${cell(record.baseline)}` : ''), record.decision ?? 'stopped', cell(`${record.reason}${reasons ? ` — ${reasons}` : ''}`)];
  });
  return markdownBlock([title, `**${cell(outcome.reason)}**`, table(['step', 'weight', 'canary vs stable', 'watch', 'why'], rows)]);
}

export function renderReleaseTerminal(outcome: RampOutcome): string {
  const lines = [`canary-release: ${outcome.decision}: ${outcome.reason}`];
  for (const record of outcome.steps) lines.push(`  step ${record.step} ${record.weight}%: ${record.decision ?? 'stopped'}: ${record.reason}`);
  return `${lines.join('\n')}\n`;
}
