import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControlCharacters } from '@roadstop/core';
import { dropLinesBeyondEnd } from '../src/line-bounds.js';
import { parseCoverageReport } from '../src/read.js';

const lcov = (path: string, lines: number[]) => `SF:${path}\n${lines.map((line) => `DA:${line},1`).join('\n')}\nend_of_record\n`;

async function workspace(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'roadstop-line-bounds-'));
  await mkdir(join(root, 'src'));
  await writeFile(join(root, 'src/a.ts'), 'one\ntwo\nthree\n');
  await writeFile(join(root, 'src/b.ts'), 'one\ntwo');
  return root;
}

describe('lines beyond the end of a file', () => {
  it('are dropped and counted, the rest kept, the totals recomputed', async () => {
    const root = await workspace();
    const report = await parseCoverageReport(lcov('src/a.ts', [1, 2, 3, 4, 500]) + lcov('src/b.ts', [1, 2]), 'lcov.info');
    const found = dropLinesBeyondEnd(report, root);
    expect(found).toEqual({ lines: 2, example: { path: 'src/a.ts', line: 500, length: 3 } });
    expect([...report.files.get('src/a.ts')!.lines.keys()]).toEqual([1, 2, 3]);
    expect(report.files.get('src/a.ts')!.totals.lines).toEqual({ covered: 3, total: 3 });
    expect([...report.files.get('src/b.ts')!.lines.keys()]).toEqual([1, 2]);
  });

  it('leaves files it must not or cannot read as the report has them: missing, a symlink, a FIFO', async () => {
    const root = await workspace();
    await symlink('/etc/passwd', join(root, 'src/link.ts'));
    execFileSync('mkfifo', [join(root, 'src/pipe.ts')]);
    const report = await parseCoverageReport(lcov('src/gone.ts', [10]) + lcov('src/link.ts', [5000]) + lcov('src/pipe.ts', [7]), 'lcov.info');
    expect(dropLinesBeyondEnd(report, root)).toEqual({ lines: 0 });
  });

  it('escapes control characters of a file name for one-line text', () => {
    expect(escapeControlCharacters('src/a\nb|c.ts')).toBe('src/a\\x0ab|c.ts');
  });
});
