import { emptyFile, withPath, type CoverageReport, type FileCoverage } from './model.js';
import { mergeFileInto } from './merge.js';

export interface PathMappingOptions {
  /**
   * Directories the report's paths are relative to or start with, tried
   * before suffix matching: an absolute checkout root to strip
   * (`/home/runner/work/repo/repo`), Cobertura's `<sources>`, or a
   * repository subdirectory a tool ran in (`packages/web`).
   */
  roots?: readonly string[];
}

export interface AmbiguousPath {
  path: string;
  /** Repository files that match the report path equally well. */
  candidates: string[];
}

export interface PathMapping {
  /** Report path → repository path. */
  mapped: Map<string, string>;
  /** Report paths that match no repository file. */
  unmatched: string[];
  /** Report paths that match several repository files equally well; left unmapped. */
  ambiguous: AmbiguousPath[];
}

/**
 * Path segments with separators, drive letters and `.`/`..` settled, so that
 * `C:\\x\\repo\\src\\a.ts`, `/home/runner/work/repo/repo/src/a.ts`,
 * `./src/a.ts` and `src/a.ts` compare by their segments.
 */
export function pathSegments(path: string): string[] {
  const posix = path.replace(/\\/g, '/').replace(/^file:\/\//, '').replace(/^\/?[A-Za-z]:(?=\/|$)/, '');
  const segments: string[] = [];
  for (const segment of posix.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments;
}

function isAbsolute(path: string): boolean {
  return /^(?:[\\/]|[A-Za-z]:[\\/]|file:\/\/)/.test(path);
}

/**
 * Map report paths onto the repository's files (`git ls-files`).
 *
 * For each report path: a root that turns it into a repository path
 * exactly wins; otherwise the repository file sharing the longest suffix of
 * whole path segments with it (case-sensitive, as git and Linux runners are).
 * Equally long suffixes are ambiguous and reported rather than guessed; a
 * relative report path equal to a repository path counts as the longest.
 */
export function mapReportPaths(reportPaths: Iterable<string>, repositoryFiles: Iterable<string>, options: PathMappingOptions = {}): PathMapping {
  const repository = new Map<string, string[]>();
  const byBasename = new Map<string, string[][]>();
  for (const file of repositoryFiles) {
    const segments = pathSegments(file);
    const basename = segments[segments.length - 1];
    if (basename === undefined) continue;
    repository.set(segments.join('/'), segments);
    const list = byBasename.get(basename);
    if (list === undefined) byBasename.set(basename, [segments]);
    else list.push(segments);
  }
  const roots = (options.roots ?? []).map((root) => ({ absolute: isAbsolute(root), segments: pathSegments(root) }));

  const mapping: PathMapping = { mapped: new Map(), unmatched: [], ambiguous: [] };
  for (const path of new Set(reportPaths)) {
    const segments = pathSegments(path);
    const absolute = isAbsolute(path);

    // Roots first: they can make a path exact.
    let exact: string | undefined;
    for (const root of roots) {
      let candidate: string[] | undefined;
      if (absolute && root.absolute && startsWith(segments, root.segments)) candidate = segments.slice(root.segments.length);
      else if (!absolute && !root.absolute) candidate = [...root.segments, ...segments];
      const key = candidate?.join('/');
      if (key !== undefined && repository.has(key)) {
        exact = key;
        break;
      }
    }
    if (exact === undefined && !absolute && repository.has(segments.join('/'))) exact = segments.join('/');
    if (exact !== undefined) {
      mapping.mapped.set(path, exact);
      continue;
    }

    // Relative paths under an absolute root (Cobertura's <sources>) gain the root's segments to discriminate with.
    const absoluteRoots = absolute ? [] : roots.filter((root) => root.absolute);
    const forms = absoluteRoots.length > 0 ? absoluteRoots.map((root) => [...root.segments, ...segments]) : [segments];
    let best = 0;
    let candidates: string[] = [];
    for (const form of forms) {
      for (const file of byBasename.get(form[form.length - 1] ?? '') ?? []) {
        const length = commonSuffix(form, file);
        const key = file.join('/');
        if (length > best) {
          best = length;
          candidates = [key];
        } else if (length === best && !candidates.includes(key)) {
          candidates.push(key);
        }
      }
    }
    if (candidates.length === 0) mapping.unmatched.push(path);
    else if (candidates.length === 1) mapping.mapped.set(path, candidates[0]!);
    else mapping.ambiguous.push({ path, candidates: candidates.sort() });
  }
  return mapping;
}

function startsWith(segments: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= segments.length && prefix.every((segment, index) => segments[index] === segment);
}

function commonSuffix(a: readonly string[], b: readonly string[]): number {
  let length = 0;
  while (length < a.length && length < b.length && a[a.length - 1 - length] === b[b.length - 1 - length]) length += 1;
  return length;
}

/**
 * Sentences for the job summary about what did not map, each with a few
 * examples, so a user sees at once whether a root or the checkout is off.
 */
export function describePathMapping(mapping: PathMapping, examples = 3): string[] {
  const messages: string[] = [];
  const total = mapping.mapped.size + mapping.unmatched.length + mapping.ambiguous.length;
  if (mapping.unmatched.length > 0) {
    const shown = mapping.unmatched.slice(0, examples).join(', ');
    const more = mapping.unmatched.length > examples ? ', …' : '';
    messages.push(`${mapping.unmatched.length} of ${total} report paths match no file in the repository, e.g. ${shown}${more}`);
  }
  if (mapping.ambiguous.length > 0) {
    const shown = mapping.ambiguous
      .slice(0, examples)
      .map((entry) => `${entry.path} (${entry.candidates.slice(0, 3).join(' or ')}${entry.candidates.length > 3 ? ' or …' : ''})`)
      .join(', ');
    const more = mapping.ambiguous.length > examples ? ', …' : '';
    messages.push(`${mapping.ambiguous.length} of ${total} report paths match several repository files equally well, e.g. ${shown}${more}; pass the directory the tool ran in as a root`);
  }
  return messages;
}

/**
 * The report keyed by repository paths, without the paths that did not map.
 * Two report paths of one repository file (a symlink, `./a` and `a`) describe
 * the same run, so their coverage is combined, not added.
 */
export function remapReport(report: CoverageReport, mapping: PathMapping): CoverageReport {
  const files = new Map<string, FileCoverage>();
  for (const [path, file] of report.files) {
    const target = mapping.mapped.get(path);
    if (target === undefined) continue;
    const existing = files.get(target);
    if (existing === undefined) files.set(target, withPath(file, target));
    else {
      const combined = emptyFile(target);
      mergeFileInto(combined, existing, 'max');
      mergeFileInto(combined, file, 'max');
      files.set(target, combined);
    }
  }
  return { ...report, files };
}
