import { isAbsolute, relative, resolve, sep } from 'node:path';
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

export function parseBoolean(value: string, where: ErrorLocation): boolean {
  const normalized = value.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(normalized)) return true;
  if (['false', 'no', 'off', '0'].includes(normalized)) return false;
  throw new ConfigurationError(`'${value}' is not true or false`, where);
}

/**
 * Resolve a user path or glob against the workspace and refuse one that leaves
 * it: gates read only what the checkout holds.
 */
export function insideWorkspace(workspace: string, path: string, where: ErrorLocation): string {
  const base = resolve(workspace);
  const target = resolve(base, path.replace(/^!/, ''));
  const inside = relative(base, target);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new ConfigurationError(`'${path}' is outside the workspace ${base}`, where, 'use a path inside the repository');
  }
  return inside.split(sep).join('/');
}
