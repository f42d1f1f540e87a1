import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCompactCount,
  formatCount,
  formatMarginShare,
  formatMs,
  formatPerSecond,
  formatRoom,
  formatShare,
  formatStat,
  noValue,
  plural,
  trimNumber,
} from '../src/index.js';

describe('latencies', () => {
  it.each([
    [0, '0 ms'],
    [0.41234, '0.412 ms'],
    [0.85, '0.85 ms'],
    [12.345, '12.3 ms'],
    [58, '58 ms'],
    [612.4, '612 ms'],
    // A value that rounds up to a second is a second, not "1000 ms".
    [999.6, '1 s'],
    [999.7, '1 s'],
    [1234, '1.23 s'],
    [61_234, '61.2 s'],
    [1_234_567, '1,235 s'],
    [3_600_000, '3,600 s'],
  ])('%s ms reads %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });

  it('shows a dash when there is no value', () => {
    expect(formatMs(null)).toBe(noValue);
    expect(formatMs(undefined)).toBe('—');
    expect(formatMs(Number.NaN)).toBe('—');
  });
});

describe('shares', () => {
  it.each([
    [0, '0 %'],
    [0.00004, '<0.01 %'],
    [0.0043, '0.43 %'],
    [0.0435, '4.35 %'],
    [0.5, '50.0 %'],
    [1, '100 %'],
    [19, '1,900 %'],
  ])('share %s reads %s', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });
});

describe('counts, rates and plain numbers', () => {
  it('groups thousands, and keeps a fraction (a custom counter sum) to three figures', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(12.6)).toBe('12.6');
    expect(formatCount(null)).toBe('—');
  });

  it('shortens counts for tiles from 10,000 on, and says 1M rather than 1000k', () => {
    expect(formatCompactCount(987)).toBe('987');
    expect(formatCompactCount(9_999)).toBe('9,999');
    expect(formatCompactCount(12_345)).toBe('12.3k');
    expect(formatCompactCount(999_950)).toBe('1M');
    expect(formatCompactCount(4_560_000)).toBe('4.56M');
  });

  it('gives rates per second to three significant figures, whole from a thousand on', () => {
    expect(formatPerSecond(0.5)).toBe('0.5/s');
    expect(formatPerSecond(12.345)).toBe('12.3/s');
    expect(formatPerSecond(1234.5)).toBe('1,235/s');
    expect(formatPerSecond(null)).toBe('—');
  });

  it('never writes exponents or a locale’s separators, nor NaN', () => {
    expect(trimNumber(0.0512)).toBe('0.0512');
    expect(trimNumber(12_345.6)).toBe('12,346');
    expect(trimNumber(-1.234)).toBe('-1.23');
    expect(trimNumber(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('writes plurals as they are read', () => {
    expect(plural(1, 'threshold')).toBe('1 threshold');
    expect(plural(0, 'threshold')).toBe('0 thresholds');
    expect(plural(1200, 'VU')).toBe('1,200 VUs');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [718, '718 B'],
    [999.6, '1.0 kB'],
    [4_900, '4.9 kB'],
    [519_000, '519 kB'],
    [999_999, '1.0 MB'],
    [12_345_678, '12 MB'],
    [3_200_000_000, '3.2 GB'],
  ])('%s bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('margins', () => {
  it('signs a margin as a share of the limit, and the room in the metric’s unit', () => {
    expect(formatMarginShare(0.18)).toBe('+18.0 %');
    expect(formatMarginShare(-0.206)).toBe('−20.6 %');
    expect(formatMarginShare(undefined)).toBe('—');
    expect(formatRoom(88, 'time')).toBe('+88 ms');
    expect(formatRoom(-0.0465, 'share')).toBe('−4.65 pp');
    expect(formatRoom(undefined, 'time')).toBe('—');
  });
});

describe('formatStat', () => {
  const metric = (
    type: 'trend' | 'rate' | 'counter' | 'gauge',
    contains: 'time' | 'default' = 'default',
  ) => ({
    type,
    contains,
  });

  it("shows a time trend's stats in ms and s, and its count as a count", () => {
    expect(formatStat(metric('trend', 'time'), 'p(95)', 612.4)).toBe('612 ms');
    expect(formatStat(metric('trend', 'time'), 'max', 1500)).toBe('1.5 s');
    expect(formatStat(metric('trend', 'time'), 'count', 12345)).toBe('12,345');
    expect(formatStat(metric('trend'), 'avg', 0.12345)).toBe('0.123');
  });

  it('shows a rate as a percentage with passes and fails as counts', () => {
    expect(formatStat(metric('rate'), 'rate', 0.75)).toBe('75.0 %');
    expect(formatStat(metric('rate'), 'passes', 3)).toBe('3');
  });

  it('shows a counter per second and a fractional sum as a number', () => {
    expect(formatStat(metric('counter'), 'rate', 2)).toBe('2/s');
    expect(formatStat(metric('counter'), 'count', 12.25)).toBe('12.3');
    expect(formatStat(metric('gauge'), 'value', 4)).toBe('4');
  });

  it('shows a dash for a value the summary lacks', () => {
    expect(formatStat(metric('gauge'), 'value', undefined)).toBe('—');
  });
});
