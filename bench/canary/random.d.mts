export function rng(seed: number): () => number;
export function binomial(random: () => number, n: number, p: number): number;
