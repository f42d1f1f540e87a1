import { describe, expect, it } from 'vitest';
import { builtinMetricNames, describeError, isBuiltinMetric, trendColumns } from '../src/index.js';

describe('builtinMetricNames', () => {
  it("tells k6's and FPT's built-ins from a preset's own metrics", () => {
    expect(isBuiltinMetric('http_req_duration')).toBe(true);
    expect(isBuiltinMetric('interrupted_iterations')).toBe(true);
    expect(isBuiltinMetric('checkout_time')).toBe(false);
    expect(isBuiltinMetric('toString')).toBe(false);
    expect(new Set(builtinMetricNames).size).toBe(builtinMetricNames.length);
  });
});

describe('trendColumns', () => {
  it('puts count first, then avg, min, med, the percentiles rising, max, and unknown stats last', () => {
    const row = (values: Record<string, number>, count?: number) => ({
      entry: { values },
      ...(count === undefined ? {} : { count }),
    });
    expect(
      trendColumns([
        row({ max: 1, 'p(99.9)': 1, 'p(95)': 1, med: 1, avg: 1, min: 1, newer: 1 }, 4),
        row({ 'p(50)': 1 }),
      ]),
    ).toEqual(['count', 'avg', 'min', 'med', 'p(50)', 'p(95)', 'p(99.9)', 'max', 'newer']);
  });
});

describe('describeError', () => {
  it('names what a failed request ran into', () => {
    expect(describeError('503', '1503')).toBe('HTTP 503');
    expect(describeError('0', '1212')).toBe('connection refused (1212)');
    expect(describeError('0', '1050')).toBe('request timeout (1050)');
    expect(describeError('200', '')).toBe('unexpected HTTP 200');
  });
});
