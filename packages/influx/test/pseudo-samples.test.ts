import { TrendSink } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../tools/test-support/create-prng.js';
import { ratePseudoSamples, spreadInWindow, trendPseudoSamples } from '../src/index.js';

/** InfluxDB 1.x percentile(): sort, then the value at index floor(n·p/100 + 0.5) − 1. */
function influxPercentile(sorted: ArrayLike<number>, p: number): number {
  const index = Math.floor((sorted.length * p) / 100 + 0.5) - 1;
  return sorted[Math.max(index, 0)]!;
}

function trendWith(values: readonly number[]): TrendSink {
  const sink = new TrendSink();
  for (const value of values) sink.add(value);
  return sink;
}

function latencies(n: number, seed: number): number[] {
  const random = createPrng(seed);
  return Array.from({ length: n }, () => 2 + 400 * random() ** 3 + random());
}

describe('trendPseudoSamples', () => {
  it('below the cap, expands the histogram so nearest-rank percentiles equal the sink exactly', () => {
    const sink = trendWith(latencies(777, 1));
    const values = trendPseudoSamples(sink, 1000);
    expect(values.length).toBe(777);
    expect([...values]).toEqual([...values].sort((a, b) => a - b));
    for (const p of [1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100]) {
      // HDR rank is ceil(n·p/100); read that rank from the expansion.
      const rank = Math.max(Math.ceil((777 * p) / 100 - 1e-9), 1);
      expect(values[rank - 1]).toBe(sink.percentile(p));
    }
    expect(values[0]).toBeGreaterThanOrEqual(sink.min);
    expect(values[776]).toBeLessThanOrEqual(sink.max);
  });

  it('below the cap, InfluxDB percentile() is within one rank of the sink', () => {
    const sink = trendWith(latencies(500, 2));
    const values = trendPseudoSamples(sink, 1000);
    for (const p of [50, 90, 95, 99]) {
      const got = influxPercentile(values, p);
      expect(got).toBeGreaterThanOrEqual(sink.percentile(p - 100 / 500));
      expect(got).toBeLessThanOrEqual(sink.percentile(p));
    }
  });

  it('above the cap, keeps m values whose distribution is within 1/(2m) of the original everywhere', () => {
    const all = latencies(20_000, 3);
    const sink = trendWith(all);
    const m = 250;
    const values = trendPseudoSamples(sink, m);
    expect(values.length).toBe(m);
    const full = trendPseudoSamples(sink, Number.MAX_SAFE_INTEGER);
    // CDF distance at every kept value.
    for (const v of new Set(values)) {
      const shareKept = values.filter((x) => x <= v).length / m;
      let below = 0;
      for (const x of full) if (x <= v) below++;
      expect(Math.abs(shareKept - below / full.length)).toBeLessThanOrEqual(1 / (2 * m) + 1e-12);
    }
    for (const p of [50, 95, 99]) {
      const got = influxPercentile(values, p);
      const slack = 100 * (1 / (2 * m) + 1 / m);
      expect(got).toBeGreaterThanOrEqual(sink.percentile(Math.max(p - slack, 0)));
      expect(got).toBeLessThanOrEqual(sink.percentile(Math.min(p + slack, 100)));
    }
  });

  it('gives nothing for an empty trend', () => {
    expect(trendPseudoSamples(new TrendSink(), 1000).length).toBe(0);
  });
});

describe('ratePseudoSamples', () => {
  it('writes one 0/1 point per sample below the cap', () => {
    expect(ratePseudoSamples(3, 7, 1000)).toEqual({ ones: 3, zeros: 7 });
  });

  it('keeps the rate within 1/(2m) above it', () => {
    const { ones, zeros } = ratePseudoSamples(1234, 98_766, 1000);
    expect(ones + zeros).toBe(1000);
    expect(Math.abs(ones / 1000 - 1234 / 100_000)).toBeLessThanOrEqual(1 / 2000);
  });
});

describe('spreadInWindow', () => {
  const window = { startNs: 1_000_000_000_000_000_000n, endNs: 1_000_000_001_000_000_000n };

  it('gives distinct timestamps inside (start, end], the last slot at the end', () => {
    const times = spreadInWindow(window, 1000).map(BigInt);
    expect(new Set(times).size).toBe(1000);
    for (const t of times) {
      expect(t > window.startNs && t <= window.endNs).toBe(true);
    }
    expect(times).toContain(window.endNs);
  });

  it('still gives distinct timestamps when the window is short', () => {
    const times = spreadInWindow({ startNs: 0n, endNs: 1_000_000n }, 1000);
    expect(new Set(times).size).toBe(1000);
  });

  it('scatters sorted values over the window rather than ordering them in time', () => {
    const times = spreadInWindow(window, 100).map(BigInt);
    const firstHalf = times.slice(0, 50);
    const early = firstHalf.filter((t) => t < window.startNs + 500_000_000n).length;
    expect(early).toBeGreaterThan(15);
    expect(early).toBeLessThan(35);
  });
});
