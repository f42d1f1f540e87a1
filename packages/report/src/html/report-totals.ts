import { decodeSink, type TrendSink } from '@fpt/metrics';
import { peakVus } from '../peak-vus.js';
import type { SummaryData } from '../summary-data.js';
import { maxOf } from './max-of.js';
import { type TimelineSeries, timelineSeries } from './timeline-series.js';

/** The run's key numbers, computed once from the summary for tiles, charts and notes. */
export interface ReportTotals {
  readonly durationMs: number;
  readonly requests: number;
  readonly requestRate: number;
  readonly failed: number;
  /** null without requests: 0 % of nothing is not a result. */
  readonly errorRate: number | null;
  /** Whole-run request durations from the merged histogram; undefined without requests. */
  readonly latency?: {
    readonly count: number;
    readonly p50Ms: number;
    readonly p95Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
    readonly sink: TrendSink;
  };
  readonly peakRequestRate: number;
  readonly maxVus: number;
  readonly iterations: number;
  readonly droppedIterations: number;
  readonly interruptedIterations: number;
  readonly checks: { readonly passes: number; readonly fails: number };
  /** The timeline at full resolution, as rates. */
  readonly series: TimelineSeries;
}

export function reportTotals(data: SummaryData): ReportTotals {
  const { fpt, metrics } = data;
  const value = (key: string, stat: string) =>
    Object.hasOwn(metrics, key) ? metrics[key]?.values[stat] : undefined;
  const series = timelineSeries(fpt.timeline);
  const requests = value('http_reqs', 'count') ?? 0;
  const failed = value('http_req_failed', 'passes') ?? 0;
  const sink = durationSink(data);
  const sum = (pick: (s: SummaryData['fpt']['scenarios'][number]) => number) =>
    fpt.scenarios.reduce((total, s) => total + pick(s), 0);
  return {
    durationMs: data.state.testRunDurationMs,
    requests,
    requestRate: value('http_reqs', 'rate') ?? 0,
    failed,
    errorRate: requests > 0 ? failed / requests : null,
    ...(sink === undefined
      ? {}
      : {
          latency: {
            count: sink.count,
            p50Ms: sink.percentile(50),
            p95Ms: sink.percentile(95),
            p99Ms: sink.percentile(99),
            maxMs: sink.max,
            sink,
          },
        }),
    peakRequestRate: maxOf(series.requestsPerSec),
    maxVus: peakVus(data) ?? 0,
    iterations: sum((s) => s.completedIterations),
    droppedIterations: sum((s) => s.droppedIterations),
    interruptedIterations: sum((s) => s.interruptedIterations),
    checks: data.root_group.checks.reduce(
      (t, c) => ({ passes: t.passes + c.passes, fails: t.fails + c.fails }),
      { passes: 0, fails: 0 },
    ),
    series,
  };
}

/** http_req_duration from its mergeable histogram, so percentiles do not depend on summaryTrendStats. */
function durationSink(data: SummaryData): TrendSink | undefined {
  const encoded = Object.hasOwn(data.fpt.histograms, 'http_req_duration')
    ? data.fpt.histograms['http_req_duration']
    : undefined;
  if (encoded === undefined) return undefined;
  try {
    const sink = decodeSink(encoded);
    return sink.type === 'trend' && sink.count > 0 ? sink : undefined;
  } catch {
    // A damaged histogram in a hand-edited file costs the percentile tiles, not the whole report.
    return undefined;
  }
}
