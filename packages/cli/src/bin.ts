#!/usr/bin/env node
import { processIo } from './io.js';

// The CLI's code as a chunk of its own, as every action's (packages/action/src/entry.ts): ncc's
// ESM output writes the licences of the packages in chunks only, so a dependency bundled into the
// entry (yaml, through @roadstop/core) would ship without its licence in dist/cli/licenses.txt.
const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2), processIo());
