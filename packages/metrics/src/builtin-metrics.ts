import { type BuiltinMetricName, builtinMetricNames } from '@fpt/readable';
import type { MetricDefinition, MetricType, ValueContains } from './metric-type.js';

// k6 standard metrics: names, types and contains match k6 so summaries, thresholds and dashboards carry over.
// Keyed by @fpt/readable's list of names, which the web UI reads too: a name missing here, or one that is not
// in that list, does not compile.
const facts: Readonly<Record<BuiltinMetricName, readonly [MetricType, ValueContains, string]>> = {
  checks: ['rate', 'default', 'Share of check() assertions that passed'],
  data_received: ['counter', 'data', 'Bytes received'],
  data_sent: ['counter', 'data', 'Bytes sent'],
  dropped_iterations: ['counter', 'default', 'Iterations not started because no VU was free or time ran out'],
  iteration_duration: ['trend', 'time', 'Time to run one full iteration'],
  iterations: ['counter', 'default', 'Iterations completed'],
  vus: ['gauge', 'default', 'Active virtual users'],
  vus_max: ['gauge', 'default', 'Allocated virtual users'],
  group_duration: ['trend', 'time', 'Time to run one group'],
  http_reqs: ['counter', 'default', 'HTTP requests made'],
  http_req_failed: ['rate', 'default', 'Share of HTTP requests whose response was not expected'],
  http_req_duration: ['trend', 'time', 'Request time: sending + waiting + receiving'],
  http_req_blocked: ['trend', 'time', 'Time waiting for a free connection'],
  http_req_connecting: ['trend', 'time', 'TCP connect time'],
  http_req_tls_handshaking: ['trend', 'time', 'TLS handshake time'],
  http_req_sending: ['trend', 'time', 'Time sending the request'],
  http_req_waiting: ['trend', 'time', 'Time to first byte of the response'],
  http_req_receiving: ['trend', 'time', 'Time receiving the response body'],
  browser_web_vital_lcp: ['trend', 'time', 'Largest Contentful Paint'],
  browser_web_vital_fcp: ['trend', 'time', 'First Contentful Paint'],
  browser_web_vital_inp: ['trend', 'time', 'Interaction to Next Paint'],
  browser_web_vital_ttfb: ['trend', 'time', 'Time to First Byte of the page'],
  // CLS is a unitless layout-shift score, which is why k6 marks it default rather than time.
  browser_web_vital_cls: ['trend', 'default', 'Cumulative Layout Shift score'],
  browser_http_req_duration: ['trend', 'time', 'Duration of requests made by the browser'],
  browser_http_req_failed: ['rate', 'default', 'Share of browser requests that failed'],
  browser_data_sent: ['counter', 'data', 'Bytes sent by the browser'],
  browser_data_received: ['counter', 'data', 'Bytes received by the browser'],
  // FPT's own metrics, beyond k6.
  browser_web_vital_not_observed: [
    'counter',
    'default',
    'Page visits where a configured Web Vital was never reported (no paint, no LCP candidate, no interaction event), by vital',
  ],
  iteration_start_delay: [
    'trend',
    'time',
    'How late an arrival-rate iteration started compared with its schedule',
  ],
  http_req_duration_corrected: [
    'trend',
    'time',
    'Response time measured from the intended start (corrected for coordinated omission)',
  ],
  interrupted_iterations: [
    'counter',
    'default',
    'Iterations cut short by a stop, abort or graceful-stop timeout',
  ],
};

const list: readonly MetricDefinition[] = builtinMetricNames.map((name) => {
  const [type, contains, description] = facts[name];
  return Object.freeze({ name, type, contains, description });
});

/** k6's built-in metrics with their exact types, plus FPT's additions. Every MetricStore starts with these. */
// A null prototype, so a lookup of a name like `toString` finds nothing instead of an Object method.
export const builtinMetrics: Readonly<Record<string, MetricDefinition>> = Object.freeze(
  Object.assign(
    Object.create(null) as Record<string, MetricDefinition>,
    Object.fromEntries(list.map((d) => [d.name, d])),
  ),
);
