export { buildSummaryData, type SummaryDataOptions } from './build-summary-data.js';
export { formatBytes } from './format-bytes.js';
export { formatDurationMs } from './format-duration-ms.js';
export { formatMetricValue } from './format-metric-value.js';
export { formatNumber } from './format-number.js';
export { formatPercent } from './format-percent.js';
export { formatRate } from './format-rate.js';
export { formatThresholdObserved } from './format-threshold-observed.js';
export { MetricCategory, metricCategory, metricCategoryOrder } from './metric-category.js';
export { renderTextSummary, SummaryMode, type TextSummaryOptions } from './render-text-summary.js';
export {
  FPT_SUMMARY_FORMAT,
  type FptSummary,
  type SummaryCheck,
  type SummaryData,
  type SummaryGroup,
  type SummaryMetric,
  type SummaryOptions,
  type SummaryState,
} from './summary-data.js';
