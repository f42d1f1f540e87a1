import type { LivePoint } from '../api/agent-types.js';
import type { SummaryTimelinePoint } from '../api/summary-types.js';

/** One second of a run, whether it came from the live stream or from summary.json's timeline. */
export interface SeriesPoint {
  /** Milliseconds since the run started, at the end of the interval. */
  readonly elapsedMs: number;
  readonly vus: number;
  readonly requests: number;
  readonly failedRequests: number;
  readonly iterations: number;
  readonly droppedIterations: number;
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  readonly p99Ms?: number;
}

export function seriesPointsFromLive(points: readonly LivePoint[]): SeriesPoint[] {
  return points.map((p) => ({ ...pickCommon(p), elapsedMs: p.elapsedMs }));
}

export function seriesPointsFromTimeline(points: readonly SummaryTimelinePoint[]): SeriesPoint[] {
  return points.map((p) => ({ ...pickCommon(p), elapsedMs: p.tMs }));
}

function pickCommon(p: SummaryTimelinePoint | LivePoint): Omit<SeriesPoint, 'elapsedMs'> {
  return {
    vus: p.vus,
    requests: p.requests,
    failedRequests: p.failedRequests,
    iterations: p.iterations,
    droppedIterations: p.droppedIterations,
    ...(p.p50Ms === undefined ? {} : { p50Ms: p.p50Ms }),
    ...(p.p95Ms === undefined ? {} : { p95Ms: p.p95Ms }),
    ...(p.p99Ms === undefined ? {} : { p99Ms: p.p99Ms }),
  };
}
