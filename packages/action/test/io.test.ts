import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setSecret } from '../src/io.js';
import * as runner from '../src/runner.js';

// The runner protocol's own add-mask is held to @actions/core by runner.test.ts; here, what the edge asks of it.
vi.mock(import('../src/runner.js'), async (original) => ({ ...(await original()), setSecret: vi.fn() }));
const masked = () => vi.mocked(runner.setSecret).mock.calls.map(([value]) => value);

beforeEach(() => {
  vi.mocked(runner.setSecret).mockClear();
});

describe('setSecret', () => {
  it('masks a multi-line secret whole and line by line (the runner masks per line), skipping lines too short to mask', () => {
    setSecret('first-line-secret\r\nsecond-line-secret\nab\n');
    expect(masked()).toEqual(['first-line-secret\r\nsecond-line-secret\nab\n', 'first-line-secret', 'second-line-secret']);
  });

  it('masks a one-line secret once, and nothing for an empty one', () => {
    setSecret('xoxb-one-line');
    setSecret('');
    expect(masked()).toEqual(['xoxb-one-line']);
  });
});
