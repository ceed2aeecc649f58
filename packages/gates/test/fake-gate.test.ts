import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  COMMON_GATE_OPTIONS,
  ConfigurationError,
  configJsonSchema,
  createResult,
  givenInput,
  parseBaselineSpec,
  parseConfig,
  parseFailOn,
  parseResult,
  type GateDescriptor,
  type GateOptionsBase,
  type GateResult,
} from '@roadstop/core';
import { renderResultTerminal } from '@roadstop/render';
import { configSections, GATES, renderGateMarkdown, resultRangesOf } from '../src/index.js';

// "Adding a gate is one descriptor in the registry": a gate that exists only as
// this object, pushed onto GATES, and nothing else edited. The config file, its
// schema, the result check, the CLI (its own command and `roadstop run`) and the
// root action's job summary must all take it.

interface QueueOptions extends GateOptionsBase {
  maxDepth: number;
  depth: number;
}

const queueDepthGate: GateDescriptor<QueueOptions, 'max-depth' | 'depth' | 'baseline' | 'fail-on'> = {
  name: 'queue-depth',
  title: 'Queue depth',
  summary: 'the job queue against its largest depth',
  inputs: ['max-depth', 'depth', 'baseline', 'fail-on'],
  outputs: ['depth'],
  options: {
    'max-depth': { type: 'number', minimum: 0, integer: true, description: 'Largest depth.', renamedFrom: ['limit'] },
    depth: { type: 'number', minimum: 0, integer: true, description: 'The depth measured (a stand-in for a measurement).' },
    ...COMMON_GATE_OPTIONS,
  },
  resultRanges: { metric: (name) => (name === 'depth' ? { min: 0, integer: true } : undefined) },
  resolveOptions: (section, inputs, workspace) => {
    const number = (name: 'max-depth' | 'depth') => {
      const text = givenInput(inputs, name);
      if (text === undefined) return section.number(name) ?? 0;
      const value = Number(text);
      if (!Number.isInteger(value) || value < 0) throw new ConfigurationError(`'${text}' is not a depth`, { input: name });
      return value;
    };
    return {
      workspace,
      maxDepth: number('max-depth'),
      depth: number('depth'),
      baseline: parseBaselineSpec(givenInput(inputs, 'baseline') ?? section.string('baseline'), section.locate('baseline')),
      failOn: parseFailOn(givenInput(inputs, 'fail-on') ?? section.string('fail-on') ?? 'fail', section.locate('fail-on')),
    };
  },
  run: (options) => {
    const status = options.depth > options.maxDepth ? 'fail' : 'pass';
    return Promise.resolve(
      createResult({
        gate: 'queue-depth',
        status,
        headline: `depth ${options.depth} of ${options.maxDepth}`,
        metrics: { depth: options.depth },
        checks: [{ name: 'depth', status, value: options.depth, limit: options.maxDepth, unit: 'count' }],
        items: [],
        messages: [],
        settings: {},
      }),
    );
  },
  outputValues: (result) => ({ depth: result.metrics.depth }),
  renderMarkdown: (result) => `### Queue depth: ${result.status}\n\n${result.headline}\n`,
  renderTerminal: (result, options) => renderResultTerminal(result, options, { headers: ['Queue', 'Depth', 'Largest', 'Δ vs base', 'State'] }),
  cli: { help: 'Usage: roadstop queue-depth [--max-depth N] [--depth N]' },
};

beforeAll(() => {
  (GATES as GateDescriptor[]).push(queueDepthGate);
});

const captureIo = (cwd: string) => {
  const io = { cwd, env: {}, color: false, out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
};

async function workspaceWith(config: string): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'roadstop-fake-gate-'));
  await mkdir(join(workspace, '.github'));
  await writeFile(join(workspace, '.github/roadstop.yml'), config);
  return workspace;
}

describe('a gate added through the registry alone', () => {
  it('has a config section, checked by its own option definitions', () => {
    const config = parseConfig('queue-depth:\n  max-depth: 5\n', 'roadstop.yml', configSections());
    expect(config.section('queue-depth').number('max-depth')).toBe(5);
    expect(() => parseConfig('queue-depth:\n  max-dept: 5\n', 'roadstop.yml', configSections())).toThrow("unknown key 'max-dept'");
    expect(() => parseConfig('queue-depth:\n  max-depth: -1\n', 'roadstop.yml', configSections())).toThrow('-1 is out of range: must be at least 0');
  });

  it('is in the JSON Schema written from the registry', () => {
    const schema = configJsonSchema(configSections(), { id: 'x', describe: () => 'an input' });
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(schema);
    expect(validate({ 'queue-depth': { 'max-depth': 5 } })).toBe(true);
    expect(validate({ 'queue-depth': { 'max-depth': -1 } })).toBe(false);
  });

  it('has its results read back with its own ranges', () => {
    const result: GateResult = createResult({ gate: 'queue-depth', status: 'pass', headline: 'ok', metrics: { depth: -3 }, checks: [], items: [], messages: [], settings: {} });
    expect(() => parseResult(JSON.stringify(result), { gate: 'queue-depth', ranges: resultRangesOf })).toThrow('metrics.depth is -3, outside 0 to …');
    expect(() => parseResult(JSON.stringify(result), { gate: 'queue-depth' })).not.toThrow();
  });

  it('is a CLI command, and `roadstop run` runs it when the config names it', async () => {
    // The CLI builds its commands from GATES when it loads: loaded after the push, as a build with the gate would be.
    const { main } = await import('@roadstop/cli');
    const workspace = await workspaceWith('queue-depth:\n  max-depth: 5\n  depth: 9\n');
    const io = captureIo(workspace);
    expect(await main(['queue-depth', '--depth', '2'], io)).toBe(0);
    expect(io.out).toMatch(/^✔ queue-depth: pass {2}depth 2 of 5\n\nQueue +Depth +Largest/);
    const all = captureIo(workspace);
    expect(await main(['run'], all)).toBe(1);
    expect(all.out).toContain('✖ queue-depth: fail  depth 9 of 5');
    // Its renamed key is read under the new name, with one warning on stderr.
    const renamed = captureIo(await workspaceWith('queue-depth:\n  limit: 5\n  depth: 9\n'));
    expect(await main(['run'], renamed)).toBe(1);
    expect(renamed.out).toContain('depth 9 of 5');
    expect(renamed.err).toBe(".github/roadstop.yml:2: warning: 'queue-depth.limit' is deprecated: it is now 'queue-depth.max-depth' (the input's name); the old name still works for now\n");
    const help = captureIo(workspace);
    await main(['--help'], help);
    expect(help.out).toMatch(/queue-depth +the job queue against its largest depth/);
  });

  describe('in the root action', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
      process.exitCode = undefined;
      vi.restoreAllMocks();
    });

    it('runs, sets its outputs and writes its own job summary', async () => {
      const workspace = await workspaceWith('queue-depth:\n  max-depth: 5\n  depth: 3\n');
      const temp = await mkdtemp(join(tmpdir(), 'roadstop-fake-runner-'));
      const [summary, output] = [join(temp, 'summary.md'), join(temp, 'output')];
      await writeFile(summary, '');
      await writeFile(output, '');
      Object.assign(process.env, { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, INPUT_UPLOAD: 'never', GITHUB_EVENT_NAME: 'push' });
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      const { runRootAction } = await import('@roadstop/action');
      await runRootAction(GATES);
      expect(process.exitCode ?? 0).toBe(0);
      expect(await readFile(summary, 'utf8')).toContain('### Queue depth: pass');
      const outputs = await readFile(output, 'utf8');
      expect(outputs).toMatch(/^queue-depth-status<<(\S+)\npass\n\1$/m);
      expect(outputs).toMatch(/^queue-depth-depth<<(\S+)\n3\n\1$/m);
      expect(renderGateMarkdown(parseResult(await readFile(join(temp, 'roadstop/queue-depth.json'), 'utf8')))).toBe('### Queue depth: pass\n\ndepth 3 of 5\n');
    });
  });
});
