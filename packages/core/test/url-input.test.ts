import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseHttpUrlInput, rejectUnsafeUrlText } from '../src/index.js';

describe('URL inputs', () => {
  it.each([
    ['a line break the URL parser would drop', 'https://x.example\n::error title=forged::PR is safe, merge it', /holds a control or format character \(U\+000A at character 18\)/],
    ['a carriage return', 'https://x.example/\r::warning::x', /U\+000D at character 19/],
    ['a tab', 'https://x.example/\tpath', /U\+0009/],
    ['a NUL', 'https://x.example/\u0000', /U\+0000/],
    ['a zero-width space', 'https://x.example/\u200bpath', /U\+200B/],
    ['a right-to-left override', 'https://x.example/\u202egnp.exe', /U\+202E/],
    ['a line separator', 'https://x.example/\u2028::error::x', /U\+2028/],
  ])('refuses %s, naming the input and the character', (_case, url, expected) => {
    let caught: unknown;
    try {
      rejectUnsafeUrlText(url, { input: 'url' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    const text = (caught as ConfigurationError).describe();
    expect(text).toMatch(/^input 'url': /);
    expect(text).toMatch(expected);
    // Quoted escaped, on one line: the message itself starts no command.
    expect(text).not.toMatch(/[\r\n]/);
  });

  it('never quotes a secret URL', () => {
    expect(() => parseHttpUrlInput('https://hooks.slack.com/services/T/B/secret\n', { input: 'webhook-url' }, { echo: false })).toThrow(/^holds a control or format character/);
    expect(() => parseHttpUrlInput('ftp://hooks.slack.com/services/T/B/secret', { input: 'webhook-url' }, { echo: false })).toThrow(/^is a ftp: URL, not http\(s\)$/);
  });

  it('takes an ordinary http(s) URL as it is', () => {
    expect(parseHttpUrlInput('https://pr-7.preview.example.com/path?q=1#x', { input: 'url' }).href).toBe('https://pr-7.preview.example.com/path?q=1#x');
    expect(() => rejectUnsafeUrlText('http://127.0.0.1:4173/', { input: 'urls' })).not.toThrow();
  });
});
