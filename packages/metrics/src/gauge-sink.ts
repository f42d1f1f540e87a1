import type { Sink } from './sink.js';
import { sinkTypeMismatch } from './sink-type-mismatch.js';

export interface EncodedGaugeSink {
  readonly type: 'gauge';
  /** Last value set; 0 when never set. */
  readonly value: number;
  readonly min: number;
  readonly max: number;
  /** Caller-supplied time (or any increasing sequence) of the last set, used to pick the later value on merge. */
  readonly lastUpdatedMs: number;
  /** Number of set() calls. */
  readonly updates: number;
}

/**
 * k6 Gauge: the latest value, plus the smallest and largest ever set. The package reads no clock, so
 * "latest" across merged gauges is decided by the `updatedAtMs` the caller passes to set().
 */
export class GaugeSink {
  readonly type = 'gauge' as const;
  #value = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;
  #lastUpdatedMs = Number.NEGATIVE_INFINITY;
  #updates = 0;

  /**
   * @param updatedAtMs when the value was observed (any clock or sequence that increases); when omitted
   *   the previous stamp is kept, which is fine for a gauge that is never merged with another.
   */
  set(value: number, updatedAtMs?: number): void {
    if (Number.isNaN(value)) return;
    this.#value = value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
    if (updatedAtMs !== undefined) this.#lastUpdatedMs = updatedAtMs;
    else if (this.#updates === 0) this.#lastUpdatedMs = 0;
    this.#updates++;
  }

  get value(): number {
    return this.#value;
  }

  get min(): number {
    return this.#updates === 0 ? 0 : this.#min;
  }

  get max(): number {
    return this.#updates === 0 ? 0 : this.#max;
  }

  get lastUpdatedMs(): number {
    return this.#updates === 0 ? 0 : this.#lastUpdatedMs;
  }

  get updates(): number {
    return this.#updates;
  }

  get empty(): boolean {
    return this.#updates === 0;
  }

  /** Value of whichever gauge was updated later (ties go to `other`), min of mins, max of maxes. */
  merge(other: Sink): void {
    if (other.type !== 'gauge') throw sinkTypeMismatch(this.type, other.type);
    if (other.#updates === 0) return;
    if (this.#updates === 0 || other.#lastUpdatedMs >= this.#lastUpdatedMs) {
      this.#value = other.#value;
      this.#lastUpdatedMs = other.#lastUpdatedMs;
    }
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
    this.#updates += other.#updates;
  }

  /**
   * Adds the gauge of a part that ran at the same time as this one (agents or shares of one run): values,
   * minimums and maximums add up. Parts of one load profile peak together, so the summed maximum is their
   * peak, where `merge` would keep the largest single part's.
   */
  addSideBySide(other: GaugeSink): void {
    if (other.#updates === 0) return;
    if (this.#updates === 0) {
      this.#value = other.#value;
      this.#min = other.#min;
      this.#max = other.#max;
    } else {
      this.#value += other.#value;
      this.#min += other.#min;
      this.#max += other.#max;
    }
    if (other.#lastUpdatedMs > this.#lastUpdatedMs) this.#lastUpdatedMs = other.#lastUpdatedMs;
    this.#updates += other.#updates;
  }

  reset(): void {
    this.#value = 0;
    this.#min = Number.POSITIVE_INFINITY;
    this.#max = Number.NEGATIVE_INFINITY;
    this.#lastUpdatedMs = Number.NEGATIVE_INFINITY;
    this.#updates = 0;
  }

  encode(): EncodedGaugeSink {
    return {
      type: 'gauge',
      value: this.#value,
      min: this.min,
      max: this.max,
      lastUpdatedMs: this.lastUpdatedMs,
      updates: this.#updates,
    };
  }

  static decode(encoded: EncodedGaugeSink): GaugeSink {
    const sink = new GaugeSink();
    if (encoded.updates === 0) return sink;
    sink.#value = encoded.value;
    sink.#min = encoded.min;
    sink.#max = encoded.max;
    sink.#lastUpdatedMs = encoded.lastUpdatedMs;
    sink.#updates = encoded.updates;
    return sink;
  }
}
