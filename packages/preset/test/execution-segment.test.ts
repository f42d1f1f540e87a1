import { describe, expect, it } from 'vitest';
import { cappedSegment, executionSegments, globalUnit, ownsUnit, segmentShare } from '../src/index.js';

describe('execution segments', () => {
  it('split any total into shares that add up to it exactly, for every part count', () => {
    for (let parts = 1; parts <= 9; parts++) {
      const segments = executionSegments(parts);
      for (let total = 0; total <= 500; total++) {
        const shares = segments.map((s) => segmentShare(s, total));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        // Balanced: no part has more than one unit more than another.
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keep the sum exact at every moment of a ramp (VUs 0 → 137 → 3 over time)', () => {
    const segments = executionSegments(4);
    const profile = (tMs: number) => (tMs < 1000 ? (137 * tMs) / 1000 : 137 - (134 * (tMs - 1000)) / 1000);
    for (let tMs = 0; tMs <= 2000; tMs += 7) {
      const whole = Math.floor(profile(tMs));
      expect(segments.reduce((sum, s) => sum + segmentShare(s, profile(tMs)), 0)).toBe(whole);
    }
  });

  it('give every schedule position to exactly one part, in schedule order within each part', () => {
    const segments = executionSegments(3);
    for (let n = 0; n < 1000; n++) expect(segments.filter((s) => ownsUnit(s, n))).toHaveLength(1);
    for (const segment of segments) {
      const mine = Array.from({ length: 50 }, (_, k) => globalUnit(segment, k));
      expect(mine.every((n) => ownsUnit(segment, n))).toBe(true);
      expect([...mine].sort((a, b) => a - b)).toEqual(mine);
    }
  });

  it('refuse a part count below one', () => {
    expect(() => executionSegments(0)).toThrow(RangeError);
  });
});

describe('capped segments', () => {
  it('leave out parts past the capacity and share the schedule among the rest', () => {
    const parts = executionSegments(4).map((s) => cappedSegment(s, 2));
    expect(parts.map((p) => p?.count)).toEqual([2, 2, undefined, undefined]);
    const owners = Array.from({ length: 10 }, (_, n) => parts.filter((p) => p && ownsUnit(p, n)).length);
    expect(owners).toEqual(Array(10).fill(1));
    expect(cappedSegment({ index: 1, count: 3 }, 100)).toEqual({ index: 1, count: 3 });
  });
});
