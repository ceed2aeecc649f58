import { ConfigurationError, parseConfig } from '@roadstop/core';
import { describe, expect, it } from 'vitest';
import { resolveCanaryWatchOptions, secretsOf } from '../src/options.js';
import { parseSentryQuery, SESSION_STATUSES } from '../src/sentry.js';

describe('parseSentryQuery', () => {
  it.each([
    ['release:abc123', { release: 'abc123', statuses: SESSION_STATUSES }],
    ['release:abc123 session.status:errored,crashed,abnormal', { release: 'abc123', statuses: ['errored', 'crashed', 'abnormal'] }],
    ['session.status:healthy release:"1.0 beta"', { release: '1.0 beta', statuses: ['healthy'] }],
  ])('%s', (query, parsed) => expect(parseSentryQuery(query, 'metric m errors')).toEqual(parsed));

  it.each([
    ['session.status:errored', /names no release/],
    ['release:x session.status:broken', /'broken' is not a session status/],
    ['release:x session.status:', /'' is not a session status/],
    ['release:x level:error', /'level:error' is not part of a Sentry sessions query/],
    ['release:x OR release:y', /'OR' is not part of a Sentry sessions query/],
  ])('refuses %j as the metric’s mistake', (query, error) => {
    expect(() => parseSentryQuery(query, 'metric m errors')).toThrow(ConfigurationError);
    expect(() => parseSentryQuery(query, 'metric m errors')).toThrow(error);
  });
});

describe('provider sentry options', () => {
  const resolve = (inputs: Record<string, string>) =>
    resolveCanaryWatchOptions(parseConfig('', '.github/roadstop.yml').section('canary-watch'), { provider: 'sentry', 'sentry-org': 'acme', 'sentry-project': 'webapp', 'sentry-token': 'tok', ...inputs }, '/w');

  it('with no metrics: the sessions’ error rate at alert 1%, rollback 5%, 1 point over stable; sentry.io by default', () => {
    const options = resolve({});
    expect(options.sentry).toEqual({ url: 'https://sentry.io', org: 'acme', project: 'webapp', token: 'tok', source: 'sessions' });
    expect(options.metrics).toMatchObject([{ name: 'session-error-rate', type: 'error-rate', errors: 'release:{{target}} session.status:errored,crashed,abnormal', requests: 'release:{{target}}', alert: 0.01, rollback: 0.05, maxIncrease: 0.01, minSamples: 1 }]);
    expect(secretsOf(options)).toContain('tok');
  });

  it.each([
    [{ 'sentry-org': '' }, /canary-watch.sentry-org.*provider sentry needs sentry-org/],
    [{ 'sentry-project': 'a/b' }, /input 'sentry-project': 'a\/b' is not a Sentry slug or ID/],
    [{ 'sentry-token': '' }, /input 'sentry-token': provider sentry needs sentry-token/],
    [{ 'sentry-url': 'https://u:p@sentry.example' }, /input 'sentry-url': the Sentry URL takes no credentials/],
  ])('%j is refused', (inputs, error) => {
    let message = 'no error';
    try {
      resolve(inputs);
    } catch (caught) {
      message = (caught as ConfigurationError).describe();
    }
    expect(message).toMatch(error);
  });
});
