import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed } from '../src/lib/format-elapsed.js';
import {
  formatErrorPercent,
  formatPercentagePoints,
  formatSignedPercent,
} from '../src/lib/format-percent.js';
import { formatLocalTime, formatUtcTime } from '../src/lib/format-time.js';

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
