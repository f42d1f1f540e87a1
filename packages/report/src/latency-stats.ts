import type { Sink } from '@fpt/metrics';
import type { LatencyStats } from './summary-data.js';

/** avg, p50, p90, p95, p99 and max of a trend sink; all 0 for a missing or empty one. */
export function latencyStats(sink: Sink | undefined): LatencyStats {
  if (sink?.type !== 'trend' || sink.count === 0) {
    return { avgMs: 0, p50Ms: 0, p90Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 };
  }
  return {
    avgMs: sink.avg,
    p50Ms: sink.percentile(50),
    p90Ms: sink.percentile(90),
    p95Ms: sink.percentile(95),
    p99Ms: sink.percentile(99),
    maxMs: sink.max,
  };
}
