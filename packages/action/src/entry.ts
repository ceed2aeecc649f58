import { enableCompileCache } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installChunkCache } from './chunk-cache.js';

/**
 * An action's entry point (its src/index.ts): turn on Node's compile cache,
 * then load the action's code as a chunk of its own, so that it is compiled
 * under the cache. The first roadstop step on a machine writes the cache to
 * the temp folder; every later step of the job (the root action, the PR
 * comment, Slack) reuses the compiled code instead of parsing it again.
 * Its chunks are compiled through chunk-cache.ts, whose cache also keeps the
 * functions compiled while the step ran (yaml's parser), beside Node's.
 * This module imports nothing of roadstop's but that, so the entry chunk stays tiny.
 */
export async function startAction(load: () => Promise<{ run: () => Promise<void> }>): Promise<void> {
  const cache = join(tmpdir(), 'roadstop-compile-cache');
  installChunkCache(join(cache, `chunks-${process.version}-${process.arch}`));
  try {
    enableCompileCache(cache);
  } catch {
    // A read-only temp folder costs speed, never the step.
  }
  const { run } = await load();
  await run();
}
