export { browserOnlyNote, isBrowserOnlyRun, type RunMakeup } from './browser-only-run.js';
export {
  type BuiltinMetricName,
  builtinMetricNames,
  isBuiltinMetric,
  k6MetricNames,
} from './builtin-metric-names.js';
export { describeError } from './describe-error.js';
export {
  describeThreshold,
  operatorSymbol,
  type ThresholdDescription,
  type ThresholdOutcomeFacts,
} from './describe-threshold.js';
export { describeThresholds, firstReason } from './describe-thresholds.js';
export { isFigure, noValue } from './figure.js';
export { formatBytes } from './format-bytes.js';
export { formatCompactCount, formatCount } from './format-count.js';
export { formatMarginShare, formatRoom } from './format-margin.js';
export { formatMs } from './format-ms.js';
export { formatNines } from './format-nines.js';
export { formatPerSecond } from './format-per-second.js';
export { formatShare } from './format-share.js';
export { formatWebVital } from './format-web-vital.js';
export { parsePlainNumber } from './parse-plain-number.js';
export {
  type ParsedThreshold,
  parseThreshold,
  type ThresholdOperator,
  thresholdOperators,
} from './parse-threshold.js';
export { plural } from './plural.js';
export { metricOfKey, thresholdKey } from './threshold-key.js';
export { failingFirst, isCrossed, ThresholdStatus } from './threshold-status.js';
export { type TrendStatsRow, trendColumns } from './trend-columns.js';
export { groupThousands, trimNumber } from './trim-number.js';
export {
  formatStat,
  formatValue,
  type MetricFacts,
  type ValueKind,
  valueKindOf,
} from './value-kind.js';
export { type JudgedVerdict, type VerdictFacts, verdictDetail } from './verdict-detail.js';
export { VerdictExitCode, verdictOfExitCode } from './verdict-exit-code.js';
export { verdictOfStatus } from './verdict-of-status.js';
export { VerdictKind, type VerdictTone, type VerdictWords, verdictWords } from './verdict-words.js';
export {
  isWebVitalName,
  type WebVitalName,
  WebVitalRating,
  webVitalLimits,
  webVitalNames,
  webVitalRating,
  webVitalRatingLook,
} from './web-vital-rating.js';
