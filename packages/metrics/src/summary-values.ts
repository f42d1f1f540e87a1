import { parseAggregation } from './parse-aggregation.js';
import type { Sink } from './sink.js';
import { trendAggregate } from './trend-aggregate.js';
import type { TrendSink } from './trend-sink.js';

/** k6's default summaryTrendStats plus p(99), which FPT shows by default. */
export const defaultTrendStats: readonly string[] = Object.freeze([
  'avg',
  'min',
  'med',
  'max',
  'p(90)',
  'p(95)',
  'p(99)',
]);

/**
 * The `values` object of one metric in k6's handleSummary(data) shape: counter {count, rate},
 * gauge {value, min, max}, rate {rate, passes, fails}, trend exactly the requested stats, keyed as
 * written (so `p(99.90)` stays `p(99.90)`, as k6 keys them by the summaryTrendStats strings).
 * Empty sinks report zeros so the result is always plain JSON numbers.
 */
export function summaryValues(
  sink: Sink,
  elapsedMs: number,
  trendStats: readonly string[] = defaultTrendStats,
): Record<string, number> {
  switch (sink.type) {
    case 'counter':
      return { count: sink.count, rate: sink.ratePerSec(elapsedMs) };
    case 'gauge':
      return { value: sink.value, min: sink.min, max: sink.max };
    case 'rate':
      return { rate: sink.rate ?? 0, passes: sink.passes, fails: sink.fails };
    case 'trend':
      return trendValues(sink, trendStats);
  }
}

function trendValues(sink: TrendSink, trendStats: readonly string[]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const stat of trendStats) values[stat] = trendStat(sink, stat);
  return values;
}

/** Throws RangeError for a stat k6 would reject in summaryTrendStats. */
export function trendStat(sink: TrendSink, stat: string): number {
  const trimmed = stat.trim();
  if (trimmed === 'count') return sink.count;
  const parsed = parseAggregation(trimmed);
  if (parsed.ok) {
    const value = trendAggregate(sink, parsed.aggregation);
    if (value !== undefined) return value;
  }
  throw new RangeError(
    `unknown trend stat ${JSON.stringify(stat)}: use avg, min, med, max, count or p(N) with N from 0 to 100`,
  );
}

/** Whether `stat` is accepted in summaryTrendStats (avg, min, med, max, count or p(N)). */
export function isTrendStat(stat: string): boolean {
  const trimmed = stat.trim();
  if (trimmed === 'count') return true;
  const parsed = parseAggregation(trimmed);
  return parsed.ok && ['avg', 'min', 'max', 'med', 'percentile'].includes(parsed.aggregation.kind);
}
