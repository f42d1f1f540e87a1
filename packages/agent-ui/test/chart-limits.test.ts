import { describe, expect, it } from 'vitest';
import { chartLimits } from '../src/lib/chart-limits.js';
import { formatObserved } from '../src/lib/format-observed.js';

describe('chartLimits', () => {
  it('draws limits for thresholds on the whole metric only', () => {
    expect(
      chartLimits([
        { metric: 'http_req_duration', expression: 'p(95)<500' },
        { metric: 'http_req_duration', expression: 'p(99) <= 1500.5' },
        { metric: 'http_req_duration{name:login}', expression: 'p(95)<100' },
        { metric: 'http_req_duration', expression: 'avg<200' },
        { metric: 'http_req_failed', expression: 'rate<0.01' },
        { metric: 'checks', expression: 'rate>0.99' },
      ]),
    ).toEqual([
      { series: 'p95', value: 500, label: 'limit p(95) < 500 ms' },
      { series: 'p99', value: 1500.5, label: 'limit p(99) <= 1500.5 ms' },
      { series: 'errorPct', value: 1, label: 'limit error rate < 1 %' },
    ]);
  });
});

describe('formatObserved', () => {
  it('uses the unit of the metric and aggregation', () => {
    expect(formatObserved('http_req_duration', 'p(95)<500', 612.34)).toBe('612 ms');
    expect(formatObserved('http_req_duration{name:items}', 'p(99)<20', 27.51)).toBe('27.5 ms');
    expect(formatObserved('http_req_failed', 'rate<0.01', 0.0435)).toBe('4.35 %');
    expect(formatObserved('checks', 'rate>0.99', 1)).toBe('100 %');
    expect(formatObserved('http_reqs', 'count>100', 1234)).toBe('1230');
    expect(formatObserved('browser_web_vital_lcp', 'p(75)<2500', 1800)).toBe('1.8 s');
    expect(formatObserved('browser_web_vital_cls', 'p(75)<0.1', 0.0512)).toBe('0.0512');
    expect(formatObserved('http_req_duration', 'p(95)<500', undefined)).toBe('no data');
  });
});
