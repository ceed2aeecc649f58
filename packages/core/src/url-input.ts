import { ConfigurationError, type ErrorLocation } from './errors.js';

/**
 * What no URL given as an input may hold: control and format characters
 * (line breaks, tabs, NUL, zero-width and bidi marks) and the Unicode line
 * and paragraph separators. A plain space is left to the URL parser, which
 * refuses it in a host and encodes it elsewhere. The URL
 * parser quietly drops tabs and line breaks, so `https://x\n::error::…`
 * parses, while the raw text, logged or put in a comment, is a workflow
 * command or a disguised link. Refused, never cleaned.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

export interface UrlInputOptions {
  /** How to fix it, e.g. `give the preview URL, https://…`. */
  hint?: string;
  /** Quote the URL in the message: false for a secret one (a Slack webhook). */
  echo?: boolean;
}

/** Refuse a URL input holding a control or format character, naming the character and where it is. */
export function rejectUnsafeUrlText(text: string, where: ErrorLocation, options: UrlInputOptions = {}): void {
  const match = UNSAFE.exec(text);
  if (!match) return;
  const code = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const quoted = options.echo === false ? '' : `'${JSON.stringify(text).slice(1, -1)}' `;
  throw new ConfigurationError(`${quoted}holds a control or format character (${code} at character ${match.index + 1}), which no URL has`, where, options.hint ?? 'give the URL on one line, as it is');
}

/** An http(s) URL input, checked: no unsafe character, parsed, http or https. */
export function parseHttpUrlInput(text: string, where: ErrorLocation, options: UrlInputOptions = {}): URL {
  rejectUnsafeUrlText(text, where, options);
  const quoted = options.echo === false ? '' : `'${text}' `;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new ConfigurationError(`${quoted}is not a URL`, where, options.hint);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigurationError(`${quoted}is a ${parsed.protocol} URL, not http(s)`, where, options.hint);
  return parsed;
}
