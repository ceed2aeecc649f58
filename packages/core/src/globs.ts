// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.
import { lstatSync, promises as fsp, realpathSync } from 'node:fs';
import { join, posix } from 'node:path';
import { insideWorkspace, isWithin, specialFileKind, type SpecialFileTypes } from './confine.js';
import { ConfigurationError, type ErrorLocation } from './errors.js';

export interface Selection {
  /** Workspace-relative paths of regular files, sorted. */
  files: string[];
  /** Symlinks the globs matched, which are never followed: the caller says so in its result. */
  skippedLinks: string[];
  /** FIFOs, devices and sockets the globs matched, never opened (a pipe would hang the step): path and kind. */
  skippedSpecial: Array<{ path: string; kind: string }>;
}

/**
 * Brace sets a single glob may expand to. fast-glob (micromatch) expands
 * `{a,b}` into one pattern per combination before matching: twenty groups are a
 * million patterns, 40 s and 3 GB. No real build or report path needs 1,000.
 */
export const MAX_GLOB_EXPANSIONS = 1000;

/**
 * Expand a budget's globs inside the workspace. `!pattern` excludes. A pattern
 * that leaves the workspace, by its text or through a symlinked folder, is
 * refused; symlinks a pattern matches are skipped and listed.
 */
export async function selectFiles(workspace: string, patterns: readonly string[], origin: ErrorLocation): Promise<Selection> {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const pattern of patterns) {
    checkGlobSize(pattern, origin);
    const relative = insideWorkspace(workspace, pattern, origin);
    (pattern.startsWith('!') ? exclude : include).push(relative);
  }
  if (include.length === 0) throw new ConfigurationError('only exclusions (!) were given', origin, 'add a glob that selects files');
  for (const pattern of include) refuseLinkedBase(workspace, pattern, origin);
  const files: string[] = [];
  const skippedLinks: string[] = [];
  const skippedSpecial: Selection['skippedSpecial'] = [];
  for (const entry of await matchEntries(workspace, include, exclude)) {
    const special = specialFileKind(entry.kind);
    if (entry.kind.isSymbolicLink()) skippedLinks.push(entry.path);
    else if (entry.kind.isFile()) files.push(entry.path);
    else if (special) skippedSpecial.push({ path: entry.path, kind: special });
  }
  files.sort();
  await refuseEscapes(workspace, files, patterns, origin);
  return { files, skippedLinks: skippedLinks.sort(), skippedSpecial: skippedSpecial.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

interface MatchedEntry {
  path: string;
  /** The entry's own type, a symlink not followed: a Dirent, or the lstat of a literal path. */
  kind: SpecialFileTypes & { isSymbolicLink(): boolean };
}

/**
 * Every entry the globs match, each once, files or not. Literal paths
 * (`coverage/lcov.info`) are an lstat each, selected as fast-glob selects
 * them (a missing path matching nothing) without loading it: fast-glob and its
 * helpers cost a step ~8 ms to load (bench/README.md), for a report path that
 * names one file.
 */
async function matchEntries(workspace: string, include: string[], exclude: string[]): Promise<MatchedEntry[]> {
  if (exclude.length === 0 && include.every(isLiteralPath)) {
    return [...new Set(include)].flatMap((path) => {
      const kind = lstatSync(join(workspace, path), { throwIfNoEntry: false });
      return kind ? [{ path, kind }] : [];
    });
  }
  // Not onlyFiles: it would drop matched symlinks without a word. Entries are sorted out by their dirent instead.
  // Loaded when a glob is expanded, not with every step: a step that stops at its config never pays for it.
  const { default: fg } = await import('fast-glob');
  const entries = await fg(include, { cwd: workspace, ignore: exclude, onlyFiles: false, dot: true, unique: true, followSymbolicLinks: false, objectMode: true });
  return entries.map((entry) => ({ path: entry.path, kind: entry.dirent }));
}

/**
 * A pattern with nothing a glob would expand (no wildcard, class, brace,
 * extglob or escape): a path, such as `coverage/lcov.info`. Conservative: any
 * of those characters, even where a glob would read it literally, goes to
 * fast-glob.
 */
export function isLiteralPath(pattern: string): boolean {
  return !/[*?[\]{}()!+@\\]/.test(pattern);
}

/** The warning for symlinks a selection skipped, or nothing. */
export function describeSkippedLinks(selection: Pick<Selection, 'skippedLinks'> & Partial<Pick<Selection, 'skippedSpecial'>>, examples = 3): string | undefined {
  const links = selection.skippedLinks;
  const special = selection.skippedSpecial ?? [];
  const parts: string[] = [];
  if (links.length > 0) {
    const shown = links.slice(0, examples).join(', ') + (links.length > examples ? ', …' : '');
    parts.push(`skipped ${links.length} symlink${links.length === 1 ? '' : 's'} the globs match (${shown}): symlinks are not followed, so nothing outside the workspace is read`);
  }
  if (special.length > 0) {
    const shown = special.slice(0, examples).map((entry) => `${entry.path} is ${entry.kind}`).join(', ') + (special.length > examples ? ', …' : '');
    parts.push(`skipped ${special.length} match${special.length === 1 ? '' : 'es'} that ${special.length === 1 ? 'is' : 'are'} not a regular file (${shown}): roadstop reads only regular files, so a pipe or device never hangs the step`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/**
 * fast-glob does not follow symlinks while walking, but a symlinked folder in
 * a pattern's fixed part (`dist/link/*.js`) is read through. Resolve each
 * distinct folder once and refuse any that leads out.
 */
async function refuseEscapes(workspace: string, files: readonly string[], patterns: readonly string[], origin: ErrorLocation): Promise<void> {
  const root = await fsp.realpath(workspace);
  const folders = new Map<string, string>();
  for (const file of files) {
    const folder = posix.dirname(file);
    if (!folders.has(folder)) folders.set(folder, file);
  }
  await Promise.all(
    [...folders].map(async ([folder, file]) => {
      const real = await fsp.realpath(join(workspace, folder));
      if (!isWithin(root, real)) {
        throw new ConfigurationError(
          `'${file}' (matched by ${patterns.map((pattern) => `'${pattern}'`).join(', ')}) is outside the workspace: the folder ${folder} leads to ${real} through a symlink`,
          origin,
          'point the glob at the build output itself, not at a symlink to it',
        );
      }
    }),
  );
}

/**
 * The folders of a pattern's fixed part (`dist/link` of `dist/link/**\/*.js`)
 * are read by fast-glob through any symlink, so a `dist → /usr` would be
 * walked whole (142,000 entries) before refuseEscapes sees a file. Each one is
 * lstat'ed first: the walk stops at a symlink that leads out of the workspace,
 * and says so.
 */
export function refuseLinkedBase(workspace: string, pattern: string, origin: ErrorLocation): void {
  const parts = pattern.split('/');
  let root: string | undefined;
  let folder = '';
  // Every component of the fixed part; the last one too when the pattern is literal (a file, or a folder to walk).
  for (const part of parts) {
    if (part === '' || part === '.' || !isLiteralPath(part)) break;
    folder = folder === '' ? part : `${folder}/${part}`;
    const kind = lstatSync(join(workspace, folder), { throwIfNoEntry: false });
    if (!kind) return;
    if (!kind.isSymbolicLink()) continue;
    root ??= realpathSync(workspace);
    let real: string;
    try {
      real = realpathSync(join(workspace, folder));
    } catch {
      return; // a dangling link matches nothing
    }
    if (!isWithin(root, real)) {
      throw new ConfigurationError(
        `the glob '${pattern}' goes through ${folder}, a symlink to ${real} outside the workspace; globs do not follow it`,
        origin,
        'point the glob at the build output itself, not at a symlink to it',
      );
    }
  }
}

/** Refuse a glob whose brace sets expand to more than MAX_GLOB_EXPANSIONS patterns, before anything expands it. */
export function checkGlobSize(pattern: string, origin: ErrorLocation): void {
  const count = countBraceExpansions(pattern);
  if (count > MAX_GLOB_EXPANSIONS) {
    throw new ConfigurationError(
      `the glob '${pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern}' expands to more than ${MAX_GLOB_EXPANSIONS} patterns through its {…} brace sets`,
      origin,
      'use fewer {a,b} groups, or ** and a wildcard',
    );
  }
}

/**
 * How many patterns brace expansion makes of `pattern` (an upper bound: a
 * set braces would leave literal may be counted). Hand-written because the
 * library's only way to count is to expand, which is the cost being avoided.
 */
export function countBraceExpansions(pattern: string): number {
  const cap = MAX_GLOB_EXPANSIONS + 1;
  let index = 0;
  // A sequence multiplies its brace sets; stops at a ',' or '}' of the enclosing set.
  const sequence = (nested: boolean): number => {
    let product = 1;
    while (index < pattern.length) {
      const char = pattern[index]!;
      if (char === '\\') index += 2;
      else if (nested && (char === ',' || char === '}')) return product;
      else if (char === '{') product = Math.min(cap, product * set());
      else index++;
    }
    return product;
  };
  // A set sums its alternatives; `{1..100}` counts its range.
  const set = (): number => {
    const open = index++;
    const range = /^\{(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.(-?\d+))?\}/.exec(pattern.slice(open));
    if (range) {
      index = open + range[0].length;
      const value = (text: string) => (/^-?\d+$/.test(text) ? Number(text) : text.charCodeAt(0));
      const step = Math.abs(Number(range[3] ?? 1)) || 1;
      return Math.min(cap, Math.floor(Math.abs(value(range[2]!) - value(range[1]!)) / step) + 1);
    }
    let sum = 0;
    for (;;) {
      sum = Math.min(cap, sum + sequence(true));
      if (index >= pattern.length) return 1; // never closed: literal
      if (pattern[index++] === '}') return Math.max(sum, 1);
    }
  };
  return sequence(false);
}
