import { describe, expect, it } from 'vitest';
import { formatCompactCount, formatCount } from '../src/lib/format-count.js';
import { formatDuration, formatElapsed } from '../src/lib/format-elapsed.js';
import { formatMs } from '../src/lib/format-latency.js';
import {
  formatErrorPercent,
  formatPercentagePoints,
  formatSignedPercent,
} from '../src/lib/format-percent.js';
import { formatRate } from '../src/lib/format-rate.js';
import { formatLocalTime, formatUtcTime } from '../src/lib/format-time.js';

describe('formatMs', () => {
  it('keeps milliseconds below a second, with three significant figures', () => {
    expect(formatMs(0.41234)).toBe('0.412 ms');
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(612.4)).toBe('612 ms');
    expect(formatMs(0)).toBe('0 ms');
  });
  it('switches to seconds from one second, including values that round up to it', () => {
    expect(formatMs(999.7)).toBe('1 s');
    expect(formatMs(1234)).toBe('1.23 s');
    expect(formatMs(65_432)).toBe('65.4 s');
    expect(formatMs(1_234_567)).toBe('1,230 s');
  });
  it('shows a dash when there is no value', () => {
    expect(formatMs(null)).toBe('—');
    expect(formatMs(undefined)).toBe('—');
    expect(formatMs(Number.NaN)).toBe('—');
  });
});

describe('counts and rates', () => {
  it('separates thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12.6)).toBe('13');
    expect(formatCount(null)).toBe('—');
  });
  it('abbreviates for tiles only', () => {
    expect(formatCompactCount(987)).toBe('987');
    expect(formatCompactCount(12_345)).toBe('12.3k');
    expect(formatCompactCount(999_950)).toBe('1M');
    expect(formatCompactCount(4_560_000)).toBe('4.56M');
  });
  it('gives rates per second with three significant figures', () => {
    expect(formatRate(0.5)).toBe('0.5/s');
    expect(formatRate(12.345)).toBe('12.3/s');
    expect(formatRate(1234.5)).toBe('1,230/s');
    expect(formatRate(null)).toBe('—');
  });
});

describe('percentages', () => {
  it('keeps two decimals below 1 % so a small error rate never reads as zero', () => {
    expect(formatErrorPercent(0.0043)).toBe('0.43 %');
    expect(formatErrorPercent(0.00004)).toBe('<0.01 %');
    expect(formatErrorPercent(0.0435)).toBe('4.3 %');
    expect(formatErrorPercent(1)).toBe('100.0 %');
    expect(formatErrorPercent(0)).toBe('0 %');
  });
  it('signs changes', () => {
    expect(formatSignedPercent(18.24)).toBe('+18.2 %');
    expect(formatSignedPercent(-3)).toBe('-3.0 %');
    expect(formatSignedPercent(-0.01)).toBe('0.0 %');
    expect(formatPercentagePoints(0.4)).toBe('+0.40 pp');
    expect(formatPercentagePoints(-1.256)).toBe('-1.26 pp');
  });
});

describe('times', () => {
  it('writes elapsed time as m:ss', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(5_999)).toBe('0:05');
    expect(formatElapsed(90_000)).toBe('1:30');
    expect(formatElapsed(4_500_000)).toBe('75:00');
    expect(formatElapsed(-10)).toBe('0:00');
  });
  it('writes durations in words', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12s');
    expect(formatDuration(65_000)).toBe('1m 5s');
    expect(formatDuration(7_260_000)).toBe('2h 1m');
    expect(formatDuration(null)).toBe('—');
  });
  it('writes moments in the given zone and in UTC', () => {
    const moment = Date.UTC(2026, 10, 26, 12, 34, 56);
    expect(formatLocalTime(moment, 'UTC')).toBe('2026-11-26 12:34:56');
    expect(formatLocalTime(moment, 'Asia/Tokyo')).toBe('2026-11-26 21:34:56');
    expect(formatLocalTime(Date.UTC(2026, 10, 26, 0, 5, 0), 'UTC')).toBe('2026-11-26 00:05:00');
    expect(formatUtcTime(moment)).toBe('2026-11-26 12:34:56 UTC');
  });
});
