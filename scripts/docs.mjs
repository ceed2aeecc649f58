// Generate the README's input and output tables from every action.yml, between
// <!-- action-docs:NAME:start --> and <!-- action-docs:NAME:end --> markers.
// Usage: node scripts/docs.mjs [--check]   (--check exits 1 when the README is stale)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function actionFiles() {
  const files = { roadstop: join(root, 'action.yml') };
  for (const name of readdirSync(join(root, 'actions')).sort()) {
    const file = join(root, 'actions', name, 'action.yml');
    if (existsSync(file)) files[name] = file;
  }
  return files;
}

const cell = (text) => String(text ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();

export function tables(file) {
  const action = parse(readFileSync(file, 'utf8'));
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, spec]) => `| \`${name}\` | ${cell(spec.description)} | ${spec.default === undefined ? '' : `\`${cell(spec.default)}\``} |`,
  );
  const outputs = Object.entries(action.outputs ?? {}).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`);
  return [
    '| Input | Description | Default |',
    '| --- | --- | --- |',
    ...inputs,
    '',
    '| Output | Description |',
    '| --- | --- |',
    ...outputs,
  ].join('\n');
}

export function render(readme) {
  let text = readme;
  for (const [name, file] of Object.entries(actionFiles())) {
    const start = `<!-- action-docs:${name}:start -->`;
    const end = `<!-- action-docs:${name}:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from === -1 || to === -1) throw new Error(`README.md has no ${start} … ${end} markers for ${file}`);
    text = `${text.slice(0, from + start.length)}\n${tables(file)}\n${text.slice(to)}`;
  }
  return text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = join(root, 'README.md');
  const current = readFileSync(path, 'utf8');
  const fresh = render(current);
  if (process.argv.includes('--check')) {
    if (fresh !== current) {
      process.stderr.write('README.md is stale: run `npm run docs` and commit the result.\n');
      process.exitCode = 1;
    }
  } else if (fresh !== current) {
    writeFileSync(path, fresh);
    process.stdout.write('README.md updated\n');
  }
}
