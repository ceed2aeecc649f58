// @lhci/utils ships JavaScript with JSDoc types only; this is the one function roadstop uses.
declare module '@lhci/utils/src/representative-runs.js' {
  export function computeRepresentativeRuns<T>(runsByUrl: Array<Array<[T, unknown]>>): T[];
}
