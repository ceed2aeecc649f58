export * from './model.js';
export { LineHits } from './line-hits.js';
export { readCoverageReport, parseCoverageReport } from './read.js';
export { detectFamily, type ReportFamily } from './detect.js';
export { parseLcov } from './lcov.js';
export { parseIstanbulJson } from './istanbul-json.js';
export { parseCoverageXml } from './xml-report.js';
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
