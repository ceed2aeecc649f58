import { describe, expect, it, vi } from 'vitest';
import { EnvironmentError, isConfigurationError } from '@roadstop/core';

// Tests run as root in CI containers, where chmod cannot make a file unreadable: the refusal is simulated at open().
vi.mock('node:fs/promises', async (original) => {
  const actual = await original<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: vi.fn(async (path: string, ...rest: unknown[]) => {
      if (path.endsWith('locked.info')) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES', syscall: 'open', path });
      return (actual.open as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
    }),
  };
});

const { openReportFile } = await import('../src/input.js');

describe('a coverage report the machine will not let the step read', () => {
  it('is the environment’s problem, said as such, not a bug', async () => {
    const error = await openReportFile('/ws/coverage/locked.info', 'coverage/locked.info').catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(isConfigurationError(error)).toBe(false);
    expect((error as Error).message).toBe("coverage/locked.info: the coverage report cannot be read (EACCES): the step's user may not read it; check the permissions of the file and its folders");
  });

  it('a folder is a mistake in the path, named', async () => {
    const error = await openReportFile(import.meta.dirname, 'coverage/').catch((failure: unknown) => failure);
    expect(isConfigurationError(error) && error.describe()).toBe('coverage/: cannot read the coverage report: it is a directory, not a file (point it at a report file such as coverage/lcov.info)');
  });
});
