// Generate the input and output tables of every action.yml and reusable workflow: in README.md between
// <!-- action-docs:NAME:start --> … <!-- action-docs:NAME:end --> (and workflow-docs:NAME for .github/workflows/NAME.yml),
// and each action's own actions/NAME/README.md, written whole.
// Also schema/roadstop.schema.json, through scripts/schema.mjs.
// Usage: node scripts/docs.mjs [--check]   (--check exits 1 when any of them is stale)
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

/** The reusable workflows (on: workflow_call): name → file. */
export function workflowFiles() {
  const files = {};
  const folder = join(root, '.github/workflows');
  for (const name of readdirSync(folder).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const doc = parse(readFileSync(join(folder, name), 'utf8'));
    if (doc?.on && typeof doc.on === 'object' && 'workflow_call' in doc.on) files[name.replace(/\.ya?ml$/, '')] = join(folder, name);
  }
  return files;
}

export function workflowTables(file) {
  const call = parse(readFileSync(file, 'utf8')).on.workflow_call ?? {};
  const section = (title, entries, row) => (entries.length === 0 ? [] : ['', `| ${title.join(' | ')} |`, `| ${title.map(() => '---').join(' | ')} |`, ...entries.map(row)]);
  return [
    ...section(['Input', 'Type', 'Description', 'Default'], Object.entries(call.inputs ?? {}), ([name, spec]) =>
      `| \`${name}\` | ${spec.type ?? ''} | ${cell(spec.description)} | ${spec.required ? 'required' : spec.default === undefined ? '' : spec.default === '' ? '(empty)' : `\`${cell(JSON.stringify(spec.default).replace(/^"|"$/g, ''))}\``} |`,
    ),
    ...section(['Secret', 'Description'], Object.entries(call.secrets ?? {}), ([name, spec]) => `| \`${name}\` | ${cell(spec?.description)}${spec?.required ? ' Required.' : ''} |`),
    ...section(['Output', 'Description'], Object.entries(call.outputs ?? {}), ([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`),
  ]
    .slice(1)
    .join('\n');
}

function fill(text, kind, name, body, file) {
  const start = `<!-- ${kind}:${name}:start -->`;
  const end = `<!-- ${kind}:${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`README.md has no ${start} … ${end} markers for ${file}`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

export function render(readme) {
  let text = readme;
  for (const [name, file] of Object.entries(actionFiles())) text = fill(text, 'action-docs', name, tables(file), file);
  for (const [name, file] of Object.entries(workflowFiles())) text = fill(text, 'workflow-docs', name, workflowTables(file), file);
  return text;
}

/** actions/NAME/README.md: what the action is, its uses: line, its tables, and where the whole story is. */
export function actionReadme(name, file) {
  const action = parse(readFileSync(file, 'utf8'));
  return [
    `<!-- Generated from action.yml by scripts/docs.mjs (npm run docs): edit action.yml, not this file. -->`,
    `# ${action.name ?? name}`,
    '',
    cell(action.description),
    '',
    '```yaml',
    `- uses: owner/roadstop/actions/${name}@v1`,
    '```',
    '',
    `How it decides, examples and the config file's \`${name}:\` section: [the roadstop README](../../README.md#${name}).`,
    '',
    tables(file),
    '',
  ].join('\n');
}

/** Every generated file: path → [current text or undefined, fresh text]. */
export function generated() {
  const out = {};
  const readme = join(root, 'README.md');
  const current = readFileSync(readme, 'utf8');
  out[readme] = [current, render(current)];
  for (const [name, file] of Object.entries(actionFiles())) {
    if (name === 'roadstop') continue;
    const path = join(root, 'actions', name, 'README.md');
    out[path] = [existsSync(path) ? readFileSync(path, 'utf8') : undefined, actionReadme(name, file)];
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // The config's JSON Schema is generated too (from the gates' option definitions): stale together, written together.
  const { schemaText, SCHEMA_PATH } = await import('./schema.mjs');
  const schema = { [SCHEMA_PATH]: [existsSync(SCHEMA_PATH) ? readFileSync(SCHEMA_PATH, 'utf8') : undefined, await schemaText()] };
  const stale = Object.entries({ ...generated(), ...schema }).filter(([, [current, fresh]]) => current !== fresh);
  if (process.argv.includes('--check')) {
    if (stale.length > 0) {
      process.stderr.write(`stale: ${stale.map(([path]) => path.slice(root.length + 1)).join(', ')}: run \`npm run docs\` and commit the result.\n`);
      process.exitCode = 1;
    }
  } else {
    for (const [path, [, fresh]] of stale) {
      writeFileSync(path, fresh);
      process.stdout.write(`${path.slice(root.length + 1)} updated\n`);
    }
  }
}
