// Write the JSON Schema of .github/roadstop.yml (schema/roadstop.schema.json) from the option definitions
// the config check itself uses: each gate's descriptor in the registry, read from the TypeScript sources
// by Node's own type stripping. A key's description comes from its definition, or else from the action
// input of the same name (a key is named after its input), so action.yml stays the one text of an input.
// Usage: node scripts/schema.mjs [--check]   (--check exits 1 when the committed schema is stale)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
// Node strips the sources' types itself; the hook maps their `.js` imports to the `.ts` beside them (as the benchmarks do).
import './ts-resolve.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_PATH = join(root, 'schema/roadstop.schema.json');
/** Where editors fetch it: the file at a release tag, so a config names the schema of the roadstop it runs. */
export const SCHEMA_ID = 'https://raw.githubusercontent.com/owner/roadstop/v1/schema/roadstop.schema.json';

const load = (path) => import(pathToFileURL(join(root, path)).href);

/** The input descriptions of actions/<name>/action.yml, by input name. */
function inputDescriptions(name) {
  const file = join(root, 'actions', name, 'action.yml');
  return existsSync(file) ? Object.fromEntries(Object.entries(parse(readFileSync(file, 'utf8')).inputs ?? {}).map(([key, spec]) => [key, spec.description])) : {};
}

export async function schemaText() {
  const [{ configSections }, { configJsonSchema }] = await Promise.all([load('packages/gates/src/index.ts'), load('packages/core/src/config-options.ts')]);
  const descriptions = {};
  const schema = configJsonSchema(configSections(), {
    id: SCHEMA_ID,
    describe: (section, key) => (descriptions[section] ??= inputDescriptions(section))[key],
  });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await schemaText();
  if (process.argv.includes('--check')) {
    const committed = existsSync(SCHEMA_PATH) ? readFileSync(SCHEMA_PATH, 'utf8') : '';
    if (committed !== text) {
      process.stderr.write('schema/roadstop.schema.json is stale: run node scripts/schema.mjs\n');
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_PATH, text);
    process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
  }
}
