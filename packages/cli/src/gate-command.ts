import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigurationError, isBlocking, loadConfig, type GateDescriptor, type GateEnv, type ResultMessage } from '@roadstop/core';
import { configSections } from '@roadstop/gates';
import { changedLines } from '@roadstop/git';
import { commandBaseline, commandWorkspace, commandConfigPath, COMMON_OPTIONS, finishCommand, prepareCommandReport, wantsColor } from './common.js';
import type { Io } from './io.js';

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string];

/** The command line of a gate: the common options, then each of its inputs as --<input>, as the descriptor says. */
export function gateCliOptions(gate: GateDescriptor): Record<string, OptionSpec> {
  const options: Record<string, OptionSpec> = { ...COMMON_OPTIONS };
  for (const input of gate.inputs) {
    if (input in options || gate.cli.hidden?.includes(input)) continue;
    if (gate.cli.flags?.includes(input)) options[input] = { type: 'boolean' };
    else options[input] = { type: 'string', ...(gate.cli.repeatable?.includes(input) ? { multiple: true } : {}) };
  }
  return options;
}

/** Map parsed arguments onto the action's inputs, so both edges resolve options the same way. */
export function cliInputs(gate: GateDescriptor, values: Record<string, unknown>, positionals: string[]): Partial<Record<string, string>> {
  const inputs: Partial<Record<string, string>> = {};
  for (const input of gate.inputs) {
    const value = values[input];
    if (typeof value === 'string') inputs[input] = value;
    else if (Array.isArray(value) && value.length > 0) inputs[input] = value.join('\n');
    else if (value === true) inputs[input] = 'true';
  }
  if (positionals.length > 0) {
    if (!gate.cli.positional) throw new ConfigurationError(`takes no arguments, got '${positionals[0]}'`, { input: gate.name });
    inputs[gate.cli.positional] = [inputs[gate.cli.positional], ...positionals].filter(Boolean).join('\n');
  }
  return inputs;
}

/** `roadstop <gate> [options]`: the gate on a laptop, from the same config file and the same descriptor as the action. */
export async function runGateCommand(gate: GateDescriptor, args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: gateCliOptions(gate) });
  if (values.help) {
    io.stdout(`${gate.cli.help}\n`);
    return 0;
  }
  const workspace = await commandWorkspace(typeof values.cwd === 'string' ? values.cwd : undefined, io);
  const inputs = cliInputs(gate, values, positionals);
  // --config is the user's own file on their own machine: the shell's folder is as good as the workspace.
  const config = loadConfig(commandConfigPath(values.config as string | undefined, io), { workspace, input: '--config', also: [io.cwd], sections: configSections() });
  for (const warning of config.warnings.filter((each) => each.key.startsWith(`${gate.name}.`))) io.stderr(`${warning.file ?? ''}${warning.line ? `:${warning.line}` : ''}: warning: ${warning.text}\n`);
  const options = gate.resolveOptions(config.section(gate.name), inputs, workspace);
  const messages: ResultMessage[] = [];
  const reportPath = await prepareCommandReport(values.report as string | undefined, io, gate.name, options.baseline, workspace);
  // Read while the gate starts: a large baseline takes a while to parse.
  const baseline = commandBaseline(options.baseline, io, workspace, gate, messages);
  baseline.catch(() => undefined);
  const env: GateEnv = {
    where: 'cli',
    workspace,
    scratch: await mkdtemp(join(tmpdir(), `roadstop-${gate.name}-`)),
    baseline,
    messages,
    log: (text) => io.stderr(`${text}\n`),
    changes: async (base) => {
      if (!base) return { unavailable: 'give --base (e.g. origin/main) to measure the changed lines' };
      try {
        const found = await changedLines({ cwd: workspace, base, remote: false });
        return { lines: found.lines, base: found.mergeBase, via: 'git' };
      } catch (error) {
        return { unavailable: (error as Error).message };
      }
    },
    uploadArtifact: (name, files, root) => Promise.resolve(`${files.length} file${files.length === 1 ? '' : 's'} kept in ${root} (artifact '${name}' is uploaded in GitHub Actions)`),
    secrets: [],
  };
  const result = await gate.run(options, env);
  return finishCommand(result, gate, { reportPath, json: values.json as boolean | undefined, color: wantsColor(values, io), blocking: isBlocking(result, options.failOn) }, io);
}
