import { closeSync, constants as fsConstants, fstatSync, openSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigurationError, type ErrorLocation } from './errors.js';

/** Whether `target` is `root` or below it; both absolute and normalized. */
export function isWithin(root: string, target: string): boolean {
  const inside = relative(root, target);
  return inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside));
}

/**
 * Where `path` really is once every symlink is resolved: its realpath, or, for
 * a file not written yet, the realpath of its nearest existing folder with the
 * rest appended. The text of a path says nothing about where it leads.
 */
export function realLocation(path: string): string {
  let current = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = dirname(current);
      if (parent === current) return resolve(path);
      rest.push(basename(current));
      current = parent;
    }
  }
}

export interface ConfineOptions {
  /** Folders besides the workspace the path may lead into, e.g. the runner's temp folder for a report. */
  also?: readonly string[];
  /** What the path is, for the message (`where` names the path itself): `the baseline`, `the report`. */
  what?: string;
}

/**
 * A path the user named (a config, a baseline, a report), resolved against the
 * workspace and refused unless it stays inside it (or inside `also`) after
 * symlinks are resolved. Returns the real absolute path, the one to open.
 */
export function confinedPath(workspace: string, path: string, where: ErrorLocation, options: ConfineOptions = {}): Promise<string> {
  // A refusal is a rejection, as from any promise, not a throw at the call.
  return new Promise((done) => done(confinedPathSync(workspace, path, where, options)));
}

/** confinedPath, synchronously, for the start of a step (the config file). */
export function confinedPathSync(workspace: string, path: string, where: ErrorLocation, options: ConfineOptions = {}): string {
  const lexical = resolve(workspace, path);
  const real = realLocation(lexical);
  const roots = [workspace, ...(options.also ?? []).filter((root) => root !== '')];
  for (const root of roots) {
    if (isWithin(realLocation(root), real)) return real;
  }
  const through = real === lexical ? '' : ` (through a symlink, it leads to ${real})`;
  const allowed = roots.length > 1 ? 'the workspace or the runner temp folder' : `the workspace ${resolve(workspace)}`;
  throw new ConfigurationError(`${options.what ?? 'the path'} is outside ${allowed}${through}; roadstop reads and writes only inside it`, where, 'use a path inside the repository');
}

/** The type tests of a Stats or a Dirent that specialFileKind reads. */
export type SpecialFileTypes = Pick<Stats, 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket' | 'isFile' | 'isDirectory'>;

/** What a file that is not a regular file or a folder is, for the message: undefined for those two. */
export function specialFileKind(stats: SpecialFileTypes): string | undefined {
  if (stats.isFile() || stats.isDirectory()) return undefined;
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Refuse an opened file that is not a regular one: a folder is the EISDIR the callers already tell apart. */
function checkRegular(stats: Stats, path: string, where: ErrorLocation, what: string): void {
  if (stats.isDirectory()) {
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR', syscall: 'read', path });
  }
  const kind = specialFileKind(stats);
  if (kind) throw new ConfigurationError(`${what} is ${kind}, not a regular file; roadstop reads only regular files, so a pipe or device never hangs the step`, where, 'point it at a file');
}

/**
 * Open a file the user named for reading, refusing FIFOs, devices and sockets
 * before a byte is read: opened non-blocking (a FIFO without a writer would
 * block the open itself), then its type is checked on the open descriptor, so
 * nothing can be swapped in between. A folder is an EISDIR error and other
 * errors (ENOENT, EACCES) are thrown as they are, for the caller to word.
 */
export async function openRegularFile(path: string, where: ErrorLocation, what = 'the file'): Promise<import('node:fs/promises').FileHandle> {
  const { open } = await import('node:fs/promises');
  const handle = await open(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  try {
    checkRegular(await handle.stat(), path, where, what);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** A user-named regular file's text, with openRegularFile's checks. */
export async function readRegularFile(path: string, where: ErrorLocation, what = 'the file'): Promise<string> {
  const handle = await openRegularFile(path, where, what);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** readRegularFile, synchronously: for the start of a step (the config file, the event payload). */
export function readRegularFileSync(path: string, where: ErrorLocation, what = 'the file'): string {
  const fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  try {
    checkRegular(fstatSync(fd), path, where, what);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Resolve a user path or glob against the workspace and refuse one that leaves
 * it, by its text (confinedPath also follows symlinks): gates read only what
 * the checkout holds.
 */
export function insideWorkspace(workspace: string, path: string, where: ErrorLocation): string {
  const base = resolve(workspace);
  const target = resolve(base, path.replace(/^!/, ''));
  if (!isWithin(base, target)) throw new ConfigurationError(`'${path}' is outside the workspace ${base}`, where, 'use a path inside the repository');
  return relative(base, target).split(sep).join('/');
}
