import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@roadstop/core';
import { checkRef, refProblem } from '../src/index.js';

describe('refProblem', () => {
  it.each(['main', 'origin/main', 'release/v1.2', 'HEAD', 'a'.repeat(40), 'feature-x_y', 'v1.0.0', 'refs/heads/main'])('accepts %j', (ref) => {
    expect(refProblem(ref)).toBeUndefined();
  });

  it.each([
    ['--upload-pack=touch pwned #', 'option'],
    ['-n', 'option'],
    ['+refs/heads/x', 'forced refspec'],
    ['main:refs/heads/evil', 'one of'],
    ['a b', 'space'],
    ['a\nb', 'control'],
    ['main^', 'one of'],
    ['main~1', 'one of'],
    ['a..b', '..'],
    ['main@{1}', '@{'],
    ['@', 'is @'],
    ['refs//x', 'empty path'],
    ['x/', 'empty path'],
    ['x.', 'ends with .'],
    ['x/.hidden', 'starts with .'],
    ['x.lock', '.lock'],
    ['', 'empty'],
    ['a'.repeat(300), 'longer'],
  ])('refuses %j (%s)', (ref, reason) => {
    expect(refProblem(ref)).toContain(reason);
  });

  it('checkRef names where the value came from', () => {
    const error = (() => {
      try {
        checkRef('--upload-pack=touch pwned #', { file: '.github/roadstop.yml', line: 3, key: 'coverage-gate.base' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).describe()).toMatch(/^\.github\/roadstop\.yml:3, key 'coverage-gate\.base': "--upload-pack=touch pwned #" is not a git ref/);
  });
});
