import { spawnSync } from 'node:child_process';
import { type SourceFile, mapping, stepsOf } from './model.js';

export interface RunBlock {
  where: string;
  shell: string;
  script: string;
}

/** Every `run:` of a workflow or composite action, with the shell GitHub runs it in (bash unless told). */
export function runBlocks(file: SourceFile): RunBlock[] {
  const workflowShell = mapping(mapping(file.doc.defaults).run).shell;
  const jobs = mapping(file.doc.jobs);
  return stepsOf(file)
    .filter(({ step }) => typeof step.run === 'string')
    .map(({ job, step, where }) => {
      const jobShell = mapping(mapping(mapping(jobs[job]).defaults).run).shell;
      const shell = [step.shell, jobShell, workflowShell].find((value): value is string => typeof value === 'string') ?? 'bash';
      return { where, shell, script: step.run as string };
    });
}

export function isPosixShell(shell: string): boolean {
  return /^(bash|sh)(\s|$)/.test(shell);
}

export interface ShellcheckFinding {
  line: number;
  code: number;
  level: string;
  message: string;
}

/**
 * shellcheck over a run block as GitHub runs it (bash, or sh), with each `${{ }}` replaced by a plain word: the
 * expression is filled in before the shell sees the script, so shellcheck cannot read it.
 */
export function shellcheck(script: string, shell = 'bash'): ShellcheckFinding[] {
  const text = script.replace(/\$\{\{[\s\S]*?\}\}/g, 'EXPRESSION');
  const dialect = shell.startsWith('sh') ? 'sh' : 'bash';
  const run = spawnSync('shellcheck', ['--format=json1', `--shell=${dialect}`, '-'], { input: text, encoding: 'utf8' });
  if (run.error) throw new Error(`shellcheck could not run (${run.error.message}): install it, e.g. apt-get install shellcheck`);
  if (run.status !== 0 && run.status !== 1) throw new Error(`shellcheck failed (exit ${run.status}): ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { comments: ShellcheckFinding[] };
  return report.comments.map(({ line, code, level, message }) => ({ line, code, level, message }));
}
