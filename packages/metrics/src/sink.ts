import { CounterSink, type EncodedCounterSink } from './counter-sink.js';
import { type EncodedGaugeSink, GaugeSink } from './gauge-sink.js';
import type { MetricType } from './metric-type.js';
import { type EncodedRateSink, RateSink } from './rate-sink.js';
import { SnapshotFormatError } from './snapshot-format-error.js';
import { type EncodedTrendSink, TrendSink } from './trend-sink.js';

/** Any sink; narrow on `type`. Each one has merge(other), reset(), encode() and an `empty` flag. */
export type Sink = CounterSink | GaugeSink | RateSink | TrendSink;

/** JSON-safe and structured-clone-safe form of a sink; narrow on `type`. */
export type EncodedSink = EncodedCounterSink | EncodedGaugeSink | EncodedRateSink | EncodedTrendSink;

export function createSink(type: 'counter'): CounterSink;
export function createSink(type: 'gauge'): GaugeSink;
export function createSink(type: 'rate'): RateSink;
export function createSink(type: 'trend'): TrendSink;
export function createSink(type: MetricType): Sink;
export function createSink(type: MetricType): Sink {
  switch (type) {
    case 'counter':
      return new CounterSink();
    case 'gauge':
      return new GaugeSink();
    case 'rate':
      return new RateSink();
    case 'trend':
      return new TrendSink();
    default:
      throw new TypeError(`unknown metric type ${JSON.stringify(type)}`);
  }
}

/** Rebuilds a sink from encode(); throws SnapshotFormatError on anything malformed. */
export function decodeSink(encoded: EncodedSink): Sink {
  if (typeof encoded !== 'object' || encoded === null) throw bad('not an object');
  switch (encoded.type) {
    case 'counter':
      requireFinite(encoded, ['count']);
      requireCounts(encoded, ['samples']);
      return CounterSink.decode(encoded);
    case 'gauge':
      requireFinite(encoded, ['value', 'min', 'max', 'lastUpdatedMs']);
      requireCounts(encoded, ['updates']);
      return GaugeSink.decode(encoded);
    case 'rate':
      requireCounts(encoded, ['passes', 'fails']);
      return RateSink.decode(encoded);
    case 'trend':
      requireFinite(encoded, ['sum', 'min', 'max']);
      requireCounts(encoded, ['count']);
      return TrendSink.decode(encoded);
    default:
      throw bad(`unknown sink type ${JSON.stringify((encoded as { type?: unknown }).type)}`);
  }
}

function bad(why: string): SnapshotFormatError {
  return new SnapshotFormatError(`cannot decode sink: ${why}`);
}

function requireFinite<T extends object>(encoded: T, fields: readonly (keyof T & string)[]): void {
  for (const field of fields) {
    const value: unknown = encoded[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`${field} must be a finite number`);
  }
}

function requireCounts<T extends object>(encoded: T, fields: readonly (keyof T & string)[]): void {
  for (const field of fields) {
    const value: unknown = encoded[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw bad(`${field} must be a non-negative integer`);
    }
  }
}
