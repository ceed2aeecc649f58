/**
 * The one way roadstop tells a user they made a mistake. Everything else that
 * escapes is a bug in roadstop and is reported as such by the edges.
 */
export interface ErrorLocation {
  /** Name of the action input or CLI option, e.g. `max`. */
  input?: string;
  /** File the mistake is in, relative to the workspace where possible. */
  file?: string;
  /** Dotted key inside that file, e.g. `bundle-budget.budgets[0].max`. */
  key?: string;
  /** 1-based line in `file`. */
  line?: number;
  column?: number;
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  readonly location: ErrorLocation;
  readonly hint: string | undefined;

  constructor(message: string, location: ErrorLocation = {}, hint?: string) {
    super(message);
    this.location = location;
    this.hint = hint;
  }

  /** One line a user can act on: where, what, how to fix it. */
  describe(): string {
    const where: string[] = [];
    const { input, file, key, line, column } = this.location;
    if (file) where.push(line ? `${file}:${line}${column ? `:${column}` : ''}` : file);
    if (key) where.push(`key '${key}'`);
    if (input) where.push(`input '${input}'`);
    const prefix = where.length > 0 ? `${where.join(', ')}: ` : '';
    return `${prefix}${this.message}${this.hint ? ` (${this.hint})` : ''}`;
  }
}

export function isConfigurationError(error: unknown): error is ConfigurationError {
  return error instanceof ConfigurationError;
}

/**
 * The runner's or the machine's problem, not the user's config and not a bug:
 * a file the step must write or read that the environment refuses
 * (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, a report without read permission).
 */
export class EnvironmentError extends Error {
  override readonly name: string = 'EnvironmentError';
}

const ENVIRONMENT_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EISDIR', 'ENOTDIR', 'EMFILE', 'ENFILE', 'EIO']);

/** An error from the file system or the runner that a person fixes on the machine, not in roadstop. */
export function isEnvironmentError(error: unknown): boolean {
  if (error instanceof EnvironmentError) return true;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && ENVIRONMENT_CODES.has(code) && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** One line for any error: the user's mistake as located, the environment's as such, anything else as a bug. */
export function describeFailure(error: unknown): string {
  if (isConfigurationError(error)) return error.describe();
  if (error instanceof EnvironmentError) return error.message;
  if (isEnvironmentError(error)) {
    const { code, syscall, path } = error as NodeJS.ErrnoException;
    return `the machine refused to ${syscall ?? 'access'} ${path ?? 'a file'} (${code}): check that the path exists and the step may use it`;
  }
  // Not the user's fault: say it is a bug, keep the cause.
  return `internal error (a bug in roadstop, please report it): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}
