import { describe, expect, it } from 'vitest';
import { builtinMetrics, isValidMetricName, MetricType } from '../src/index.js';

const expected: Record<string, [MetricType, 'default' | 'time' | 'data']> = {
  checks: ['rate', 'default'],
  data_received: ['counter', 'data'],
  data_sent: ['counter', 'data'],
  dropped_iterations: ['counter', 'default'],
  iteration_duration: ['trend', 'time'],
  iterations: ['counter', 'default'],
  vus: ['gauge', 'default'],
  vus_max: ['gauge', 'default'],
  http_reqs: ['counter', 'default'],
  http_req_failed: ['rate', 'default'],
  http_req_duration: ['trend', 'time'],
  http_req_blocked: ['trend', 'time'],
  http_req_connecting: ['trend', 'time'],
  http_req_tls_handshaking: ['trend', 'time'],
  http_req_sending: ['trend', 'time'],
  http_req_waiting: ['trend', 'time'],
  http_req_receiving: ['trend', 'time'],
  browser_web_vital_lcp: ['trend', 'time'],
  browser_web_vital_fcp: ['trend', 'time'],
  browser_web_vital_inp: ['trend', 'time'],
  browser_web_vital_ttfb: ['trend', 'time'],
  browser_web_vital_cls: ['trend', 'default'],
  browser_http_req_duration: ['trend', 'time'],
  browser_http_req_failed: ['rate', 'default'],
  browser_data_sent: ['counter', 'data'],
  browser_data_received: ['counter', 'data'],
  iteration_start_delay: ['trend', 'time'],
  http_req_duration_corrected: ['trend', 'time'],
  interrupted_iterations: ['counter', 'default'],
};

describe('builtinMetrics', () => {
  it.each(Object.entries(expected))('%s has the k6 type and contains', (name, [type, contains]) => {
    const def = builtinMetrics[name];
    expect(def).toMatchObject({ name, type, contains });
    expect(def?.description.length).toBeGreaterThan(5);
  });

  it('has valid names only, and no inherited Object members', () => {
    for (const name of Object.keys(builtinMetrics)) expect(isValidMetricName(name)).toBe(true);
    expect(builtinMetrics['toString']).toBeUndefined();
    expect(Object.isFrozen(builtinMetrics)).toBe(true);
  });

  it('MetricType lists the four k6 types', () => {
    expect(Object.values(MetricType)).toEqual(['counter', 'gauge', 'rate', 'trend']);
  });
});

describe('isValidMetricName', () => {
  it.each(['a', '_', 'http_req_duration', 'My_Metric_2', 'x'.repeat(128)])('accepts %s', (name) => {
    expect(isValidMetricName(name)).toBe(true);
  });

  it.each(['', '2xx', 'has-dash', 'has space', 'dot.ted', 'é', 'x'.repeat(129), 'a{b:c}'])(
    'rejects %j',
    (name) => {
      expect(isValidMetricName(name)).toBe(false);
    },
  );
});
