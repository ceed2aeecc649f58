import { type Finding, type Mapping, type SourceFile, expressions, isMapping, jobsOf, mapping, stepsOf } from './model.js';

/** The repository itself: its actions and reusable workflows are called by tag (`@v1` moves, `@v1.2.3` pins). */
export const FIRST_PARTY = 'owner/roadstop';

/**
 * Values an attacker cannot choose. Anything else inside `run:` (event data, branch names, inputs a caller may
 * fill with event data, outputs, secrets) must reach the script through `env:`, where the shell sees a value,
 * not code.
 */
const SAFE_IN_RUN = /^(runner\.(temp|os|arch|tool_cache|workspace)|github\.(sha|run_id|run_number|run_attempt|workspace|repository|repository_id|server_url|api_url|action_path|job|workflow)|strategy\.job-(index|total))$/;

/**
 * The one call that may pass `secrets: inherit`: roadstop's canary.yml, whose job runs in the caller's protected
 * environment. GitHub gives a reusable workflow's job its environment's secrets only through inherit
 * (actions/runner#4453), and canary.yml hands the commands only the names its env-secrets input lists.
 */
const INHERITS = new RegExp(`^${FIRST_PARTY.replace('/', '\\/')}/\\.github/workflows/canary\\.yml@`);

export const POLICY_RULES = ['permissions', 'pinned', 'run-expressions', 'secrets-inherit', 'pipefail'] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

/** The repository's rules for workflows and actions; see docs/playbook.md. */
export function checkPolicy(file: SourceFile): Finding[] {
  const findings: Finding[] = [];
  const report = (rule: PolicyRule, where: string, message: string) => findings.push({ rule, file: file.path, where, message });

  if (file.kind === 'workflow') {
    const top = file.doc.permissions;
    if (typeof top === 'string') report('permissions', 'workflow', `permissions: ${top} grants every scope; name the scopes a job needs`);
    if (isMapping(top)) {
      for (const [scope, level] of Object.entries(top)) {
        if (level === 'write') report('permissions', 'workflow', `${scope}: write for every job; grant it on the job that needs it`);
      }
    }
    for (const [id, job] of jobsOf(file)) {
      if (job.permissions === undefined && top === undefined) report('permissions', `job ${id}`, 'no permissions: declare the least the job needs (permissions: {} for none)');
      if (typeof job.permissions === 'string') report('permissions', `job ${id}`, `permissions: ${job.permissions} grants every scope; name the scopes the job needs`);
      if (job.secrets === 'inherit' && !(typeof job.uses === 'string' && INHERITS.test(job.uses))) report('secrets-inherit', `job ${id}`, 'secrets: inherit hands every secret to the called workflow; pass the ones it declares');
      if (typeof job.uses === 'string') checkPinned(job.uses, `job ${id}`);
    }
  }
  const jobs = new Map(file.kind === 'workflow' ? jobsOf(file) : []);
  for (const { job, step, where } of stepsOf(file)) {
    if (typeof step.uses === 'string') checkPinned(step.uses, where);
    if (typeof step.run === 'string') {
      const shell = step.shell ?? mapping(mapping(jobs.get(job)?.defaults).run).shell ?? mapping(mapping(file.doc.defaults).run).shell;
      if (withoutPipefail(shell, step.run) && hasPipe(step.run)) report('pipefail', where, "a pipe under a shell without pipefail records the pipeline's last command only: set shell: bash (bash -eo pipefail) on the step");
      for (const expression of expressions(step.run)) {
        if (!SAFE_IN_RUN.test(expression)) report('run-expressions', where, `\${{ ${expression} }} inside run: pass it through env: and read the variable`);
      }
    }
  }
  return findings;

  function checkPinned(uses: string, where: string) {
    if (uses.startsWith('./')) return;
    if (uses.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(uses)) report('pinned', where, `${uses}: pin the image by digest (@sha256:…)`);
      return;
    }
    const [name] = uses.split('@');
    if (name === FIRST_PARTY || name?.startsWith(`${FIRST_PARTY}/`)) return;
    if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(uses)) report('pinned', where, `${uses}: pin third-party actions by full commit SHA, with the tag in a comment`);
  }
}

/**
 * GitHub runs a step with no shell as `bash -e {0}`, and `shell: sh` as `sh -e {0}`: neither sets pipefail, so
 * `deploy | tee log` succeeds when the deploy fails. `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`
 * (docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#exit-codes-and-error-action-preference).
 */
function withoutPipefail(shell: unknown, run: string): boolean {
  if (/\bset\s+-[a-z]*o\s+pipefail\b|\bset\s+-o\s+pipefail\b/.test(run)) return false;
  if (shell === undefined) return true;
  if (typeof shell !== 'string') return false;
  if (shell === 'bash' || /pipefail/.test(shell)) return false;
  return /^(bash|sh)\b/.test(shell);
}

/** A `|` of the script itself: not `||`, nor inside quotes, a comment or an expression. */
function hasPipe(run: string): boolean {
  const code = run
    .replace(/\$\{\{[\s\S]*?\}\}/g, 'x')
    .replace(/'[^']*'/g, "''")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .join('\n');
  return /(^|[^|])\|(?!\|)/.test(code.replace(/\|\|/g, ' '));
}

/** Permissions a job runs with: its own, or the workflow's. */
export function effectivePermissions(file: SourceFile, job: Mapping): Mapping | string | undefined {
  const own = job.permissions ?? file.doc.permissions;
  return typeof own === 'string' ? own : own === undefined ? undefined : mapping(own);
}
