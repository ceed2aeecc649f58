// vitest globalSetup: every test run gets one temporary root of its own, and removes it when the run ends.
// Tests (and the built actions, browsers and servers they start) make their folders with mkdtemp(tmpdir()),
// and tmpdir() follows TMPDIR, so pointing TMPDIR at the run's root before the workers start cleans up
// after all of them at once, including a test that failed before its own cleanup ran.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'roadstop-test-run-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env.ROADSTOP_KEEP_TEST_TEMP === '1') {
      process.stdout.write(`test temporary folders kept in ${root} (${readdirSync(root).length} entries)\n`);
      return;
    }
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
