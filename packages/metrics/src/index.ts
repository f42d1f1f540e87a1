export { builtinMetrics } from './builtin-metrics.js';
export { compactUtcTimestamp } from './compact-utc-timestamp.js';
export { CounterSink, type EncodedCounterSink } from './counter-sink.js';
export { epochMsFromIso, isoFromEpochMs } from './epoch-ms.js';
export {
  assertAggregationSupported,
  compare,
  evaluateThreshold,
  type ThresholdEvaluation,
} from './evaluate-threshold.js';
export { ExitCode } from './exit-code.js';
export {
  type EncodedFailures,
  type FailureEntry,
  type FailureKey,
  FailureLog,
  maxFailureReasons,
} from './failure-log.js';
export { formatGoFloat } from './format-go-float.js';
export { type EncodedGaugeSink, GaugeSink } from './gauge-sink.js';
export {
  type EncodedHistogram,
  HdrHistogram,
  type HistogramBucket,
  hdrBucketBounds,
  percentileRank,
} from './hdr-histogram.js';
export { isValidMetricName } from './is-valid-metric-name.js';
export { MetricDefinitionError } from './metric-definition-error.js';
export { MetricSelectorError } from './metric-selector-error.js';
export { type MetricSeries, MetricStore } from './metric-store.js';
export {
  isMetricType,
  isValueContains,
  type MetricDefinition,
  MetricType,
  type ValueContains,
} from './metric-type.js';
export type { MetricsExport } from './metrics-export.js';
export type { MetricsSnapshot, SnapshotSeries } from './metrics-snapshot.js';
export { type MetricSelector, parseMetricSelector } from './parse-metric-selector.js';
export { formatThresholdExpression, parseThresholdExpression } from './parse-threshold-expression.js';
export { type EncodedRateSink, RateSink } from './rate-sink.js';
export {
  type BaselineTolerances,
  type CheckOutcome,
  RunOutcome,
  type RunSummary,
  type ScenarioOutcome,
  type ThresholdOutcome,
  type TimelinePoint,
} from './run-summary.js';
export {
  forEachSample,
  SAMPLE_ROW,
  type SampleBatch,
  SampleBuffer,
  type SampleTap,
} from './sample-stream.js';
export { createSink, decodeSink, type EncodedSink, type Sink } from './sink.js';
export { SnapshotFormatError } from './snapshot-format-error.js';
export { defaultTrendStats, isTrendStat, summaryValues, trendStat } from './summary-values.js';
export { isAggregationSupported, supportedAggregations } from './supported-aggregations.js';
export { canonicalTagKey, type TagSet, TagSetRegistry, type Tags, tagsMatch } from './tag-set-registry.js';
export { ThresholdAggregationError } from './threshold-aggregation-error.js';
export type {
  ThresholdAggregation,
  ThresholdAggregationKind,
  ThresholdExpression,
  ThresholdOperator,
} from './threshold-expression.js';
export { ThresholdSyntaxError } from './threshold-syntax-error.js';
export { type EncodedTrendSink, TrendSink } from './trend-sink.js';
