import type { Sink } from './sink.js';
import { sinkTypeMismatch } from './sink-type-mismatch.js';

export interface EncodedRateSink {
  readonly type: 'rate';
  readonly passes: number;
  readonly fails: number;
}

/** k6 Rate: the share of samples that were true (non-zero). */
export class RateSink {
  readonly type = 'rate' as const;
  #passes = 0;
  #fails = 0;

  add(passed: boolean): void {
    if (passed) this.#passes++;
    else this.#fails++;
  }

  /** Adds many outcomes at once, for callers that count them themselves. */
  addCounts(passes: number, fails: number): void {
    this.#passes += passes;
    this.#fails += fails;
  }

  get passes(): number {
    return this.#passes;
  }

  get fails(): number {
    return this.#fails;
  }

  get total(): number {
    return this.#passes + this.#fails;
  }

  /** passes / total; undefined with no samples, as k6 leaves the rate unset then. */
  get rate(): number | undefined {
    const total = this.#passes + this.#fails;
    return total === 0 ? undefined : this.#passes / total;
  }

  get empty(): boolean {
    return this.#passes + this.#fails === 0;
  }

  merge(other: Sink): void {
    if (other.type !== 'rate') throw sinkTypeMismatch(this.type, other.type);
    this.#passes += other.#passes;
    this.#fails += other.#fails;
  }

  reset(): void {
    this.#passes = 0;
    this.#fails = 0;
  }

  encode(): EncodedRateSink {
    return { type: 'rate', passes: this.#passes, fails: this.#fails };
  }

  static decode(encoded: EncodedRateSink): RateSink {
    const sink = new RateSink();
    sink.#passes = encoded.passes;
    sink.#fails = encoded.fails;
    return sink;
  }
}
