/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so tests see the same data every run. */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Log-uniform integers from `low` to `high`, so every order of magnitude is equally represented. */
export function logUniformIntegers(count: number, low: number, high: number, seed: number): number[] {
  const random = createPrng(seed);
  const span = Math.log(high) - Math.log(low);
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(Math.round(Math.exp(Math.log(low) + random() * span)));
  return values;
}

/** The nearest-rank percentile of sorted values: the smallest value with at least p% of samples at or below it. */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (p === 0) return sorted[0]!;
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100 - 1e-9));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const PERCENTILES = [0, 0.1, 1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100] as const;
