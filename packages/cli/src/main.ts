import { describeFailure, isConfigurationError, isEnvironmentError } from '@roadstop/core';
import { GATES } from '@roadstop/gates';
import { runGateCommand } from './gate-command.js';
import { CANARY_RELEASE_SUMMARY, runReleaseCommand } from './release-command.js';
import { runAllCommand } from './run-all.js';
import type { Io } from './io.js';
import packageJson from '../../../package.json' with { type: 'json' };

export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;

/** The version of the roadstop package this CLI was built from (ncc inlines the JSON). */
export const VERSION: string = (packageJson as { version: string }).version;

interface Command {
  run: (args: string[], io: Io) => Promise<number>;
  summary: string;
}

const COMMANDS: Record<string, Command> = {
  run: { run: runAllCommand, summary: 'every gate the config names, as the root action does' },
  ...Object.fromEntries(GATES.map((gate) => [gate.name, { run: (args: string[], io: Io) => runGateCommand(gate, args, io), summary: gate.summary }])),
  'canary-release': { run: runReleaseCommand, summary: CANARY_RELEASE_SUMMARY },
};

export const HELP = `Usage: roadstop <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(16)}${command.summary}`)
  .join('\n')}

Run 'roadstop <command> --help' for a command's options; 'roadstop --version' for the version.`;

/** Run the CLI; returns the exit code. Mistakes print one line, never a stack trace. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(`${HELP}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout(`roadstop ${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`roadstop: unknown command '${name}'\n\n${HELP}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isConfigurationError(error) || isEnvironmentError(error)) {
      io.stderr(`roadstop ${name}: ${describeFailure(error)}\n`);
      return EXIT.usage;
    }
    if (isUsageError(error)) {
      io.stderr(`roadstop ${name}: ${(error as Error).message}\nRun 'roadstop ${name} --help' for the options.\n`);
      return EXIT.usage;
    }
    io.stderr(`roadstop ${name}: ${describeFailure(error)}\n`);
    if (io.env.ROADSTOP_DEBUG) io.stderr(`${(error as Error).stack ?? ''}\n`);
    return EXIT.internal;
  }
}

// node:util parseArgs throws TypeErrors with these codes for unknown or malformed options.
function isUsageError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
