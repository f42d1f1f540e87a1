import { builtinMetrics } from '@fpt/metrics';
import type { SummaryData } from '@fpt/report';
import { decodeHistogram } from './decode-histogram.js';
import type { MetricFigures } from './figures.js';
import { roundFigure } from './round-figure.js';

/**
 * The run's custom trends of times (declared with `isTime: true`), each with samples, by name: count and
 * p50/p95/p99 from the merged histogram, rounded to the µs as request latencies are. Built-in trends are
 * the request, region and Web Vitals rows' business; other custom metrics (counters, rates, gauges, trends
 * of plain numbers) mean what their user says, so thresholds judge them and the gate leaves them out.
 */
export function customMetricFigures(data: SummaryData): MetricFigures[] {
  return Object.keys(data.fpt.histograms)
    .filter((metric) => builtinMetrics[metric] === undefined && isTimeTrend(data, metric))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap((metric): MetricFigures[] => {
      const sink = decodeHistogram(data, metric);
      if (sink === undefined || sink.count === 0) return [];
      return [
        {
          metric,
          count: sink.count,
          p50Ms: roundFigure(sink.percentile(50), 3),
          p95Ms: roundFigure(sink.percentile(95), 3),
          p99Ms: roundFigure(sink.percentile(99), 3),
        },
      ];
    });
}

function isTimeTrend(data: SummaryData, metric: string): boolean {
  // Own keys only: a metric named like an Object method ("constructor") must not find the prototype's.
  if (!Object.hasOwn(data.metrics, metric)) return false;
  const { type, contains } = data.metrics[metric]!;
  return type === 'trend' && contains === 'time';
}
