export * from './model.js';
export { readCoverageReport, parseCoverageReport, detectFamily } from './read.js';
export { parseLcov } from './lcov.js';
export { mergeReports, type MergeResult } from './merge.js';
export {
  mapReportPaths,
  remapReport,
  describePathMapping,
  pathSegments,
  type PathMapping,
  type PathMappingOptions,
  type AmbiguousPath,
} from './paths.js';
export type { ReportInput } from './input.js';
export * from './gate-options.js';
export * from './gate.js';
export * from './gate-descriptor.js';
