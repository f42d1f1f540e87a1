export {
  type BaselineComparison,
  type BaselineMetricDelta,
  BaselineMetricKey,
  type BaselineRequestDelta,
  BaselineVerdict,
} from './baseline-comparison.js';
export { buildSummaryData, type SummaryDataOptions } from './build-summary-data.js';
export {
  type FleetAgentRun,
  FleetAgentState,
  type FleetRegion,
  FleetRegionStatus,
  type FleetSummary,
} from './fleet-summary.js';
export { formatDurationMs } from './format-duration-ms.js';
export { formatMetricValue } from './format-metric-value.js';
export { formatNumber } from './format-number.js';
export { formatPercent } from './format-percent.js';
export { formatRate } from './format-rate.js';
export { formatThresholdObserved } from './format-threshold-observed.js';
export { buildHtmlReport } from './html/build-html-report.js';
export type { HtmlReportOptions } from './html/html-report-options.js';
export { buildJUnitXml } from './junit/build-junit-xml.js';
export type { JUnitSuite, JUnitTestCase } from './junit/junit-test-case.js';
export { type JUnitDocument, renderJUnitXml } from './junit/render-junit-xml.js';
export { type KeyFigures, keyFigures, noFigures } from './key-figures.js';
export { MetricCategory, metricCategory, metricCategoryOrder } from './metric-category.js';
export { parseSummaryJson } from './parse-summary-json.js';
export { renderTextSummary, SummaryMode, type TextSummaryOptions } from './render-text-summary.js';
export {
  type ErrorStats,
  FPT_SUMMARY_FORMAT,
  type FptSummary,
  type IterationDurationStats,
  type LatencyByPercentile,
  type LatencyStats,
  type RegionStats,
  type RequestStats,
  type SummaryCheck,
  type SummaryData,
  type SummaryGroup,
  type SummaryMetric,
  type SummaryOptions,
  type SummaryState,
  type WebVitalStats,
} from './summary-data.js';
export { SummaryInputError } from './summary-input-error.js';
