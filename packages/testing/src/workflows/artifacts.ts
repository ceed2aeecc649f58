import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';

/** The artifact actions the local runner stands in for, with a folder as the run's artifact storage. */
export const ARTIFACT_ACTIONS = new Set(['actions/upload-artifact', 'actions/download-artifact']);

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** A glob of artifact names (`roadstop-result-*`) as the download action matches it (minimatch; only * and ? here). */
function nameMatcher(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/**
 * upload-artifact and download-artifact (v4) as they treat files, on a folder instead of GitHub's storage:
 * upload refuses a name already uploaded in the run (v4 artifacts are immutable, and two jobs uploading one name
 * fail: https://github.com/actions/upload-artifact#not-uploading-to-the-same-artifact), leaves out hidden files and
 * folders, a hidden path given itself included, unless include-hidden-files is true (v4.4.0), and follows
 * if-no-files-found; a folder's contents go to the
 * artifact's root, a file by its name (the runner keeps paths below the common root; the workflows here give one
 * folder or files of one folder). download takes `name`, or `pattern` into one sub-folder per artifact, or all into
 * `path` with merge-multiple.
 */
export async function moveArtifact(kind: 'upload' | 'download', inputs: Record<string, string>, store: string, workspace: string): Promise<{ ok: boolean; note: string }> {
  const at = (path: string) => (isAbsolute(path) ? path : resolve(workspace, path));
  if (kind === 'upload') {
    const name = inputs.name || 'artifact';
    const target = join(store, name);
    if (await exists(target)) return { ok: false, note: `upload-artifact: an artifact named ${name} exists already in this run (Conflict: 409)` };
    const hidden = inputs['include-hidden-files'] === 'true';
    const paths = (inputs.path ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
    let count = 0;
    const copy = async (from: string, to: string): Promise<void> => {
      const info = await stat(from);
      if (info.isDirectory()) {
        for (const entry of await readdir(from)) {
          if (!hidden && entry.startsWith('.')) continue;
          await copy(join(from, entry), join(to, entry));
        }
      } else {
        await mkdir(join(to, '..'), { recursive: true });
        await cp(from, to);
        count++;
      }
    };
    for (const path of paths) {
      if (path.includes('*')) return { ok: false, note: `upload-artifact: the local runner takes no globs (${path})` };
      const from = at(path);
      if (!(await exists(from))) continue;
      // @actions/glob's excludeHiddenFiles looks at every item's own name, the searched path's included: `.next` itself.
      if (!hidden && basename(from).startsWith('.')) continue;
      await ((await stat(from)).isDirectory() ? copy(from, target) : copy(from, join(target, basename(from))));
    }
    const missing = inputs['if-no-files-found'] || 'warn';
    if (count === 0) {
      const note = `upload-artifact ${name}: no files were found with the provided path: ${paths.join(', ')}${hidden ? '' : ' (hidden files are left out unless include-hidden-files: true)'}`;
      return { ok: missing !== 'error', note };
    }
    return { ok: true, note: `upload-artifact ${name}: ${count} file(s)` };
  }
  const path = at(inputs.path || '.');
  const names = (await exists(store)) ? await readdir(store) : [];
  if (inputs.name) {
    if (!names.includes(inputs.name)) return { ok: false, note: `download-artifact: no artifact named ${inputs.name} in this run` };
    await cp(join(store, inputs.name), path, { recursive: true });
    return { ok: true, note: `download-artifact ${inputs.name}` };
  }
  const match = nameMatcher(inputs.pattern || '*');
  const chosen = names.filter((name) => match.test(name)).sort();
  for (const name of chosen) await cp(join(store, name), inputs['merge-multiple'] === 'true' ? path : join(path, name), { recursive: true });
  return { ok: true, note: `download-artifact ${chosen.join(', ') || '(none matched)'}` };
}
