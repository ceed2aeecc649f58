// The entry of dist/<name>/yaml.cjs: the `yaml` package in one CommonJS file, loaded by
// packages/core/src/yaml-full.ts only for a document the subset parser declines.
module.exports = require('yaml');
