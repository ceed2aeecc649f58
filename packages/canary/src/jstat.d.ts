// jstat ships no types; only the distribution functions roadstop uses are declared.
declare module 'jstat' {
  export const jStat: {
    normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
    hypgeom: { pdf(k: number, population: number, successes: number, draws: number): number };
    studentt: { cdf(x: number, dof: number): number };
    betaln(a: number, b: number): number;
  };
}
