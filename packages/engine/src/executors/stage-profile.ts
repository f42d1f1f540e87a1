import { parseDurationMs } from '@fpt/preset';

/** A piecewise-linear value over time: VUs for ramping-vus, iterations per ms for ramping-arrival-rate. */
export interface StageProfile {
  readonly totalMs: number;
  valueAt(elapsedMs: number): number;
  /** Segments as [startMs, endMs, startValue, endValue]. */
  readonly segments: readonly (readonly [number, number, number, number])[];
}

export function stageProfile(
  startValue: number,
  stages: readonly { duration: string; target: number }[],
  scale = 1,
): StageProfile {
  const segments: [number, number, number, number][] = [];
  let atMs = 0;
  let value = startValue * scale;
  for (const stage of stages) {
    const durationMs = parseDurationMs(stage.duration);
    const target = stage.target * scale;
    segments.push([atMs, atMs + durationMs, value, target]);
    atMs += durationMs;
    value = target;
  }
  return {
    totalMs: atMs,
    segments,
    valueAt(elapsedMs) {
      for (const [start, end, from, to] of segments) {
        if (elapsedMs < end)
          return end === start ? to : from + ((to - from) * (elapsedMs - start)) / (end - start);
      }
      return value;
    },
  };
}

/**
 * When the n-th iteration (0-based) of an arrival-rate profile should start: the moment the integral of
 * the rate reaches n. Exact for linear ramps (a quadratic per segment), so no iteration is lost to rounding.
 * Returns undefined when the profile ends first.
 */
export function arrivalTimeMs(profile: StageProfile, n: number): number | undefined {
  let before = 0;
  for (const [start, end, from, to] of profile.segments) {
    const lengthMs = end - start;
    const area = ((from + to) / 2) * lengthMs;
    if (before + area > n) {
      const needed = n - before;
      const slope = lengthMs === 0 ? 0 : (to - from) / lengthMs;
      if (Math.abs(slope) < 1e-15) return start + needed / from;
      // from*t + slope*t²/2 = needed  →  t = (-from + sqrt(from² + 2·slope·needed)) / slope
      const t = (-from + Math.sqrt(Math.max(0, from * from + 2 * slope * needed))) / slope;
      return start + t;
    }
    before += area;
  }
  return undefined;
}
