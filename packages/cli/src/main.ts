import { describeUnexpected, isConfigurationError } from '@roadstop/core';
import { BUNDLE_BUDGET_HELP, bundleBudgetCommand } from './bundle-budget.js';
import { COVERAGE_GATE_HELP, coverageGateCommand } from './coverage-gate.js';
import { RUN_HELP, runAllCommand } from './run-all.js';
import type { Io } from './io.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;

const COMMANDS: Record<string, { run: (args: string[], io: Io) => Promise<number>; summary: string; help: string }> = {
  run: { run: runAllCommand, summary: 'every gate the config names, as the root action does', help: RUN_HELP },
  'bundle-budget': { run: bundleBudgetCommand, summary: 'build output sizes against budgets and the base branch', help: BUNDLE_BUDGET_HELP },
  'coverage-gate': { run: coverageGateCommand, summary: 'coverage reports against thresholds, changed lines and a baseline', help: COVERAGE_GATE_HELP },
};

export const HELP = `Usage: roadstop <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(16)}${command.summary}`)
  .join('\n')}

Run 'roadstop <command> --help' for a command's options.`;

/** Run the CLI; returns the exit code. Mistakes print one line, never a stack trace. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(`${HELP}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`roadstop: unknown command '${name}'\n\n${HELP}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isConfigurationError(error)) {
      io.stderr(`roadstop ${name}: ${error.describe()}\n`);
      return EXIT.usage;
    }
    if (isUsageError(error)) {
      io.stderr(`roadstop ${name}: ${(error as Error).message}\nRun 'roadstop ${name} --help' for the options.\n`);
      return EXIT.usage;
    }
    io.stderr(`roadstop ${name}: ${describeUnexpected(error)}\n`);
    if (io.env.ROADSTOP_DEBUG) io.stderr(`${(error as Error).stack ?? ''}\n`);
    return EXIT.internal;
  }
}

// node:util parseArgs throws TypeErrors with these codes for unknown or malformed options.
function isUsageError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
