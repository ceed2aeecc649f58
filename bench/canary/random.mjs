// Seeded draws for the canary simulations (bench/canary/run.mjs, type-one.mjs and packages/canary/test/sequential.test.ts).

/** mulberry32: a seeded generator of numbers in [0, 1), the same sequence for the same seed. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A binomial draw by geometric skips between successes: k + 1 draws of `random` instead of n, quick for small rates. */
export function binomial(random, n, p) {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  const log = Math.log1p(-p);
  let k = 0;
  for (let position = Math.floor(Math.log(1 - random()) / log); position < n; position += 1 + Math.floor(Math.log(1 - random()) / log)) k++;
  return k;
}
