import type { FleetLivePoint, LivePoint } from '@fpt/api-types';

/**
 * A fleet run's merged seconds, fleet-wide or of one region, as the live points of a single run: the live
 * tiles and charts read them as they are. What only a single run's stream has (thresholds so far, requests
 * by name) is left empty.
 */
export function livePointsOf(points: readonly FleetLivePoint[], region?: string): LivePoint[] {
  return points.flatMap((point) => {
    const figures = region === undefined ? point.fleet : point.regions.find((r) => r.region === region);
    if (!figures) return [];
    // The figures are a second's figures with running totals already; the rest is the point's.
    return [
      {
        ...figures,
        tMs: point.elapsedMs,
        elapsedMs: point.elapsedMs,
        plannedMs: point.plannedMs,
        failingThresholds: [],
        perRequest: [],
      },
    ];
  });
}
