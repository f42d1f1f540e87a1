import type { TimelinePoint } from '@fpt/metrics';

/**
 * One timeline from several agents' timelines, second by second (each `tMs` is from its own run's start,
 * and the agents start together). Counts and VUs add up. Per-second percentiles cannot be merged from
 * percentiles, so they are kept only when a single timeline contributes; the whole-run percentiles,
 * merged from histograms, are exact.
 */
export function mergeTimelines(timelines: readonly (readonly TimelinePoint[])[]): TimelinePoint[] {
  const present = timelines.filter((timeline) => timeline.length > 0);
  if (present.length === 1) return present[0]!.map((point) => ({ ...point }));
  const bySecond = new Map<number, TimelinePoint>();
  for (const timeline of present) {
    for (const point of timeline) {
      const second = Math.round(point.tMs / 1000);
      const sum = bySecond.get(second);
      bySecond.set(second, {
        tMs: Math.max(sum?.tMs ?? 0, point.tMs),
        vus: (sum?.vus ?? 0) + point.vus,
        requests: (sum?.requests ?? 0) + point.requests,
        failedRequests: (sum?.failedRequests ?? 0) + point.failedRequests,
        iterations: (sum?.iterations ?? 0) + point.iterations,
        droppedIterations: (sum?.droppedIterations ?? 0) + point.droppedIterations,
      });
    }
  }
  return [...bySecond.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
}
