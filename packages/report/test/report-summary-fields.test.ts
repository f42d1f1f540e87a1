import { MetricStore } from '@fpt/metrics';
import { webVitalRating } from '@fpt/readable';
import { describe, expect, it } from 'vitest';
import { buildSummaryData } from '../src/index.js';
import { counter, DURATION_MS, rate, recordRun, runSummary, trend } from './run-summary-fixture.js';

/** HDR percentiles are never below the exact nearest-rank value and at most 0.1% above it. */
function expectPercentile(actual: number | undefined, exact: number) {
  expect(actual).toBeGreaterThanOrEqual(exact);
  expect(actual).toBeLessThanOrEqual(exact * 1.001);
}

describe('fpt.requests', () => {
  const data = buildSummaryData(runSummary(recordRun()));

  it('has one row per request name × scenario, busiest first', () => {
    expect(data.fpt.requests.map((r) => [r.name, r.scenario, r.count])).toEqual([
      ['login', 'api', 105],
      ['home', 'browse', 10],
    ]);
  });

  it('counts failures, rates per second of the run and percentiles over every response', () => {
    const login = data.fpt.requests[0]!;
    expect(login.methods).toEqual(['POST']);
    expect(login.failed).toBe(5);
    expect(login.errorRate).toBeCloseTo(5 / 105, 12);
    expect(login.ratePerSec).toBeCloseTo(105 / (DURATION_MS / 1000), 12);
    expect(login.avgMs).toBeCloseTo(10_050 / 105, 9);
    expectPercentile(login.p50Ms, 53);
    expectPercentile(login.p95Ms, 100);
    expect(login.p99Ms).toBe(1000);
    expect(login.maxMs).toBe(1000);
    const home = data.fpt.requests[1]!;
    expect(home).toMatchObject({ methods: ['GET'], failed: 0, errorRate: 0, maxMs: 209 });
  });

  it('is empty for a run without requests', () => {
    const empty = buildSummaryData(runSummary(new MetricStore(), { thresholds: [], checks: [] }));
    expect(empty.fpt.requests).toEqual([]);
    expect(empty.fpt.errors).toEqual([]);
    expect(empty.fpt.regions).toEqual([]);
    expect(empty.fpt.iterationDurations).toEqual([]);
    expect(empty.fpt.webVitals).toEqual([]);
  });
});

describe('fpt.errors', () => {
  it('groups failed requests by request, status and error code', () => {
    const data = buildSummaryData(runSummary(recordRun()));
    expect(data.fpt.errors).toEqual([
      { name: 'login', scenario: 'api', method: 'POST', status: '500', errorCode: '1500', count: 5 },
    ]);
  });
});

describe('fpt.regions', () => {
  it('splits requests by the region tag, in region order', () => {
    const store = new MetricStore();
    const request = (region: string, ms: number, failed: boolean) => {
      const tags = { name: 'r', scenario: 's', region };
      counter(store, 'http_reqs', tags).add(1);
      rate(store, 'http_req_failed', tags).add(failed);
      trend(store, 'http_req_duration', tags).add(ms);
    };
    for (let i = 0; i < 10; i++) request('us-east', 100, i === 0);
    for (let i = 0; i < 30; i++) request('eu-west', 20, false);
    const data = buildSummaryData(runSummary(store, { thresholds: [], checks: [] }));
    expect(data.fpt.regions.map((r) => [r.region, r.count, r.failed])).toEqual([
      ['eu-west', 30, 0],
      ['us-east', 10, 1],
    ]);
    expect(data.fpt.regions[1]!.errorRate).toBeCloseTo(0.1, 12);
    expectPercentile(data.fpt.regions[1]!.p95Ms, 100);
  });

  it('has the single region of a run whose samples carry it', () => {
    const data = buildSummaryData(runSummary(recordRun()));
    // The fixture's request tags carry no region, as the engine's would only with --region.
    expect(data.fpt.regions).toEqual([]);
  });
});

describe('fpt.iterationDurations', () => {
  it('has iteration_duration per scenario', () => {
    const data = buildSummaryData(runSummary(recordRun()));
    expect(data.fpt.iterationDurations.map((d) => [d.scenario, d.count, d.maxMs])).toEqual([
      ['api', 105, 404],
      ['browse', 10, 309],
    ]);
    expect(data.fpt.iterationDurations[0]!.avgMs).toBeCloseTo(352, 9);
  });
});

describe('fpt.webVitals', () => {
  const store = new MetricStore();
  const lcp = (page: string, ratingTag: string | undefined, values: number[]) => {
    const tags = {
      name: page,
      url: `https://shop.test/${page}`,
      ...(ratingTag ? { rating: ratingTag } : {}),
    };
    for (const v of values) trend(store, 'browser_web_vital_lcp', tags).add(v);
  };
  lcp('home', 'good', [1000, 1200, 1400, 1600, 1800, 2000]);
  lcp('home', 'needs-improvement', [3000]);
  lcp('home', 'poor', [5000]);
  trend(store, 'browser_web_vital_cls', { url: '/cart', rating: 'poor' }).add(0.4);
  store.define({
    name: 'browser_web_vital_not_observed',
    type: 'counter',
    contains: 'default',
    description: '',
  });
  counter(store, 'browser_web_vital_not_observed', { name: 'home', vital: 'inp' }).add(3);
  counter(store, 'browser_web_vital_not_observed', { name: 'home', metric: 'browser_web_vital_lcp' }).add(1);
  const data = buildSummaryData(runSummary(store, { thresholds: [], checks: [] }));

  it('has p75 and its rating per page × vital, with the browser ratings counted', () => {
    const home = data.fpt.webVitals.find((v) => v.page === 'home' && v.vital === 'lcp');
    expect(home).toMatchObject({
      metric: 'browser_web_vital_lcp',
      count: 8,
      // p75 of 8 samples is the 6th: 2000 ms, good, though two samples were worse.
      rating: 'good',
      ratings: { good: 6, needsImprovement: 1, poor: 1, unrated: 0 },
      notObserved: 1,
    });
    expectPercentile(home!.p75 ?? undefined, 2000);
  });

  it('names a page by its url when it has no name, and orders pages then vitals', () => {
    expect(data.fpt.webVitals.map((v) => [v.page, v.vital])).toEqual([
      ['/cart', 'cls'],
      ['home', 'lcp'],
      ['home', 'inp'],
    ]);
    expect(data.fpt.webVitals[0]).toMatchObject({ p75: 0.4, rating: 'poor', count: 1 });
  });

  it('keeps a vital that was never observed, with no p75', () => {
    expect(data.fpt.webVitals[2]).toEqual({
      page: 'home',
      vital: 'inp',
      metric: 'browser_web_vital_inp',
      count: 0,
      p75: null,
      rating: null,
      ratings: { good: 0, needsImprovement: 0, poor: 0, unrated: 0 },
      notObserved: 3,
    });
  });

  it("rates values with Google's limits", () => {
    expect(webVitalRating('lcp', 2500)).toBe('good');
    expect(webVitalRating('lcp', 2501)).toBe('needs-improvement');
    expect(webVitalRating('lcp', 4001)).toBe('poor');
    expect(webVitalRating('cls', 0.1)).toBe('good');
    expect(webVitalRating('inp', 500)).toBe('needs-improvement');
    expect(webVitalRating('ttfb', 1801)).toBe('poor');
  });
});
