import { MetricStore, type TrendSink } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { ThresholdSet } from '../src/index.js';

describe('thresholds filtered on a region', () => {
  const store = new MetricStore();
  (store.sinkFor('http_req_duration', { region: 'eu-near' }) as TrendSink).add(40);
  const thresholds = {
    'http_req_duration{region:eu-near}': ['p(95)<10'],
    'http_req_duration{region:eu-far}': ['p(95)<500'],
    http_req_duration: ['p(95)<100'],
  };

  it('do not apply to a run in another region: reported as no data, allowed, never failing it', () => {
    const outcomes = new ThresholdSet(thresholds, ['eu-near']).evaluate(store, 1000);
    expect(outcomes.map((o) => [o.metric, o.ok, o.noData])).toEqual([
      ['http_req_duration{region:eu-near}', false, false],
      ['http_req_duration{region:eu-far}', true, true],
      ['http_req_duration', true, false],
    ]);
  });

  it('are evaluated as k6 does where no region is set (a merged fleet run): no data fails', () => {
    const outcomes = new ThresholdSet(thresholds).evaluate(store, 1000);
    expect(outcomes.map((o) => [o.metric, o.ok, o.noData])).toEqual([
      ['http_req_duration{region:eu-near}', false, false],
      ['http_req_duration{region:eu-far}', false, true],
      ['http_req_duration', true, false],
    ]);
  });
});
