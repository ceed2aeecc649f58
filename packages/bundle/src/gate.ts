import type { GateDescriptor } from '@roadstop/core';
import { renderBundleBudgetMarkdown, renderBundleBudgetTerminal } from '@roadstop/render';
import { BUNDLE_BUDGET_OPTIONS, GATE, INPUT_NAMES, resolveOptions, type BundleBudgetOptions, type InputName } from './options.js';

export const BUNDLE_BUDGET_HELP = `Usage: roadstop bundle-budget [options] [globs...]

Measure build output (raw, gzip, brotli) against the budgets of the roadstop
config (.github/roadstop.yml) or of the options, and against a baseline result.

Options:
  --config FILE          config file (default: .github/roadstop.yml, optional)
  --cwd DIR              workspace the globs and config are relative to (default: .)
  --path GLOB            files of one budget; repeatable; replaces the config's budgets
  --name NAME            name of that budget (default: bundle)
  --max SIZE             its largest allowed size, e.g. "400 kB"
  --compression KIND     gzip (default), brotli or raw
  --max-increase X       allowed growth against the baseline, e.g. 2% or "5 kB"
  --gzip-level N         1-9 (default 9)   --brotli-quality N  0-11 (default 11)
  --baseline FILE        a bundle-budget result to compare with ("none" to ignore the config's)
  --fail-on MODE         fail (default) | warn | never
  --allow-empty          pass a budget whose globs match nothing
  --report FILE          also write the result JSON to FILE
  --json                 print the result JSON instead of the table
  --no-color             plain text
  -h, --help             this help

Exit codes: 0 pass, warn or skipped; 1 a budget failed; 2 a mistake in the
options or config; 3 an internal error.`;

/** Sizes read back from a baseline are whole bytes, never negative. */
const SIZE = { min: 0, integer: true };

/** bundle-budget, as the registry, the edges and the renderers know it. */
export const bundleBudgetGate: GateDescriptor<BundleBudgetOptions, InputName> = {
  name: GATE,
  title: 'Bundle budget',
  summary: 'build output sizes against budgets and the base branch',
  inputs: INPUT_NAMES,
  outputs: ['total-raw', 'total-gzip', 'total-brotli'],
  options: BUNDLE_BUDGET_OPTIONS,
  resultRanges: {
    item: (field) => (/^(?:base-)?(?:raw|gzip|brotli)$/.test(field) ? SIZE : undefined),
    metric: (name) => (/^total-(?:raw|gzip|brotli)$|^files/.test(name) ? SIZE : undefined),
    check: (unit) => (unit === 'bytes' ? SIZE : undefined),
  },
  resolveOptions,
  // The baseline may still be read while the workers start and the globs run.
  // Measuring is loaded when the gate runs: a step that stops at its options never parses it.
  run: async (options, env) => (await import('./run.js')).runBundleBudget(options, env.baseline, env),
  outputValues: (result) => ({ 'total-raw': result.metrics['total-raw'], 'total-gzip': result.metrics['total-gzip'], 'total-brotli': result.metrics['total-brotli'] }),
  renderMarkdown: renderBundleBudgetMarkdown,
  renderTerminal: renderBundleBudgetTerminal,
  cli: { help: BUNDLE_BUDGET_HELP, positional: 'path', repeatable: ['path'], flags: ['allow-empty'] },
};
