import type { MetricDefinition, MetricType, ValueContains } from './metric-type.js';

function def(name: string, type: MetricType, contains: ValueContains, description: string): MetricDefinition {
  return Object.freeze({ name, type, contains, description });
}

const list: readonly MetricDefinition[] = [
  // k6 standard metrics: names, types and contains match k6 so summaries, thresholds and dashboards carry over.
  def('checks', 'rate', 'default', 'Share of check() assertions that passed'),
  def('data_received', 'counter', 'data', 'Bytes received'),
  def('data_sent', 'counter', 'data', 'Bytes sent'),
  def(
    'dropped_iterations',
    'counter',
    'default',
    'Iterations not started because no VU was free or time ran out',
  ),
  def('iteration_duration', 'trend', 'time', 'Time to run one full iteration'),
  def('iterations', 'counter', 'default', 'Iterations completed'),
  def('vus', 'gauge', 'default', 'Active virtual users'),
  def('vus_max', 'gauge', 'default', 'Allocated virtual users'),
  def('group_duration', 'trend', 'time', 'Time to run one group'),
  def('http_reqs', 'counter', 'default', 'HTTP requests made'),
  def('http_req_failed', 'rate', 'default', 'Share of HTTP requests whose response was not expected'),
  def('http_req_duration', 'trend', 'time', 'Request time: sending + waiting + receiving'),
  def('http_req_blocked', 'trend', 'time', 'Time waiting for a free connection'),
  def('http_req_connecting', 'trend', 'time', 'TCP connect time'),
  def('http_req_tls_handshaking', 'trend', 'time', 'TLS handshake time'),
  def('http_req_sending', 'trend', 'time', 'Time sending the request'),
  def('http_req_waiting', 'trend', 'time', 'Time to first byte of the response'),
  def('http_req_receiving', 'trend', 'time', 'Time receiving the response body'),
  def('browser_web_vital_lcp', 'trend', 'time', 'Largest Contentful Paint'),
  def('browser_web_vital_fcp', 'trend', 'time', 'First Contentful Paint'),
  def('browser_web_vital_inp', 'trend', 'time', 'Interaction to Next Paint'),
  def('browser_web_vital_ttfb', 'trend', 'time', 'Time to First Byte of the page'),
  // CLS is a unitless layout-shift score, which is why k6 marks it default rather than time.
  def('browser_web_vital_cls', 'trend', 'default', 'Cumulative Layout Shift score'),
  def('browser_http_req_duration', 'trend', 'time', 'Duration of requests made by the browser'),
  def('browser_http_req_failed', 'rate', 'default', 'Share of browser requests that failed'),
  def('browser_data_sent', 'counter', 'data', 'Bytes sent by the browser'),
  def('browser_data_received', 'counter', 'data', 'Bytes received by the browser'),
  // FPT's own metrics, beyond k6.
  def(
    'browser_web_vital_not_observed',
    'counter',
    'default',
    'Page visits where a configured Web Vital was never reported (no paint, no LCP candidate, no interaction event), by vital',
  ),
  def(
    'iteration_start_delay',
    'trend',
    'time',
    'How late an arrival-rate iteration started compared with its schedule',
  ),
  def(
    'http_req_duration_corrected',
    'trend',
    'time',
    'Response time measured from the intended start (corrected for coordinated omission)',
  ),
  def(
    'interrupted_iterations',
    'counter',
    'default',
    'Iterations cut short by a stop, abort or graceful-stop timeout',
  ),
];

/** k6's built-in metrics with their exact types, plus FPT's additions. Every MetricStore starts with these. */
// A null prototype, so a lookup of a name like `toString` finds nothing instead of an Object method.
export const builtinMetrics: Readonly<Record<string, MetricDefinition>> = Object.freeze(
  Object.assign(
    Object.create(null) as Record<string, MetricDefinition>,
    Object.fromEntries(list.map((d) => [d.name, d])),
  ),
);
