import { type EncodedHistogram, HdrHistogram } from './hdr-histogram.js';
import type { Sink } from './sink.js';
import { sinkTypeMismatch } from './sink-type-mismatch.js';
import { SnapshotFormatError } from './snapshot-format-error.js';

/** Values are kept at 1/1000 of their unit: microseconds for time trends, which are in milliseconds. */
const MICRO_UNITS_PER_UNIT = 1000;
const MAX_TREND_VALUE = HdrHistogram.maxValue / MICRO_UNITS_PER_UNIT;

export interface EncodedTrendSink {
  readonly type: 'trend';
  readonly count: number;
  /** Exact sum, min and max in the trend's unit (ms for time trends); min and max are 0 when empty. */
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  /** Distribution in micro-units. */
  readonly histogram: EncodedHistogram;
}

/**
 * k6 Trend. count, sum, avg, min and max are exact; percentiles come from an HDR histogram.
 *
 * Percentiles deliberately differ from k6: k6 keeps every sample and interpolates linearly between the
 * two nearest, while this returns the upper edge of the HDR bucket holding the nearest-rank sample
 * (relative error < 0.1%, on top of rounding values to a thousandth of their unit, clamped to the exact
 * min and max). In exchange memory stays flat however long the test runs, and merging the sinks of
 * many workers, agents or regions gives exactly the percentiles one sink would have given, which is
 * impossible with k6's raw-sample percentiles once they have been computed separately.
 *
 * Negative values are stored as 0 (durations cannot be negative; a clock step can make them so) and
 * NaN is ignored.
 */
export class TrendSink {
  readonly type = 'trend' as const;
  readonly #histogram = new HdrHistogram();
  #count = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = 0;

  add(value: number): void {
    if (Number.isNaN(value)) return;
    const clamped = value < 0 ? 0 : Math.min(value, MAX_TREND_VALUE);
    this.#count++;
    this.#sum += clamped;
    if (clamped < this.#min) this.#min = clamped;
    if (clamped > this.#max) this.#max = clamped;
    const micros = Math.round(clamped * MICRO_UNITS_PER_UNIT);
    this.#histogram.record(Math.min(micros, HdrHistogram.maxValue));
  }

  get count(): number {
    return this.#count;
  }

  get sum(): number {
    return this.#sum;
  }

  get min(): number {
    return this.#count === 0 ? 0 : this.#min;
  }

  get max(): number {
    return this.#max;
  }

  /** Mean; 0 when empty so summaries stay JSON numbers. */
  get avg(): number {
    return this.#count === 0 ? 0 : this.#sum / this.#count;
  }

  /** Median, as the 50th percentile. */
  get med(): number {
    return this.percentile(50);
  }

  get empty(): boolean {
    return this.#count === 0;
  }

  /** Read-only view for drawing the distribution (values in micro-units); do not record into it. */
  get histogram(): HdrHistogram {
    return this.#histogram;
  }

  /** Percentile p (0..100) in the trend's unit; 0 when empty. */
  percentile(p: number): number {
    if (this.#count === 0) {
      if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be from 0 to 100, got ${p}`);
      return 0;
    }
    const value = this.#histogram.valueAtPercentile(p) / MICRO_UNITS_PER_UNIT;
    return value < this.#min ? this.#min : Math.min(value, this.#max);
  }

  merge(other: Sink): void {
    if (other.type !== 'trend') throw sinkTypeMismatch(this.type, other.type);
    if (other.#count === 0) return;
    this.#histogram.merge(other.#histogram);
    this.#count += other.#count;
    this.#sum += other.#sum;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
  }

  reset(): void {
    this.#histogram.reset();
    this.#count = 0;
    this.#sum = 0;
    this.#min = Number.POSITIVE_INFINITY;
    this.#max = 0;
  }

  encode(): EncodedTrendSink {
    return {
      type: 'trend',
      count: this.#count,
      sum: this.#sum,
      min: this.min,
      max: this.#max,
      histogram: this.#histogram.encode(),
    };
  }

  static decode(encoded: EncodedTrendSink): TrendSink {
    const sink = new TrendSink();
    const histogram = HdrHistogram.decode(encoded.histogram);
    if (histogram.count !== encoded.count) {
      throw new SnapshotFormatError(
        `trend count ${encoded.count} does not match its histogram count ${histogram.count}`,
      );
    }
    sink.#histogram.merge(histogram);
    if (encoded.count === 0) return sink;
    sink.#count = encoded.count;
    sink.#sum = encoded.sum;
    sink.#min = encoded.min;
    sink.#max = encoded.max;
    return sink;
  }
}
