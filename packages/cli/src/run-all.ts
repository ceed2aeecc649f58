import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigurationError, loadConfig } from '@roadstop/core';
import { bundleBudgetCommand } from './bundle-budget.js';
import { commandConfigPath } from './common.js';
import { coverageGateCommand } from './coverage-gate.js';
import type { Io } from './io.js';

export const RUN_HELP = `Usage: roadstop run [--cwd DIR] [--config FILE] [--no-color]

Run every gate the config names, as the root action does in a workflow:
coverage-gate first, then bundle-budget. Exits with the worst exit code.`;

const GATES: [string, (args: string[], io: Io) => Promise<number>][] = [
  ['coverage-gate', coverageGateCommand],
  ['bundle-budget', bundleBudgetCommand],
];

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
  const workspace = resolve(io.cwd, values.cwd ?? '.');
  const configPath = commandConfigPath(values.config, io);
  const config = await loadConfig(configPath, { workspace, input: '--config' });
  const named = GATES.filter(([gate]) => config.root.has(gate));
  if (named.length === 0) {
    throw new ConfigurationError(`names no gate (${GATES.map(([gate]) => gate).join(', ')})`, { file: config.file ?? '.github/roadstop.yml', input: '--config' });
  }
  const passOn = ['--cwd', workspace, ...(configPath ? ['--config', configPath] : []), ...(values['no-color'] ? ['--no-color'] : [])];
  let worst = 0;
  for (const [index, [, command]] of named.entries()) {
    if (index > 0) io.stdout('\n');
    worst = Math.max(worst, await command(passOn, io));
  }
  return worst;
}
