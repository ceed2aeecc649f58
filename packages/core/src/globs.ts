import fg from 'fast-glob';
import { ConfigurationError, type ErrorLocation } from './errors.js';
import { insideWorkspace } from './lists.js';

export interface Selection {
  /** Workspace-relative paths, sorted. */
  files: string[];
}

/**
 * Expand a budget's globs inside the workspace. `!pattern` excludes. A pattern
 * that leaves the workspace is refused before anything is read.
 */
export async function selectFiles(workspace: string, patterns: readonly string[], origin: ErrorLocation): Promise<Selection> {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const pattern of patterns) {
    const relative = insideWorkspace(workspace, pattern, origin);
    (pattern.startsWith('!') ? exclude : include).push(relative);
  }
  if (include.length === 0) throw new ConfigurationError('only exclusions (!) were given', origin, 'add a glob that selects files');
  const files = await fg(include, {
    cwd: workspace,
    ignore: exclude,
    onlyFiles: true,
    dot: true,
    unique: true,
    followSymbolicLinks: false,
  });
  return { files: files.sort() };
}
