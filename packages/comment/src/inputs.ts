import { ConfigurationError, oneOf, parseBoolean, parseHttpUrlInput, splitList } from '@roadstop/core';

const MODES = ['upsert', 'recreate', 'deactivate'] as const;
export const STATUSES = ['building', 'ready', 'failed'] as const;
export type Mode = (typeof MODES)[number];
export type Status = (typeof STATUSES)[number];

/** pr-staging-comment's inputs, validated once, before any request. */
export interface StagingInputs {
  url?: string;
  environment: string;
  key: string;
  mode: Mode;
  /** Absent when neither `status` nor `url` was given: no deployment, rows only. */
  status?: Status;
  results: string[];
  hidePrevious: boolean;
  token: string;
}

/** Every mistake is one ConfigurationError naming its input. */
export function readStagingInputs(input: (name: string) => string, env: Record<string, string | undefined> = process.env): StagingInputs {
  const url = input('url');
  if (url) checkUrl(url);
  const environment = input('environment') || 'preview';
  if (environment.length > 255 || CONTROL.test(environment)) throw new ConfigurationError('is not an environment name (one line of at most 255 characters, no control characters)', { input: 'environment' });
  const key = input('key') || env.GITHUB_WORKFLOW || 'roadstop';
  if (Array.from(key).length > MAX_KEY || CONTROL.test(key) || INVISIBLE.test(key)) {
    throw new ConfigurationError(
      `is not a comment key (at most ${MAX_KEY} characters, no control or invisible characters)${input('key') ? '' : ': it defaults to the workflow name'}`,
      { input: 'key' },
      'give a short key, e.g. `key: preview`',
    );
  }
  const token = input('github-token');
  // Never quoted: a token holds no space, no control character, and is not a page long.
  if (token && (token.length > 4096 || !/^[\x21-\x7e]+$/.test(token))) {
    throw new ConfigurationError('is not a token (one word of printable ASCII, at most 4,096 characters)', { input: 'github-token' }, 'pass `${{ github.token }}` (the default) or a token');
  }
  const mode = oneOf(input('mode') || 'upsert', MODES, { input: 'mode' });
  const statusText = input('status');
  const status = statusText ? oneOf(statusText, STATUSES, { input: 'status' }) : url ? 'ready' : undefined;
  const hide = input('hide-previous');
  return {
    ...(url ? { url } : {}),
    environment,
    key,
    mode,
    ...(status ? { status } : {}),
    results: splitList(input('results')),
    hidePrevious: hide ? parseBoolean(hide, { input: 'hide-previous' }) : false,
    token,
  };
}

/** Control characters (CR and LF start workflow commands and headers) and DEL. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Invisible and direction-changing characters: a key that reads as another. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
/** The key is written into every comment's marker line: a name, not a text. */
const MAX_KEY = 100;
const MAX_URL = 2048;

function checkUrl(url: string): void {
  // Its length first: the checks below quote it. Control and format characters next (URL() drops tabs and
  // newlines silently, and GitHub would get them raw); a plain space is the URL parser's to judge.
  const hint = 'give the preview URL the deploy step printed, e.g. https://pr-7.preview.example.com';
  if (url.length > MAX_URL) {
    throw new ConfigurationError(`is not a URL (at most ${MAX_URL.toLocaleString('en-US')} characters)`, { input: 'url' }, hint);
  }
  const parsed = parseHttpUrlInput(url, { input: 'url' }, { hint });
  if (parsed.username || parsed.password) {
    throw new ConfigurationError('holds a user name or password, which the comment would show to everyone', { input: 'url' }, 'give the URL without credentials');
  }
}
