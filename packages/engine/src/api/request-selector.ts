import type { CompiledRequest } from './compile-request.js';

/** Picks the requests of one iteration, by the preset's selection mode. */
export interface RequestSelector {
  /** Returns the requests for the next iteration (shared array for sequence: do not mutate). */
  next(): readonly CompiledRequest[];
}

export function createRequestSelector(
  mode: 'weighted' | 'round-robin' | 'sequence',
  requests: readonly CompiledRequest[],
  random: () => number = Math.random,
): RequestSelector {
  if (mode === 'sequence') return { next: () => requests };
  // One-element arrays prepared up front, so selecting allocates nothing.
  const singles = requests.map((request) => [request] as const);
  if (mode === 'round-robin') {
    let turn = 0;
    return {
      next() {
        const chosen = singles[turn]!;
        turn = (turn + 1) % singles.length;
        return chosen;
      },
    };
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const request of requests) {
    total += request.weight;
    cumulative.push(total);
  }
  return {
    next() {
      const point = random() * total;
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (cumulative[mid]! > point) high = mid;
        else low = mid + 1;
      }
      return singles[low]!;
    },
  };
}
