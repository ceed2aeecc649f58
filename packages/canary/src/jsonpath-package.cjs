// jsonpath-plus, required the first time a JSONPath is read (an http metric's `path`),
// as packages/core/src/yaml-package.cjs does for yaml: a CommonJS require inside a
// function runs when called, in the sources and in an ncc bundle alike. Imported at the
// top of options.ts it ran (with node:vm, which it loads) in every step that holds the
// registry, a bundle-budget step stopping at its config included.
'use strict';
let loaded;
exports.jsonPathPackage = () => (loaded ??= require('jsonpath-plus'));
