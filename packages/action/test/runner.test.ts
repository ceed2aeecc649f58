import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workflowCommands as commandsIn } from '@roadstop/testing';
import { describe, expect, it, vi } from 'vitest';
import { heredocDelimiter, neutralizeCommands } from '../src/runner.js';

/*
 * The edge speaks the runner's protocol itself (runner.ts says why); this holds
 * it to @actions/core: the same calls, in two processes, must write the same
 * stdout, the same GITHUB_OUTPUT (but for the random delimiter), the same
 * summary and the same exit code.
 */
const calls = `
  api.setSecret('s3cr3t-token');
  api.info('plain line: with :: and 100%');
  api.debug('multi\\nline\\r\\n 50% debug');
  api.annotate('error', 'bad thing, on\\nline', { title: 'roadstop x: y', file: 'src/a,b:c.ts', startLine: 12 });
  api.annotate('warning', 'careful', { title: 'T' });
  api.annotate('notice', 'fyi', {});
  api.setOutput('status', 'pass');
  api.setOutput('report', '/tmp/x y/result.json');
  api.setOutput('multi', 'a\\nb\\n%c');
  api.setOutput('empty', '');
  api.appendSummary('### heading\\n\\n<details><summary>x</summary>\\n\\nbody\\n\\n</details>\\n');
  api.setFailed('roadstop x: failed 100%');
`;

const viaCore = `
import * as core from '@actions/core';
const api = {
  setSecret: core.setSecret, info: core.info, debug: core.debug, setOutput: core.setOutput, setFailed: core.setFailed,
  annotate: (level, message, properties) => core[level](message, properties),
  appendSummary: (markdown) => core.summary.addRaw(markdown, true).write(),
};
${calls.replace('api.appendSummary(', 'await api.appendSummary(')}
console.log('input=' + JSON.stringify(core.getInput('Some input')));
`;

const viaEdge = `
import * as api from './packages/action/src/runner.ts';
${calls}
console.log('input=' + JSON.stringify(api.getInput('Some input')));
`;

/*
 * Text from outside, as the hostile probe of issue 17 sent it: a Slack answer's
 * channel, a PR comment's url, the legacy form, a lone \r, leading spaces and
 * zero-width characters, upper case. Annotations and debug lines stay byte for
 * byte @actions/core's (its %0A escaping is enough there); info lines, outputs
 * and the summary deliberately differ: @actions/core writes them as they are,
 * the edge neutralises each line that would start a command.
 */
const HOSTILE = [
  'C0\n::error::forged',
  'https://x.example\n::error title=forged::PR is safe, merge it\n::stop-commands::tok',
  'a\r::warning::lone carriage return',
  '   ::notice::indented',
  '\t\u200b::ERROR::zero width and upper case',
  'legacy ##[error]anywhere in the line',
  '#\u00ad#[set-output name=x;]soft hyphen',
  '::add-mask::unmask-me',
];
const hostileAnnotations = `
  for (const text of ${JSON.stringify(HOSTILE)}) {
    api.annotate('error', text, { title: text, file: text });
    api.debug(text);
  }
`;

function runScript(source: string, folder: string, name: string) {
  const output = join(folder, `${name}.output`);
  const summary = join(folder, `${name}.summary`);
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const script = join(process.cwd(), `.runner-parity-${name}-${process.pid}.mts`);
  writeFileSync(script, source);
  try {
    const run = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', script], {
      cwd: process.cwd(),
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, 'INPUT_SOME_INPUT': '  spaced value \n' },
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, output: readFileSync(output, 'utf8').replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIMITER'), summary: readFileSync(summary, 'utf8') };
  } finally {
    spawnSync('rm', ['-f', script]);
  }
}

describe("the edge's runner protocol", () => {
  it('writes exactly what @actions/core writes for the same calls', () => {
    const folder = mkdtempSync(join(tmpdir(), 'roadstop-runner-'));
    const core = runScript(viaCore, folder, 'core');
    const edge = runScript(viaEdge, folder, 'edge');
    expect(core.stderr).toBe('');
    expect(edge.stderr).toBe('');
    expect(core.stdout).toContain('::error title=roadstop x%3A y,file=src/a%2Cb%3Ac.ts,line=12::bad thing, on%0Aline');
    expect(core.output).toContain('multi<<DELIMITER\na\nb\n%c\nDELIMITER');
    expect(core.stdout).toContain('input="spaced value"');
    expect(edge).toEqual(core);
    expect(edge.status).toBe(1);
  });

  it('writes hostile annotations and debug lines exactly as @actions/core does: one command each', () => {
    const folder = mkdtempSync(join(tmpdir(), 'roadstop-runner-'));
    const core = runScript(viaCore.replace(calls.replace('api.appendSummary(', 'await api.appendSummary('), hostileAnnotations), folder, 'core-hostile');
    const edge = runScript(viaEdge.replace(calls, hostileAnnotations), folder, 'edge-hostile');
    expect(edge.stderr).toBe('');
    expect(edge.stdout).toBe(core.stdout);
    expect(commandsIn(edge.stdout)).toEqual(HOSTILE.flatMap(() => ['error', 'debug']));
  });

  it('neutralises every line of an info line, an output and the summary that the runner would read as a command, where @actions/core does not', () => {
    const folder = mkdtempSync(join(tmpdir(), 'roadstop-runner-'));
    const hostileText = `
      for (const [index, text] of ${JSON.stringify(HOSTILE)}.entries()) {
        api.info(text);
        api.setOutput('out' + index, text);
        await api.appendSummary(text);
      }
    `;
    const core = runScript(viaCore.replace(calls.replace('api.appendSummary(', 'await api.appendSummary('), hostileText), folder, 'core-text');
    const edge = runScript(viaEdge.replace(calls, hostileText.replace('await api.appendSummary', 'api.appendSummary')), folder, 'edge-text');
    expect(edge.stderr).toBe('');
    // The probe's point: @actions/core emits real commands from such text ...
    expect(commandsIn(core.stdout)).toEqual(expect.arrayContaining(['error', 'stop-commands', 'warning', 'notice', 'add-mask', 'set-output']));
    // ... the edge emits none, in the log, in the outputs (a later step may echo them) or in the summary.
    expect(commandsIn(edge.stdout)).toEqual([]);
    expect(commandsIn(edge.output.replace(/^out\d+<<DELIMITER$|^DELIMITER$/gm, ''))).toEqual([]);
    expect(commandsIn(edge.summary)).toEqual([]);
    // Still readable: the text is all there, a backslash in front of what would have been a command.
    expect(edge.stdout).toContain('C0\n\\::error::forged\n');
    expect(edge.stdout).toContain('legacy ##\\[error]anywhere in the line\n');
    expect(edge.stdout).toContain('   \\::notice::indented\n');
  });

  it.each([
    ['plain text', 'deployed 10% of traffic: error rate 0.05% (a::b)'],
    ['markdown', '### Slack\n\n| a | b |\n|---|---|\n| `1712345678.123456` | sent |'],
    ['a colon not doubled', ': x'],
    ['a hash not doubled', '#[1] and ## heading'],
  ])('leaves %s unchanged', (_name, text) => {
    expect(neutralizeCommands(text)).toBe(text);
  });

  it("draws a heredoc delimiter shaped as @actions/core's, and draws again while the output holds it", () => {
    const pattern = /^ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const drawn = new Set(Array.from({ length: 200 }, () => heredocDelimiter('value')));
    for (const delimiter of drawn) expect(delimiter).toMatch(pattern);
    expect(drawn.size).toBe(200);
    // Math.random returning the same numbers draws the same delimiter: a value holding it forces a new draw.
    const random = vi.spyOn(Math, 'random');
    try {
      // A draw takes five numbers: four for the hex digits, one for the variant.
      random.mockReturnValue(0.5);
      const first = heredocDelimiter('value');
      random.mockReset();
      for (const value of [0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.25]) random.mockReturnValueOnce(value);
      const second = heredocDelimiter(`a value that ends early\n${first}\nstatus=pass`);
      expect(second).not.toBe(first);
      expect(second).toMatch(pattern);
    } finally {
      random.mockRestore();
    }
  });
});
