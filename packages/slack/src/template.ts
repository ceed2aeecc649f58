import { closest, ConfigurationError, redactText, type ErrorLocation } from '@roadstop/core';
import { escapeMrkdwn, escapeUrl } from './mrkdwn.js';
import type { Story } from './story.js';

/** `{{ commit.message }}`; `${{ … }}` too, as slack-github-action's templated payload files write it. */
const PLACEHOLDER = /\$?\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[A-Za-z_][\w-]*(\.[\w-]+)*$/;
/** Keys whose value is a URL (Block Kit's `url`, `image_url`, attachments' `title_link`): values are URL-encoded there. */
const URL_KEY = /(^|_)(url|link)$/;

export interface TemplateScope {
  story: Story;
  /** The variables env-allow names, and only those: `{{ env.NAME }}` carries one into the message as data. */
  env: Record<string, string | undefined>;
  /** The workflow's event payload, as `{{ github.event.… }}`, and the run's context. */
  github: Record<string, unknown>;
}

/**
 * Fill a custom payload's `{{ variables }}`. The payload is parsed first and
 * the values go into its strings as data, never into its text: no commit
 * message can break the JSON. Each value is escaped for where it lands, so it
 * reads as it was and does nothing: `&`, `<`, `>` as entities in text (no
 * link, mention or `<!channel>` can be injected), URL-encoded in URL fields.
 * Known secrets in a value become `***`. A name that is not a variable is a
 * mistake, named with the closest variable there is.
 */
export function fillTemplate<T>(payload: T, scope: TemplateScope, where: ErrorLocation, secrets: readonly string[] = []): T {
  const fill = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return fillString(value, key);
    if (Array.isArray(value)) return value.map((item) => fill(item, key));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([inner, item]) => [inner, fill(item, inner)]));
    return value;
  };
  const fillString = (text: string, key: string): string =>
    text.replace(PLACEHOLDER, (_match, name: string) => {
      const raw = redactText(lookup(name, scope, where), secrets);
      return URL_KEY.test(key) ? escapeUrl(encodeUrlText(raw)) : escapeMrkdwn(raw);
    });
  return fill(payload, '') as T;
}

/** The value of a variable as text, or the mistake that names it. */
export function lookup(name: string, scope: TemplateScope, where: ErrorLocation): string {
  if (!NAME.test(name)) throw new ConfigurationError(`'{{ ${name} }}' is not a variable name`, where, 'write a name such as {{ commit.message }} or {{ env.NAME }}');
  const [root, ...rest] = name.split('.');
  if (root === 'env') {
    if (rest.length !== 1) throw new ConfigurationError(`'{{ ${name} }}' names no environment variable`, where, 'write {{ env.NAME }}, and set NAME in the step\'s env:');
    if (!Object.hasOwn(scope.env, rest[0]!)) {
      throw new ConfigurationError(`template variable '{{ ${name} }}' is not in env-allow: a template reads only the step's env: variables env-allow names`, where, `add ${rest[0]} to the env-allow input, and set it in the step's env:`);
    }
    const value = scope.env[rest[0]!];
    if (value === undefined) throw new ConfigurationError(`template variable '{{ ${name} }}' does not exist: ${rest[0]} is not set in the step's environment`, where, `set it in the step's env:, e.g. ${rest[0]}: \${{ … }}`);
    return value;
  }
  const roots: Record<string, unknown> = { ...scope.story, github: scope.github };
  let value: unknown = roots;
  const walked: string[] = [];
  for (const segment of [root!, ...rest]) {
    const holder = value;
    const next = typeof holder === 'object' && holder !== null && Object.hasOwn(holder, segment) ? (holder as Record<string, unknown>)[segment] : undefined;
    if (next === undefined) {
      const siblings = typeof holder === 'object' && holder !== null ? Object.keys(holder) : [];
      const listed = walked.length === 0 ? [...siblings, 'env'] : siblings;
      // Not `env` itself: every name that starts with env would be read as meaning it.
      const near = closest(segment, siblings);
      const prefix = walked.length > 0 ? `${walked.join('.')}.` : '';
      throw new ConfigurationError(
        `template variable '{{ ${name} }}' does not exist${walked.length > 0 ? `: ${walked.join('.')} has no '${segment}'` : ''}`,
        where,
        near ? `did you mean '{{ ${prefix}${near} }}'?` : `variables${prefix ? ` of ${walked.join('.')}` : ''}: ${listed.slice(0, 30).join(', ')}${listed.length > 30 ? ', …' : ''}`,
      );
    }
    walked.push(segment);
    value = next;
  }
  if (value === null) return '';
  if (typeof value === 'object') {
    const fields = Object.keys(value);
    throw new ConfigurationError(`template variable '{{ ${name} }}' is ${Array.isArray(value) ? 'a list' : 'an object'}, not a value`, where, fields.length > 0 ? `name one of its fields: ${fields.slice(0, 12).map((field) => `{{ ${name}.${field} }}`).join(', ')}` : 'name a value');
  }
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** A value inside a URL: spaces, quotes and other unsafe characters percent-encoded, the URL's own `/?&=#` kept. */
function encodeUrlText(text: string): string {
  try {
    return encodeURI(text);
  } catch {
    // A lone surrogate cannot be encoded: surrogates go as the replacement character.
    return encodeURI(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}
