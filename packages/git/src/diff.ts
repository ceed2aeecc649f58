import type { ChangedLines } from '@roadstop/core';

export type { ChangedLines, ChangeSource } from '@roadstop/core';

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Lines a change adds or modifies, per file (new path), from a unified diff:
 * `git diff` output with any context (`--unified=0` or the API's 3 lines).
 * Deleted files and pure deletions add no lines; binary files add none.
 */
export function parseUnifiedDiff(text: string): ChangedLines {
  const changed: ChangedLines = new Map();
  let file: string | undefined;
  let line = 0;
  // Lines left in the current hunk on each side: the header's counts tell where
  // it ends, so an added line reading "++ x" is never taken for a file header.
  let oldLeft = 0;
  let newLeft = 0;
  for (const raw of text.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      if (raw.startsWith('+')) {
        let lines = changed.get(file!);
        if (!lines) changed.set(file!, (lines = new Set()));
        lines.add(line++);
        newLeft--;
      } else if (raw.startsWith('-')) {
        oldLeft--;
      } else if (raw.startsWith(' ') || raw === '') {
        // An empty line inside a hunk is a context line whose space was dropped on the way.
        line++;
        oldLeft--;
        newLeft--;
      }
      // '\ No newline at end of file' moves neither side.
      continue;
    }
    if (raw.startsWith('diff --git ')) {
      file = undefined;
    } else if (raw.startsWith('+++ ')) {
      const target = raw.slice(4).replace(/\t.*$/, '');
      file = target === '/dev/null' ? undefined : stripPrefix(unquote(target));
    } else {
      const hunk = HUNK.exec(raw);
      if (hunk && file !== undefined) {
        oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
        line = Number(hunk[2]);
        newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
      }
    }
  }
  return changed;
}

/** Lines added by one file's patch, as the pull request files API gives it (no file headers). */
export function parsePatch(path: string, patch: string): Set<number> {
  return parseUnifiedDiff(`+++ b/${path}\n${patch}`).get(path) ?? new Set();
}

function stripPrefix(path: string): string {
  return path.startsWith('b/') ? path.slice(2) : path;
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };

// git quotes paths with unusual bytes: "b/caf\303\251.ts" with C escapes of UTF-8 bytes.
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[++index] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(index, index + 3), 8));
      index += 2;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
