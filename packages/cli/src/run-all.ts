import { parseArgs } from 'node:util';
import { ConfigurationError, DEFAULT_CONFIG_PATH, loadConfig } from '@roadstop/core';
import { configSections, GATES } from '@roadstop/gates';
import { commandConfigPath, commandWorkspace } from './common.js';
import { runGateCommand } from './gate-command.js';
import type { Io } from './io.js';

// As the root action: a gate that owns its step is not run.
const ROOT_GATES = GATES.filter((gate) => !gate.ownStep);
const NAMES = ROOT_GATES.map((gate) => gate.name).join(', ');

export const RUN_HELP = `Usage: roadstop run [--cwd DIR] [--config FILE] [--no-color]

Run every gate the config names, as the root action does in a workflow, in
this order: ${NAMES}. Exits with the worst exit code.`;

export async function runAllCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { cwd: { type: 'string' }, config: { type: 'string' }, 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(`${RUN_HELP}\n`);
    return 0;
  }
  const workspace = await commandWorkspace(values.cwd, io);
  const configPath = commandConfigPath(values.config, io);
  const config = loadConfig(configPath, { workspace, input: '--config', also: [io.cwd], sections: configSections() });
  if (config.file === undefined) {
    throw new ConfigurationError(`config file not found: ${DEFAULT_CONFIG_PATH} does not exist in ${workspace}`, { input: '--config' }, `roadstop run runs the gates a config file names (${NAMES})`);
  }
  const named = ROOT_GATES.filter((gate) => config.root.has(gate.name));
  if (named.length === 0) throw new ConfigurationError(`names no gate (${NAMES})`, { file: config.file, input: '--config' });
  const passOn = ['--cwd', workspace, ...(configPath ? ['--config', configPath] : []), ...(values['no-color'] ? ['--no-color'] : [])];
  let worst = 0;
  for (const [index, gate] of named.entries()) {
    if (index > 0) io.stdout('\n');
    worst = Math.max(worst, await runGateCommand(gate, passOn, io));
  }
  return worst;
}
