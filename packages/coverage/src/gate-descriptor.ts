import type { GateDescriptor, ResultMessage } from '@roadstop/core';
import { renderCoverageGateMarkdown, renderResultTerminal } from '@roadstop/render';
import { COVERAGE_GATE_OPTIONS, GATE, INPUT_NAMES, resolveCoverageOptions, type CoverageGateOptions, type InputName } from './gate-options.js';

export const COVERAGE_GATE_HELP = `Usage: roadstop coverage-gate [options] [reports...]

Check coverage reports (lcov, istanbul JSON, Cobertura, Clover; detected from
content, several files merged) against thresholds, the changed lines of the
branch, and a baseline result, with the config's coverage-gate section.

Options:
  --config FILE          config file (default: .github/roadstop.yml, optional)
  --cwd DIR              repository root (default: .)
  --files GLOB           coverage reports; repeatable (or give them as arguments)
  --preset NAME          launch (60% lines), harden (70%), strict (85%)
  --min-lines N          least coverage in percent; also --min-statements,
                         --min-functions, --min-branches
  --min-patch N          least coverage of the lines changed since --base
  --base REF             commit or branch the changed lines are taken against (e.g. origin/main)
  --max-drop N           largest drop against --baseline, in percentage points
  --baseline FILE        a coverage-gate result to compare with
  --fail-on MODE         fail (default) | warn | never
  --report FILE          also write the result JSON to FILE
  --json                 print the result JSON instead of the table
  --no-color             plain text
  -h, --help             this help

Exit codes: 0 pass, warn or skipped; 1 a check failed; 2 a mistake in the
options or config; 3 an internal error.`;

/** What a baseline's coverage figures may be: percentages, and whole counts of lines. */
const PERCENT = { min: 0, max: 100 };
const COUNT = { min: 0, integer: true };
const OUTPUTS = ['lines', 'statements', 'functions', 'branches', 'patch'];

/** coverage-gate, as the registry, the edges and the renderers know it. */
export const coverageGate: GateDescriptor<CoverageGateOptions, InputName> = {
  name: GATE,
  title: 'Coverage',
  summary: 'coverage reports against thresholds, changed lines and a baseline',
  inputs: INPUT_NAMES,
  outputs: OUTPUTS,
  options: COVERAGE_GATE_OPTIONS,
  resultRanges: {
    item: (field) => (/^(?:lines|statements|functions|branches)$/.test(field) ? PERCENT : /-(?:covered|total)$/.test(field) ? COUNT : undefined),
    metric: (name) => (/^(?:lines|statements|functions|branches|patch)$/.test(name) ? PERCENT : /-(?:covered|total)$|^files$|^report-files$/.test(name) ? COUNT : undefined),
    check: (unit) => (unit === 'percent' ? PERCENT : undefined),
  },
  resolveOptions: resolveCoverageOptions,
  run: async (options, env) => {
    // In a workflow the pull request gives the base; on a laptop the diff is taken only when asked for.
    const wantsChanges = env.where === 'action' || options.base !== undefined || options.minPatch !== undefined;
    // The parsers and git are loaded when the gate runs: a step that stops at its options never parses them.
    const [{ runCoverageGate }, { repositoryFiles }] = await Promise.all([import('./gate.js'), import('@roadstop/git')]);
    // A folder that is not a git checkout is listed instead, and the result says so in a notice.
    const notes: ResultMessage[] = [];
    const listed = repositoryFiles(options.workspace, (text) => notes.push({ level: 'notice', title: 'Repository files', text }));
    const [tracked, changes, baseline] = await Promise.all([listed, wantsChanges ? env.changes(options.base) : undefined, env.baseline]);
    return runCoverageGate(options, {
      repositoryFiles: tracked,
      ...(changes ? { changes } : {}),
      ...(baseline ? { baseline } : {}),
      messages: [...env.messages, ...notes],
      ...(env.commit ? { commit: env.commit } : {}),
      ...(env.ref ? { ref: env.ref } : {}),
    });
  },
  outputValues: (result) => Object.fromEntries(OUTPUTS.map((name) => [name, result.metrics[name]])),
  renderMarkdown: (result) => renderCoverageGateMarkdown(result),
  renderTerminal: (result, options) => renderResultTerminal(result, options),
  cli: { help: COVERAGE_GATE_HELP, positional: 'files', repeatable: ['files'] },
};
