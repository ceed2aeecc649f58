import { ConfigurationError, type ErrorLocation } from './errors.js';

/**
 * How deep roadstop reads the YAML and JSON a user gives it (a config, a metric
 * list, a Slack message, a result file): a few levels each, and far from the
 * depth at which a recursive reader (yaml's composer, a result check, a
 * message walk) runs out of stack.
 */
export const MAX_NESTING = 100;

/** A parsed JSON object (not null, not an array): the one value whose fields a reader may look up. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Refuse a parsed JSON value nested more than MAX_NESTING deep. JSON.parse
 * itself reads any depth; whatever walks the value afterwards recurses, so
 * the check walks with a stack of its own.
 */
export function checkNesting(value: unknown, where: ErrorLocation, hint: string): void {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, depth] = top;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= MAX_NESTING) throw new ConfigurationError(`JSON nested more than ${MAX_NESTING} levels deep`, where, hint);
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
}
