import { bundleBudgetGate } from '@roadstop/bundle/gate';
import { canaryWatchGate } from '@roadstop/canary/gate';
import type { GateDescriptor, GateResult } from '@roadstop/core';
import { coverageGate } from '@roadstop/coverage/gate';
import { lighthouseGate } from '@roadstop/lighthouse/gate';
import { renderResultMarkdown, renderResultTerminal } from '@roadstop/render';

/**
 * Every gate roadstop has, once, in the order a pipeline runs them (tests
 * before build output). The root action, `roadstop run`, the CLI's commands,
 * the PR comment and Slack iterate this list; adding a gate is one package
 * exporting a descriptor, one line here and one thin action folder.
 */
export const GATES: readonly GateDescriptor[] = [coverageGate, bundleBudgetGate, lighthouseGate, canaryWatchGate];

export function gateNamed(name: string): GateDescriptor | undefined {
  return GATES.find((gate) => gate.name === name);
}

/** A result file's markdown: its gate's own renderer, or the generic checks table for a gate this build does not know. */
export function renderGateMarkdown(result: GateResult): string {
  return gateNamed(result.gate)?.renderMarkdown(result) ?? renderResultMarkdown(result);
}

export function renderGateTerminal(result: GateResult, options: { color: boolean }): string {
  return gateNamed(result.gate)?.renderTerminal(result, options) ?? renderResultTerminal(result, options);
}
