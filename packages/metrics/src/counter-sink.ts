import type { Sink } from './sink.js';
import { sinkTypeMismatch } from './sink-type-mismatch.js';

export interface EncodedCounterSink {
  readonly type: 'counter';
  /** Sum of added values. */
  readonly count: number;
  /** Number of add() calls; tells "added zero" apart from "never added" for no-data thresholds. */
  readonly samples: number;
}

/** k6 Counter: a running sum. */
export class CounterSink {
  readonly type = 'counter' as const;
  #count = 0;
  #samples = 0;

  add(value: number): void {
    // A NaN would poison the sum for the rest of the run; dropping it loses one bad sample instead.
    if (Number.isNaN(value)) return;
    this.#count += value;
    this.#samples++;
  }

  /** Sum of every added value (k6 calls this the counter's count). */
  get count(): number {
    return this.#count;
  }

  get samples(): number {
    return this.#samples;
  }

  get empty(): boolean {
    return this.#samples === 0;
  }

  /** count per second over `elapsedMs`; 0 before any time has passed. */
  ratePerSec(elapsedMs: number): number {
    return elapsedMs > 0 ? this.#count / (elapsedMs / 1000) : 0;
  }

  merge(other: Sink): void {
    if (other.type !== 'counter') throw sinkTypeMismatch(this.type, other.type);
    this.#count += other.#count;
    this.#samples += other.#samples;
  }

  reset(): void {
    this.#count = 0;
    this.#samples = 0;
  }

  encode(): EncodedCounterSink {
    return { type: 'counter', count: this.#count, samples: this.#samples };
  }

  static decode(encoded: EncodedCounterSink): CounterSink {
    const sink = new CounterSink();
    sink.#count = encoded.count;
    sink.#samples = encoded.samples;
    return sink;
  }
}
