// How chunk-cache.ts compiles an ncc chunk as a script, shared with scripts/build.mjs, which
// checks every chunk with it at build time (plain JavaScript: the build runs without TypeScript).
'use strict';

/** The hook's name on globalThis; the build writes the same into each bundle's chunk loader. */
exports.CHUNK_HOOK = 'roadstop.loadChunk';

/** An ncc chunk's header: `export const id = …; export const ids = […]; export const modules = {`. */
const HEADER = /^export const id = (\d+);\nexport const ids = (\[[\d, ]*\]);\nexport const modules = /;

/**
 * The chunk's text as a script whose value is a function returning its exports, or undefined
 * when the text is not a plain ncc chunk (then it is imported as before). Lines are kept, so a
 * stack trace names the same line of the chunk as before.
 */
exports.chunkScript = (text) => {
  const header = HEADER.exec(text);
  if (header === null) return undefined;
  return `(function () { 'use strict'; var id = ${header[1]};\nvar ids = ${header[2]};\nvar modules = ${text.slice(header[0].length)}\nreturn { id: id, ids: ids, modules: modules }; })`;
};
