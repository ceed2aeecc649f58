import { closeSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { totalFromDetail, type CoverageReport } from './model.js';

/** Source files larger than this are not read to count their lines: no hand-written source is 64 MB. */
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

export interface BeyondEnd {
  /** Line records dropped, in all files. */
  lines: number;
  /** The first file with such lines, for the message: its path, the highest line the report gave and its length. */
  example?: { path: string; line: number; length: number };
}

/**
 * Drop the line records that lie beyond the end of their file in the
 * checkout: a report that says line 500 of a 40-line file is covered is
 * stale or forged, and counting it would lift the percentage. Only regular
 * files are read (lstat: no symlink followed, no FIFO opened); a file that
 * cannot be read is left as the report has it. Mutates the report's files.
 */
export function dropLinesBeyondEnd(report: CoverageReport, workspace: string): BeyondEnd {
  const found: BeyondEnd = { lines: 0 };
  for (const file of report.files.values()) {
    let last = 0;
    for (const [line] of file.lines) last = line;
    if (last <= 1) continue;
    const length = lineCount(join(workspace, file.path));
    if (length === undefined || last <= length) continue;
    const beyond = [...file.lines.keys()].filter((line) => line > length);
    for (const line of beyond) file.lines.delete(line);
    found.lines += beyond.length;
    found.example ??= { path: file.path, line: last, length };
    if (report.metrics.lines === 'detail') file.totals.lines = totalFromDetail(file, 'lines');
  }
  return found;
}

/** Lines in a regular file (a last line without a newline counts), or undefined when it is not one or cannot be read. */
function lineCount(path: string): number | undefined {
  const kind = lstatSync(path, { throwIfNoEntry: false });
  if (!kind?.isFile() || kind.size > MAX_SOURCE_BYTES) return undefined;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.allocUnsafe(1 << 16);
    let lines = 0;
    let lastByte = 10;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      for (let index = buffer.indexOf(10, 0); index !== -1 && index < read; index = buffer.indexOf(10, index + 1)) lines++;
      lastByte = buffer[read - 1]!;
    }
    return lastByte === 10 ? lines : lines + 1;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
