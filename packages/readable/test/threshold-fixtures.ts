import type { MetricFacts, ThresholdOutcomeFacts } from '../src/index.js';

// A summary's metrics and threshold outcomes, for the tests of thresholds in words here and of the web UI's
// verdicts (packages/agent-ui/test), which word the same outcomes.
const trend = (contains: MetricFacts['contains'] = 'time'): MetricFacts => ({ type: 'trend', contains });
export const metrics: Record<string, MetricFacts> = {
  http_req_duration: trend(),
  'http_req_duration{name:items}': trend(),
  http_req_failed: { type: 'rate', contains: 'default' },
  checks: { type: 'rate', contains: 'default' },
  http_reqs: { type: 'counter', contains: 'default' },
  data_received: { type: 'counter', contains: 'data' },
  browser_web_vital_cls: trend('default'),
};

export function threshold(
  metric: string,
  expression: string,
  observed: number | undefined,
  ok: boolean,
  extra: Partial<ThresholdOutcomeFacts> = {},
): ThresholdOutcomeFacts {
  return {
    metric,
    expression,
    ok,
    noData: observed === undefined,
    ...(observed === undefined ? {} : { observed }),
    abortOnFail: false,
    allowNoData: false,
    ...extra,
  };
}
