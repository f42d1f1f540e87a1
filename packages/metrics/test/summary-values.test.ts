import { describe, expect, it } from 'vitest';
import {
  CounterSink,
  defaultTrendStats,
  GaugeSink,
  isTrendStat,
  RateSink,
  summaryValues,
  TrendSink,
} from '../src/index.js';

describe('summaryValues', () => {
  it('counter: count and rate per second', () => {
    const sink = new CounterSink();
    sink.add(40);
    expect(summaryValues(sink, 20_000)).toEqual({ count: 40, rate: 2 });
    expect(summaryValues(sink, 0)).toEqual({ count: 40, rate: 0 });
  });

  it('gauge: value, min, max', () => {
    const sink = new GaugeSink();
    sink.set(1, 1);
    sink.set(5, 2);
    sink.set(3, 3);
    expect(summaryValues(sink, 1000)).toEqual({ value: 3, min: 1, max: 5 });
  });

  it('rate: rate, passes, fails (rate 0 when empty)', () => {
    const sink = new RateSink();
    expect(summaryValues(sink, 1000)).toEqual({ rate: 0, passes: 0, fails: 0 });
    sink.addCounts(3, 1);
    expect(summaryValues(sink, 1000)).toEqual({ rate: 0.75, passes: 3, fails: 1 });
  });

  it('trend: exactly the default stats, in order', () => {
    const sink = new TrendSink();
    for (let i = 1; i <= 1000; i++) sink.add(i / 1000);
    const values = summaryValues(sink, 1000);
    expect(Object.keys(values)).toEqual([...defaultTrendStats]);
    expect(Object.keys(values)).toEqual(['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)']);
    expect(values).toEqual({
      avg: 0.5005,
      min: 0.001,
      med: 0.5,
      max: 1,
      'p(90)': 0.9,
      'p(95)': 0.95,
      'p(99)': 0.99,
    });
  });

  it('trend: custom stats keyed as written, including count', () => {
    const sink = new TrendSink();
    for (let i = 1; i <= 1000; i++) sink.add(i / 1000);
    expect(summaryValues(sink, 1000, ['count', 'p(99.90)', 'max'])).toEqual({
      count: 1000,
      'p(99.90)': 0.999,
      max: 1,
    });
  });

  it('trend: rejects unknown stats', () => {
    expect(() => summaryValues(new TrendSink(), 1000, ['p99'])).toThrow(/unknown trend stat "p99"/);
    expect(() => summaryValues(new TrendSink(), 1000, ['rate'])).toThrow(RangeError);
  });

  it('isTrendStat accepts what summaryValues accepts', () => {
    expect(['avg', 'min', 'med', 'max', 'count', 'p(99.9)', 'p(0)'].every(isTrendStat)).toBe(true);
    expect(['rate', 'value', 'p99', 'p(101)', ''].some(isTrendStat)).toBe(false);
  });

  it('empty trend reports zeros', () => {
    expect(summaryValues(new TrendSink(), 0, ['avg', 'p(95)', 'count'])).toEqual({
      avg: 0,
      'p(95)': 0,
      count: 0,
    });
  });
});
