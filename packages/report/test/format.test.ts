import type { ThresholdOutcome } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import {
  formatDurationMs,
  formatMetricValue,
  formatNumber,
  formatPercent,
  formatRate,
  formatThresholdObserved,
} from '../src/index.js';

describe('formatDurationMs', () => {
  it.each([
    [0, '0s'],
    [0.0005, '500ns'],
    [0.85, '850µs'],
    [148.21, '148.21ms'],
    [140.369, '140.36ms'],
    [499.999, '499.99ms'],
    [1000, '1s'],
    [1200, '1.2s'],
    [59_999, '59.99s'],
    [62_345, '1m2s'],
    [3_605_000, '1h0m5s'],
    [-1200, '-1.2s'],
  ])('%s ms is %s', (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });

  it('never rounds a value up past a threshold boundary', () => {
    expect(formatDurationMs(499.9999)).toBe('499.99ms');
  });
});

describe('formatRate, formatPercent and formatNumber', () => {
  it('prints rates with up to six decimals, like k6', () => {
    expect(formatRate(13.1221794)).toBe('13.122179/s');
    expect(formatRate(5.75)).toBe('5.75/s');
    expect(formatRate(0)).toBe('0/s');
  });

  it('prints fractions as percentages with two decimals', () => {
    expect(formatPercent(0)).toBe('0.00%');
    expect(formatPercent(5 / 115)).toBe('4.35%');
    expect(formatPercent(1)).toBe('100.00%');
  });

  it('prints plain numbers without trailing zeros', () => {
    expect(formatNumber(152.3555555)).toBe('152.355556');
    expect(formatNumber(120)).toBe('120');
    expect(formatNumber(0.05)).toBe('0.05');
    expect(formatNumber(-0)).toBe('0');
  });

  it('formats a value by what its metric contains', () => {
    expect(formatMetricValue(1500, 'time')).toBe('1.5s');
    expect(formatMetricValue(1500, 'data')).toBe('1.5 kB');
    expect(formatMetricValue(1500, 'default')).toBe('1500');
  });
});

describe('formatThresholdObserved', () => {
  const outcome = (expression: string, observed: number | undefined): ThresholdOutcome => ({
    metric: 'm',
    expression,
    ok: true,
    noData: observed === undefined,
    ...(observed === undefined ? {} : { observed }),
    abortOnFail: false,
    allowNoData: false,
  });

  it('shows a time trend in a time unit, keyed by the normalised aggregation', () => {
    expect(formatThresholdObserved(outcome('p(95)<500', 148.213), 'trend')).toBe('p(95)=148.21ms');
    expect(formatThresholdObserved(outcome('p(99.90) < 2000', 1234), 'trend', 'time')).toBe('p(99.9)=1.23s');
  });

  it('shows a unitless trend such as CLS as a plain number', () => {
    expect(formatThresholdObserved(outcome('p(75)<0.1', 0.05), 'trend', 'default')).toBe('p(75)=0.05');
  });

  it('shows a rate metric as a percentage', () => {
    expect(formatThresholdObserved(outcome('rate<0.01', 0), 'rate')).toBe('rate=0.00%');
  });

  it('shows counters as a count or a per-second rate, in bytes for data', () => {
    expect(formatThresholdObserved(outcome('count>0', 45), 'counter')).toBe('count=45');
    expect(formatThresholdObserved(outcome('rate>5', 6.56109), 'counter')).toBe('rate=6.56109/s');
    expect(formatThresholdObserved(outcome('count<1000000', 519_000), 'counter', 'data')).toBe(
      'count=519 kB',
    );
    expect(formatThresholdObserved(outcome('rate<100000', 76_000), 'counter', 'data')).toBe('rate=76 kB/s');
  });

  it('shows a gauge value', () => {
    expect(formatThresholdObserved(outcome('value<10', 3), 'gauge')).toBe('value=3');
  });

  it('says no data instead of a number when the metric had no samples', () => {
    expect(formatThresholdObserved(outcome('p(95)<500', undefined), 'trend')).toBe('no data');
  });
});

describe('formatThresholdObserved with an expression that does not parse', () => {
  it('keeps the text before the operator as the aggregation name', () => {
    const outcome = { expression: 'p95 < 500', noData: false, observed: 120 };
    expect(formatThresholdObserved(outcome, 'trend')).toBe('p95=120ms');
  });
});
