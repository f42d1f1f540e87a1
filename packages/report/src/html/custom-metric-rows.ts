import { builtinMetrics, type MetricType } from '@fpt/metrics';
import type { ThresholdDescription } from '@fpt/readable';
import { compareCodeUnits } from '../compare-code-units.js';
import type { SummaryData, SummaryMetric } from '../summary-data.js';

/** One custom metric, or one of its sub-metrics, as the report lists it. */
export interface CustomMetricRow {
  /** `checkout_time`, or `orders_placed{name:place-order}` for a sub-metric. */
  readonly key: string;
  readonly metric: string;
  readonly entry: SummaryMetric;
  /**
   * How many samples a trend holds: its `count` stat, else its histogram's count (a whole metric has
   * one); undefined when the summary has neither, or for another type.
   */
  readonly count?: number;
  /** The thresholds on exactly this key. */
  readonly thresholds: readonly ThresholdDescription[];
}

/**
 * The summary's custom metrics (any metric that is not one of k6's or FPT's built-ins: what the preset
 * declared under `metrics:`), each followed by its sub-metrics, sorted by name.
 */
export function customMetricRows(
  data: SummaryData,
  thresholds: readonly ThresholdDescription[],
): CustomMetricRow[] {
  return Object.keys(data.metrics)
    .map((key) => ({ key, metric: metricOf(key) }))
    .filter(({ metric }) => builtinMetrics[metric] === undefined)
    .sort(
      (a, b) =>
        compareCodeUnits(a.metric, b.metric) ||
        Number(a.key !== a.metric) - Number(b.key !== b.metric) ||
        compareCodeUnits(a.key, b.key),
    )
    .map(({ key, metric }) => {
      const entry = data.metrics[key]!;
      const count = entry.type === 'trend' ? trendCount(data, key, entry) : undefined;
      return {
        key,
        metric,
        entry,
        ...(count === undefined ? {} : { count }),
        thresholds: thresholds.filter((t) => t.key === key),
      };
    });
}

function metricOf(key: string): string {
  const open = key.indexOf('{');
  return open === -1 ? key : key.slice(0, open);
}

function trendCount(data: SummaryData, key: string, entry: SummaryMetric): number | undefined {
  if (Object.hasOwn(entry.values, 'count')) return entry.values['count'];
  // An encoded trend carries its exact count in the clear: no need to decode the histogram.
  const count = Object.hasOwn(data.fpt.histograms, key) ? data.fpt.histograms[key]!.count : undefined;
  return Number.isFinite(count) ? count : undefined;
}

/** The types in the order the report lists them. */
export const CUSTOM_METRIC_TYPES: readonly MetricType[] = ['trend', 'counter', 'rate', 'gauge'];
