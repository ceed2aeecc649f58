// Pack the CLI as the npm package @roadstop/cli and print the tarball's path.
// Usage: node scripts/pack-cli.mjs [--out DIR] [--repository OWNER/NAME]
//   DIR defaults to the current folder; OWNER/NAME (default: $GITHUB_REPOSITORY, else the manifest's) becomes the
//   manifest's repository, which npm's provenance checks against the repository the workflow runs in.
//
// The package is staged in a temporary folder, because what it carries lives in three places of this repository:
// the manifest (packages/cli/package.json), the bundle (dist/cli: index.js and its chunks, built
// by `node scripts/build.mjs cli`), and the lock from which lighthouse-gate installs lhci and Lighthouse on first use
// (actions/lighthouse-gate/lhci, found from the bundle at ../../actions/lighthouse-gate/lhci, as in this repository).
// Nothing else is loaded at run time, so the package has no dependencies and installs offline.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LHCI_LOCK = 'actions/lighthouse-gate/lhci';

/**
 * The manifest as published: the workspace's, at the version the bundle reports, without the sources' exports
 * and without its prepack, which refuses `npm pack` of the sources folder (a package with no dist/cli in it).
 */
export async function publishedManifest(repository) {
  const manifest = JSON.parse(await readFile(join(root, 'packages/cli/package.json'), 'utf8'));
  // `roadstop --version` prints the root package's version (packages/cli/src/main.ts): the package says the same.
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const { exports: _sources, private: _private, devDependencies: _dev, scripts: _scripts, ...rest } = manifest;
  const published = { ...rest, version };
  if (repository) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/.test(repository)) throw new Error(`--repository: '${repository}' is not OWNER/NAME`);
    published.repository = { ...published.repository, type: 'git', url: `git+https://github.com/${repository}.git` };
  }
  return published;
}

export async function packCli({ out, repository }) {
  const bundle = join(root, 'dist/cli');
  if (!existsSync(join(bundle, 'index.js'))) {
    throw new Error('dist/cli is not built: run `node scripts/build.mjs cli` first');
  }
  const stage = await mkdtemp(join(tmpdir(), 'roadstop-pack-cli-'));
  try {
    await writeFile(join(stage, 'package.json'), `${JSON.stringify(await publishedManifest(repository), null, 2)}\n`);
    await cp(join(root, 'packages/cli/README.md'), join(stage, 'README.md'));
    await cp(bundle, join(stage, 'dist/cli'), { recursive: true });
    await mkdir(join(stage, LHCI_LOCK), { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) await cp(join(root, LHCI_LOCK, file), join(stage, LHCI_LOCK, file));
    await mkdir(out, { recursive: true });
    const json = await npm(['pack', '--json', '--pack-destination', out], stage);
    const [packed] = JSON.parse(json);
    if (!packed?.filename) throw new Error(`npm pack wrote no tarball: ${json.slice(0, 500)}`);
    return join(out, packed.filename);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

function npm(args, cwd) {
  return new Promise((done, fail) => {
    const proc = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk) => (stdout += chunk));
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    proc.on('error', fail);
    proc.on('close', (code) => (code === 0 ? done(stdout) : fail(new Error(`npm ${args[0]} exited ${code}: ${stderr.trim().split('\n').slice(-5).join('\n')}`))));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, repository: { type: 'string' } } });
  try {
    const repository = values.repository ?? (process.env.GITHUB_REPOSITORY || undefined);
    process.stdout.write(`${await packCli({ out: resolve(values.out ?? '.'), repository })}\n`);
  } catch (error) {
    process.stderr.write(`pack-cli: ${error.message}\n`);
    process.exitCode = 1;
  }
}
