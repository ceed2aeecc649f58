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

/** Text for an error that is not the user's fault: say it is a bug, keep the cause. */
export function describeUnexpected(error: unknown): string {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `internal error (a bug in roadstop, please report it): ${detail}`;
}
