// The `yaml` package, required the first time a step reads YAML. A CommonJS
// require inside a function is evaluated when called, in the sources and in
// an ncc bundle alike (the bundler keeps the package in the bundle and runs
// its module only then), and it is synchronous, so the config reader stays
// synchronous. A step with no config file and no YAML input never runs it.
'use strict';
let loaded;
exports.yamlPackage = () => (loaded ??= require('yaml'));
