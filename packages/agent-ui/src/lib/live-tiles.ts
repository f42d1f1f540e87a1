import type { LivePoint } from '@fpt/api-types';
import { intervalLengthsMs } from './run-series.js';

/** Seconds the live tiles average over: one second is too jumpy to read. */
export const LIVE_WINDOW_POINTS = 5;

export interface LiveFigures {
  /** Requests per second over the window. */
  readonly requestsPerSec: number | null;
  /** Failed / requests over the window, 0..1; null without requests in it. */
  readonly windowErrorRate: number | null;
  /** Failed / requests since the start, 0..1. */
  readonly totalErrorRate: number | null;
  /** p95 of the last second in which a request finished. */
  readonly p95Ms: number | null;
  readonly vus: number | null;
  readonly elapsedMs: number;
  readonly plannedMs: number;
  readonly totalRequests: number;
}

/** The live tiles' figures from the points received so far. */
export function liveFigures(points: readonly LivePoint[]): LiveFigures {
  const last = points.at(-1);
  if (!last) {
    return {
      requestsPerSec: null,
      windowErrorRate: null,
      totalErrorRate: null,
      p95Ms: null,
      vus: null,
      elapsedMs: 0,
      plannedMs: 0,
      totalRequests: 0,
    };
  }
  const window = points.slice(-LIVE_WINDOW_POINTS);
  const windowMs = intervalLengthsMs(points)
    .slice(-LIVE_WINDOW_POINTS)
    .reduce((sum, length) => sum + length, 0);
  const requests = window.reduce((sum, p) => sum + p.requests, 0);
  const failed = window.reduce((sum, p) => sum + p.failedRequests, 0);
  const withLatency = [...points].reverse().find((p) => p.p95Ms !== undefined);
  return {
    requestsPerSec: windowMs > 0 ? (requests * 1000) / windowMs : null,
    windowErrorRate: requests > 0 ? failed / requests : null,
    totalErrorRate: last.totalRequests > 0 ? last.totalFailed / last.totalRequests : null,
    p95Ms: withLatency?.p95Ms ?? null,
    vus: last.vus,
    elapsedMs: last.elapsedMs,
    plannedMs: last.plannedMs,
    totalRequests: last.totalRequests,
  };
}

/** Progress through the planned duration, 0..1, for the progress bar. */
export function progressFraction(elapsedMs: number, plannedMs: number): number {
  if (!(plannedMs > 0)) return 0;
  return Math.min(1, Math.max(0, elapsedMs / plannedMs));
}
