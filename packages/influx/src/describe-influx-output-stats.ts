import type { InfluxOutputStats } from './influx-output.js';

/**
 * The end-of-run line for the summary, e.g.
 * `InfluxDB: 48210 points written, 1200 dropped (37 failed requests; last error: HTTP 503: too busy)`.
 * Dropped points are said out loud: an outage loses no run, but the dashboards will have a gap.
 */
export function describeInfluxOutputStats(stats: InfluxOutputStats): string {
  let line = `InfluxDB: ${stats.written} points written, ${stats.dropped} dropped`;
  if (stats.failedRequests > 0) {
    line += ` (${stats.failedRequests} failed request${stats.failedRequests === 1 ? '' : 's'}`;
    line += stats.lastError !== undefined ? `; last error: ${stats.lastError})` : ')';
  }
  return line;
}
