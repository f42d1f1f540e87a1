import type { LivePoint, SecondFigures, SummaryTimelinePoint } from '@fpt/api-types';

/** One second of a run, whether it came from the live stream or from summary.json's timeline. */
export interface SeriesPoint extends SecondFigures {
  /** Milliseconds since the run started, at the end of the interval. */
  readonly elapsedMs: number;
}

export function seriesPointsFromLive(points: readonly LivePoint[]): SeriesPoint[] {
  return points.map((p) => ({ ...pickCommon(p), elapsedMs: p.elapsedMs }));
}

export function seriesPointsFromTimeline(points: readonly SummaryTimelinePoint[]): SeriesPoint[] {
  return points.map((p) => ({ ...pickCommon(p), elapsedMs: p.tMs }));
}

function pickCommon(p: SecondFigures): SecondFigures {
  return {
    vus: p.vus,
    requests: p.requests,
    failedRequests: p.failedRequests,
    iterations: p.iterations,
    droppedIterations: p.droppedIterations,
    ...(p.p50Ms === undefined ? {} : { p50Ms: p.p50Ms }),
    ...(p.p95Ms === undefined ? {} : { p95Ms: p.p95Ms }),
    ...(p.p99Ms === undefined ? {} : { p99Ms: p.p99Ms }),
    ...(p.lcpP75Ms === undefined ? {} : { lcpP75Ms: p.lcpP75Ms }),
    ...(p.inpP75Ms === undefined ? {} : { inpP75Ms: p.inpP75Ms }),
    ...(p.clsP75 === undefined ? {} : { clsP75: p.clsP75 }),
  };
}
