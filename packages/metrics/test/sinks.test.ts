import { GCProfiler } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  CounterSink,
  createSink,
  decodeSink,
  type EncodedSink,
  GaugeSink,
  RateSink,
  type Sink,
  SnapshotFormatError,
  TrendSink,
} from '../src/index.js';
import { createPrng, nearestRank, PERCENTILES } from './prng.js';

function trendOf(values: readonly number[]): TrendSink {
  const sink = new TrendSink();
  for (const value of values) sink.add(value);
  return sink;
}

function roundTrip<T extends Sink>(sink: T): Sink {
  return decodeSink(JSON.parse(JSON.stringify(sink.encode())) as EncodedSink);
}

describe('TrendSink', () => {
  // Milliseconds with fractions, log-uniform from 1 µs to 60 s.
  const random = createPrng(99);
  const values = Array.from({ length: 10_000 }, () =>
    Math.exp(Math.log(0.001) + random() * Math.log(60_000_000)),
  );
  const sorted = [...values].sort((a, b) => a - b);
  const sink = trendOf(values);

  it.each(PERCENTILES)(
    'p(%s) is within 0.1 percent (plus half a microsecond of rounding) of the exact value',
    (p) => {
      const expected = nearestRank(sorted, p);
      expect(Math.abs(sink.percentile(p) - expected)).toBeLessThanOrEqual(expected * 0.001 + 0.0005);
    },
  );

  it('keeps count, sum, avg, min and max exact', () => {
    const sum = values.reduce((a, b) => a + b, 0);
    expect(sink.count).toBe(values.length);
    expect(sink.sum).toBe(sum);
    expect(sink.avg).toBe(sum / values.length);
    expect(sink.min).toBe(sorted[0]);
    expect(sink.max).toBe(sorted[sorted.length - 1]);
    expect(sink.percentile(0)).toBe(sorted[0]);
    expect(sink.percentile(100)).toBe(sorted[sorted.length - 1]);
  });

  it('med is the 50th percentile', () => {
    expect(trendOf([0.1, 0.2, 0.3, 0.4, 10]).med).toBe(0.3);
    expect(sink.med).toBe(sink.percentile(50));
  });

  it('clamps negative values to 0 and ignores NaN', () => {
    const trend = trendOf([-5, Number.NaN, 10]);
    expect([trend.count, trend.min, trend.max, trend.sum]).toEqual([2, 0, 10, 10]);
    expect(trend.percentile(50)).toBe(0);
  });

  it('reports zeros when empty', () => {
    const trend = new TrendSink();
    expect([trend.count, trend.avg, trend.min, trend.max, trend.med, trend.percentile(95)]).toEqual([
      0, 0, 0, 0, 0, 0,
    ]);
    expect(trend.empty).toBe(true);
  });

  it('merging parts equals one sink that saw everything', () => {
    const merged = new TrendSink();
    for (let part = 0; part < 4; part++) merged.merge(trendOf(values.filter((_, i) => i % 4 === part)));
    expect([merged.count, merged.min, merged.max]).toEqual([sink.count, sink.min, sink.max]);
    expect(merged.sum).toBeCloseTo(sink.sum, 6);
    for (const p of PERCENTILES) expect(merged.percentile(p)).toBe(sink.percentile(p));
  });

  it('round-trips through encode/decode', () => {
    const copy = roundTrip(sink);
    expect(copy).toBeInstanceOf(TrendSink);
    const trend = copy as TrendSink;
    expect([trend.count, trend.sum, trend.min, trend.max]).toEqual([
      sink.count,
      sink.sum,
      sink.min,
      sink.max,
    ]);
    for (const p of PERCENTILES) expect(trend.percentile(p)).toBe(sink.percentile(p));
  });

  it('does not allocate in add()', () => {
    const trend = new TrendSink();
    const addMany = (n: number): void => {
      for (let i = 0; i < n; i++) trend.add((i % 50_000) * 1.37 + 0.25);
    };
    addMany(300_000);
    const profiler = new GCProfiler();
    profiler.start();
    addMany(5_000_000);
    expect(profiler.stop()?.statistics.length ?? 0).toBeLessThanOrEqual(1);
    expect(trend.count).toBe(5_300_000);
  });
});

describe('CounterSink', () => {
  it('sums values, counts samples, and reports a per-second rate', () => {
    const counter = new CounterSink();
    counter.add(3);
    counter.add(0);
    counter.add(2.5);
    counter.add(Number.NaN);
    expect([counter.count, counter.samples, counter.empty]).toEqual([5.5, 3, false]);
    expect(counter.ratePerSec(2000)).toBe(2.75);
    expect(counter.ratePerSec(0)).toBe(0);
  });

  it('merges and round-trips', () => {
    const a = new CounterSink();
    const b = new CounterSink();
    a.add(1);
    b.add(41);
    a.merge(b);
    expect(a.count).toBe(42);
    const copy = roundTrip(a) as CounterSink;
    expect([copy.count, copy.samples]).toEqual([42, 2]);
  });
});

describe('RateSink', () => {
  it('counts passes and fails; rate is undefined with no samples', () => {
    const rate = new RateSink();
    expect(rate.rate).toBeUndefined();
    rate.add(true);
    rate.add(true);
    rate.add(false);
    rate.addCounts(1, 0);
    expect([rate.passes, rate.fails, rate.total, rate.rate]).toEqual([3, 1, 4, 0.75]);
  });

  it('merges and round-trips', () => {
    const a = new RateSink();
    const b = new RateSink();
    a.add(true);
    b.add(false);
    a.merge(b);
    const copy = roundTrip(a) as RateSink;
    expect([copy.passes, copy.fails, copy.rate]).toEqual([1, 1, 0.5]);
  });
});

describe('GaugeSink', () => {
  it('keeps the last value and the extremes', () => {
    const gauge = new GaugeSink();
    gauge.set(5, 1);
    gauge.set(1, 2);
    gauge.set(3, 3);
    expect([gauge.value, gauge.min, gauge.max, gauge.lastUpdatedMs, gauge.updates]).toEqual([3, 1, 5, 3, 3]);
  });

  it('takes the value of the later gauge when merging, min of mins and max of maxes', () => {
    const early = new GaugeSink();
    early.set(100, 10);
    const late = new GaugeSink();
    late.set(-4, 20);
    late.set(7, 30);
    const a = new GaugeSink();
    a.merge(late);
    a.merge(early);
    expect([a.value, a.min, a.max, a.lastUpdatedMs]).toEqual([7, -4, 100, 30]);
    const b = new GaugeSink();
    b.merge(early);
    b.merge(late);
    expect([b.value, b.min, b.max, b.lastUpdatedMs]).toEqual([7, -4, 100, 30]);
  });

  it('an empty gauge changes nothing when merged and reports zeros', () => {
    const gauge = new GaugeSink();
    gauge.set(9, 5);
    gauge.merge(new GaugeSink());
    expect([gauge.value, gauge.min, gauge.max]).toEqual([9, 9, 9]);
    expect([new GaugeSink().value, new GaugeSink().min, new GaugeSink().max]).toEqual([0, 0, 0]);
  });

  it('round-trips', () => {
    const gauge = new GaugeSink();
    gauge.set(2, 100);
    gauge.set(8, 200);
    const copy = roundTrip(gauge) as GaugeSink;
    expect([copy.value, copy.min, copy.max, copy.lastUpdatedMs, copy.updates]).toEqual([8, 2, 8, 200, 2]);
  });
});

describe('createSink and decodeSink', () => {
  it('creates the sink class for each type', () => {
    expect(createSink('counter')).toBeInstanceOf(CounterSink);
    expect(createSink('gauge')).toBeInstanceOf(GaugeSink);
    expect(createSink('rate')).toBeInstanceOf(RateSink);
    expect(createSink('trend')).toBeInstanceOf(TrendSink);
    expect(() => createSink('histogram' as never)).toThrow(TypeError);
  });

  it('refuses to merge sinks of different types', () => {
    expect(() => new TrendSink().merge(new CounterSink())).toThrow(/counter sink into a trend/);
    expect(() => new RateSink().merge(new GaugeSink())).toThrow(TypeError);
  });

  it('rejects malformed encodings', () => {
    const bad = [
      null,
      { type: 'histogram' },
      { type: 'counter', count: 'x', samples: 1 },
      { type: 'rate', passes: -1, fails: 0 },
      { type: 'gauge', value: 1, min: 1, max: 1, lastUpdatedMs: 0, updates: 1.5 },
      { type: 'trend', count: 2, sum: 1, min: 0, max: 1, histogram: new TrendSink().encode().histogram },
    ];
    for (const encoded of bad) expect(() => decodeSink(encoded as never)).toThrow(SnapshotFormatError);
  });
});
