import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// core → render/git → github → gate packages → gates (the registry) → action/cli and the steps → canary-release: a package imports
// only packages of a lower layer (docs/architecture.md). Static and dynamic imports of the sources both count.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LAYER: Record<string, number> = {
  core: 0,
  render: 1,
  git: 1,
  github: 2,
  bundle: 3,
  coverage: 3,
  lighthouse: 3,
  canary: 3,
  gates: 4,
  action: 5,
  cli: 8,
  comment: 6,
  slack: 6,
  release: 7,
};

function sources(folder: string, every = false): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? sources(path, every) : every || path.endsWith('.ts') ? [path] : [];
  });
}

/** package → the @roadstop packages its src/ imports. */
function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const name of readdirSync(join(ROOT, 'packages'))) {
    if (name === 'testing') continue;
    const imports = new Set<string>();
    for (const file of sources(join(ROOT, 'packages', name, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/(?:from |import\()'@roadstop\/([a-z-]+)/g)) if (match[1] !== name) imports.add(match[1]!);
    }
    graph.set(name, imports);
  }
  return graph;
}

describe('the layers', () => {
  const graph = importGraph();

  it('name every package', () => {
    expect([...graph.keys()].sort()).toEqual(Object.keys(LAYER).sort());
  });

  it('hold: no package imports one of its own layer or above', () => {
    const upward = [...graph].flatMap(([name, imports]) => [...imports].filter((target) => LAYER[target]! >= LAYER[name]!).map((target) => `${name} → ${target}`));
    expect(upward).toEqual([]);
  });

  it('keep the GitHub package to the client and baselines: the step lifecycle is the action edge', () => {
    expect(readdirSync(join(ROOT, 'packages/github/src'))).not.toContain('gate-step.ts');
    expect(graph.get('github')).toEqual(new Set(['core', 'git']));
  });
});

describe('the size of the sources', () => {
  // docs/architecture.md, "Size": the line budget of packages/*/src (without packages/testing), counted as wc -l counts.
  const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const budget = Number(/^## Size\n[^#]*?\*\*([\d,]+)\*\*/m.exec(doc)?.[1]?.replace(/,/g, ''));
  const lines = readdirSync(join(ROOT, 'packages'))
    .filter((name) => name !== 'testing')
    .flatMap((name) => sources(join(ROOT, 'packages', name, 'src'), true))
    .reduce((sum, file) => sum + (readFileSync(file, 'utf8').match(/\n/g)?.length ?? 0), 0);

  it('stays within the line budget docs/architecture.md states, and the budget is not left far above them', () => {
    expect(Number.isInteger(budget) && budget > 0).toBe(true);
    expect(lines).toBeLessThanOrEqual(budget);
    expect(budget - lines).toBeLessThanOrEqual(300);
  });
});
