import { bundleBudgetGate } from '@roadstop/bundle/gate';
import { canaryWatchGate } from '@roadstop/canary/gate';
import type { ConfigSectionDefinitions, GateDescriptor, GateResult, ResultRanges } from '@roadstop/core';
import { coverageGate } from '@roadstop/coverage/gate';
import { lighthouseGate } from '@roadstop/lighthouse/gate';
import { renderResultMarkdown, renderResultTerminal } from '@roadstop/render';

/**
 * Every gate roadstop has, once, in the order a pipeline runs them (tests
 * before build output). The root action, `roadstop run`, the CLI's commands,
 * the config file's sections, the result check, the PR comment and Slack
 * iterate this list; adding a gate is one package exporting a descriptor, one
 * line here and one thin action folder.
 */
export const GATES: readonly GateDescriptor[] = [coverageGate, bundleBudgetGate, lighthouseGate, canaryWatchGate];

/**
 * Config sections of the steps that are not gates: reserved names, any map,
 * read by nothing yet (their actions take inputs only).
 */
const STEP_SECTIONS: ConfigSectionDefinitions = {
  'pr-staging-comment': { description: 'Reserved for pr-staging-comment (which takes its settings as inputs); any map.' },
  'slack-notify': { description: 'Reserved for slack-notify (which takes its settings as inputs); any map.' },
};

/** Every section a config may hold: each gate's, from its descriptor, then the steps'. */
export function configSections(gates: readonly GateDescriptor[] = GATES): ConfigSectionDefinitions {
  const sections: Record<string, ConfigSectionDefinitions[string]> = {};
  for (const gate of gates) sections[gate.name] = { description: `${gate.title}: ${gate.summary}.`, options: gate.options };
  return { ...sections, ...STEP_SECTIONS };
}

export function gateNamed(name: string): GateDescriptor | undefined {
  return GATES.find((gate) => gate.name === name);
}

/** The result ranges of a result file's gate, for reading results back. */
export function resultRangesOf(gate: string): ResultRanges | undefined {
  return gateNamed(gate)?.resultRanges;
}

/** A result file's markdown: its gate's own renderer, or the generic checks table for a gate this build does not know. */
export function renderGateMarkdown(result: GateResult): string {
  return gateNamed(result.gate)?.renderMarkdown(result) ?? renderResultMarkdown(result);
}

export function renderGateTerminal(result: GateResult, options: { color: boolean }): string {
  return gateNamed(result.gate)?.renderTerminal(result, options) ?? renderResultTerminal(result, options);
}
