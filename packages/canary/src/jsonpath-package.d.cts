import type * as JsonPathPlus from 'jsonpath-plus';

/** The `jsonpath-plus` package, loaded on the first call. */
export declare function jsonPathPackage(): typeof JsonPathPlus;
