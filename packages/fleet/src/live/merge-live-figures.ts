import { TrendSink } from '@fpt/metrics';
import type { FleetLiveFigures } from './fleet-live-point.js';
import type { AgentSecond } from './read-peer-live-point.js';

/** An agent's running totals as of the latest second that went out. */
export interface LiveTotals {
  readonly totalRequests: number;
  readonly totalFailed: number;
}

/**
 * One second of several agents together: counts and VUs add up; percentiles come from their histograms
 * merged, so they equal those of one histogram of every request (never an average of percentiles).
 */
export function mergeLiveFigures(
  seconds: readonly AgentSecond[],
  totals: readonly LiveTotals[],
  agents: number,
): FleetLiveFigures {
  const sum = (pick: (second: AgentSecond) => number) => seconds.reduce((total, s) => total + pick(s), 0);
  const duration = new TrendSink();
  for (const second of seconds) if (second.duration) duration.merge(second.duration);
  return {
    vus: sum((s) => s.vus),
    requests: sum((s) => s.requests),
    failedRequests: sum((s) => s.failedRequests),
    iterations: sum((s) => s.iterations),
    droppedIterations: sum((s) => s.droppedIterations),
    ...(duration.empty
      ? {}
      : { p50Ms: duration.percentile(50), p95Ms: duration.percentile(95), p99Ms: duration.percentile(99) }),
    totalRequests: totals.reduce((total, t) => total + t.totalRequests, 0),
    totalFailed: totals.reduce((total, t) => total + t.totalFailed, 0),
    agents,
    reporting: seconds.length,
  };
}
