import { createPrng } from '../../../tools/test-support/create-prng.js';

export { createPrng };

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
