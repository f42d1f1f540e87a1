import { describe, expect, it } from 'vitest';
import { sampleTime } from '../src/outputs/sample-time.js';

describe('sample times in k6 lines', () => {
  it('are RFC 3339 UTC with microseconds, the date text reused within a second and renewed across one', () => {
    expect(sampleTime(1_796_637_601_000 + 234.567)).toBe('2026-12-07T10:00:01.234567Z');
    expect(sampleTime(1_796_637_601_000 + 999.9996)).toBe('2026-12-07T10:00:01.999999Z');
    expect(sampleTime(1_796_637_602_000)).toBe('2026-12-07T10:00:02.000000Z');
    expect(sampleTime(1_796_637_601_000.25)).toBe('2026-12-07T10:00:01.000250Z');
    expect(sampleTime(0.5)).toBe('1970-01-01T00:00:00.000500Z');
  });
});
