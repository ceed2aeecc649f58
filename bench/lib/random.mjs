/** A seeded xorshift32 generator of numbers in [0, 1): the same sequence for the same seed, so a corpus is the same bytes on every run. */
export function seededRandom(start) {
  let seed = start;
  return () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
}
