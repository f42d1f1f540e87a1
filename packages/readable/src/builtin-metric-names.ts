/**
 * The metrics k6 itself records (k6 v1 and v2, browser module included), in @fpt/metrics' catalogue order. A
 * k6 script may set a threshold on these and no other built-in.
 */
export const k6MetricNames = [
  'checks',
  'data_received',
  'data_sent',
  'dropped_iterations',
  'iteration_duration',
  'iterations',
  'vus',
  'vus_max',
  'group_duration',
  'http_reqs',
  'http_req_failed',
  'http_req_duration',
  'http_req_blocked',
  'http_req_connecting',
  'http_req_tls_handshaking',
  'http_req_sending',
  'http_req_waiting',
  'http_req_receiving',
  'browser_web_vital_lcp',
  'browser_web_vital_fcp',
  'browser_web_vital_inp',
  'browser_web_vital_ttfb',
  'browser_web_vital_cls',
  'browser_http_req_duration',
  'browser_http_req_failed',
  'browser_data_sent',
  'browser_data_received',
] as const;

/**
 * k6's built-in metrics, then FPT's own: the one list. @fpt/metrics gives each its type and description in
 * this order, and the web UI tells a preset's custom metrics from the built-ins by it.
 */
export const builtinMetricNames = [
  ...k6MetricNames,
  'browser_web_vital_not_observed',
  'iteration_start_delay',
  'http_req_duration_corrected',
  'interrupted_iterations',
] as const;
export type BuiltinMetricName = (typeof builtinMetricNames)[number];

const names: ReadonlySet<string> = new Set(builtinMetricNames);

/** Whether `name` is a built-in metric rather than one a preset declared under `metrics:`. */
export function isBuiltinMetric(name: string): name is BuiltinMetricName {
  return names.has(name);
}
