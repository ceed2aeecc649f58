import { describe, expect, it } from 'vitest';
import { createResult } from '@roadstop/core';
import { GATES, gateNamed, renderGateMarkdown, renderGateTerminal } from '../src/index.js';

describe('the gate registry', () => {
  it('lists each gate once, under the name of its config section and command', () => {
    const names = GATES.map((gate) => gate.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, 2)).toEqual(['coverage-gate', 'bundle-budget']);
    for (const gate of GATES) {
      expect(gate.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      // A gate that owns its step (canary-watch) reads its baseline live (baseline-label), not from a previous result.
      expect(gate.inputs).toContain(gate.ownStep ? 'baseline-label' : 'baseline');
      expect(gate.inputs).toContain('fail-on');
      expect(gate.inputs).not.toContain('config');
      expect(gate.outputs).not.toContain('status');
      expect(gate.cli.help).toMatch(new RegExp(`^Usage: roadstop ${gate.name} `));
      if (gate.cli.positional) expect(gate.inputs).toContain(gate.cli.positional);
      for (const flag of gate.cli.flags ?? []) expect(gate.inputs).toContain(flag);
    }
  });

  it("renders a result file with its gate's own renderer, found by the file's gate name", () => {
    const result = createResult({
      gate: 'bundle-budget',
      status: 'pass',
      headline: 'within budget',
      metrics: { 'total-raw': 10, 'total-gzip': 5, files: 1 },
      checks: [{ name: 'bundle', status: 'pass', value: 5, limit: 100, unit: 'bytes', limitText: '100 B (gzip)', details: { compression: 'gzip', files: 1 } }],
      items: [{ id: 'dist/a.js', raw: 10, gzip: 5, hash: 'x' }],
      messages: [],
      settings: {},
    });
    expect(gateNamed('bundle-budget')?.title).toBe('Bundle budget');
    expect(renderGateMarkdown(result)).toBe(gateNamed('bundle-budget')!.renderMarkdown(result));
    expect(renderGateMarkdown(result)).toContain('Bundle budget');
    expect(renderGateTerminal(result, { color: false })).toContain('✔ bundle-budget: pass');
  });

  it('renders a gate this build does not know as a plain checks table', () => {
    const result = createResult({ gate: 'future-gate', status: 'warn', headline: 'something to look at', metrics: {}, checks: [{ name: 'thing', status: 'warn', value: 3, limit: 2, unit: 'count' }], items: [], messages: [], settings: {} });
    expect(gateNamed('future-gate')).toBeUndefined();
    const markdown = renderGateMarkdown(result);
    expect(markdown).toContain('### ⚠️ future-gate: warn');
    expect(markdown).toContain('| thing | 3 | 2 | ⚠️ warn |');
  });
});
