import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { type Json, type LocalJob, type LocalJobOptions, type LocalStep, evaluateIf, evaluateValue, runLocalJob } from './local-job.js';
import { mapping } from './model.js';
import { type Repositories, resolvePublished } from './published.js';

const exec = promisify(execFile);

/**
 * A reusable workflow's jobs, run one after another in the order of their `needs:` by the local job runner, as one
 * call of a caller's workflow: each job starts in a fresh clone of the caller's repository (what actions/checkout
 * gives a job on its own runner), job-level `if:` against the needs context, a matrix expanded into one run per
 * combination with its strategy context, and one folder as the run's artifact storage, so a job sees only what
 * earlier jobs uploaded.
 */
export interface LocalWorkflowOptions {
  /** As the caller's job `uses:` names it. */
  workflow: string;
  repositories: Repositories;
  /** The caller's repository (a git directory); every job starts in a fresh clone of its HEAD. */
  caller: string;
  inputs?: LocalJobOptions['inputs'];
  secrets?: LocalJobOptions['secrets'];
  github?: LocalJobOptions['github'];
  event?: LocalJobOptions['event'];
  /** Folder that stands for the run's artifact storage, when the test keeps it (another workflow of the run reads it); kept afterwards. Default: a folder of this call's own, removed. */
  artifacts?: string;
  env?: LocalJobOptions['env'];
  /** Jobs that are not run here (their result is `skipped`), e.g. one that calls a scanner this machine lacks. */
  skip?: string[];
  onStep?: (job: string, step: LocalStep) => void;
  stepTimeoutMs?: number;
}

export interface LocalWorkflowJob {
  result: 'success' | 'failure' | 'cancelled' | 'skipped';
  outputs: Record<string, string>;
  runs: LocalJob[];
  note?: string;
}

export interface LocalWorkflow {
  jobs: Record<string, LocalWorkflowJob>;
  /** The artifact names the run uploaded. */
  artifacts: string[];
}

function order(jobs: Record<string, unknown>): string[] {
  const done: string[] = [];
  const visit = (id: string, path: string[]) => {
    if (done.includes(id)) return;
    if (path.includes(id)) throw new Error(`needs cycle: ${[...path, id].join(' → ')}`);
    const needs = mapping(jobs[id]).needs;
    for (const need of Array.isArray(needs) ? needs : needs === undefined ? [] : [needs]) visit(String(need), [...path, id]);
    done.push(id);
  };
  for (const id of Object.keys(jobs)) visit(id, []);
  return done;
}

function combinations(matrix: Record<string, Json>): Record<string, Json>[] {
  let out: Record<string, Json>[] = [{}];
  for (const [key, values] of Object.entries(matrix)) {
    if (!Array.isArray(values)) throw new Error(`matrix.${key} is not a list (${JSON.stringify(values)})`);
    out = out.flatMap((combination) => values.map((value) => ({ ...combination, [key]: value })));
  }
  return out;
}

export async function runLocalWorkflow(options: LocalWorkflowOptions): Promise<LocalWorkflow> {
  const published = await resolvePublished(options.workflow, options.repositories);
  if (!published) throw new Error(`${options.workflow}: not a workflow of ${Object.keys(options.repositories).join(', ')}`);
  const doc = mapping(parse(await readFile(join(published.root, published.path), 'utf8')) as unknown);
  const jobs = mapping(doc.jobs);
  const call = mapping(mapping(doc.on).workflow_call);
  const inputs: Record<string, Json> = {};
  for (const [name, spec] of Object.entries(mapping(call.inputs))) {
    const declared = mapping(spec);
    const value = (options.inputs?.[name] ?? declared.default ?? '') as Json;
    inputs[name] = declared.type === 'number' ? Number(value) : declared.type === 'boolean' ? value === true || value === 'true' : typeof value === 'string' ? value : JSON.stringify(value);
  }
  const store = options.artifacts ?? (await mkdtemp(join(tmpdir(), 'roadstop-artifacts-')));
  const results: Record<string, LocalWorkflowJob> = {};
  const github: Record<string, Json> = { event_name: 'push', ...options.github, event: options.event ?? {} };
  try {
    for (const id of order(jobs)) {
      const job = mapping(jobs[id]);
      const needList = (Array.isArray(job.needs) ? job.needs : job.needs === undefined ? [] : [job.needs]).map((need) => (typeof need === 'string' ? need : JSON.stringify(need)));
      const needs = Object.fromEntries(needList.map((need) => [need, { result: results[need]!.result, outputs: results[need]!.outputs }]));
      const contexts = { inputs, github, needs, vars: {}, secrets: {} } as Record<string, Json>;
      const failedNeed = needList.some((need) => results[need]!.result !== 'success');
      if (options.skip?.includes(id)) {
        results[id] = { result: 'skipped', outputs: {}, runs: [], note: 'not run on this machine' };
        continue;
      }
      if (!evaluateIf(job.if, contexts, { failed: failedNeed })) {
        results[id] = { result: 'skipped', outputs: {}, runs: [], note: `if: ${typeof job.if === 'string' ? job.if : JSON.stringify(job.if ?? 'success()')}` };
        continue;
      }
      const matrix = mapping(mapping(job.strategy).matrix);
      const expanded = Object.keys(matrix).length === 0 ? [undefined] : combinations(Object.fromEntries(Object.entries(matrix).map(([key, value]) => [key, evaluateValue(value, contexts)])));
      const runs: LocalJob[] = [];
      for (const [index, combination] of expanded.entries()) {
        const workspace = await mkdtemp(join(tmpdir(), `roadstop-job-${id}-`));
        try {
          await exec('git', ['clone', '-q', resolve(options.caller), workspace]);
          runs.push(
            await runLocalJob({
              workflow: options.workflow,
              repositories: options.repositories,
              job: id,
              workspace,
              ...(options.inputs ? { inputs: options.inputs } : {}),
              ...(options.secrets ? { secrets: options.secrets } : {}),
              ...(options.env ? { env: options.env } : {}),
              github: { ...options.github },
              ...(options.event ? { event: options.event } : {}),
              needs,
              artifacts: store,
              ...(combination ? { matrix: combination, strategy: { 'job-index': index, 'job-total': expanded.length, 'fail-fast': true, 'max-parallel': expanded.length } } : {}),
              ...(options.onStep ? { onStep: (step: LocalStep) => options.onStep!(id, step) } : {}),
              ...(options.stepTimeoutMs ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
            }),
          );
        } finally {
          await rm(workspace, { recursive: true, force: true });
        }
      }
      const result = runs.some((run) => run.result === 'failure') ? 'failure' : runs.some((run) => run.result === 'cancelled') ? 'cancelled' : 'success';
      results[id] = { result, outputs: runs.at(-1)?.outputs ?? {}, runs };
    }
    return { jobs: results, artifacts: (await readdir(store)).sort() };
  } finally {
    if (!options.artifacts) await rm(store, { recursive: true, force: true });
  }
}
