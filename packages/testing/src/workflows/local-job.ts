import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { parse } from 'yaml';
import { parseAnnotations, parseFileCommand, runAction, type Annotation } from '../action-harness.js';
import { isMapping, mapping } from './model.js';
import { ARTIFACT_ACTIONS, moveArtifact } from './artifacts.js';
import { type Repositories, resolvePublished } from './published.js';

/**
 * One job of a reusable workflow, run on this machine the way the Actions runner runs it: `if:` conditions and every
 * `${{ }}` evaluated by GitHub's own expression library (@actions/expressions) with the status functions, `run:`
 * blocks in bash with the runner's file commands, actions of the published repositories the test names
 * (`acme/roadstop/actions/x@<sha>`: that repository's tree at that ref, its built dist/, through the harness) and the
 * caller's own (`./path`, in the workspace), outputs, outcomes and `continue-on-error` as the runner keeps them. The
 * workflow itself is named as a caller names it (`acme/roadstop/.github/workflows/gates.yml@v1.0.0`) and read at
 * that ref, never from this working tree. GITHUB_ENV, the needs, matrix and strategy contexts, `cancelled()` after a
 * cancel (between steps, or during one: SIGINT, then SIGTERM, to the step's process), each action's `post:` at the
 * job's end (last first, under its `post-if`, with the state its main step saved), and environment secrets (only with `secrets: inherit`, as GitHub gives them) are kept as the runner keeps
 * them. Actions of other owners cannot run here: actions/checkout and actions/setup-node stand as done (the
 * workspace and Node are already there), upload-artifact and download-artifact work on a folder (artifacts.ts) when
 * the run has one; any other is refused, so a rehearsal never passes over a step it did not run.
 *
 * Hand-written because no library runs a workflow's job outside GitHub without Docker (nektos/act needs a Docker
 * engine, and none runs on this machine); the expression language itself is GitHub's library, not a copy.
 */
export interface LocalJobOptions {
  /** The workflow as a caller's `uses:` names it: `owner/name/.github/workflows/x.yml@ref` of one of `repositories`, or `./.github/workflows/x.yml` in the workspace. */
  workflow: string;
  /** The repositories `uses:` may name (owner/name → git directory); roadstop's own is a release made by scripts/release.mjs. */
  repositories?: Repositories;
  job: string;
  /** The caller's `with:`; the rest comes from the workflow_call inputs' defaults. */
  inputs?: Record<string, string | number | boolean>;
  /** The caller's `secrets:`; with `inheritSecrets`, every secret of the caller's repository (`secrets: inherit`). */
  secrets?: Record<string, string>;
  inheritSecrets?: boolean;
  /**
   * Secrets of the GitHub environment a job names (`environment:`): they reach `${{ secrets.X }}` of a reusable
   * workflow's job only when the caller passes `secrets: inherit` (actions/runner#4453), and win over the caller's.
   */
  environmentSecrets?: Record<string, string>;
  /** The caller's checkout: GITHUB_WORKSPACE. */
  workspace: string;
  /** Extra variables of the runner's environment, for every step (GITHUB_API_URL of a test server, say). */
  env?: Record<string, string>;
  /** The github context beyond the defaults below; `token` is `${{ github.token }}` (GITHUB_TOKEN). */
  github?: Record<string, string>;
  /** The webhook payload: `github.event`, and the file at GITHUB_EVENT_PATH that actions and scripts read. */
  event?: Record<string, Json>;
  /** The needs context: the jobs this one needs, their results and outputs. */
  needs?: Record<string, { result: string; outputs: Record<string, string> }>;
  /** One combination of the job's matrix, and the strategy context of it. */
  matrix?: Record<string, Json>;
  strategy?: Record<string, Json>;
  /** Folder that stands for the run's artifact storage, shared by the jobs of one run (upload-artifact/download-artifact). */
  artifacts?: string;
  /** The run was cancelled (or timed out) after this many steps had run: cancelled() is true from then on. */
  cancelAfterSteps?: number;
  /**
   * The run is cancelled while the step of this name runs, once `when` resolves: as the runner does, the step's
   * process gets SIGINT (SIGTERM 7.5 s later), its outcome is cancelled, and cancelled() is true from then on.
   */
  cancelDuring?: { step: string; when: () => Promise<void> };
  /** Told of every step as it ends, for progress logs. */
  onStep?: (step: LocalStep) => void;
  stepTimeoutMs?: number;
}

export interface LocalStep {
  index: number;
  id: string;
  name: string;
  outcome: 'success' | 'failure' | 'cancelled' | 'skipped';
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped';
  outputs: Record<string, string>;
  stdout: string;
  stderr: string;
  annotations: Annotation[];
  /** What ran: the action's path or the first line of the script; why it stood as done or was skipped. */
  note: string;
  seconds: number;
}

export interface LocalJob {
  result: 'success' | 'failure' | 'cancelled';
  outputs: Record<string, string>;
  steps: LocalStep[];
  summary: string;
  /** What the runner would have done around the steps: environment, concurrency, timeout. */
  settings: { environment?: string; concurrency?: string; cancelInProgress?: boolean; timeoutMinutes?: number; permissions?: unknown; runsOn?: Json };
}

const STATUS = new Set(['success', 'failure', 'always', 'cancelled']);
const STANDS_DONE = new Set(['actions/checkout', 'actions/setup-node']);

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function toData(value: Json): data.ExpressionData {
  return JSON.parse(JSON.stringify(value), data.reviver) as data.ExpressionData;
}

/** An `if:` or one `${{ }}` body, evaluated against the contexts with the runner's status functions. */
export interface RunStatus {
  failed: boolean;
  cancelled?: boolean;
}

function evaluate(expression: string, contexts: Record<string, Json>, status: RunStatus): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const statusFunctions: FunctionDefinition[] = [
    { name: 'success', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(!status.failed && !status.cancelled) },
    { name: 'failure', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status.failed && !status.cancelled) },
    { name: 'always', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) },
    { name: 'cancelled', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status.cancelled === true) },
  ];
  const tree = new Parser(lexed.tokens, Object.keys(contexts), statusFunctions).parse();
  const context = new data.Dictionary(...Object.entries(contexts).map(([key, value]) => ({ key, value: toData(value) })));
  return new Evaluator(tree, context, new Map(statusFunctions.map((fn) => [fn.name.toLowerCase(), fn]))).evaluate();
}

function truthy(value: data.ExpressionData): boolean {
  switch (value.kind) {
    case data.Kind.Null:
      return false;
    case data.Kind.Boolean:
      return value.value;
    case data.Kind.Number:
      return value.value !== 0 && !Number.isNaN(value.value);
    case data.Kind.String:
      return value.value !== '';
    case data.Kind.Array:
    case data.Kind.Dictionary:
      return true;
  }
}

function plain(value: data.ExpressionData): Json {
  return JSON.parse(JSON.stringify(value, data.replacer)) as Json;
}

/** A YAML value with `${{ }}` in it: one whole expression keeps its type; text around expressions makes a string. */
function interpolate(value: unknown, contexts: Record<string, Json>, status: RunStatus): Json {
  if (typeof value !== 'string') return (value ?? '') as Json;
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value);
  if (whole && !whole[1]!.includes('}}')) return plain(evaluate(whole[1]!, contexts, status));
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, body: string) => evaluate(body, contexts, status).coerceString());
}

function asText(value: Json): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function condition(text: unknown): string | undefined {
  if (text === undefined || text === null) return undefined;
  if (typeof text === 'boolean' || typeof text === 'number') return String(text);
  const body = (typeof text === 'string' ? text : JSON.stringify(text)).trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
  return [...body.matchAll(/\b([a-z]+)\s*\(/gi)].some((match) => STATUS.has(match[1]!.toLowerCase())) ? body : `success() && (${body})`;
}

export async function runLocalJob(options: LocalJobOptions): Promise<LocalJob> {
  const repositories = options.repositories ?? {};
  const published = await resolvePublished(options.workflow, repositories);
  const workflowFile = published ? join(published.root, published.path) : options.workflow.startsWith('./') ? resolve(options.workspace, options.workflow) : undefined;
  if (!workflowFile || !/\.ya?ml$/.test(workflowFile)) throw new Error(`${options.workflow}: not a workflow of a published repository (${Object.keys(repositories).join(', ') || 'none given'}) nor ./ in the workspace`);
  const doc = mapping(parse(await readFile(workflowFile, 'utf8')) as unknown);
  const call = mapping(mapping(doc.on).workflow_call);
  const job = mapping(mapping(doc.jobs)[options.job]);
  if (Object.keys(job).length === 0) throw new Error(`${options.workflow} has no job '${options.job}'`);

  const inputs: Record<string, Json> = {};
  for (const [name, spec] of Object.entries(mapping(call.inputs))) {
    const declared = mapping(spec);
    const given = options.inputs?.[name];
    if (given === undefined && declared.required === true) throw new Error(`${options.workflow}: input '${name}' is required`);
    const value = (given ?? declared.default ?? (declared.type === 'boolean' ? false : declared.type === 'number' ? 0 : '')) as Json;
    inputs[name] = declared.type === 'number' ? Number(value) : declared.type === 'boolean' ? value === true || value === 'true' : asText(value);
  }
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in mapping(call.inputs))) throw new Error(`${options.workflow}: no input '${name}'`);
  }
  const secrets: Record<string, Json> = {};
  for (const name of Object.keys(mapping(call.secrets))) secrets[name] = options.secrets?.[name] ?? '';
  for (const [name, value] of Object.entries(options.secrets ?? {})) {
    if (options.inheritSecrets) secrets[name] = value;
    else if (!(name in mapping(call.secrets))) throw new Error(`${options.workflow}: no secret '${name}'`);
  }
  if (options.inheritSecrets && job.environment !== undefined) Object.assign(secrets, options.environmentSecrets ?? {});

  const temp = await mkdtemp(join(tmpdir(), 'roadstop-local-job-'));
  const runnerTemp = join(temp, 'runner-temp');
  await mkdir(runnerTemp);
  const eventPath = join(temp, 'event.json');
  await writeFile(eventPath, JSON.stringify(options.event ?? {}));
  const github: Record<string, string> = {
    repository: 'octo-org/webapp',
    sha: 'c0ffee0000000000000000000000000000000001',
    ref: 'refs/heads/main',
    event_name: 'push',
    run_id: '2001',
    actor: 'octocat',
    workflow: 'release',
    server_url: 'https://github.com',
    api_url: 'http://127.0.0.1:9',
    workspace: options.workspace,
    ...options.github,
  };
  const runnerEnv: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: github.repository!,
    GITHUB_SHA: github.sha!,
    GITHUB_REF: github.ref!,
    GITHUB_EVENT_NAME: github.event_name!,
    GITHUB_RUN_ID: github.run_id!,
    GITHUB_ACTOR: github.actor!,
    GITHUB_WORKFLOW: github.workflow!,
    GITHUB_SERVER_URL: github.server_url!,
    GITHUB_API_URL: github.api_url!,
    GITHUB_EVENT_PATH: eventPath,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    ...options.env,
  };
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const status: RunStatus = { failed: false };
  const contexts = (env: Record<string, Json>): Record<string, Json> => ({
    inputs,
    secrets,
    github: { ...github, event: options.event ?? {} },
    env,
    vars: {},
    runner: { temp: runnerTemp, os: 'Linux', arch: 'X64' },
    job: { status: status.cancelled ? 'cancelled' : status.failed ? 'failure' : 'success' },
    steps: steps,
    needs: options.needs ?? {},
    matrix: options.matrix ?? {},
    strategy: options.strategy ?? {},
  });

  const jobContexts = contexts({});
  const environment = job.environment === undefined ? undefined : asText(interpolate(isMapping(job.environment) ? job.environment.name : job.environment, jobContexts, status));
  const concurrency = isMapping(job.concurrency) ? job.concurrency : job.concurrency === undefined ? undefined : { group: job.concurrency };
  const settings: LocalJob['settings'] = {
    ...(environment === undefined ? {} : { environment }),
    ...(concurrency ? { concurrency: asText(interpolate(concurrency.group, jobContexts, status)), cancelInProgress: concurrency['cancel-in-progress'] === true } : {}),
    ...(job['timeout-minutes'] === undefined ? {} : { timeoutMinutes: Number(interpolate(job['timeout-minutes'], jobContexts, status)) }),
    permissions: job.permissions,
    ...(job['runs-on'] === undefined ? {} : { runsOn: interpolate(job['runs-on'], jobContexts, status) }),
  };
  const jobEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(mapping(job.env))) jobEnv[key] = asText(interpolate(value, jobContexts, status));
  const defaultDirectory = mapping(mapping(job.defaults).run)['working-directory'];
  const defaultShell = [mapping(mapping(job.defaults).run).shell, mapping(mapping(doc.defaults).run).shell].find((each): each is string => typeof each === 'string');

  const summaries: string[] = [];
  const records: LocalStep[] = [];
  /** The actions that ran, for their `post:` at the job's end (last first), with the state each saved. */
  const posts: { name: string; actionDir: string; inputs: Record<string, string>; env: Record<string, string>; state: Record<string, string> }[] = [];
  const list = Array.isArray(job.steps) ? (job.steps as unknown[]) : [];
  try {
    for (const [index, raw] of list.entries()) {
      const step = mapping(raw);
      if (options.cancelAfterSteps !== undefined && index >= options.cancelAfterSteps) status.cancelled = true;
      const id = typeof step.id === 'string' ? step.id : `__${index}`;
      const name = [step.name, step.uses, typeof step.run === 'string' ? step.run.split('\n')[0] : undefined].find((each): each is string => typeof each === 'string') ?? `step ${index + 1}`;
      const started = Date.now();
      const record: LocalStep = { index, id, name, outcome: 'skipped', conclusion: 'skipped', outputs: {}, stdout: '', stderr: '', annotations: [], note: '', seconds: 0 };
      const env: Record<string, string> = { ...jobEnv };
      const stepContexts = contexts(env);
      const test = condition(step.if) ?? 'success()';
      if (!truthy(evaluate(test, stepContexts, status))) {
        record.note = `skipped: if ${test}`;
      } else {
        for (const [key, value] of Object.entries(mapping(step.env))) env[key] = asText(interpolate(value, contexts(env), status));
        let exitCode: number;
        if (typeof step.uses === 'string') {
          const uses = step.uses;
          const with_: Record<string, string> = {};
          for (const [key, value] of Object.entries(mapping(step.with))) with_[key] = asText(interpolate(value, contexts(env), status));
          const target = await resolvePublished(uses, repositories);
          const actionDir = target ? join(target.root, target.path) : uses.startsWith('./') ? resolve(options.workspace, uses) : undefined;
          if (actionDir) {
            const action = target ? `${target.repository}/${target.path}` : uses;
            const cancel = options.cancelDuring?.step === name ? new AbortController() : undefined;
            let running = true;
            if (cancel) {
              void options.cancelDuring!.when().then(() => {
                if (!running) return;
                status.cancelled = true;
                cancel.abort();
              });
            }
            const actionName = actionDir.split('/').filter(Boolean).pop() ?? 'action';
            const run = await runAction({ action: actionName, actionDir, workspace: options.workspace, inputs: with_, eventName: github.event_name, ...(options.event ? { event: options.event } : {}), ...(github.token ? { githubToken: github.token } : {}), env: { ...runnerEnv, ...env }, timeoutMs: options.stepTimeoutMs ?? 120_000, ...(cancel ? { signal: cancel.signal } : {}) });
            running = false;
            posts.push({ name, actionDir, inputs: with_, env: { ...runnerEnv, ...env }, state: run.state });
            exitCode = cancel?.signal.aborted ? -1 : run.exitCode;
            Object.assign(record, { outputs: run.outputs, stdout: run.stdout, stderr: run.stderr, annotations: run.annotations, note: target ? `${action} at ${target.sha}` : `${uses} in the workspace` });
            if (run.summary) summaries.push(run.summary);
          } else if (options.artifacts && ARTIFACT_ACTIONS.has(uses.replace(/@.*$/, ''))) {
            const moved = await moveArtifact(uses.replace(/@.*$/, '') === 'actions/upload-artifact' ? 'upload' : 'download', with_, options.artifacts, options.workspace);
            exitCode = moved.ok ? 0 : 1;
            record.note = moved.note;
            record.stdout = moved.ok ? `${moved.note}\n` : `::error::${moved.note}\n`;
            record.annotations = moved.ok ? [] : [{ level: 'error', message: moved.note, properties: {} }];
          } else if (STANDS_DONE.has(uses.replace(/@.*$/, ''))) {
            exitCode = 0;
            record.note = `${uses.replace(/@.*$/, '')}: stands as done (the workspace and Node are already here)`;
          } else {
            throw new Error(`step ${index + 1} (${name}): ${uses} cannot run on this machine`);
          }
        } else if (typeof step.run === 'string') {
          const directory = step['working-directory'] ?? defaultDirectory;
          const cwd = resolve(options.workspace, directory === undefined ? '.' : asText(interpolate(directory, contexts(env), status)));
          const files = { output: join(temp, `output-${index}`), summary: join(temp, `summary-${index}`), env: join(temp, `env-${index}`), script: join(temp, `step-${index}.sh`) };
          await Promise.all([writeFile(files.output, ''), writeFile(files.summary, ''), writeFile(files.env, ''), writeFile(files.script, asText(interpolate(step.run, contexts(env), status)))]);
          // With no `shell:` (here or in defaults.run), the runner runs bash as `bash -e {0}`; `shell: bash` adds
          // --noprofile --norc -eo pipefail; `node {0}` runs the script file with node.
          const shell = step.shell ?? defaultShell;
          const [command, args] = shell === 'bash' ? ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', files.script]] : shell === 'node {0}' ? [process.execPath, [files.script]] : ['bash', ['-e', files.script]];
          if (shell !== undefined && shell !== 'bash' && shell !== 'node {0}') throw new Error(`step ${index + 1} (${name}): shell ${JSON.stringify(shell)} is not rehearsed here`);
          const result = await runScript(command, args, cwd, { ...stripRunner(process.env), ...runnerEnv, ...env, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, GITHUB_ENV: files.env }, options.stepTimeoutMs ?? 120_000);
          exitCode = result.exitCode;
          record.outputs = parseFileCommand(await readFile(files.output, 'utf8'));
          // GITHUB_ENV: variables of every later step of the job.
          Object.assign(jobEnv, parseFileCommand(await readFile(files.env, 'utf8')));
          const summary = await readFile(files.summary, 'utf8');
          if (summary) summaries.push(summary);
          Object.assign(record, { stdout: result.stdout, stderr: result.stderr, annotations: parseAnnotations(result.stdout), note: String(step.run).split('\n')[0] });
        } else {
          throw new Error(`step ${index + 1} (${name}): neither uses nor run`);
        }
        record.outcome = exitCode === 0 ? 'success' : exitCode === -1 ? 'cancelled' : 'failure';
        const continueOnError = truthy(toData(interpolate(step['continue-on-error'] ?? false, contexts(env), status)));
        record.conclusion = record.outcome === 'failure' && continueOnError ? 'success' : record.outcome;
        if (record.conclusion === 'failure') status.failed = true;
      }
      record.seconds = (Date.now() - started) / 1000;
      steps[id] = { outputs: record.outputs, outcome: record.outcome, conclusion: record.conclusion };
      records.push(record);
      options.onStep?.(record);
    }
    // The post steps of the actions that ran, last first, each when its post-if holds (always() unless it says).
    for (const post of posts.reverse()) {
      const metadata = mapping(parse(await readFile(join(post.actionDir, 'action.yml'), 'utf8')) as unknown);
      const runs = mapping(metadata.runs);
      if (typeof runs.post !== 'string') continue;
      const record: LocalStep = { index: records.length, id: `__post${records.length}`, name: `Post ${post.name}`, outcome: 'skipped', conclusion: 'skipped', outputs: {}, stdout: '', stderr: '', annotations: [], note: '', seconds: 0 };
      const started = Date.now();
      if (!evaluateIf(runs['post-if'] ?? 'always()', contexts({}), status)) {
        record.note = `skipped: post-if ${String(runs['post-if'])}`;
      } else {
        const state = Object.fromEntries(Object.entries(post.state).map(([key, value]) => [`STATE_${key}`, value]));
        const run = await runAction({ action: post.actionDir.split('/').filter(Boolean).pop() ?? 'action', actionDir: post.actionDir, workspace: options.workspace, inputs: post.inputs, eventName: github.event_name, env: { ...post.env, ...state }, timeoutMs: options.stepTimeoutMs ?? 120_000, entry: 'post' });
        Object.assign(record, { outcome: run.exitCode === 0 ? 'success' : 'failure', conclusion: run.exitCode === 0 ? 'success' : 'failure', stdout: run.stdout, stderr: run.stderr, annotations: run.annotations, note: `${post.name}: runs.post` });
        if (run.summary) summaries.push(run.summary);
        if (run.exitCode !== 0) status.failed = true;
      }
      record.seconds = (Date.now() - started) / 1000;
      records.push(record);
      options.onStep?.(record);
    }
    const finalContexts = contexts({});
    const outputs: Record<string, string> = {};
    for (const [key, value] of Object.entries(mapping(job.outputs))) outputs[key] = asText(interpolate(value, finalContexts, status));
    return { result: status.cancelled ? 'cancelled' : status.failed ? 'failure' : 'success', outputs, steps: records, summary: summaries.join('\n'), settings };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** The caller's own GitHub and runner variables never leak into a rehearsed step. */
function stripRunner(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(key)) out[key] = value;
  return out;
}

function runScript(command: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs: number): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ exitCode: code ?? 1, stdout, stderr });
    });
  });
}

/** A job's or step's `if:` against the contexts (no `if:` is `success()`), as the runner decides it. */
export function evaluateIf(text: unknown, contexts: Record<string, Json>, status: RunStatus): boolean {
  return truthy(evaluate(condition(text) ?? 'success()', contexts, status));
}

/** A YAML value with `${{ }}` in it, evaluated against the contexts. */
export function evaluateValue(value: unknown, contexts: Record<string, Json>): Json {
  return interpolate(value, contexts, { failed: false });
}
