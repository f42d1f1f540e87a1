import type { RunSummaryJson, SummaryMetric } from '@fpt/api-types';
import { isBuiltinMetric } from '@fpt/readable';

/** One custom metric, or one of its sub-metrics, as the run detail lists it. */
export interface CustomMetricRow {
  /** `checkout_time`, or `checkout_time{name:pay}` for a sub-metric. */
  readonly key: string;
  readonly metric: string;
  readonly entry: SummaryMetric;
  /** A trend's samples: its `count` stat, else its histogram's (a whole metric has one). */
  readonly count?: number;
  /** The thresholds on exactly this key, as written, with whether each held. */
  readonly thresholds: readonly { readonly expression: string; readonly ok: boolean }[];
}

/**
 * The summary's custom metrics (any metric that is not a built-in: what the preset declared under
 * `metrics:`), each followed by its sub-metrics, sorted by name.
 */
export function customMetricRows(summary: RunSummaryJson): CustomMetricRow[] {
  return Object.keys(summary.metrics)
    .map((key) => ({ key, metric: key.replace(/\{.*$/, '') }))
    .filter(({ metric }) => !isBuiltinMetric(metric))
    .sort(
      (a, b) =>
        compare(a.metric, b.metric) ||
        Number(a.key !== a.metric) - Number(b.key !== b.metric) ||
        compare(a.key, b.key),
    )
    .map(({ key, metric }) => {
      const entry = summary.metrics[key]!;
      const count = entry.type === 'trend' ? trendCount(summary, key, entry) : undefined;
      return {
        key,
        metric,
        entry,
        ...(count === undefined ? {} : { count }),
        thresholds: Object.entries(entry.thresholds ?? {}).map(([expression, { ok }]) => ({
          expression,
          ok,
        })),
      };
    });
}

function trendCount(summary: RunSummaryJson, key: string, entry: SummaryMetric): number | undefined {
  if (Object.hasOwn(entry.values, 'count')) return entry.values['count'];
  const histograms = summary.fpt.histograms;
  const count = Object.hasOwn(histograms, key) ? histograms[key]?.count : undefined;
  return Number.isFinite(count) ? count : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
