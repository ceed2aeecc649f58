import type { GateDescriptor } from '@roadstop/core';
import { CANARY_WATCH_OPTIONS, GATE, INPUT_DEFINITIONS, INPUT_NAMES, resolveCanaryWatchOptions, secretsOf, type CanaryWatchOptions, type InputName } from './options.js';
import { renderCanaryMarkdown, renderCanaryTerminal } from './render.js';

export const CANARY_WATCH_HELP = `Usage: roadstop canary-watch [options]

Watch a canary's metrics (Prometheus, Datadog, Sentry or any JSON endpoint) every interval over
a duration, judge each against its limits and the baseline with confidence
bounds and rank tests, and decide promote, rollback or inconclusive.

Options:
  --config FILE                 config file (default: .github/roadstop.yml); metrics under canary-watch:
  --provider NAME               prometheus (default) | http | datadog | sentry
  --prometheus-url URL          e.g. http://127.0.0.1:9090
  --http-headers TEXT           'Name: value' lines for every request (values never printed)
  --token TOKEN                 sent as Authorization: Bearer (never printed)
  --datadog-site SITE           datadoghq.com (default), datadoghq.eu, ... or a URL
  --datadog-api-key KEY         with --datadog-app-key KEY: Datadog's keys (never printed)
  --sentry-url URL              provider sentry: https://sentry.io (default) or self-hosted
  --sentry-org SLUG             with --sentry-project SLUG|ID and --sentry-token TOKEN (never printed)
  --sentry-environment ENV      only this environment's sessions
  --interval D                  between looks, 1s to 6h (default 60s)
  --duration D                  the whole watch, 1s to 6h (default 15m)
  --canary-label L              replaces {{target}} for the canary (default canary)
  --baseline-label L            ... and for the baseline; leave out to judge on limits alone
  --metrics YAML                the metrics list (or canary-watch.metrics in the config)
  --failure-limit N             failing looks in a row that roll back (default 1)
  --consecutive-successes N     passing looks in a row that promote early (default: none)
  --max-consecutive-errors N    provider errors in a row before on-provider-error (default 3)
  --on-provider-error D         inconclusive (default) | rollback
  --false-rollback-rate P       false-rollback budget over the watch (default 0.5%)
  --fail-on D                   rollback (default) | inconclusive
  --report FILE                 also write the result JSON to FILE
  --json                        print the result JSON instead of the report
  --no-color                    plain text
  -h, --help                    this help

Exit codes: 0 promote (or inconclusive with --fail-on rollback); 1 rollback; 2 a
mistake in the options or config; 3 an internal error.`;

/**
 * canary-watch, as the registry knows it. It owns its step: a 15-minute watch
 * is not run by the root action or `roadstop run`.
 */
export const canaryWatchGate: GateDescriptor<CanaryWatchOptions, InputName> = {
  name: GATE,
  title: 'Canary watch',
  summary: 'watch a canary’s metrics and decide promote, rollback or inconclusive',
  inputs: INPUT_NAMES,
  inputDefinitions: INPUT_DEFINITIONS,
  outputs: ['decision', 'score'],
  options: CANARY_WATCH_OPTIONS,
  ownStep: true,
  resolveOptions: resolveCanaryWatchOptions,
  secretsOf,
  run: async (options, env) => (await import('./run.js')).runCanaryWatch(options, env),
  outputValues: (result) => ({ decision: String(result.settings.decision ?? ''), score: result.metrics.score }),
  renderMarkdown: renderCanaryMarkdown,
  renderTerminal: renderCanaryTerminal,
  cli: { help: CANARY_WATCH_HELP },
};
