/**
 * The metrics k6 itself records (k6 v1 and v2, browser module included). A threshold on any other
 * built-in metric of FPT's (iteration_start_delay, http_req_duration_corrected, ...) would make k6 refuse
 * the script, so such thresholds are left out with a warning.
 */
export const k6MetricNames: ReadonlySet<string> = new Set([
  'checks',
  'data_received',
  'data_sent',
  'dropped_iterations',
  'group_duration',
  'iteration_duration',
  'iterations',
  'vus',
  'vus_max',
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
  'browser_web_vital_cls',
  'browser_web_vital_inp',
  'browser_web_vital_ttfb',
  'browser_http_req_duration',
  'browser_http_req_failed',
  'browser_data_sent',
  'browser_data_received',
]);
