import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@roadstop/core';
import { GATES } from '@roadstop/gates';
import { REPO_ROOT } from '../src/index.js';
import { checkCalls, checkPolicy, jobsOf, mapping, repositoryFiles, sourceFile } from '../src/workflows/index.js';

// The README's part for adopters (issue 18) held to the repository: its copy-paste blocks call the reusable
// workflows with inputs they declare and pass the policy, its config is one every gate reads, the check it tells
// adopters to require is the job every road stop rolls up into, its links land on headings, and its canary
// traffic table is what the judge computes today.

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const files = repositoryFiles(REPO_ROOT);

function section(heading: string, next: string): string {
  const from = README.indexOf(`\n${heading}\n`);
  const to = README.indexOf(`\n${next}\n`, from + 1);
  expect(from, heading).toBeGreaterThan(-1);
  expect(to, next).toBeGreaterThan(from);
  return README.slice(from, to);
}

const adopt = section('## Adopt it', '### The required check');
const blocks = [...adopt.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes, a repeat gets -1, -2. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

describe("the README's Adopt it", () => {
  it('comes first, right after the intro and the table of road stops, with a table of contents after it', () => {
    const headings = [...README.matchAll(/^## (.*)$/gm)].map((match) => match[1]);
    expect(headings.slice(0, 3)).toEqual(['Adopt it', 'Contents', 'Actions and workflows']);
    expect(README.slice(0, README.indexOf('\n## Adopt it\n')).split('\n').length).toBeLessThan(20);
  });

  it('has the pull-request, preview, release and config blocks', () => {
    expect(blocks).toHaveLength(4);
    expect(blocks[0]).toContain('uses: owner/roadstop/.github/workflows/gates.yml@v1');
    expect(blocks[1]).toContain('uses: owner/roadstop/.github/workflows/preview.yml@v1');
    expect(blocks[2]).toContain('uses: owner/roadstop/.github/workflows/canary.yml@v1');
    expect(blocks[3]).toMatch(/^version: 1\n/);
  });

  it('says, before the first block, that owner/roadstop is a placeholder and how to pin a release', () => {
    const intro = adopt.slice(0, adopt.indexOf('```yaml'));
    expect(intro).toMatch(/`owner\/roadstop` below is a placeholder/);
    expect(intro).toMatch(/`@v1\.4\.2` or its commit SHA/);
  });

  it("says how much traffic the canary needs, with the traffic table's own count", () => {
    const table = README.slice(README.indexOf('<!-- canary-traffic:start -->'), README.indexOf('<!-- canary-traffic:end -->'));
    const needed = /\| 0% \| upper bound under 1% \(promote\) \| ([\d,]+) \|/.exec(table)![1]!;
    expect(adopt).toContain(`about ${needed} requests at each step`);
    expect(adopt).toContain('[how much traffic a canary needs](#how-much-traffic-a-canary-needs)');
    expect(anchors(README)).toContain('how-much-traffic-a-canary-needs');
  });

  it('calls the reusable workflows with inputs and secrets they declare, and passes the policy', () => {
    // The preview is a job of the pull-request file: the two blocks are one workflow.
    const pullRequest = sourceFile('README.md', `${blocks[0]}${blocks[1]}`);
    const release = sourceFile('README.md', blocks[2]!);
    expect(jobsOf(pullRequest).map(([id]) => id)).toEqual(['gates', 'preview']);
    expect(jobsOf(release).map(([id]) => id)).toEqual(['gates', 'canary']);
    for (const shown of [pullRequest, release]) expect([...checkPolicy(shown), ...checkCalls([...files, shown])]).toEqual([]);
  });

  it("gives a config that every gate it names reads without a mistake", () => {
    const config = parseConfig(blocks[3]!, '.github/roadstop.yml');
    const workspace = mkdtempSync(join(tmpdir(), 'roadstop-readme-config-'));
    // What the release block gives canary-watch as inputs; the rest comes from the config.
    const inputs: Record<string, Record<string, string>> = { 'canary-watch': { 'prometheus-url': 'https://prometheus.example.com', 'baseline-label': 'stable' } };
    const named = GATES.filter((gate) => new RegExp(`^${gate.name}:`, 'm').test(blocks[3]!));
    expect(named.map((gate) => gate.name).sort()).toEqual(['bundle-budget', 'canary-watch', 'coverage-gate', 'lighthouse-gate']);
    for (const gate of named) expect(() => gate.resolveOptions(config.section(gate.name), inputs[gate.name] ?? {}, workspace), gate.name).not.toThrow();
  });
});

describe("the README's required check", () => {
  it("is gates.yml's summary job, which needs every other job and runs when they failed", () => {
    expect(section('### The required check', '## Contents')).toContain('**`gates / summary`**');
    const gates = files.find((file) => file.path === '.github/workflows/gates.yml')!;
    const jobs = new Map(jobsOf(gates));
    const summary = mapping(jobs.get('summary'));
    expect(String(summary.if)).toMatch(/!cancelled\(\)/);
    expect([...(summary.needs as string[])].sort()).toEqual([...jobs.keys()].filter((id) => id !== 'summary').sort());
  });
});

describe("the README's links", () => {
  it('land on a heading, from the README itself and from each action folder', () => {
    const targets = anchors(README);
    const links = [...README.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]!);
    for (const action of readdirSync(join(REPO_ROOT, 'actions')).filter((name) => existsSync(join(REPO_ROOT, 'actions', name, 'README.md')))) {
      const own = readFileSync(join(REPO_ROOT, 'actions', action, 'README.md'), 'utf8');
      links.push(...[...own.matchAll(/README\.md#([\w-]+)/g)].map((match) => match[1]!));
    }
    expect(links.length).toBeGreaterThan(20);
    expect(links.filter((link) => !targets.has(link))).toEqual([]);
    // The contents name every section of the README.
    const contents = section('## Contents', '## Actions and workflows');
    for (const [, heading] of README.matchAll(/^## (.*)$/gm)) {
      if (heading !== 'Contents') expect(contents, heading).toContain(`](#${[...anchors(`## ${heading}`)][0]})`);
    }
  });

  it('keeps a Security section with a heading per action', () => {
    const security = section('## Security', '## The result contract');
    for (const action of readdirSync(join(REPO_ROOT, 'actions')).filter((name) => name !== 'roadstop')) expect(security).toContain(`### \`${action}\``);
    expect(security).toContain('### The root action');
  });
});

describe("the README's canary traffic table", () => {
  it('is what canary-watch judge computes today', () => {
    const ran = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/canary-traffic.mjs'), '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    const table = README.slice(README.indexOf('<!-- canary-traffic:start -->'), README.indexOf('<!-- canary-traffic:end -->'));
    expect(table).toMatch(/\| 0% \| upper bound under 1% \(promote\) \| [\d,]+ \|/);
  });
});
