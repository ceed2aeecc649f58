import { ConfigurationError } from '@roadstop/core';
import { describe, expect, it } from 'vitest';
import { workflowFileFromRef } from '../src/workflow-ref.js';

describe('workflowFileFromRef', () => {
  it.each([
    ['octo-org/webapp/.github/workflows/ci.yml@refs/pull/1/merge', 'ci.yml'],
    ['octo-org/webapp/.github/workflows/build and test.yaml@refs/heads/main', 'build and test.yaml'],
    ['octo-org/webapp/.github/workflows/ci.yml@refs/heads/feature/a@b', 'ci.yml'],
    ['octo-org/webapp/.github/workflows/ci.yml', 'ci.yml'],
  ])('%s → %s', (ref, expected) => {
    expect(workflowFileFromRef(ref)).toBe(expected);
  });

  it.each([undefined, '', 'ci.yml', 'octo-org/webapp/ci.yml@refs/heads/main'])('refuses %j with a ConfigurationError', (ref) => {
    expect(() => workflowFileFromRef(ref)).toThrow(ConfigurationError);
  });
});
