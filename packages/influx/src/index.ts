export { describeInfluxOutputStats } from './describe-influx-output-stats.js';
export { escapeMeasurement, escapeTag, quoteStringField } from './escape-line-protocol.js';
export { formatSeries } from './format-series.js';
export { buildDashboards, fptDashboards } from './grafana/build-dashboards.js';
export { fptDatasource } from './grafana/fpt-datasource.js';
export type {
  Dashboard,
  DataPanel,
  InfluxQueryTarget,
  Panel,
  QueryVariable,
} from './grafana/grafana-types.js';
export { WEB_VITAL_PERCENTILE, webVitals } from './grafana/web-vital-thresholds.js';
export { InfluxConfigError } from './influx-config-error.js';
export {
  InfluxOutput,
  type InfluxOutputOptions,
  type InfluxOutputStats,
  type InfluxRunTags,
} from './influx-output.js';
export {
  describeInfluxTarget,
  type InfluxOutputConfig,
  type InfluxV1Config,
  type InfluxV2Config,
  influxDefaults,
  type TagAsField,
  type TagFieldType,
} from './influx-output-config.js';
export { parseInfluxOutputSpec } from './parse-influx-output-spec.js';
export { ratePseudoSamples } from './rate-pseudo-samples.js';
export { snapshotToLines } from './snapshot-to-lines.js';
export { type IntervalWindow, spreadInWindow } from './spread-in-window.js';
export { trendPseudoSamples } from './trend-pseudo-samples.js';
