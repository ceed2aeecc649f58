import { appendFileSync, existsSync, writeSync } from 'node:fs';
import { EOL } from 'node:os';

/*
 * The runner's protocol, as @actions/core speaks it: inputs from INPUT_*
 * variables, outputs through the GITHUB_OUTPUT file, workflow commands
 * (`::error file=…::message`) on stdout, the job summary appended to
 * GITHUB_STEP_SUMMARY.
 *
 * Why not @actions/core itself: its entry module statically imports
 * @actions/http-client (undici, for OIDC tokens) and @actions/exec (platform
 * detection), about 1 MB bundled and ~70 ms of a 35 ms Node start-up, which
 * every step paid before reading its first input. These few functions are all
 * roadstop uses; packages/action/test/runner.test.ts holds them byte for byte
 * to @actions/core's own output.
 */

/** As @actions/core's; a property without a value (undefined, '', 0) is left out of the command. */
export interface AnnotationProperties {
  title?: string | undefined;
  file?: string | undefined;
  startLine?: number | undefined;
  endLine?: number | undefined;
  startColumn?: number | undefined;
  endColumn?: number | undefined;
}

/*
 * Workflow-command injection. The runner reads a step's stdout line by line
 * (.NET's ReadLine: \n, \r\n and a lone \r all end a line) and takes a line
 * as a command in two ways (actions/runner, src/Runner.Common/ActionCommand.cs):
 * - TryParseV2: the line, its leading whitespace trimmed (TrimStart: every
 *   Unicode space, NEL and tab), starts with `::`; the name that follows is
 *   looked up among the registered commands, whatever its case.
 * - TryParse, the legacy form: `##[name ...]` ANYWHERE in the line.
 * Both use .NET's culture-aware StartsWith/IndexOf, which may skip ignorable
 * characters (zero-width, soft hyphen, control), so those count as nothing
 * here. @actions/core writes info() and an output's value as they are; this
 * edge writes text it got from outside (a server's answer, an input, a PR
 * comment), so every such line is neutralised with a backslash: `\::error::`
 * and `##\[`. Normal text is unchanged, and markdown renders `\:` and `\[`
 * as the character itself. Annotation messages and properties need nothing
 * more than @actions/core's escaping: a command's line breaks become %0A.
 */
const IGNORABLE = '\\p{Cc}\\p{Cf}';
const COMMAND_START = new RegExp(`^([\\s\\u0085${IGNORABLE}]*)(:[${IGNORABLE}]*:)`, 'u');
const LEGACY_COMMAND = new RegExp(`#([${IGNORABLE}]*)#([${IGNORABLE}]*)\\[`, 'gu');

/** Text with no line the runner would read as a workflow command (see above); text without one is returned as it is. */
export function neutralizeCommands(text: string): string {
  // One line per \r, \n or \r\n, as the runner splits them: `m` alone would miss a lone \r.
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part) => part.replace(COMMAND_START, '$1\\$2').replace(LEGACY_COMMAND, '#$1#$2\\['))
    .join('');
}

export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function toCommandValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function escapeData(value: unknown): string {
  return toCommandValue(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: unknown): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function issueCommand(command: string, properties: Record<string, unknown>, message: unknown): void {
  const pairs = Object.entries(properties)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`);
  writeOut(`::${command}${pairs.length > 0 ? ` ${pairs.join(',')}` : ''}::${escapeData(message)}${EOL}`);
}

export function annotate(level: 'error' | 'warning' | 'notice', message: string, properties: AnnotationProperties = {}): void {
  // @actions/core's toCommandProperties: the same names, in the same order.
  const { title, file, startLine: line, endLine, startColumn: col, endColumn } = properties;
  issueCommand(level, { title, file, line, endLine, col, endColumn }, message);
}

export function info(message: string): void {
  writeOut(`${neutralizeCommands(message)}${EOL}`);
}

export function debug(message: string): void {
  issueCommand('debug', {}, message);
}

export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret);
}

export function setFailed(message: string): void {
  process.exitCode = 1;
  annotate('error', message);
}

/** An output: the GITHUB_OUTPUT file with a random heredoc delimiter, or the old `set-output` command without one. */
export function setOutput(name: string, value: unknown): void {
  const file = process.env.GITHUB_OUTPUT ?? '';
  if (!file) {
    writeOut(EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
    return;
  }
  appendFileCommand('OUTPUT', file, name, neutralizeCommands(toCommandValue(value)));
}

/** State for the action's post step (GITHUB_STATE), read there as STATE_<name>: written as an output is. */
export function saveState(name: string, value: string): void {
  const file = process.env.GITHUB_STATE ?? '';
  if (file) appendFileCommand('STATE', file, name, value);
}

/** What the main step saved with saveState, in the post step; '' when nothing. */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? '';
}

/**
 * A heredoc delimiter for an output, shaped as @actions/core makes one
 * (ghadelimiter_ and a random version-4 UUID), drawn again until neither the
 * name nor the value holds it: that check, not the randomness, is what keeps a
 * value from ending its heredoc early. Math.random, not node:crypto, whose
 * loading alone cost a step that writes one output a fifth of bare node's
 * start-up.
 */
export function heredocDelimiter(content: string): string {
  for (;;) {
    let hex = '';
    while (hex.length < 32) hex += Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
    const variant = '89ab'[Math.floor(Math.random() * 4)]!;
    const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    const delimiter = `ghadelimiter_${uuid}`;
    if (!content.includes(delimiter)) return delimiter;
  }
}

/**
 * Text to the step's log, written straight to file descriptor 1: creating
 * process.stdout builds a stream (a socket on a pipe) that a step printing a
 * few lines does not need. Should the descriptor refuse for now (EAGAIN: a
 * non-blocking pipe that is full), this and every later line go through
 * process.stdout, which queues, so nothing is lost or reordered.
 */
let throughStream = false;
function writeOut(text: string): void {
  if (throughStream) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    throughStream = true;
    process.stdout.write(bytes.subarray(written));
  }
}

/** `name<<delimiter`, the value, the delimiter: a value of any lines, appended to GITHUB_OUTPUT or GITHUB_STATE. */
function appendFileCommand(command: string, file: string, name: string, value: string): void {
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file} (GITHUB_${command})`);
  const delimiter = heredocDelimiter(`${name}\n${value}`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
}

/** Append markdown to the job summary, as core.summary.addRaw(markdown, true).write() does. */
export function appendSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
  appendFileSync(file, `${neutralizeCommands(markdown)}${EOL}`, { encoding: 'utf8' });
}
