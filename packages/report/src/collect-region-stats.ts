import type { MetricStore, Tags } from '@fpt/metrics';
import { compareCodeUnits } from './compare-code-units.js';
import { latencyStats } from './latency-stats.js';
import { mergeSeriesBy } from './merge-series-by.js';
import { requestTotals } from './request-totals.js';
import type { RegionStats } from './summary-data.js';

/** Per value of the `region` tag on http_reqs, in region order. */
export function collectRegionStats(store: MetricStore, durationMs: number): RegionStats[] {
  const groupOf = (tags: Tags) => tags.region;
  const counts = mergeSeriesBy(store, 'http_reqs', groupOf);
  const failed = mergeSeriesBy(store, 'http_req_failed', groupOf);
  const durations = mergeSeriesBy(store, 'http_req_duration', groupOf);
  return [...counts.keys()].sort(compareCodeUnits).map((region) => ({
    region,
    ...requestTotals(counts.get(region), failed.get(region), durationMs),
    ...latencyStats(durations.get(region)),
  }));
}
