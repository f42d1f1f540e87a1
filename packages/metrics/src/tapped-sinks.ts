import { CounterSink } from './counter-sink.js';
import { GaugeSink } from './gauge-sink.js';
import type { MetricType } from './metric-type.js';
import { RateSink } from './rate-sink.js';
import type { SampleTap } from './sample-stream.js';
import type { Sink } from './sink.js';
import type { TagSet } from './tag-set-registry.js';
import { TrendSink } from './trend-sink.js';

/** Wall-clock milliseconds with the fraction performance.now() gives, for sample timestamps. */
const nowMs = () => performance.timeOrigin + performance.now();

// Subclasses, not wrappers: a tapped sink is stored, merged, encoded and reset like any other, and only
// adding to it also tells the tap. Merging never adds, so samples merged in from elsewhere are not repeated.

class TappedCounterSink extends CounterSink {
  constructor(
    readonly tap: SampleTap,
    readonly metric: string,
    readonly tagSet: TagSet,
  ) {
    super();
  }
  override add(value: number): void {
    super.add(value);
    this.tap.record(this.metric, this.tagSet, value, nowMs());
  }
}

class TappedRateSink extends RateSink {
  constructor(
    readonly tap: SampleTap,
    readonly metric: string,
    readonly tagSet: TagSet,
  ) {
    super();
  }
  override add(passed: boolean): void {
    super.add(passed);
    this.tap.record(this.metric, this.tagSet, passed ? 1 : 0, nowMs());
  }
}

class TappedTrendSink extends TrendSink {
  constructor(
    readonly tap: SampleTap,
    readonly metric: string,
    readonly tagSet: TagSet,
  ) {
    super();
  }
  override add(value: number): void {
    super.add(value);
    this.tap.record(this.metric, this.tagSet, value, nowMs());
  }
}

class TappedGaugeSink extends GaugeSink {
  constructor(
    readonly tap: SampleTap,
    readonly metric: string,
    readonly tagSet: TagSet,
  ) {
    super();
  }
  override set(value: number, updatedAtMs?: number): void {
    super.set(value, updatedAtMs);
    if (!Number.isNaN(value)) this.tap.record(this.metric, this.tagSet, value, nowMs());
  }
}

/** A sink of the type whose every sample also goes to `tap`, named by its metric and tags. */
export function createTappedSink(type: MetricType, tap: SampleTap, metric: string, tagSet: TagSet): Sink {
  switch (type) {
    case 'counter':
      return new TappedCounterSink(tap, metric, tagSet);
    case 'gauge':
      return new TappedGaugeSink(tap, metric, tagSet);
    case 'rate':
      return new TappedRateSink(tap, metric, tagSet);
    case 'trend':
      return new TappedTrendSink(tap, metric, tagSet);
    default:
      throw new TypeError(`unknown metric type ${JSON.stringify(type)}`);
  }
}
