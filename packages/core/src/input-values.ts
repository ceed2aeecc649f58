// Values of inputs and config keys as text: lists, booleans, choices.
import { ConfigurationError, type ErrorLocation } from './errors.js';

/**
 * Split a multi-line input into items: one per line, and commas separate too,
 * except inside `{a,b}` brace sets where a comma belongs to the glob.
 */
export function splitList(text: string | undefined): string[] {
  if (!text) return [];
  const items: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    let depth = 0;
    let current = '';
    for (const char of line) {
      if (char === '{') depth++;
      else if (char === '}') depth = Math.max(0, depth - 1);
      if (char === ',' && depth === 0) {
        items.push(current);
        current = '';
      } else {
        current += char;
      }
    }
    items.push(current);
  }
  return items.map((item) => item.trim()).filter((item) => item !== '' && !item.startsWith('#'));
}

/**
 * A boolean input, read as GitHub Actions' getBooleanInput and YAML 1.2 (the
 * config file) read one: true, True, TRUE, false, False, FALSE. `yes`, `on`
 * or `1` would mean true here and a string in the config file, so neither
 * place takes them.
 */
export function parseBoolean(value: string, where: ErrorLocation): boolean {
  const text = value.trim();
  if (['true', 'True', 'TRUE'].includes(text)) return true;
  if (['false', 'False', 'FALSE'].includes(text)) return false;
  throw new ConfigurationError(`'${value}' is not true or false`, where, 'write true or false, as every GitHub Actions boolean input');
}

/** `value` when it is one of `allowed`, else the mistake, located and listing what is allowed. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], where: ErrorLocation): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigurationError(`'${value}' is not one of ${allowed.join(', ')}`, where);
}
