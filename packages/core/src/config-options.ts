import { ConfigurationError } from './errors.js';
import type { ConfigSection } from './config.js';

/**
 * A config section's keys as data: what the code refuses (unknown keys, wrong
 * types, out-of-range numbers, values outside an enum) and what
 * schema/roadstop.schema.json says, from one definition. Each gate's
 * descriptor carries its own; the gate's resolveOptions then reads the checked
 * values and judges what only it can (sizes, globs, combinations).
 *
 * A key's name is its action input's name wherever the gate has that input;
 * `renamedFrom` keeps an older spelling working, with a warning.
 *
 * Checked by hand over ConfigSection rather than by ajv over the schema: ajv's
 * compiler would load with every step (see result-check.ts), and its errors
 * name JSON pointers where ConfigSection names the file's line and the closest
 * known key. The tests hold both verdicts to the same table.
 */
export type OptionDefinition = (
  | { type: 'string'; enum?: readonly string[]; default?: string }
  | { type: 'number'; minimum?: number; maximum?: number; integer?: boolean; default?: number }
  | { type: 'boolean'; default?: boolean }
  /** A size, percentage or duration YAML may read as a number (`max: 400000`, `max-drop: 2%`). */
  | { type: 'string-or-number'; default?: string | number }
  /** One string, or a list of strings (globs, URLs). */
  | { type: 'string-list' }
  /** A map of the keys named in `keys`, and no others. */
  | { type: 'map'; keys: OptionDefinitions }
  /** A map whose keys are the user's (globs): each value as `values` says. */
  | { type: 'map-of'; values: OptionDefinition }
  /** A list of maps of the keys in `keys`. */
  | { type: 'list'; keys: OptionDefinitions }
  /** Either of two forms, told apart by whether the value is a map. */
  | { type: 'scalar-or-map'; scalar: OptionDefinition; map: OptionDefinition }
) & {
  /** For people (the schema's description); when absent, the action input's description of the same name is used. */
  description?: string;
  /** Older names of this key (`parent.key` for one inside a map): still read, with a deprecation warning naming both. */
  renamedFrom?: readonly string[];
  /** Still read, but every key of it has a new name (given by their renamedFrom); the schema marks it deprecated. */
  deprecated?: true;
};

export type OptionDefinitions = Readonly<Record<string, OptionDefinition>>;

/** One top-level section of the config file. */
export interface ConfigSectionDefinition {
  description: string;
  /** The keys the section takes; absent: a section this version reserves and does not read (any map). */
  options?: OptionDefinitions;
}

/** Every section a config may hold, by name: what the caller (the registry's user) passes to parseConfig. */
export type ConfigSectionDefinitions = Readonly<Record<string, ConfigSectionDefinition>>;

/** The range a number option's definition allows, as ConfigSection.number and checkRange take it. */
export function rangeOf(definition: { minimum?: number; maximum?: number; integer?: boolean }): { min?: number; max?: number; integer: boolean } {
  return { integer: definition.integer ?? false, ...(definition.minimum !== undefined ? { min: definition.minimum } : {}), ...(definition.maximum !== undefined ? { max: definition.maximum } : {}) };
}

/** A deprecated key met in the config: shown by the edge as a warning on its file and line. */
export interface ConfigWarning {
  text: string;
  /** The old key, dotted from the top (`coverage-gate.patch`): each gate step shows its own section's. */
  key: string;
  file?: string;
  line?: number;
}

/**
 * Check `section` against `options`: older key names renamed (each a warning),
 * then unknown keys, types, ranges and enums refused, every mistake located.
 */
export function checkSection(section: ConfigSection, options: OptionDefinitions, warnings: ConfigWarning[]): void {
  for (const [key, definition] of Object.entries(options)) {
    for (const old of definition.renamedFrom ?? []) {
      const where = section.renameKey(old, key);
      if (!where) continue;
      warnings.push({ key: where.key ?? old, text: `'${where.key}' is deprecated: it is now '${section.locate(key).key}' (the input's name); the old name still works for now`, ...(where.file ? { file: where.file } : {}), ...(where.line ? { line: where.line } : {}) });
    }
  }
  section.rejectUnknown(Object.keys(options));
  for (const key of section.keys()) checkValue(section, key, options[key]!, warnings);
}

function checkValue(parent: ConfigSection, key: string, definition: OptionDefinition, warnings: ConfigWarning[]): void {
  if (!parent.has(key)) return;
  switch (definition.type) {
    case 'string':
      if (definition.enum) parent.oneOf(key, definition.enum);
      else parent.string(key);
      return;
    case 'number':
      if (typeof parent.value(key) !== 'number') throw new ConfigurationError('must be a number', parent.locate(key));
      parent.number(key, rangeOf(definition));
      return;
    case 'boolean':
      parent.boolean(key);
      return;
    case 'string-or-number':
      parent.stringOrNumber(key);
      return;
    case 'string-list':
      parent.stringList(key);
      return;
    case 'map':
      checkSection(parent.section(key), definition.keys, warnings);
      return;
    case 'map-of': {
      const map = parent.section(key);
      for (const name of map.keys()) checkValue(map, name, definition.values, warnings);
      return;
    }
    case 'list':
      for (const item of parent.sections(key)) checkSection(item, definition.keys, warnings);
      return;
    case 'scalar-or-map':
      checkValue(parent, key, parent.kind(key) === 'map' ? definition.map : definition.scalar, warnings);
      return;
  }
}

type Schema = Record<string, unknown>;

/**
 * The JSON Schema (draft-07) of a config made of `sections`: what checkSection
 * accepts, said for editors. An empty key reads as absent in roadstop, so
 * every value may also be null. `describe` supplies the description of a key
 * its definition leaves to the action input of the same name.
 */
export function configJsonSchema(sections: ConfigSectionDefinitions, options: { id: string; describe(section: string, key: string): string | undefined }): Schema {
  const properties: Record<string, Schema> = {
    version: { description: 'The config format version; this roadstop reads 1.', enum: [1, null] },
  };
  for (const [name, section] of Object.entries(sections)) {
    properties[name] = section.options
      ? { description: section.description, ...mapSchema(section.options, (key) => options.describe(name, key)) }
      : { description: section.description, type: ['object', 'null'] };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: options.id,
    title: 'roadstop config (.github/roadstop.yml)',
    type: ['object', 'null'],
    properties,
    additionalProperties: false,
  };
}

function mapSchema(options: OptionDefinitions, describe: (key: string) => string | undefined): Schema {
  const properties: Record<string, Schema> = {};
  for (const [key, definition] of Object.entries(options)) {
    const description = definition.description ?? describe(key);
    const schema = { ...(description ? { description } : {}), ...valueSchema(definition) };
    properties[key] = definition.deprecated ? { ...schema, deprecated: true } : schema;
    // An old name is still read: the schema takes it too, marked deprecated, so an editor flags it rather than refusing it.
    for (const old of definition.renamedFrom ?? []) if (!old.includes('.')) properties[old] = { ...schema, deprecated: true, description: `Deprecated: use '${key}'.` };
  }
  return { type: ['object', 'null'], properties, additionalProperties: false };
}

function valueSchema(definition: OptionDefinition): Schema {
  switch (definition.type) {
    case 'string':
      // A plain scalar such as `base: 1234567` reads as a number and is taken as its text.
      return definition.enum
        ? { enum: [...definition.enum, null], ...defaultOf(definition.default) }
        : { type: ['string', 'number', 'boolean', 'null'], ...defaultOf(definition.default) };
    case 'number':
      return {
        type: [definition.integer ? 'integer' : 'number', 'null'],
        ...(definition.minimum !== undefined ? { minimum: definition.minimum } : {}),
        ...(definition.maximum !== undefined ? { maximum: definition.maximum } : {}),
        ...defaultOf(definition.default),
      };
    case 'boolean':
      return { type: ['boolean', 'null'], ...defaultOf(definition.default) };
    case 'string-or-number':
      return { type: ['string', 'number', 'null'], ...defaultOf(definition.default) };
    case 'string-list':
      return { anyOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array', items: { type: ['string', 'number'] } }] };
    case 'map':
      return mapSchema(definition.keys, () => undefined);
    case 'map-of':
      return { type: ['object', 'null'], additionalProperties: valueSchema(definition.values) };
    case 'list':
      return { type: ['array', 'null'], items: { ...mapSchema(definition.keys, () => undefined), type: 'object' } };
    case 'scalar-or-map': {
      const map = valueSchema(definition.map);
      return { anyOf: [{ ...map, type: 'object' }, valueSchema(definition.scalar)] };
    }
  }
}

function defaultOf(value: unknown): Schema {
  return value === undefined ? {} : { default: value };
}
