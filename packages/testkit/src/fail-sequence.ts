// Ratios are held as integers over this scale so the failure schedule is exact integer arithmetic:
// with floats, n * 0.1 lands just under an integer often enough to move a failure by one request.
const ratioScale = 1_000_000;

export type FailDecision = { readonly fail: boolean; readonly sequence: number };

/**
 * Deterministic failure schedule: request n of a key fails when floor((n+1)*ratio) > floor(n*ratio),
 * so the first N requests contain exactly floor(N*ratio) failures, spread evenly.
 */
export class FailSequence {
  readonly #counts = new Map<string, number>();
  readonly #maxKeys: number;

  constructor(maxKeys: number) {
    this.#maxKeys = maxKeys;
  }

  next(key: string, ratio: number): FailDecision {
    const n = this.#counts.get(key);
    if (n === undefined && this.#counts.size >= this.#maxKeys) {
      // Keys come from clients; bounding them keeps a long soak with random keys from growing memory.
      const oldest = this.#counts.keys().next();
      if (oldest.done !== true) this.#counts.delete(oldest.value);
    }
    const sequence = n ?? 0;
    this.#counts.set(key, sequence + 1);
    const scaledRatio = Math.round(ratio * ratioScale);
    const fail = failuresBefore(sequence + 1, scaledRatio) > failuresBefore(sequence, scaledRatio);
    return { fail, sequence };
  }

  reset(): void {
    this.#counts.clear();
  }
}

function failuresBefore(count: number, scaledRatio: number): number {
  const scaled = count * scaledRatio;
  return (scaled - (scaled % ratioScale)) / ratioScale;
}
