import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** A workflow or action.yml, with its repository-relative path, text and parsed YAML (aliases resolved). */
export interface SourceFile {
  path: string;
  kind: 'workflow' | 'action';
  text: string;
  doc: Record<string, unknown>;
}

/** One broken rule: which rule, in which file, where in it, and what to do. */
export interface Finding {
  rule: string;
  file: string;
  where: string;
  message: string;
}

export type Mapping = Record<string, unknown>;

export function sourceFile(path: string, text: string, kind: SourceFile['kind'] = /(^|\/)action\.ya?ml$/.test(path) ? 'action' : 'workflow'): SourceFile {
  const doc = parse(text, { maxAliasCount: 100 }) as unknown;
  return { path, kind, text, doc: isMapping(doc) ? doc : {} };
}

/** Every workflow (.github/workflows, examples/workflows) and every action.yml of the repository. */
export function repositoryFiles(root: string): SourceFile[] {
  const paths: string[] = [];
  for (const folder of ['.github/workflows', 'examples/workflows']) {
    if (!existsSync(join(root, folder))) continue;
    for (const name of readdirSync(join(root, folder)).sort()) if (/\.ya?ml$/.test(name)) paths.push(`${folder}/${name}`);
  }
  if (existsSync(join(root, 'action.yml'))) paths.push('action.yml');
  for (const name of readdirSync(join(root, 'actions')).sort()) {
    if (existsSync(join(root, 'actions', name, 'action.yml'))) paths.push(`actions/${name}/action.yml`);
  }
  return paths.map((path) => sourceFile(path, readFileSync(join(root, path), 'utf8')));
}

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mapping(value: unknown): Mapping {
  return isMapping(value) ? value : {};
}

export function jobsOf(file: SourceFile): [string, Mapping][] {
  return Object.entries(mapping(file.doc.jobs)).map(([id, job]) => [id, mapping(job)]);
}

export interface StepRef {
  job: string;
  index: number;
  step: Mapping;
  where: string;
}

/** The steps of every job of a workflow, or of a composite action. */
export function stepsOf(file: SourceFile): StepRef[] {
  const out: StepRef[] = [];
  const add = (job: string, steps: unknown) => {
    if (!Array.isArray(steps)) return;
    steps.forEach((step: unknown, index) => {
      const body = mapping(step);
      const label = typeof body.name === 'string' ? body.name : typeof body.id === 'string' ? body.id : `#${index + 1}`;
      out.push({ job, index, step: body, where: `${job ? `job ${job}, ` : ''}step ${label}` });
    });
  };
  if (file.kind === 'action') add('', mapping(file.doc.runs).steps);
  else for (const [id, job] of jobsOf(file)) add(id, job.steps);
  return out;
}

/** Every string in a YAML value, depth first. */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (isMapping(value)) return Object.values(value).flatMap(strings);
  return [];
}

/** The `${{ }}` expressions of a string; an `if:` is an expression whole, with or without them. */
export function expressions(text: string, wholeIsExpression = false): string[] {
  const found = [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((match) => match[1]!.trim());
  return found.length === 0 && wholeIsExpression ? [text] : found;
}

/** Every expression in a YAML value: `${{ }}` in any string, and every `if:` whole. */
export function allExpressions(value: unknown): string[] {
  if (typeof value === 'string') return expressions(value);
  if (Array.isArray(value)) return value.flatMap((item) => allExpressions(item));
  if (isMapping(value)) {
    return Object.entries(value).flatMap(([key, item]) => (key === 'if' && typeof item === 'string' ? expressions(item, true) : allExpressions(item)));
  }
  return [];
}
