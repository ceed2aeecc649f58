import { ConfigurationError, oneOf, parseBoolean, splitList, rejectUnsafeUrlText } from '@roadstop/core';

export const MODES = ['upsert', 'recreate', 'deactivate'] as const;
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
  if (environment.length > 255 || /[\r\n]/.test(environment)) throw new ConfigurationError('is not an environment name (one line, at most 255 characters)', { input: 'environment' });
  const mode = oneOf(input('mode') || 'upsert', MODES, { input: 'mode' });
  const statusText = input('status');
  const status = statusText ? oneOf(statusText, STATUSES, { input: 'status' }) : url ? 'ready' : undefined;
  const hide = input('hide-previous');
  return {
    ...(url ? { url } : {}),
    environment,
    key: input('key') || env.GITHUB_WORKFLOW || 'roadstop',
    mode,
    ...(status ? { status } : {}),
    results: splitList(input('results')),
    hidePrevious: hide ? parseBoolean(hide, { input: 'hide-previous' }) : false,
    token: input('github-token'),
  };
}

function checkUrl(url: string): void {
  rejectUnsafeUrlText(url, { input: 'url' });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(`'${url}' is not a URL`, { input: 'url' }, 'give the preview URL the deploy step printed, e.g. https://pr-7.preview.example.com');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigurationError(`is a ${parsed.protocol} URL, not http(s)`, { input: 'url' }, 'give the preview URL the deploy step printed, e.g. https://pr-7.preview.example.com');
  }
  if (parsed.username || parsed.password) {
    throw new ConfigurationError('holds a user name or password, which the comment would show to everyone', { input: 'url' }, 'give the URL without credentials');
  }
}
