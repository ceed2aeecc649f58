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

export function checkRange(value: number, range: { min?: number; max?: number; integer?: boolean }, where: ErrorLocation): void {
  if (range.integer && !Number.isInteger(value)) throw new ConfigurationError(`${value} must be a whole number`, where);
  if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
    const bounds = range.max === undefined ? `at least ${range.min}` : range.min === undefined ? `at most ${range.max}` : `from ${range.min} to ${range.max}`;
    throw new ConfigurationError(`${value} is out of range: must be ${bounds}`, where);
  }
}

/** A finite number within `range`, or the mistake: `'x' is not <what>` and how to write one. */
export function parseNumber(value: string | number, where: ErrorLocation, range: Parameters<typeof checkRange>[1], what = 'a number', hint?: string): number {
  const text = String(value).trim();
  const number = Number(text);
  if (text === '' || !Number.isFinite(number)) throw new ConfigurationError(`'${value}' is not ${what}`, where, hint);
  checkRange(number, range, where);
  return number;
}
