import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface ActionRun {
  exitCode: number;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  /** `::add-mask::` values the action registered. */
  masked: string[];
  stdout: string;
  stderr: string;
  env: Record<string, string>;
  /** What the step saved for its post step (GITHUB_STATE), as the runner gives it there: STATE_<name>. */
  state: Record<string, string>;
}

export interface RunActionOptions {
  /** Folder under actions/ (its action.yml gives defaults and the entry), or `roadstop` for the root action.yml. */
  action: string;
  /** The action's folder itself, for an action outside this working tree (a release a rehearsal checked out). */
  actionDir?: string;
  inputs?: Record<string, string>;
  workspace: string;
  /** The webhook payload the runner writes to GITHUB_EVENT_PATH. */
  event?: Record<string, unknown>;
  eventName?: string;
  env?: Record<string, string>;
  /** Value of `${{ github.token }}` in input defaults. */
  githubToken?: string;
  timeoutMs?: number;
  /** `post` runs the action's `runs.post` (with the state of `env`'s STATE_<name>), as the runner does at the job's end. */
  entry?: 'main' | 'post';
  /** A cancel: the runner sends the step's process SIGINT, then SIGTERM 7.5 s later if it is still running. */
  signal?: AbortSignal;
}

/**
 * Run a built action the way the Actions runner does: `node <runs.main>` with
 * `INPUT_<NAME>` for every input (defaults from action.yml filled in), the
 * file commands GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, the event payload at
 * GITHUB_EVENT_PATH, and a clean environment with nothing of the caller's GitHub variables.
 */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const actionDir = options.actionDir ?? (options.action === 'roadstop' ? REPO_ROOT : join(REPO_ROOT, 'actions', options.action));
  const metadata = parse(await readFile(join(actionDir, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: string }>;
    runs: { using: string; main: string; post?: string };
  };
  const temp = await mkdtemp(join(tmpdir(), `roadstop-${options.action}-`));
  const files = { output: join(temp, 'output'), summary: join(temp, 'summary'), state: join(temp, 'state'), event: join(temp, 'event.json'), runnerTemp: join(temp, 'runner-temp') };
  await Promise.all([writeFile(files.output, ''), writeFile(files.summary, ''), writeFile(files.state, ''), writeFile(files.event, JSON.stringify(options.event ?? {})), mkdir(files.runnerTemp)]);

  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(key)) env[key] = value;
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: 'octo-org/webapp',
    GITHUB_SHA: 'c0ffee0000000000000000000000000000000001',
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_RUN_ID: '1001',
    GITHUB_WORKFLOW_REF: 'octo-org/webapp/.github/workflows/ci.yml@refs/pull/7/merge',
    GITHUB_API_URL: 'http://127.0.0.1:9/',
    // github.com, not a loopback URL: @actions/artifact refuses GHES hosts. Only used in links, never fetched.
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: files.runnerTemp,
    ...options.env,
  });
  const given = options.inputs ?? {};
  for (const [name, spec] of Object.entries(metadata.inputs ?? {})) {
    const value = given[name] ?? expandDefault(spec.default, options.githubToken ?? '');
    if (value !== undefined) env[inputVariable(name)] = value;
  }
  for (const name of Object.keys(given)) {
    if (!(name in (metadata.inputs ?? {}))) throw new Error(`harness: action ${options.action} has no input '${name}'`);
  }

  const script = options.entry === 'post' ? metadata.runs.post : metadata.runs.main;
  if (script === undefined) throw new Error(`harness: action ${options.action} has no runs.post`);
  const entry = resolve(actionDir, script);
  const { exitCode, stdout, stderr } = await spawnNode(entry, env, options.workspace, options.timeoutMs ?? 60_000, options.signal);
  const stateFile = env.GITHUB_STATE!;
  return {
    state: existsSync(stateFile) ? parseFileCommand(await readFile(stateFile, 'utf8')) : {},
    exitCode,
    outputs: parseFileCommand(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    annotations: parseAnnotations(stdout),
    masked: [...stdout.matchAll(/^::add-mask::(.*)$/gm)].map((match) => match[1]!),
    stdout,
    stderr,
    env,
  };
}

/** The runner's name for an input's variable: upper case, spaces to underscores, dashes kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function expandDefault(value: string | undefined, token: string): string | undefined {
  if (value === undefined) return undefined;
  return String(value).replace(/\$\{\{\s*github\.token\s*\}\}/g, token);
}

/** Parse `name<<DELIMITER\nvalue\nDELIMITER` and `name=value` lines, as the runner reads GITHUB_OUTPUT. */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const body: string[] = [];
      while (++index < lines.length && lines[index] !== delimiter) body.push(lines[index]!);
      values[name!] = body.join('\n');
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}

const unescapeData = (text: string) => text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
const unescapeProperty = (text: string) => unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');

export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const match of stdout.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)) {
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const at = pair.indexOf('=');
      properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
    }
    annotations.push({ level: match[1] as Annotation['level'], message: unescapeData(match[3]!), properties });
  }
  return annotations;
}

function spawnNode(entry: string, env: Record<string, string>, cwd: string, timeoutMs: number, signal?: AbortSignal): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [entry], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let terminate: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill('SIGINT');
      terminate = setTimeout(() => child.kill('SIGTERM'), 7_500);
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, killedBy) => {
      clearTimeout(timer);
      clearTimeout(terminate);
      signal?.removeEventListener('abort', onAbort);
      resolvePromise({ exitCode: code ?? (killedBy ? 128 : 1), stdout, stderr });
    });
  });
}

/**
 * Everything a run leaves where a secret must never be, but for its `::add-mask::` lines: the rest of stdout, stderr,
 * the summary, the outputs, and the given files (a report) where they exist.
 */
export function textOutsideMasks(run: ActionRun, ...files: (string | undefined)[]): string {
  const contents = files.filter((file): file is string => file !== undefined && existsSync(file)).map((file) => readFileSync(file, 'utf8'));
  return [run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n'), run.stderr, run.summary, JSON.stringify(run.outputs), ...contents].join('\n');
}
