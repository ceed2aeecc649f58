import { describe, expect, it } from 'vitest';
import { checkCalls, checkPolicy, githubActionErrors, githubWorkflowErrors, resolveLocalUses, shellcheck, sourceFile } from '../src/workflows/index.js';

// Each rule of the workflow checks, shown failing on a small fixture and passing on its fix: the checks that
// hold the repository's workflows (workflows.integration.test.ts) can fail.

const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';

function workflow(jobs: string, head = 'on: push\npermissions: {}\n'): string {
  return `${head}jobs:\n${jobs}`;
}

describe("GitHub's parser", () => {
  it('accepts a valid workflow and reports a schema error and an unknown need with file and line', async () => {
    expect(await githubWorkflowErrors('ok.yml', workflow('  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n'))).toEqual([]);
    expect(await githubWorkflowErrors('bad.yml', workflow('  a:\n    runs-on: ubuntu-latest\n    stepz: []\n'))).toEqual(["bad.yml (Line: 6, Col: 5): Unexpected value 'stepz'"]);
    const needs = await githubWorkflowErrors('needs.yml', workflow('  first:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n  a:\n    needs: b\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n'));
    expect(needs.join('\n')).toMatch(/depends on unknown job 'b'/);
  });

  it('reports an action.yml without a description or with a misspelt runs key', () => {
    expect(githubActionErrors('action.yml', "name: x\ndescription: y\nruns:\n  using: node24\n  main: index.js\n")).toEqual([]);
    const errors = githubActionErrors('action.yml', 'name: x\nruns:\n  using: node24\n  mian: index.js\n');
    expect(errors.join('\n')).toMatch(/Unexpected value 'mian'/);
    expect(errors.join('\n')).toMatch(/Required property is missing: description/);
  });
});

describe('policy', () => {
  const steps = (body: string) => workflow(`  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps:\n${body}`);
  const cases: { name: string; yaml: string; rule?: string }[] = [
    { name: 'a job without permissions, none at the top', yaml: workflow('  a:\n    runs-on: x\n    steps: [{ run: echo }]\n', 'on: push\n'), rule: 'permissions' },
    { name: 'permissions: write-all on a job', yaml: workflow('  a:\n    runs-on: x\n    permissions: write-all\n    steps: [{ run: echo }]\n'), rule: 'permissions' },
    { name: 'a write scope for every job', yaml: workflow('  a:\n    runs-on: x\n    steps: [{ run: echo }]\n', 'on: push\npermissions: { contents: write }\n'), rule: 'permissions' },
    { name: 'read at the top, none on the job', yaml: workflow('  a:\n    runs-on: x\n    steps: [{ run: echo }]\n', 'on: push\npermissions: { contents: read }\n') },
    { name: 'a third-party action by tag', yaml: steps('      - uses: actions/checkout@v4\n'), rule: 'pinned' },
    { name: 'a third-party action by short SHA', yaml: steps('      - uses: actions/checkout@11bd719\n'), rule: 'pinned' },
    { name: 'a docker image by tag', yaml: steps('      - uses: docker://alpine:3\n'), rule: 'pinned' },
    { name: 'a reusable workflow of another repository by branch', yaml: workflow('  a:\n    uses: someone/else/.github/workflows/x.yml@main\n    permissions: {}\n'), rule: 'pinned' },
    { name: 'a third-party action by full SHA, a local one, ours by tag', yaml: steps(`      - uses: actions/checkout@${SHA} # v4.2.2\n      - uses: ./actions/x\n      - uses: owner/roadstop/actions/bundle-budget@v1\n`) },
    { name: 'the pull request title inside run', yaml: steps('      - run: echo "${{ github.event.pull_request.title }}"\n'), rule: 'run-expressions' },
    { name: 'the head branch inside run', yaml: steps('      - run: git push origin ${{ github.head_ref }}\n'), rule: 'run-expressions' },
    { name: 'an input inside run (a caller may pass event data)', yaml: steps('      - run: ${{ inputs.command }}\n'), rule: 'run-expressions' },
    { name: 'a secret inside run', yaml: steps('      - run: deploy --token ${{ secrets.TOKEN }}\n'), rule: 'run-expressions' },
    { name: 'event data through env, the runner temp inline', yaml: steps('      - env:\n          TITLE: ${{ github.event.pull_request.title }}\n        run: echo "$TITLE" > ${{ runner.temp }}/title\n') },
    { name: 'a pipe under the default shell (bash -e, no pipefail)', yaml: steps('      - run: ./deploy.sh | tee deploy.log\n'), rule: 'pipefail' },
    { name: 'a pipe under shell: sh', yaml: steps('      - shell: sh\n        run: make 2>&1 | tail -n 20\n'), rule: 'pipefail' },
    { name: 'a pipe under a job whose default shell is bash -e {0}', yaml: workflow("  a:\n    runs-on: x\n    permissions: {}\n    defaults: { run: { shell: 'bash -e {0}' } }\n    steps:\n      - run: a | b\n"), rule: 'pipefail' },
    { name: 'a pipe under shell: bash, under a workflow default of bash, or after set -o pipefail', yaml: workflow("  a:\n    runs-on: x\n    permissions: {}\n    steps:\n      - shell: bash\n        run: a | b\n      - run: |\n          set -euo pipefail\n          a | b\n", 'on: push\ndefaults: { run: { shell: bash } }\n') },
    { name: 'no pipe: ||, a quoted or commented |, a node script', yaml: steps("      - run: |\n          test -f x || exit 1\n          echo 'a | b' \"c|d\" # e | f\n      - shell: node {0}\n        run: console.log([1].map((x) => x | 0))\n") },
    { name: 'secrets: inherit', yaml: workflow('  a:\n    uses: ./.github/workflows/x.yml\n    permissions: {}\n    secrets: inherit\n'), rule: 'secrets-inherit' },
    { name: "secrets: inherit to roadstop's canary.yml, for its environment's secrets", yaml: workflow('  a:\n    uses: owner/roadstop/.github/workflows/canary.yml@v1\n    permissions: {}\n    secrets: inherit\n') },
    { name: 'secrets: inherit to a workflow named like it elsewhere', yaml: workflow(`  a:\n    uses: someone/roadstop/.github/workflows/canary.yml@${SHA}\n    permissions: {}\n    secrets: inherit\n`), rule: 'secrets-inherit' },
  ];
  it.each(cases)('$name', ({ yaml, rule }) => {
    const rules = checkPolicy(sourceFile('.github/workflows/fixture.yml', yaml)).map((finding) => finding.rule);
    expect(rules).toEqual(rule ? [rule] : []);
  });

  it('holds composite actions to the same pins and run rules', () => {
    const action = sourceFile('actions/x/action.yml', "name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - uses: actions/cache@v4\n    - shell: bash\n      run: echo ${{ github.event.issue.title }}\n");
    expect(checkPolicy(action).map((finding) => finding.rule)).toEqual(['pinned', 'run-expressions']);
  });
});

describe('calls of our actions and reusable workflows', () => {
  const action = sourceFile('actions/x/action.yml', "name: x\ndescription: y\ninputs:\n  need: { description: n, required: true }\n  opt: { description: o }\n  dflt: { description: d, required: true, default: 'z' }\noutputs:\n  status: { description: s }\nruns:\n  using: node24\n  main: index.js\n");
  const reusable = sourceFile(
    '.github/workflows/r.yml',
    [
      'on:',
      '  workflow_call:',
      '    inputs:',
      '      need: { type: string, required: true }',
      '      opt: { type: string, default: "" }',
      '    secrets:',
      '      token: { required: true }',
      '    outputs:',
      '      status: { value: "${{ jobs.a.outputs.status }}" }',
      'permissions: {}',
      'jobs:',
      '  a:',
      '    runs-on: x',
      '    permissions: { contents: read, pull-requests: write }',
      '    outputs: { status: "${{ steps.s.outputs.status }}" }',
      '    steps:',
      '      - id: s',
      '        uses: ./actions/x',
      '        with: { need: "${{ inputs.need }}", opt: "${{ inputs.opt }}" }',
    ].join('\n'),
  );
  const check = (caller: string) => checkCalls([action, reusable, sourceFile('.github/workflows/caller.yml', caller)]).map((finding) => `${finding.rule}: ${finding.message}`);
  const stepCaller = (step: string, after = '') => workflow(`  b:\n    runs-on: x\n    permissions: {}\n    steps:\n      - id: x\n${step}${after}`);
  const jobCaller = (body: string, after = '') => workflow(`  c:\n    uses: owner/roadstop/.github/workflows/r.yml@v1\n    permissions: { contents: read, pull-requests: write }\n${body}${after}`);

  it('resolves the local and first-party forms to files of this repository', () => {
    expect(resolveLocalUses('./')).toEqual({ kind: 'action', path: 'action.yml' });
    expect(resolveLocalUses('./actions/x')).toEqual({ kind: 'action', path: 'actions/x/action.yml' });
    expect(resolveLocalUses('owner/roadstop@v1')).toEqual({ kind: 'action', path: 'action.yml' });
    expect(resolveLocalUses(`owner/roadstop/actions/x@${SHA}`)).toEqual({ kind: 'action', path: 'actions/x/action.yml' });
    expect(resolveLocalUses('./.github/workflows/r.yml')).toEqual({ kind: 'workflow', path: '.github/workflows/r.yml' });
    expect(resolveLocalUses('owner/roadstop/.github/workflows/r.yml@v1.2.3')).toEqual({ kind: 'workflow', path: '.github/workflows/r.yml' });
    expect(resolveLocalUses('actions/checkout@v4')).toBeUndefined();
  });

  it('a valid action call and a valid workflow call have no findings, and the callee itself has none', () => {
    expect(check(stepCaller('        uses: ./actions/x\n        with: { need: a, opt: b }\n', '      - run: echo\n        env: { S: "${{ steps.x.outputs.status }}" }\n'))).toEqual([]);
    expect(check(jobCaller('    with: { need: a }\n    secrets: { token: "${{ secrets.T }}" }\n', '  d:\n    needs: c\n    runs-on: x\n    permissions: {}\n    if: needs.c.outputs.status == \'pass\'\n    steps: [{ run: echo }]\n'))).toEqual([]);
  });

  it('an action input the action does not declare, a missing required one, an undeclared output', () => {
    expect(check(stepCaller('        uses: owner/roadstop/actions/x@v1\n        with: { nede: a }\n', "      - if: steps.x.outputs.stats == 'pass'\n        run: echo\n"))).toEqual([
      "inputs: input 'nede' is not declared by actions/x/action.yml (it declares need, opt, dflt)",
      "inputs: required input 'need' of actions/x/action.yml is missing",
      "outputs: steps.x.outputs.stats: actions/x/action.yml declares no output 'stats'",
    ]);
  });

  it('a workflow input or secret it does not declare, missing required ones, an undeclared output, too few permissions', () => {
    const caller = jobCaller('    with: { opt: a, extra: b }\n    secrets: { tokn: x }\n', '  d:\n    needs: c\n    runs-on: x\n    permissions: {}\n    steps:\n      - run: echo\n        env: { S: "${{ needs.c.outputs.state }}" }\n');
    expect(check(caller.replace('pull-requests: write', 'pull-requests: read'))).toEqual([
      "inputs: input 'extra' is not declared by .github/workflows/r.yml (it declares need, opt)",
      "inputs: required input 'need' of .github/workflows/r.yml is missing",
      "secrets: secret 'tokn' is not declared by .github/workflows/r.yml (it declares token)",
      "secrets: required secret 'token' of .github/workflows/r.yml is missing",
      'permissions: .github/workflows/r.yml job a needs pull-requests: write, and this job grants read',
      "outputs: needs.c.outputs.state: job c declares no output 'state'",
    ]);
  });

  it('a call of an action or workflow this repository does not have', () => {
    expect(check(stepCaller('        uses: ./actions/nope\n'))).toEqual(['callee: ./actions/nope: no actions/nope/action.yml in this repository']);
  });

  it('a reusable workflow that reads an undeclared input, or outputs what no job declares', () => {
    const broken = sourceFile('.github/workflows/r.yml', reusable.text.replace('inputs.opt', 'inputs.optional').replace('jobs.a.outputs.status', 'jobs.a.outputs.result'));
    expect(checkCalls([action, broken]).map((finding) => finding.message)).toEqual([
      'inputs.optional is read but not declared under on.workflow_call.inputs',
      "jobs.a.outputs.result: job a declares no output 'result'",
    ]);
  });

  it('a job that reads an output another job of the workflow does not declare', () => {
    const file = sourceFile('.github/workflows/w.yml', workflow('  a:\n    runs-on: x\n    outputs: { ok: x }\n    steps: [{ run: echo }]\n  b:\n    needs: a\n    runs-on: x\n    if: needs.a.outputs.okay\n    steps: [{ run: echo }]\n'));
    expect(checkCalls([file]).map((finding) => finding.message)).toEqual(["needs.a.outputs.okay: job a declares no output 'okay'"]);
  });
});

describe('shellcheck over run blocks', () => {
  it('finds an unquoted expansion and passes once it is quoted; ${{ }} is read as a plain word', () => {
    expect(shellcheck('name=$1\necho $name\n').map((finding) => finding.code)).toEqual([2086]);
    expect(shellcheck('name=$1\necho "$name" ${{ runner.temp }}\n')).toEqual([]);
  });

  it('checks sh blocks as POSIX sh', () => {
    expect(shellcheck('if [[ -n "$1" ]]; then echo yes; fi\n', 'sh').map((finding) => finding.code)).toEqual([3010]);
  });
});
