import type * as Yaml from 'yaml';

/** The `yaml` package, loaded on the first call. */
export declare function yamlPackage(): typeof Yaml;
