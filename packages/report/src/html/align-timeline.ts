/**
 * Values of another run sampled at this run's x positions (seconds from each run's start, so both are
 * aligned at t = 0): the nearest point within `toleranceSec`, else null. A baseline that ran longer is
 * cut at this run's end; one that ran shorter leaves a gap.
 */
export function alignTimeline(
  x: readonly number[],
  otherX: readonly number[],
  otherValues: readonly (number | null)[],
  toleranceSec: number,
): (number | null)[] {
  return x.map((t) => {
    let lo = 0;
    let hi = otherX.length - 1;
    if (hi < 0) return null;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (otherX[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    const candidates = [lo - 1, lo].filter((i) => i >= 0 && i < otherX.length);
    let best = -1;
    for (const i of candidates) {
      if (best === -1 || Math.abs(otherX[i]! - t) < Math.abs(otherX[best]! - t)) best = i;
    }
    return Math.abs(otherX[best]! - t) <= toleranceSec ? (otherValues[best] ?? null) : null;
  });
}
