import type { SeriesPoint } from './series-point.js';

/** Columns for the run charts, aligned on one x axis (seconds since the start), as uPlot takes them. */
export interface RunSeries {
  /** Seconds since the run started. */
  readonly x: number[];
  readonly vus: number[];
  readonly requestsPerSec: number[];
  readonly failedPerSec: number[];
  readonly iterationsPerSec: number[];
  /** Error % of the interval; null when no request finished in it (nothing to divide). */
  readonly errorPct: (number | null)[];
  readonly p50Ms: (number | null)[];
  readonly p95Ms: (number | null)[];
  readonly p99Ms: (number | null)[];
}

const ONE_SECOND_MS = 1000;

/**
 * Interval lengths: points come once a second, but the last one of a run (or one after a stall) can
 * cover less or more, so rates divide by the real interval rather than assume a second.
 */
export function intervalLengthsMs(points: readonly SeriesPoint[]): number[] {
  return points.map((p, i) => {
    const previous = i === 0 ? p.elapsedMs - ONE_SECOND_MS : points[i - 1]!.elapsedMs;
    const length = p.elapsedMs - Math.max(0, previous);
    return Number.isFinite(length) && length > 0 ? length : ONE_SECOND_MS;
  });
}

export function buildRunSeries(points: readonly SeriesPoint[]): RunSeries {
  const lengths = intervalLengthsMs(points);
  return {
    x: points.map((p) => p.elapsedMs / 1000),
    vus: points.map((p) => p.vus),
    requestsPerSec: points.map((p, i) => (p.requests * 1000) / lengths[i]!),
    failedPerSec: points.map((p, i) => (p.failedRequests * 1000) / lengths[i]!),
    iterationsPerSec: points.map((p, i) => (p.iterations * 1000) / lengths[i]!),
    errorPct: points.map((p) => (p.requests > 0 ? (p.failedRequests / p.requests) * 100 : null)),
    p50Ms: points.map((p) => p.p50Ms ?? null),
    p95Ms: points.map((p) => p.p95Ms ?? null),
    p99Ms: points.map((p) => p.p99Ms ?? null),
  };
}

/** What a run chart says before the run's first point. */
export const noPointsYet = 'No data yet: the first point arrives about a second after the start.';

/** Why a chart has nothing to draw, or undefined when it has. */
export function emptyChartReason(points: readonly SeriesPoint[], needsLatency: boolean): string | undefined {
  if (points.length === 0) return noPointsYet;
  if (needsLatency && !points.some((p) => p.p50Ms !== undefined || p.p95Ms !== undefined))
    return 'No request finished, so there is no latency to draw.';
  if (!points.some((p) => p.requests > 0)) return '0 requests were made.';
  return undefined;
}
