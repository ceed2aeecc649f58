import { type Finding, type Mapping, type SourceFile, allExpressions, isMapping, jobsOf, mapping, stepsOf } from './model.js';
import { FIRST_PARTY, effectivePermissions } from './policy.js';

/** What a `uses:` of this repository's actions or reusable workflows names, as a path in the repository. */
export function resolveLocalUses(uses: string): { kind: 'action' | 'workflow'; path: string } | undefined {
  let path: string;
  if (uses.startsWith('./')) path = uses.slice(2);
  else if (uses.startsWith(`${FIRST_PARTY}@`)) path = '';
  else if (uses.startsWith(`${FIRST_PARTY}/`)) path = uses.slice(FIRST_PARTY.length + 1).replace(/@[^@]*$/, '');
  else return undefined;
  path = path.replace(/\/+$/, '');
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return { kind: 'workflow', path };
  return { kind: 'action', path: path === '' ? 'action.yml' : `${path}/action.yml` };
}

interface Interface {
  inputs: Mapping;
  outputs: Mapping;
  secrets: Mapping;
}

function interfaceOf(callee: SourceFile): Interface {
  if (callee.kind === 'action') return { inputs: mapping(callee.doc.inputs), outputs: mapping(callee.doc.outputs), secrets: {} };
  const call = mapping(mapping(callee.doc.on).workflow_call);
  return { inputs: mapping(call.inputs), outputs: mapping(call.outputs), secrets: mapping(call.secrets) };
}

function required(declared: Mapping): string[] {
  return Object.entries(declared)
    .filter(([, spec]) => isMapping(spec) && spec.required === true && spec.default === undefined)
    .map(([name]) => name);
}

function references(expressionsList: string[], pattern: RegExp): [string, string][] {
  return expressionsList.flatMap((expression) => [...expression.matchAll(pattern)].map((match) => [match[1]!, match[2] ?? ''] as [string, string]));
}

const LEVEL: Record<string, number> = { none: 0, read: 1, write: 2 };

/**
 * Every call of this repository's actions and reusable workflows passes only inputs (and secrets) the callee
 * declares and every one it requires, and reads only outputs the callee declares; a reusable workflow reads only
 * inputs it declares and outputs its jobs declare; a caller grants every permission the called jobs ask for.
 */
export function checkCalls(files: SourceFile[]): Finding[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const findings: Finding[] = [];

  for (const file of files) {
    const report = (rule: string, where: string, message: string) => findings.push({ rule, file: file.path, where, message });
    const calleeOf = (uses: string, where: string): SourceFile | undefined => {
      const target = resolveLocalUses(uses);
      if (!target) return undefined;
      const callee = byPath.get(target.path);
      if (!callee) report('callee', where, `${uses}: no ${target.path} in this repository`);
      return callee;
    };
    const checkWith = (callee: SourceFile, given: Mapping, where: string, kind: 'inputs' | 'secrets') => {
      const declared = interfaceOf(callee)[kind];
      for (const name of Object.keys(given)) {
        if (!(name in declared)) report(kind, where, `${kind.slice(0, -1)} '${name}' is not declared by ${callee.path} (it declares ${Object.keys(declared).join(', ') || 'none'})`);
      }
      for (const name of required(declared)) if (!(name in given)) report(kind, where, `required ${kind.slice(0, -1)} '${name}' of ${callee.path} is missing`);
    };

    // Steps that use one of our actions: inputs in, outputs read anywhere in the job.
    const jobs = new Map(jobsOf(file));
    const stepCallees = new Map<string, SourceFile>();
    for (const { job, step, where } of stepsOf(file)) {
      if (typeof step.uses !== 'string') continue;
      const callee = calleeOf(step.uses, where);
      if (!callee) continue;
      checkWith(callee, mapping(step.with), where, 'inputs');
      if (typeof step.id === 'string') stepCallees.set(`${job}\0${step.id}`, callee);
    }
    const readsIn = (job: string, value: unknown) => {
      for (const [id, output] of references(allExpressions(value), /(?<![\w.-])steps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g)) {
        const callee = stepCallees.get(`${job}\0${id}`);
        if (callee && !(output in interfaceOf(callee).outputs)) report('outputs', `job ${job || '(action)'}`, `steps.${id}.outputs.${output}: ${callee.path} declares no output '${output}'`);
      }
    };
    if (file.kind === 'action') readsIn('', file.doc.runs);
    for (const [id, job] of jobs) readsIn(id, job);

    if (file.kind !== 'workflow') continue;

    // Jobs that call one of our reusable workflows: inputs, secrets, permissions.
    const jobCallees = new Map<string, SourceFile>();
    for (const [id, job] of jobs) {
      if (typeof job.uses !== 'string') continue;
      const where = `job ${id}`;
      const callee = calleeOf(job.uses, where);
      if (!callee) continue;
      jobCallees.set(id, callee);
      checkWith(callee, mapping(job.with), where, 'inputs');
      if (job.secrets !== 'inherit') checkWith(callee, mapping(job.secrets), where, 'secrets');
      const granted = effectivePermissions(file, job);
      if (granted === undefined || typeof granted === 'string') continue;
      for (const [calleeJob, body] of jobsOf(callee)) {
        const asked = effectivePermissions(callee, body);
        if (!isMapping(asked)) continue;
        for (const [scope, level] of Object.entries(asked)) {
          const grants = typeof granted[scope] === 'string' ? granted[scope] : 'none';
          if ((LEVEL[String(level)] ?? 0) > (LEVEL[grants] ?? 0)) report('permissions', where, `${callee.path} job ${calleeJob} needs ${scope}: ${String(level)}, and this job grants ${grants}`);
        }
      }
    }

    // needs.<job>.outputs.<name>: a called workflow's outputs, or the outputs a job of this file declares.
    for (const [id, job] of jobs) {
      for (const [needed, output] of references(allExpressions(job), /(?<![\w.-])needs\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g)) {
        const callee = jobCallees.get(needed);
        const declared = callee ? interfaceOf(callee).outputs : mapping(jobs.get(needed)?.outputs);
        if (!jobs.has(needed)) report('outputs', `job ${id}`, `needs.${needed}: no job ${needed}`);
        else if (!(output in declared)) report('outputs', `job ${id}`, `needs.${needed}.outputs.${output}: job ${needed} declares no output '${output}'`);
      }
    }

    // A reusable workflow: the inputs it reads are declared, and its outputs come from outputs its jobs declare.
    const on = mapping(file.doc.on);
    if (!('workflow_call' in on)) continue;
    const ownInputs = { ...mapping(mapping(on.workflow_call).inputs), ...mapping(mapping(on.workflow_dispatch).inputs) };
    for (const [name] of references(allExpressions(file.doc.jobs), /(?<![\w.-])inputs\.([A-Za-z_][\w-]*)()/g)) {
      if (!(name in ownInputs)) report('inputs', 'workflow', `inputs.${name} is read but not declared under on.workflow_call.inputs`);
    }
    for (const [name, spec] of Object.entries(mapping(mapping(on.workflow_call).outputs))) {
      for (const [job, output] of references(allExpressions(mapping(spec).value), /(?<![\w.-])jobs\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g)) {
        if (!(output in mapping(jobs.get(job)?.outputs))) report('outputs', `output ${name}`, `jobs.${job}.outputs.${output}: job ${job} declares no output '${output}'`);
      }
    }
  }
  return findings;
}
