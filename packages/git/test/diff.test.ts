import { describe, expect, it } from 'vitest';
import { parsePatch, parseUnifiedDiff } from '../src/index.js';

const lines = (map: Map<string, Set<number>>) => Object.fromEntries([...map].map(([file, set]) => [file, [...set].sort((a, b) => a - b)]));

describe('parseUnifiedDiff', () => {
  it('reads added lines of a --unified=0 diff, with renames, new and deleted files', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3 +3 @@ export function a() {',
      '-  return 1;',
      '+  return 2;',
      '@@ -10,0 +11,2 @@',
      '+const x = 1;',
      '+const y = 2;',
      '@@ -20,3 +21,0 @@',
      '-gone',
      '-gone',
      '-gone',
      'diff --git a/src/old.ts b/src/new.ts',
      'similarity index 90%',
      'rename from src/old.ts',
      'rename to src/new.ts',
      '--- a/src/old.ts',
      '+++ b/src/new.ts',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      'diff --git a/src/created.ts b/src/created.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/src/created.ts',
      '@@ -0,0 +1,3 @@',
      '+one',
      '+two',
      '+three',
      'diff --git a/src/deleted.ts b/src/deleted.ts',
      'deleted file mode 100644',
      '--- a/src/deleted.ts',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-x',
      '-y',
      'diff --git a/logo.png b/logo.png',
      'Binary files a/logo.png and b/logo.png differ',
    ].join('\n');
    expect(lines(parseUnifiedDiff(diff))).toEqual({ 'src/a.ts': [3, 11, 12], 'src/new.ts': [1], 'src/created.ts': [1, 2, 3] });
  });

  it('does not take added lines that look like headers for headers', () => {
    const diff = ['--- a/q.sql', '+++ b/q.sql', '@@ -1,2 +1,3 @@', ' select 1;', '+++ not a header', '--- removed comment', '+-- added comment', ' end;'].join('\n');
    expect(lines(parseUnifiedDiff(diff))).toEqual({ 'q.sql': [2, 3] });
  });

  it('decodes quoted paths', () => {
    const diff = ['--- "a/caf\\303\\251.ts"', '+++ "b/caf\\303\\251.ts"', '@@ -0,0 +1 @@', '+x'].join('\n');
    expect(lines(parseUnifiedDiff(diff))).toEqual({ 'café.ts': [1] });
  });

  it('reads the patch of the pull request files API, with context lines', () => {
    const patch = ['@@ -1,4 +1,5 @@', ' import x;', '-old();', '+fresh();', '+more();', ' ', ' end();', '\\ No newline at end of file', '@@ -40,3 +41,3 @@ function f() {', ' a', '-b', '+c', ' d'].join('\n');
    expect([...parsePatch('src/f.ts', patch)]).toEqual([2, 3, 42]);
  });
});
