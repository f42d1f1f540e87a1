import type { TimelinePoint } from '@fpt/metrics';

/** The run's timeline as chart columns, one entry per point; null where a point has nothing to show. */
export interface TimelineSeries {
  /** Seconds since the start of the run, at the end of each interval. */
  readonly tSec: readonly number[];
  readonly vus: readonly number[];
  readonly requestsPerSec: readonly number[];
  readonly failedPerSec: readonly number[];
  /** Failed share of the interval's requests in %, null when none finished. */
  readonly errorRatePct: readonly (number | null)[];
  readonly p50Ms: readonly (number | null)[];
  readonly p95Ms: readonly (number | null)[];
  readonly p99Ms: readonly (number | null)[];
  readonly iterationsPerSec: readonly number[];
  readonly droppedPerSec: readonly number[];
  /** A browser run's Web Vitals (p75) of the interval; null where no page reported one. */
  readonly lcpP75Ms: readonly (number | null)[];
  readonly inpP75Ms: readonly (number | null)[];
  readonly clsP75: readonly (number | null)[];
}

/**
 * Per-interval counts turned into rates. Each point covers the time since the previous one, but never
 * less than the usual interval: the final drain closes a short last interval, and dividing its few
 * requests by a few milliseconds would draw a spike that never happened.
 */
export function timelineSeries(points: readonly TimelinePoint[]): TimelineSeries {
  const gapsSec = points.map((p, i) => (p.tMs - (i === 0 ? 0 : points[i - 1]!.tMs)) / 1000);
  const nominalSec = median(gapsSec.filter((g) => g > 0)) ?? 1;
  const spans = gapsSec.map((g) => Math.max(g, nominalSec));
  const perSec = (pick: (p: TimelinePoint) => number) => points.map((p, i) => pick(p) / spans[i]!);
  return {
    tSec: points.map((p) => p.tMs / 1000),
    vus: points.map((p) => p.vus),
    requestsPerSec: perSec((p) => p.requests),
    failedPerSec: perSec((p) => p.failedRequests),
    errorRatePct: points.map((p) => (p.requests > 0 ? (p.failedRequests / p.requests) * 100 : null)),
    p50Ms: points.map((p) => p.p50Ms ?? null),
    p95Ms: points.map((p) => p.p95Ms ?? null),
    p99Ms: points.map((p) => p.p99Ms ?? null),
    iterationsPerSec: perSec((p) => p.iterations),
    droppedPerSec: perSec((p) => p.droppedIterations),
    lcpP75Ms: points.map((p) => p.lcpP75Ms ?? null),
    inpP75Ms: points.map((p) => p.inpP75Ms ?? null),
    clsP75: points.map((p) => p.clsP75 ?? null),
  };
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
