import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig, openRegularFile, readRegularFile, readRegularFileSync, readResult } from '../src/index.js';

// A FIFO without a writer blocks whoever opens it for reading; a device never ends. Each reader refuses them before
// a byte is read, and says what the file is. The test would hang (and time out) if any of them opened the FIFO.

async function fifo(): Promise<{ folder: string; path: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'roadstop-special-'));
  const path = join(folder, 'pipe');
  execFileSync('mkfifo', [path]);
  return { folder, path };
}

describe('special files', () => {
  it.each<[string, (path: string) => Promise<unknown>]>([
    ['readRegularFile', (path: string) => readRegularFile(path, { input: 'x' })],
    ['readRegularFileSync', (path: string) => Promise.resolve().then(() => readRegularFileSync(path, { input: 'x' }))],
    ['openRegularFile', (path: string) => openRegularFile(path, { input: 'x' })],
    ['readResult', (path: string) => readResult(path, { input: 'baseline' })],
  ])('%s refuses a FIFO at once', async (_name, read) => {
    const { path } = await fifo();
    const error = await Promise.resolve()
      .then(() => read(path))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/is a FIFO \(named pipe\), not a regular file/);
  });

  it('refuses a character device', () => {
    expect(() => readRegularFileSync('/dev/zero', { file: '/dev/zero' }, 'the report')).toThrow(/the report is a character device, not a regular file/);
  });

  it('refuses a config file that is a FIFO, naming it', async () => {
    const { folder } = await fifo();
    expect(() => loadConfig('pipe', { workspace: folder, sections: {} })).toThrow(/the config file is a FIFO/);
  });

  it('reads a regular file, and a folder is EISDIR as before', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'roadstop-special-'));
    await writeFile(join(folder, 'a.txt'), 'text');
    expect(await readRegularFile(join(folder, 'a.txt'), {})).toBe('text');
    await expect(readRegularFile(folder, {})).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
