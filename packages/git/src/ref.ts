import { ConfigurationError, type ErrorLocation } from '@roadstop/core';

/** Longest ref roadstop passes to git: a branch name or a SHA, never a paragraph. */
const MAX_REF_LENGTH = 255;

/**
 * Why `ref` is not a revision git may be handed, or undefined when it is one.
 * The rules of `git check-ref-format` (no control characters, space, ~ ^ : ? *
 * [ \, no `..`, `@{`, `//`, no component starting with `.` or ending in
 * `.lock`), plus what makes a value an option or a refspec: a leading `-` (git
 * reads `--upload-pack=…` as an option) or `+`. A trailing `^{commit}` is not
 * accepted: roadstop adds its own.
 */
export function refProblem(ref: string): string | undefined {
  if (ref === '') return 'it is empty';
  if (ref.length > MAX_REF_LENGTH) return `it is longer than ${MAX_REF_LENGTH} characters`;
  if (ref.startsWith('-')) return 'it starts with -, which git would read as an option';
  if (ref.startsWith('+')) return 'it starts with +, which git would read as a forced refspec';
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(ref)) return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
  if (ref.includes('..')) return 'it contains ..';
  if (ref.includes('@{')) return 'it contains @{';
  if (ref === '@') return 'it is @';
  if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//')) return 'it has an empty path component';
  if (ref.endsWith('.')) return 'it ends with .';
  for (const component of ref.split('/')) {
    if (component.startsWith('.')) return `its component '${component}' starts with .`;
    if (component.endsWith('.lock')) return `its component '${component}' ends with .lock`;
  }
  return undefined;
}

/** `ref` when git may be handed it as a revision, else a ConfigurationError naming where it came from. */
export function checkRef(ref: string, where: ErrorLocation): string {
  const problem = refProblem(ref);
  if (problem === undefined) return ref;
  const shown = JSON.stringify(ref.length > 80 ? `${ref.slice(0, 80)}…` : ref);
  throw new ConfigurationError(`${shown} is not a git ref or commit: ${problem}`, where, 'give a branch name (main), a tag or a commit SHA');
}
