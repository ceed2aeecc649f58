#!/usr/bin/env node
// A release of roadstop that a caller can pin, made in this clone and never pushed:
//   node scripts/release.mjs --repository OWNER/NAME --version X.Y.Z
// In the repository, roadstop's workflows, its root action and the examples call its own actions as
// `owner/roadstop/...@v1`, a placeholder: from a caller's repository that names a repository that is not this one.
// The release stamps every such `uses:` with this repository's real name and an immutable ref of the same release:
//   commit 1  the tree of HEAD, with package.json's version set to X.Y.Z (HEAD itself when it already is);
//   commit 2  every action `uses:` (`owner/roadstop@…`, `owner/roadstop/actions/<name>@…`) → OWNER/NAME…@<commit 1>;
//   commit 3  every reusable workflow `uses:` (the examples' `owner/roadstop/.github/workflows/x.yml@…`) →
//             OWNER/NAME/.github/workflows/x.yml@<commit 2> (only when some file has one).
// Commits 1-3 hold the same actions/ and dist/, so the SHAs they name hold the actions the release was built from;
// commit 2's workflows are the stamped ones, so a workflow reached through commit 3 calls stamped actions only.
// The last commit gets the tags vX.Y.Z (annotated) and vX (moved to it unless vX is a later release); its SHA is
// printed on stdout. The commits are made with git's plumbing on a scratch index: the branch, the index and the
// work tree of the clone are left as they were.
// Refused: a dirty work tree, a version that is not X.Y.Z, an existing vX.Y.Z tag, a repository name GitHub would
// refuse; and after stamping, any `uses:` of owner/roadstop left, or a stamped path the named commit lacks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const PLACEHOLDER = 'owner/roadstop';
const STAMPED_FILES = /^(action\.yml|actions\/[^/]+\/action\.ya?ml|\.github\/workflows\/[^/]+\.ya?ml|examples\/workflows\/[^/]+\.ya?ml)$/;
// A `uses:` value of the placeholder: the whole repository (root action), a folder in it, or a workflow file.
const USES = /(\buses:\s*['"]?)owner\/roadstop((?:\/[^@\s'"#]*)?)@([^\s'"#]+)/g;

class ReleaseError extends Error {}

function fail(message) {
  throw new ReleaseError(message);
}

function parse(argv) {
  const { values } = parseArgs({ args: argv, options: { repository: { type: 'string' }, version: { type: 'string' }, cwd: { type: 'string' } }, strict: true });
  const repository = values.repository ?? fail('--repository OWNER/NAME is required');
  const version = values.version ?? fail('--version X.Y.Z is required');
  // GitHub's rules: an owner of 1-39 letters, digits or single dashes; a name of letters, digits, . _ -, not . or ..
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})\/([A-Za-z0-9._-]{1,100})$/.exec(repository);
  if (!match || match[2] === '.' || match[2] === '..' || match[2].endsWith('.git')) fail(`--repository '${repository}' is not OWNER/NAME as GitHub spells it`);
  if (repository.toLowerCase() === PLACEHOLDER) fail(`--repository ${PLACEHOLDER} is the placeholder the release replaces; name the repository that publishes it`);
  if (!/^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/.test(version)) fail(`--version '${version}' is not X.Y.Z (e.g. 1.4.2)`);
  return { repository, version, cwd: values.cwd ?? process.cwd() };
}

export function release(options) {
  const { repository, version, cwd } = options;
  const env = { ...process.env, ...(options.env ?? {}) };
  const raw = (args, extra = {}) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...env, ...extra.env }, input: extra.input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const git = (args, extra) => raw(args, extra).trimEnd();
  const tryGit = (args) => {
    try {
      return git(args);
    } catch {
      return undefined;
    }
  };

  if (tryGit(['rev-parse', '--is-inside-work-tree']) !== 'true') fail(`${cwd} is not a git work tree`);
  const head = tryGit(['rev-parse', '--verify', 'HEAD^{commit}']) ?? fail('the repository has no commit to release');
  const dirty = git(['status', '--porcelain']);
  if (dirty) fail(`the work tree is not clean; commit or remove these first:\n${dirty}`);
  const tag = `v${version}`;
  const major = `v${version.split('.')[0]}`;
  if (tryGit(['rev-parse', '-q', '--verify', `refs/tags/${tag}`])) fail(`tag ${tag} exists already; a release is never made twice`);

  // Commits need an identity; a clone in CI may have none configured.
  if (!tryGit(['var', 'GIT_COMMITTER_IDENT'])) Object.assign(env, { GIT_AUTHOR_NAME: 'roadstop release', GIT_AUTHOR_EMAIL: 'release@roadstop.invalid', GIT_COMMITTER_NAME: 'roadstop release', GIT_COMMITTER_EMAIL: 'release@roadstop.invalid' });

  const scratch = mkdtempSync(join(tmpdir(), 'roadstop-release-'));
  const index = { env: { GIT_INDEX_FILE: join(scratch, 'index') } };
  const files = (commit) => git(['ls-tree', '-r', '--full-tree', commit]).split('\n').filter(Boolean).map((line) => {
    const [meta, path] = line.split('\t');
    const [mode, type] = meta.split(' ');
    return { mode, type, path };
  });
  // A commit on `parent` whose tree is the parent's with `change(path, text)` applied to the files it returns a new text for.
  const commitWith = (parent, message, select, change) => {
    git(['read-tree', parent], index);
    let changed = 0;
    for (const file of files(parent)) {
      if (file.type !== 'blob' || !select(file.path)) continue;
      const text = raw(['cat-file', 'blob', `${parent}:${file.path}`]);
      const next = change(file.path, text);
      if (next === undefined || next === text) continue;
      const blob = git(['hash-object', '-w', '--stdin'], { input: next });
      git(['update-index', '--cacheinfo', `${file.mode},${blob},${file.path}`], index);
      changed++;
    }
    if (changed === 0) return parent;
    const tree = git(['write-tree'], index);
    return git(['commit-tree', tree, '-p', parent, '-m', message]);
  };

  try {
    // Commit 1: the version. Only the first "version" of package.json and of the lock's root package change.
    const commit1 = commitWith(head, `release ${tag}: package version ${version}`, (path) => path === 'package.json' || path === 'package-lock.json', (path, text) => {
      const data = JSON.parse(text);
      if (path === 'package.json') return text.replace(/("version"\s*:\s*)"[^"]*"/, `$1"${version}"`);
      if (data.version === undefined) return undefined;
      // The lock: its own version and its root package's ("packages" → "").
      return text.replace(/("version"\s*:\s*)"[^"]*"/, `$1"${version}"`).replace(/("packages"\s*:\s*\{\s*""\s*:\s*\{[^{}]*?"version"\s*:\s*)"[^"]*"/, `$1"${version}"`);
    });
    const stamp = (kind, sha) => (path, text) =>
      text.replace(USES, (whole, prefix, sub, _ref) => {
        const isWorkflow = /^\/\.github\/workflows\//.test(sub);
        if ((kind === 'workflow') !== isWorkflow) return whole;
        return `${prefix}${repository}${sub}@${sha}`;
      });
    const commit2 = commitWith(commit1, `release ${tag}: roadstop's own actions called as ${repository}@${commit1}`, (path) => STAMPED_FILES.test(path), stamp('action', commit1));
    const commit3 = commitWith(commit2, `release ${tag}: reusable workflows called as ${repository}/.github/workflows/…@${commit2}`, (path) => STAMPED_FILES.test(path), stamp('workflow', commit2));

    // The release holds no placeholder, and every stamped ref names a commit that has what the uses: names.
    for (const file of files(commit3)) {
      if (file.type !== 'blob' || !STAMPED_FILES.test(file.path)) continue;
      const text = git(['cat-file', 'blob', `${commit3}:${file.path}`]);
      for (const [whole] of text.matchAll(USES)) fail(`${file.path}: '${whole}' was left unstamped`);
      for (const match of text.matchAll(/\buses:\s*['"]?([^\s'"#]+)/g)) {
        const uses = match[1];
        if (!uses.startsWith(`${repository}/`) && !uses.startsWith(`${repository}@`)) continue;
        const at = uses.lastIndexOf('@');
        const path = uses.slice(repository.length, at).replace(/^\//, '');
        const sha = uses.slice(at + 1);
        if (!/^[0-9a-f]{40}$/.test(sha)) fail(`${file.path}: ${uses} is not at a commit SHA`);
        const target = path === '' ? 'action.yml' : /\.ya?ml$/.test(path) ? path : `${path}/action.yml`;
        if (tryGit(['cat-file', '-e', `${sha}:${target}`]) === undefined) fail(`${file.path}: ${uses} names ${target}, which commit ${sha} lacks`);
      }
    }
    for (const folder of ['actions', 'dist']) {
      const trees = [commit1, commit2, commit3].map((commit) => tryGit(['rev-parse', `${commit}:${folder}`]) ?? '');
      if (new Set(trees).size !== 1) fail(`${folder}/ differs between the release commits`);
    }

    git(['tag', '-a', tag, '-m', `roadstop ${tag}`, commit3]);
    // The major tag follows the newest release of its major version, never back to an older one.
    const current = tryGit(['show', `refs/tags/${major}:package.json`]);
    const currentVersion = current ? String(JSON.parse(current).version ?? '0.0.0') : undefined;
    const newer = (a, b) => {
      const [x, y] = [a, b].map((text) => text.split('.').map(Number));
      for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
      return false;
    };
    const movesMajor = currentVersion === undefined || !newer(currentVersion, version);
    if (movesMajor) git(['tag', '-f', '-a', major, '-m', `roadstop ${major} (${tag})`, commit3]);
    process.stderr.write(`${tag}: ${commit3}${movesMajor ? `, ${major} moved to it` : `, ${major} stays at ${currentVersion}`}\n`);
    return { sha: commit3, commits: [commit1, commit2, commit3], tag, major: movesMajor ? major : undefined };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { sha } = release(parse(process.argv.slice(2)));
    process.stdout.write(`${sha}\n`);
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    process.stderr.write(`release: ${error.message}\n`);
    process.exitCode = 2;
  }
}
