import { GCProfiler } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { HdrHistogram, hdrBucketBounds, SnapshotFormatError } from '../src/index.js';
import { logUniformIntegers, nearestRank, PERCENTILES } from './prng.js';

const MAX_RELATIVE_ERROR = 0.001;

function histogramOf(values: readonly number[]): HdrHistogram {
  const histogram = new HdrHistogram();
  for (const value of values) histogram.record(value);
  return histogram;
}

describe('HdrHistogram accuracy', () => {
  // 1 µs to 60 s in microseconds: every magnitude a latency can have.
  const values = logUniformIntegers(20_000, 1, 60_000_000, 42);
  const sorted = [...values].sort((a, b) => a - b);
  const histogram = histogramOf(values);

  it.each(PERCENTILES)(
    'p(%s) is within 0.1 percent of the exact nearest-rank value and never below it',
    (p) => {
      const expected = nearestRank(sorted, p);
      const actual = histogram.valueAtPercentile(p);
      expect(Math.abs(actual - expected) / expected).toBeLessThan(MAX_RELATIVE_ERROR);
      expect(actual).toBeGreaterThanOrEqual(expected);
    },
  );

  it('keeps count, min and max exact', () => {
    expect(histogram.count).toBe(values.length);
    expect(histogram.min).toBe(sorted[0]);
    expect(histogram.max).toBe(sorted[sorted.length - 1]);
  });

  it('is exact for values below 2048 and for p(0) and p(100)', () => {
    const small = histogramOf([0, 1, 2, 3, 2047]);
    expect(small.valueAtPercentile(0)).toBe(0);
    expect(small.valueAtPercentile(40)).toBe(1);
    expect(small.valueAtPercentile(60)).toBe(2);
    expect(small.valueAtPercentile(80)).toBe(3);
    expect(small.valueAtPercentile(100)).toBe(2047);
  });

  it('keeps every bucket narrower than 1/1024 of its lowest value, up to 2^53', () => {
    for (let exponent = 11; exponent <= 52; exponent++) {
      for (const value of [2 ** exponent, 2 ** exponent + 12345, 2 ** (exponent + 1) - 1]) {
        if (value > HdrHistogram.maxValue) continue;
        const { lowest, highest } = hdrBucketBounds(value);
        expect(lowest).toBeLessThanOrEqual(value);
        expect(highest).toBeGreaterThanOrEqual(value);
        expect((highest - lowest + 1) / lowest).toBeLessThanOrEqual(1 / 1024);
      }
    }
  });

  it('records values up to 2^53-1 and weights samples by count', () => {
    const histogram = new HdrHistogram();
    histogram.record(2 ** 43, 3);
    histogram.record(HdrHistogram.maxValue);
    expect(histogram.count).toBe(4);
    expect(histogram.valueAtPercentile(75)).toBeGreaterThanOrEqual(2 ** 43);
    expect(histogram.valueAtPercentile(75)).toBeLessThan(2 ** 43 * 1.001);
    expect(histogram.valueAtPercentile(100)).toBe(HdrHistogram.maxValue);
  });

  it('rejects values it cannot hold', () => {
    const histogram = new HdrHistogram();
    expect(() => histogram.record(-1)).toThrow(RangeError);
    expect(() => histogram.record(1.5)).toThrow(RangeError);
    expect(() => histogram.record(Number.NaN)).toThrow(RangeError);
    expect(() => histogram.record(2 ** 53)).toThrow(RangeError);
    expect(() => histogram.record(5, -1)).toThrow(RangeError);
    expect(() => histogram.valueAtPercentile(101)).toThrow(RangeError);
    expect(histogram.count).toBe(0);
  });

  it('reports 0 for every statistic when empty', () => {
    const histogram = new HdrHistogram();
    expect([histogram.count, histogram.min, histogram.max, histogram.valueAtPercentile(99)]).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('survives a bucket count above 2^32', () => {
    const histogram = new HdrHistogram();
    histogram.record(7, 2 ** 32 - 1);
    histogram.record(7, 10);
    histogram.record(9);
    expect(histogram.count).toBe(2 ** 32 + 10);
    expect(histogram.valueAtPercentile(99)).toBe(7);
    expect(HdrHistogram.decode(histogram.encode()).count).toBe(2 ** 32 + 10);
  });
});

describe('HdrHistogram memory', () => {
  it('grows with the range of values, never with the number of samples', () => {
    const histogram = new HdrHistogram();
    for (let i = 0; i < 1000; i++) histogram.record(1000 + i * 997);
    const before = histogram.footprintBytes;
    for (let i = 0; i < 1_000_000; i++) histogram.record(1000 + ((i * 7919) % 997_000));
    expect(histogram.footprintBytes).toBe(before);
    expect(histogram.count).toBe(1_001_000);
  });

  it('does not allocate while recording (no garbage collection over millions of calls)', () => {
    const histogram = new HdrHistogram();
    const recordMany = (n: number): void => {
      for (let i = 0; i < n; i++) histogram.record((i * 7919) % 5_000_000);
    };
    const allocateMany = (n: number): unknown[] => {
      const kept: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const object = { value: i };
        if (i % 1_000_000 === 0) kept.push(object);
      }
      return kept;
    };
    recordMany(300_000); // reach every bucket range and let the JIT optimise first
    allocateMany(300_000);
    expect(gcCount(() => recordMany(5_000_000))).toBeLessThanOrEqual(1);
    // The control proves the probe would notice one small object per call.
    expect(gcCount(() => allocateMany(5_000_000))).toBeGreaterThan(10);
  });
});

describe('HdrHistogram merge and encoding', () => {
  const values = logUniformIntegers(12_000, 1, 60_000_000, 7);

  it('merging parts gives the same histogram as recording everything in one', () => {
    const whole = histogramOf(values);
    const merged = new HdrHistogram();
    for (let part = 0; part < 4; part++) merged.merge(histogramOf(values.filter((_, i) => i % 4 === part)));
    expect(merged.encode()).toEqual(whole.encode());
    for (const p of PERCENTILES) expect(merged.valueAtPercentile(p)).toBe(whole.valueAtPercentile(p));
  });

  it('round-trips through JSON and structuredClone', () => {
    const original = histogramOf(values);
    const encoded = original.encode();
    expect(typeof encoded.counts).toBe('string');
    const viaJson = HdrHistogram.decode(JSON.parse(JSON.stringify(encoded)));
    const viaClone = HdrHistogram.decode(structuredClone(encoded));
    for (const copy of [viaJson, viaClone]) {
      expect([copy.count, copy.min, copy.max]).toEqual([original.count, original.min, original.max]);
      for (const p of PERCENTILES) expect(copy.valueAtPercentile(p)).toBe(original.valueAtPercentile(p));
      expect(copy.encode()).toEqual(encoded);
    }
  });

  it('is compact: a few bytes per occupied bucket', () => {
    const encoded = histogramOf(values).encode();
    const bytes = Buffer.from(encoded.counts, 'base64');
    expect(Buffer.from(bytes).toString('base64')).toBe(encoded.counts);
    expect(bytes.length).toBeLessThan(values.length * 2);
    expect(JSON.stringify(new HdrHistogram().encode())).toBe('{"v":1,"count":0,"min":0,"max":0,"counts":""}');
  });

  it('lists non-empty buckets in value order', () => {
    const buckets = [...histogramOf([5, 5, 3000, 3001]).buckets()];
    expect(buckets).toEqual([
      { lowest: 5, highest: 5, count: 2 },
      { lowest: 3000, highest: 3001, count: 2 },
    ]);
  });

  it('reset forgets samples but keeps working', () => {
    const histogram = histogramOf(values);
    histogram.reset();
    expect([histogram.count, histogram.max, histogram.valueAtPercentile(50)]).toEqual([0, 0, 0]);
    histogram.record(42);
    expect(histogram.valueAtPercentile(50)).toBe(42);
  });

  it('rejects corrupt encodings with SnapshotFormatError', () => {
    const good = histogramOf([1, 2, 3]).encode();
    const corrupt = [
      { ...good, v: 2 },
      { ...good, count: 4 },
      { ...good, counts: 'not base64!' },
      { ...good, min: 2 },
      { ...good, max: 9000 },
      { ...good, count: -1 },
      { v: 1, count: 0, min: 0, max: 0, counts: '////////' },
    ];
    for (const encoded of corrupt) {
      expect(() => HdrHistogram.decode(encoded as never)).toThrow(SnapshotFormatError);
    }
  });
});

function gcCount(work: () => unknown): number {
  const profiler = new GCProfiler();
  profiler.start();
  work();
  return profiler.stop()?.statistics.length ?? 0;
}
