import { describe, expect, it } from 'vitest';
import {
  assertAggregationSupported,
  CounterSink,
  evaluateThreshold,
  GaugeSink,
  isAggregationSupported,
  type MetricType,
  parseThresholdExpression,
  RateSink,
  type Sink,
  supportedAggregations,
  ThresholdAggregationError,
  TrendSink,
} from '../src/index.js';

function evaluate(expression: string, sink: Sink | undefined, elapsedMs = 10_000) {
  return evaluateThreshold(parseThresholdExpression(expression), sink, elapsedMs);
}

function counter(...values: number[]): CounterSink {
  const sink = new CounterSink();
  for (const value of values) sink.add(value);
  return sink;
}

function trend(...values: number[]): TrendSink {
  const sink = new TrendSink();
  for (const value of values) sink.add(value);
  return sink;
}

describe('supportedAggregations', () => {
  it.each([
    ['counter', ['count', 'rate']],
    ['gauge', ['value']],
    ['rate', ['rate']],
    ['trend', ['avg', 'min', 'max', 'med', 'p(N)']],
  ] as [MetricType, string[]][])('%s supports %j', (type, expected) => {
    expect(supportedAggregations(type)).toEqual(expected);
  });

  it('checks an aggregation against a type', () => {
    const p95 = parseThresholdExpression('p(95)<1').aggregation;
    expect(isAggregationSupported(p95, 'trend')).toBe(true);
    expect(isAggregationSupported(p95, 'rate')).toBe(false);
    expect(isAggregationSupported({ kind: 'rate' }, 'counter')).toBe(true);
    expect(isAggregationSupported({ kind: 'count' }, 'rate')).toBe(false);
  });

  it('explains an unsupported aggregation', () => {
    try {
      assertAggregationSupported(parseThresholdExpression('p(95)<0.1'), 'rate');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ThresholdAggregationError);
      const e = error as ThresholdAggregationError;
      expect(e.code).toBe('ERR_THRESHOLD_AGGREGATION');
      expect(e.message).toMatch(/p\(95\) is not available on a rate metric/);
      expect(e.hint).toBe('a rate metric supports rate');
    }
  });
});

describe('evaluateThreshold operators', () => {
  const gauge = new GaugeSink();
  gauge.set(5, 0);
  it.each([
    ['value<6', true],
    ['value<5', false],
    ['value<=5', true],
    ['value<=4.99', false],
    ['value>4', true],
    ['value>5', false],
    ['value>=5', true],
    ['value>=5.01', false],
    ['value==5', true],
    ['value===5', true],
    ['value==4', false],
    ['value!=4', true],
    ['value!=5', false],
  ])('%s is %s for a gauge at 5', (expression, ok) => {
    expect(evaluate(expression, gauge)).toEqual({ ok, observed: 5, noData: false });
  });
});

describe('evaluateThreshold by metric type', () => {
  it('counter: count is the sum, rate is per second of elapsed time', () => {
    const sink = counter(10, 20, 30);
    expect(evaluate('count>50', sink)).toEqual({ ok: true, observed: 60, noData: false });
    expect(evaluate('rate<5', sink, 20_000)).toEqual({ ok: true, observed: 3, noData: false });
    expect(evaluate('rate<5', sink, 10_000)).toEqual({ ok: false, observed: 6, noData: false });
  });

  it('counter: a rate before any time passed has no data', () => {
    expect(evaluate('rate<5', counter(1), 0)).toEqual({ ok: false, observed: undefined, noData: true });
  });

  it('counter: added zero is data, never added is not', () => {
    expect(evaluate('count<1', counter(0))).toEqual({ ok: true, observed: 0, noData: false });
    expect(evaluate('count<1', counter())).toEqual({ ok: false, observed: undefined, noData: true });
  });

  it('gauge: the last value', () => {
    const sink = new GaugeSink();
    sink.set(50, 1);
    sink.set(3, 2);
    expect(evaluate('value<10', sink)).toEqual({ ok: true, observed: 3, noData: false });
  });

  it('rate: the fraction of passes', () => {
    const sink = new RateSink();
    sink.addCounts(1, 99);
    expect(evaluate('rate<0.01', sink)).toEqual({ ok: false, observed: 0.01, noData: false });
    expect(evaluate('rate<=0.01', sink)).toEqual({ ok: true, observed: 0.01, noData: false });
  });

  it('trend: avg, min, max, med and percentiles in milliseconds', () => {
    // 0.01..1 ms: below 2.048 ms every microsecond has its own bucket, so percentiles are exact.
    const sink = trend(...Array.from({ length: 100 }, (_, i) => (i + 1) / 100));
    expect(evaluate('avg<0.51', sink)).toEqual({ ok: true, observed: 0.505, noData: false });
    expect(evaluate('min>=0.01', sink)).toEqual({ ok: true, observed: 0.01, noData: false });
    expect(evaluate('max<1', sink)).toEqual({ ok: false, observed: 1, noData: false });
    expect(evaluate('med<=0.5', sink)).toEqual({ ok: true, observed: 0.5, noData: false });
    expect(evaluate('p(95)<0.95', sink)).toEqual({ ok: false, observed: 0.95, noData: false });
    expect(evaluate('p(90)<0.95', sink)).toEqual({ ok: true, observed: 0.9, noData: false });
  });

  it('trend: a percentile is never understated, so a pass is always a true pass', () => {
    // 50 ms falls in a bucket 32 µs wide: the reported median is its upper edge, within 0.1%.
    const sink = trend(...Array.from({ length: 100 }, (_, i) => i + 1));
    const median = evaluate('med<=50', sink);
    expect(median.observed).toBeGreaterThanOrEqual(50);
    expect(median.observed).toBeLessThan(50 * 1.001);
    expect(median.ok).toBe(false);
    // Clamping to the exact max keeps "everything at or under the limit" passing.
    const atLimit = trend(...Array.from({ length: 100 }, () => 500));
    expect(evaluate('p(95)<=500', atLimit)).toEqual({ ok: true, observed: 500, noData: false });
  });

  it('throws on an aggregation the sink type does not have', () => {
    expect(() => evaluate('p(95)<1', counter(1))).toThrow(ThresholdAggregationError);
    expect(() => evaluate('count>0', trend(1))).toThrow(ThresholdAggregationError);
  });

  it.each([
    ['no sink', undefined, 'rate<0.01'],
    ['an empty rate', new RateSink(), 'rate<0.01'],
    ['an empty trend', new TrendSink(), 'p(95)<500'],
    ['an empty gauge', new GaugeSink(), 'value>0'],
    ['an empty counter', new CounterSink(), 'count>=0'],
  ] as [string, Sink | undefined, string][])('%s is "no data" and fails', (_label, sink, expression) => {
    expect(evaluate(expression, sink)).toEqual({ ok: false, observed: undefined, noData: true });
  });
});
