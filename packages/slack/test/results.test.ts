import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createResult, type GateResult } from '@roadstop/core';
import { GATES } from '@roadstop/gates';
import { REPO_ROOT, startFakeSlack } from '@roadstop/testing';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { prepareResults, resultLine, resultReportBlocks, resultSummaryBlock, SLACK_INPUTS, SLACK_OUTPUTS, summarizeResults } from '../src/index.js';

function result(gate: string, fields: Partial<GateResult> = {}): GateResult {
  return createResult({
    gate,
    status: 'pass',
    headline: `${gate} within its limits`,
    metrics: {},
    checks: [{ name: 'lines', status: 'pass', value: 84.5, limit: 80, unit: 'percent', baseline: 84 }],
    items: [],
    messages: [],
    settings: {},
    ...fields,
  });
}

const prepared = (...results: GateResult[]) => prepareResults(results.map((item) => ({ file: `${item.gate}.json`, result: item })));

describe('gate results in Slack', () => {
  it('a line per gate, titled from the registry, with the main figure and its change', () => {
    const [coverage, bundle] = prepared(result('coverage-gate'), result('bundle-budget', { status: 'warn', headline: 'main bundle 142 kB of 400 kB', checks: [{ name: 'main', status: 'warn', value: 142_000, limit: 400_000, unit: 'bytes', baseline: 140_000 }] }));
    expect(resultLine(coverage!)).toBe('✅ Coverage 84.5% (+0.5 pt): coverage-gate within its limits');
    expect(resultLine(bundle!)).toBe('⚠️ Bundle budget 142 kB (+2 kB (+1.43%)): main bundle 142 kB of 400 kB');
    expect(summarizeResults([coverage!, bundle!])).toEqual({ status: 'warn', count: 2, summary: `${resultLine(coverage!)}\n${resultLine(bundle!)}` });
  });

  it("each gate's report is its own renderer's, through the registry; a gate it does not know gets the generic one", () => {
    for (const gate of GATES) {
      const [report] = resultReportBlocks(prepared(result(gate.name)));
      expect((report!.text as { text: string }).text).toContain(gate.renderTerminal(result(gate.name), { color: false }).trim().split('\n')[0]!);
    }
    const [future] = resultReportBlocks(prepared(result('future-gate', { checks: [{ name: 'speed', status: 'warn', value: 0.5, unit: 'ratio' }] })));
    expect((future!.text as { text: string }).text).toMatch(/^```\n✔ future-gate: pass {2}future-gate within its limits/);
  });

  it('makes a result file from a fork inert: no mention, no link, no hidden characters', async () => {
    const evil = prepared(result('coverage-gate', { headline: '<!channel> <https://evil.example|free money> & \u202egnp.exe', checks: [{ name: '<@U123>', status: 'fail', value: 1, unit: 'count', message: '```\n<!here>' }] }));
    const slack = await startFakeSlack();
    try {
      const rendered = slack.render({ text: '', blocks: [resultSummaryBlock(evil), ...resultReportBlocks(evil)] });
      expect(rendered.mentions).toEqual([]);
      expect(rendered.links).toEqual([]);
      expect(rendered.text).toContain('<!channel> <https://evil.example|free money> & gnp.exe');
      expect(rendered.text).not.toContain('\u202e');
    } finally {
      await slack.close();
    }
  });
});

describe('the action', () => {
  it("action.yml declares exactly the inputs and outputs the code reads and writes, and its default API URL", async () => {
    const action = parse(await readFile(join(REPO_ROOT, 'actions/slack-notify/action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown> };
    expect(Object.keys(action.inputs)).toEqual([...SLACK_INPUTS]);
    expect(Object.keys(action.outputs)).toEqual([...SLACK_OUTPUTS]);
    expect(action.inputs['api-url']!.default).toBe('https://slack.com/api/');
    expect(action.inputs['fail-on-error']!.default).toBe('true');
  });
});
