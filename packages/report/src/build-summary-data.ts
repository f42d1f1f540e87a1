import { type EncodedTrendSink, MetricStore, type RunSummary, summaryValues } from '@fpt/metrics';
import { buildRootGroup } from './build-root-group.js';
import { collectErrorStats } from './collect-error-stats.js';
import { collectIterationDurations } from './collect-iteration-durations.js';
import { collectMetricEntries, type MetricEntry } from './collect-metric-entries.js';
import { collectRegionStats } from './collect-region-stats.js';
import { collectRequestStats } from './collect-request-stats.js';
import { collectWebVitals } from './collect-web-vitals.js';
import { defineOwn } from './define-own.js';
import type { FleetSummary } from './fleet-summary.js';
import { latencyByPercentile } from './latency-by-percentile.js';
import { resolveTrendStats } from './resolve-trend-stats.js';
import { FPT_SUMMARY_FORMAT, type FptSummary, type SummaryData, type SummaryMetric } from './summary-data.js';

export interface SummaryDataOptions {
  /** Trend stats to report (k6's summaryTrendStats); defaults to avg, min, med, max, p(90), p(95), p(99). */
  readonly trendStats?: readonly string[];
  /** A fleet run's regions, agents and links (`fpt.fleet`). */
  readonly fleet?: FleetSummary;
}

/**
 * The k6 handleSummary(data) object for a run, plus FPT's `fpt` field. Plain JSON: the caller decides
 * where it goes (`--summary-export`, the HTML report, the run history).
 */
export function buildSummaryData(summary: RunSummary, options: SummaryDataOptions = {}): SummaryData {
  const trendStats = resolveTrendStats(options.trendStats);
  const store = MetricStore.fromSnapshot(summary.metrics);
  const entries = collectMetricEntries(store, summary.thresholds);

  const metrics: Record<string, SummaryMetric> = {};
  for (const entry of entries)
    defineOwn(metrics, entry.key, summaryMetric(entry, summary.durationMs, trendStats));

  const histograms: Record<string, EncodedTrendSink> = {};
  for (const definition of store.metrics()) {
    if (definition.type !== 'trend') continue;
    const sink = store.aggregate(definition.name);
    if (sink?.type === 'trend') defineOwn(histograms, definition.name, sink.encode());
  }
  const duration = store.aggregate('http_req_duration');
  const curve = latencyByPercentile(duration?.type === 'trend' ? duration : undefined);

  const fpt: FptSummary = {
    format: FPT_SUMMARY_FORMAT,
    ...(summary.runId === undefined ? {} : { runId: summary.runId }),
    preset: {
      ...summary.preset,
      files: [...summary.preset.files],
      ...(summary.preset.baseline ? { baseline: { ...summary.preset.baseline } } : {}),
    },
    region: summary.region ?? null,
    tags: { ...summary.tags },
    startedAt: summary.startedAt,
    endedAt: summary.endedAt,
    outcome: summary.outcome,
    exitCode: summary.exitCode,
    ...(summary.abortReason === undefined ? {} : { abortReason: summary.abortReason }),
    scenarios: summary.scenarios.map((s) => ({ ...s })),
    checks: summary.checks.map((c) => ({ ...c })),
    thresholds: summary.thresholds.map((t) => ({ ...t })),
    histograms,
    // The distribution both surfaces draw, computed here once rather than by each from the histogram.
    ...(curve ? { latencyByPercentile: curve } : {}),
    timeline: summary.timeline.map((p) => ({ ...p })),
    warnings: [...summary.warnings],
    // What the HTML report and JUnit need beyond k6's fields, so both can be rebuilt from this file alone.
    requests: collectRequestStats(store, summary.durationMs),
    regions: collectRegionStats(store, summary.durationMs),
    errors: collectErrorStats(store),
    ...(store.failures.others > 0 ? { unexplainedFailures: store.failures.others } : {}),
    iterationDurations: collectIterationDurations(store),
    webVitals: collectWebVitals(store),
    ...(options.fleet ? { fleet: options.fleet } : {}),
  };

  return {
    root_group: buildRootGroup(store, summary.checks),
    options: { summaryTrendStats: [...trendStats], summaryTimeUnit: '', noColor: false },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: summary.durationMs },
    metrics,
    fpt,
  };
}

function summaryMetric(entry: MetricEntry, elapsedMs: number, trendStats: readonly string[]): SummaryMetric {
  const metric: SummaryMetric = {
    type: entry.definition.type,
    contains: entry.definition.contains,
    values: summaryValues(entry.sink, elapsedMs, trendStats),
  };
  if (entry.thresholds.length === 0) return metric;
  const thresholds: Record<string, { ok: boolean }> = {};
  for (const outcome of entry.thresholds) {
    // The same expression listed twice on one key holds only if every listing held.
    const earlier = Object.hasOwn(thresholds, outcome.expression) ? thresholds[outcome.expression]!.ok : true;
    const ok = earlier && outcome.ok;
    defineOwn(thresholds, outcome.expression, { ok });
  }
  return { ...metric, thresholds };
}
