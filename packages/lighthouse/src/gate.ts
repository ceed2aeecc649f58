import type { GateDescriptor } from '@roadstop/core';
import { CATEGORIES, GATE, INPUT_NAMES, LIGHTHOUSE_GATE_OPTIONS, resolveLighthouseOptions } from './options.js';
import type { InputName, LighthouseGateOptions } from './options.js';
import { renderLighthouseMarkdown, renderLighthouseTerminal } from './render.js';

export const LIGHTHOUSE_GATE_HELP = `Usage: roadstop lighthouse-gate [options] [urls...]

Run Lighthouse (through lhci collect, with Chrome or Chromium) on a static
build folder served locally or on URLs, several runs per page, and judge each
page's median run against least scores, Core Web Vitals limits, resource
budgets and a baseline result, with the config's lighthouse-gate section.
Nothing is uploaded to any public storage.

Options:
  --config FILE            config file (default: .github/roadstop.yml, optional)
  --cwd DIR                repository root (default: .)
  --static-dir DIR         build folder to serve and measure, e.g. dist
  --urls URL               pages already served; repeatable (or give them as arguments)
  --runs N                 Lighthouse runs per page, 1-20 (default 3)
  --preset NAME            launch (every category ≥ 80), harden (85), strict (90)
  --min-performance N      least score 0-100; also --min-accessibility,
                           --min-best-practices, --min-seo
  --max-lcp MS             largest LCP, e.g. 2500 or 2.5s; also --max-tbt MS, --max-cls 0.1
  --max-drop N             largest drop of a score against --baseline, in points
  --chrome-path FILE       Chrome or Chromium (default: CHROME_PATH, then PATH)
  --baseline FILE          a lighthouse-gate result to compare with
  --fail-on MODE           fail (default) | warn | never
  --report FILE            also write the result JSON to FILE
  --json                   print the result JSON instead of the table
  --no-color               plain text
  -h, --help               this help

Exit codes: 0 pass, warn or skipped (no browser); 1 a check failed; 2 a mistake
in the options or config; 3 an internal error.`;

/** lighthouse-gate, as the registry, the edges and the renderers know it. */
export const lighthouseGate: GateDescriptor<LighthouseGateOptions, InputName> = {
  name: GATE,
  title: 'Lighthouse',
  summary: 'Lighthouse scores, Core Web Vitals and resource budgets of a build or a preview URL',
  inputs: INPUT_NAMES,
  outputs: CATEGORIES,
  options: LIGHTHOUSE_GATE_OPTIONS,
  resolveOptions: resolveLighthouseOptions,
  // lhci, Chrome discovery and the judge are loaded when the gate runs, not when a step stops at its options.
  run: async (options, env) => (await import('./run.js')).runLighthouseGate(options, env),
  outputValues: (result) => Object.fromEntries(CATEGORIES.map((category) => [category, result.metrics[category]])),
  renderMarkdown: renderLighthouseMarkdown,
  renderTerminal: renderLighthouseTerminal,
  cli: { help: LIGHTHOUSE_GATE_HELP, positional: 'urls', repeatable: ['urls'] },
};
