import { appendFileSync, existsSync } from 'node:fs';
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

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
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
  process.stdout.write(`::${command}${pairs.length > 0 ? ` ${pairs.join(',')}` : ''}::${escapeData(message)}${EOL}`);
}

function commandProperties(properties: AnnotationProperties): Record<string, unknown> {
  return {
    title: properties.title,
    file: properties.file,
    line: properties.startLine,
    endLine: properties.endLine,
    col: properties.startColumn,
    endColumn: properties.endColumn,
  };
}

export function annotate(level: 'error' | 'warning' | 'notice', message: string, properties: AnnotationProperties = {}): void {
  issueCommand(level, commandProperties(properties), message);
}

export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`);
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
    process.stdout.write(EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
    return;
  }
  // crypto is loaded when the first output is written, not when a step that fails at its config starts.
  const delimiter = `ghadelimiter_${process.getBuiltinModule('node:crypto').randomUUID()}`;
  const text = toCommandValue(value);
  if (name.includes(delimiter) || text.includes(delimiter)) throw new Error(`output '${name}' contains the delimiter ${delimiter}`);
  appendFileCommand('OUTPUT', file, `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}`);
}

function appendFileCommand(command: string, file: string, message: string): void {
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file} (GITHUB_${command})`);
  appendFileSync(file, `${message}${EOL}`, { encoding: 'utf8' });
}

/** Append markdown to the job summary, as core.summary.addRaw(markdown, true).write() does. */
export function appendSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
  appendFileSync(file, `${markdown}${EOL}`, { encoding: 'utf8' });
}
