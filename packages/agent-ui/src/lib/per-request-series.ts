import type { LivePoint } from '@fpt/api-types';

export interface PerRequestSeries {
  /** The busiest request names, most requests first. */
  readonly names: string[];
  /** One column per name: p95 in ms per point, null when that request did not finish in that second. */
  readonly p95Ms: (number | null)[][];
  /** Names left out of the chart. */
  readonly otherNames: number;
}

/**
 * The p95 of the busiest request names per second. A chart line per name would be unreadable past a
 * handful, so only the top `limit` by request count are kept and the rest counted.
 */
export function buildPerRequestSeries(points: readonly LivePoint[], limit = 5): PerRequestSeries {
  const totals = new Map<string, number>();
  for (const point of points)
    for (const request of point.perRequest)
      totals.set(request.name, (totals.get(request.name) ?? 0) + request.requests);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const names = ranked.slice(0, limit).map(([name]) => name);
  const p95Ms = names.map((name) =>
    points.map((point) => point.perRequest.find((r) => r.name === name)?.p95Ms ?? null),
  );
  return { names, p95Ms, otherNames: Math.max(0, ranked.length - limit) };
}
