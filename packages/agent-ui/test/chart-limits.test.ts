import { describe, expect, it } from 'vitest';
import { chartLimits } from '../src/lib/chart-limits.js';

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
      { series: 'p99', value: 1500.5, label: 'limit p(99) <= 1.5 s' },
      { series: 'errorPct', value: 1, label: 'limit error rate < 1 %' },
    ]);
  });
});
