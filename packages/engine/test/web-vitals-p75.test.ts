import { MetricStore, type TrendSink } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { webVitalsP75 } from '../src/web-vitals-p75.js';

describe('webVitalsP75', () => {
  it("gives each vital's p75 over every page, and leaves out a vital no page reported", () => {
    const store = new MetricStore();
    const add = (vital: string, name: string, values: readonly number[]) => {
      const sink = store.sinkFor(`browser_web_vital_${vital}`, { name }) as TrendSink;
      for (const v of values) sink.add(v);
    };
    add('lcp', 'home', [1000, 1200]);
    add('lcp', 'cart', [3000, 4000]);
    add('cls', 'home', [0.05]);
    const all = new MetricStore();
    for (const v of [1000, 1200, 3000, 4000]) (all.sinkFor('browser_web_vital_lcp', {}) as TrendSink).add(v);
    expect(webVitalsP75(store)).toEqual({
      lcpP75Ms: (all.aggregate('browser_web_vital_lcp') as TrendSink).percentile(75),
      clsP75: (store.aggregate('browser_web_vital_cls') as TrendSink).percentile(75),
    });
  });

  it('adds nothing to the timeline point of a run without browser steps', () => {
    const store = new MetricStore();
    (store.sinkFor('http_req_duration', { name: 'api' }) as TrendSink).add(12);
    expect(webVitalsP75(store)).toEqual({});
  });
});
