import { createHash } from 'node:crypto';
import { decodeSink, MetricStore, RunOutcome, type TrendSink } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { buildSummaryData } from '../src/index.js';
import { groupedRunSummary } from './report-fixtures.js';
import { counter, DURATION_MS, evaluate, recordRun, runSummary, trend } from './run-summary-fixture.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** HDR percentiles are never below the exact nearest-rank value and at most 0.1% above it. */
function expectPercentile(actual: number | undefined, exact: number) {
  expect(actual).toBeGreaterThanOrEqual(exact);
  expect(actual).toBeLessThanOrEqual(exact * 1.001);
}

describe('buildSummaryData', () => {
  const summary = runSummary(recordRun());
  const data = buildSummaryData(summary);

  it('has the k6 handleSummary top level plus fpt', () => {
    expect(Object.keys(data)).toEqual(['root_group', 'options', 'state', 'metrics', 'fpt']);
    expect(data.options).toEqual({
      summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
      summaryTimeUnit: '',
      noColor: false,
    });
    expect(data.state).toEqual({ isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: DURATION_MS });
  });

  it('puts checks in the root group with k6 paths and md5 ids, merged by name', () => {
    expect(data.root_group).toEqual({
      name: '',
      path: '',
      id: 'd41d8cd98f00b204e9800998ecf8427e',
      groups: [],
      checks: [
        { name: 'status is 200', path: '::status is 200', id: md5('::status is 200'), passes: 110, fails: 5 },
        { name: 'body ok', path: '::body ok', id: md5('::body ok'), passes: 5, fails: 5 },
      ],
    });
  });

  it('has one entry per recorded metric, per threshold key and for expected responses', () => {
    expect(Object.keys(data.metrics).sort()).toEqual(
      [
        'checks',
        'data_received',
        'data_sent',
        'http_req_connecting',
        'http_req_duration',
        'http_req_duration{expected_response:true}',
        'http_req_duration{name:login}',
        'http_req_duration{name:missing}',
        'http_req_failed',
        'http_req_waiting',
        'http_reqs',
        'iteration_duration',
        'iterations',
        'vus',
        'vus_max',
      ].sort(),
    );
  });

  it('reports counters, rates and gauges exactly', () => {
    expect(data.metrics['http_reqs']).toEqual({
      type: 'counter',
      contains: 'default',
      values: { count: 115, rate: 115 / 20 },
    });
    expect(data.metrics['data_received']).toEqual({
      type: 'counter',
      contains: 'data',
      values: { count: 519_000, rate: 25_950 },
    });
    expect(data.metrics['http_req_failed']?.values).toEqual({ rate: 5 / 115, passes: 5, fails: 110 });
    expect(data.metrics['checks']?.values).toEqual({ rate: 115 / 125, passes: 115, fails: 10 });
    expect(data.metrics['vus']).toEqual({
      type: 'gauge',
      contains: 'default',
      values: { value: 3, min: 1, max: 5 },
    });
  });

  it('reports trend stats with exact avg, min, max and percentiles within the HDR bound', () => {
    const duration = data.metrics['http_req_duration'];
    expect(duration?.type).toBe('trend');
    expect(duration?.contains).toBe('time');
    const values = duration!.values;
    expect(Object.keys(values)).toEqual(['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)']);
    expect(values['avg']).toBeCloseTo(12_095 / 115, 9);
    expect(values['min']).toBe(1);
    expect(values['max']).toBe(1000);
    expectPercentile(values['med'], 58);
    expectPercentile(values['p(90)'], 203);
    expectPercentile(values['p(95)'], 209);
    expect(values['p(99)']).toBe(1000);
  });

  it('aggregates a sub-metric over the matching series only', () => {
    const login = data.metrics['http_req_duration{name:login}']!.values;
    // 100 successful logins of 1..100 ms and 5 failed ones of 1 s; the home page is left out.
    expect(login['avg']).toBeCloseTo(10_050 / 105, 9);
    expect(login['max']).toBe(1000);
    expectPercentile(login['p(95)'], 100);

    const expected = data.metrics['http_req_duration{expected_response:true}']!.values;
    // Successful logins and home pages, without the failed logins.
    expect(expected['avg']).toBeCloseTo(64.5, 9);
    expect(expected['max']).toBe(209);
    expectPercentile(expected['p(95)'], 204);
  });

  it('attaches threshold verdicts to their metric keys and leaves other metrics without them', () => {
    expect(data.metrics['http_req_duration']?.thresholds).toEqual({
      'p(95)<500': { ok: true },
      'avg<1000': { ok: true },
    });
    expect(data.metrics['http_req_duration{name:login}']?.thresholds).toEqual({ 'p(99)<50': { ok: false } });
    expect(data.metrics['http_req_failed']?.thresholds).toEqual({ 'rate<0.01': { ok: false } });
    expect(data.metrics['checks']?.thresholds).toEqual({ 'rate>0.9': { ok: true } });
    expect(data.metrics['http_reqs']).not.toHaveProperty('thresholds');
    expect(data.metrics['http_req_duration{expected_response:true}']).not.toHaveProperty('thresholds');
  });

  it('keeps a threshold key without samples, with zero values and a failed verdict', () => {
    const missing = data.metrics['http_req_duration{name:missing}'];
    expect(missing?.thresholds).toEqual({ 'p(95)<500': { ok: false } });
    expect(missing?.values['p(95)']).toBe(0);
    expect(data.metrics['http_req_connecting']?.thresholds).toEqual({ 'p(95)<100': { ok: true } });
  });

  it('fails an expression listed twice on one key if either listing failed', () => {
    const store = recordRun();
    const twice = buildSummaryData(
      runSummary(store, {
        thresholds: [
          evaluate(store, 'http_reqs', 'count>0'),
          { ...evaluate(store, 'http_reqs', 'count>0'), ok: false },
        ],
      }),
    );
    expect(twice.metrics['http_reqs']?.thresholds).toEqual({ 'count>0': { ok: false } });
  });

  it('carries the run in fpt, with the full threshold outcomes', () => {
    expect(data.fpt.format).toBe('fpt-summary/1');
    expect(data.fpt.preset).toEqual(summary.preset);
    expect(data.fpt.region).toBe('eu-west');
    expect(data.fpt.tags).toEqual({ env: 'staging', region: 'eu-west' });
    expect(data.fpt.outcome).toBe('thresholds-failed');
    expect(data.fpt.exitCode).toBe(99);
    expect(data.fpt).not.toHaveProperty('abortReason');
    expect(data.fpt.scenarios).toEqual(summary.scenarios);
    expect(data.fpt.checks).toEqual(summary.checks);
    expect(data.fpt.timeline).toEqual(summary.timeline);
    expect(data.fpt.warnings).toEqual(['browser capture found no LCP on /checkout']);
    const missing = data.fpt.thresholds.find((t) => t.metric === 'http_req_duration{name:missing}');
    expect(missing).toMatchObject({ ok: false, noData: true });
    expect(missing).not.toHaveProperty('observed');
    const failed = data.fpt.thresholds.find((t) => t.metric === 'http_req_failed');
    expect(failed?.observed).toBeCloseTo(5 / 115, 12);
  });

  it('writes region as null and keeps abortReason when the run has them so', () => {
    const { region: _region, ...withoutRegion } = runSummary(recordRun(), {
      outcome: RunOutcome.interrupted,
      exitCode: 105,
      abortReason: 'SIGINT',
    });
    const interrupted = buildSummaryData(withoutRegion);
    expect(interrupted.fpt.region).toBeNull();
    expect(interrupted.fpt.abortReason).toBe('SIGINT');
  });

  it('encodes a histogram for every trend metric, mergeable with another run into exact percentiles', () => {
    expect(Object.keys(data.fpt.histograms).sort()).toEqual([
      'http_req_duration',
      'http_req_waiting',
      'iteration_duration',
    ]);
    const first = decodeSink(data.fpt.histograms['http_req_duration']!) as TrendSink;
    expect(first.count).toBe(115);

    const otherStore = new MetricStore();
    for (let ms = 2000; ms < 2100; ms++) trend(otherStore, 'http_req_duration', { name: 'login' }).add(ms);
    const other = buildSummaryData(runSummary(otherStore, { thresholds: [] }));
    first.merge(decodeSink(other.fpt.histograms['http_req_duration']!));

    const both = recordRun();
    for (let ms = 2000; ms < 2100; ms++) trend(both, 'http_req_duration', { name: 'login' }).add(ms);
    const direct = both.aggregate('http_req_duration') as TrendSink;
    expect(first.count).toBe(215);
    for (const p of [50, 90, 95, 99]) expect(first.percentile(p)).toBe(direct.percentile(p));
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('reports the trend stats it is asked for, count included', () => {
    const custom = buildSummaryData(summary, { trendStats: ['count', 'med', 'p(99.9)'] });
    expect(custom.options.summaryTrendStats).toEqual(['count', 'med', 'p(99.9)']);
    expect(Object.keys(custom.metrics['http_req_duration']!.values)).toEqual(['count', 'med', 'p(99.9)']);
    expect(custom.metrics['http_req_duration']!.values['count']).toBe(115);
  });

  it('refuses an unknown trend stat with a hint', () => {
    expect(() => buildSummaryData(summary, { trendStats: ['avg', 'p95'] })).toThrow(
      /unknown trend stat "p95".*p\(N\)/,
    );
  });

  it('keys a custom metric named __proto__ as data, not as a prototype', () => {
    const store = new MetricStore();
    store.define({ name: '__proto__', type: 'counter', contains: 'default', description: '' });
    counter(store, '__proto__', {}).add(3);
    const odd = buildSummaryData(runSummary(store, { thresholds: [] }));
    expect(Object.hasOwn(odd.metrics, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(odd.metrics)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(odd.metrics, '__proto__')?.value.values).toEqual({
      count: 3,
      rate: 0.15,
    });
    expect(JSON.stringify(odd.metrics)).toContain('"__proto__":{"type":"counter"');
  });

  it('summarises a run with no samples without inventing metrics', () => {
    const store = new MetricStore();
    const empty = buildSummaryData(
      runSummary(store, { thresholds: [evaluate(store, 'http_req_duration', 'p(95)<500')], checks: [] }),
    );
    expect(Object.keys(empty.metrics)).toEqual(['http_req_duration']);
    expect(empty.metrics['http_req_duration']?.thresholds).toEqual({ 'p(95)<500': { ok: false } });
    expect(empty.root_group.checks).toEqual([]);
    expect(empty.fpt.histograms).toEqual({});
  });
});

describe('buildSummaryData with groups', () => {
  const grouped = groupedRunSummary();

  it("keeps each group's own duration as a group_duration sub-metric keyed by its path", () => {
    const data = buildSummaryData(grouped);
    expect(Object.keys(data.metrics).filter((k) => k.startsWith('group_duration'))).toEqual([
      'group_duration',
      'group_duration{group:::browse}',
      'group_duration{group:::checkout::pay}',
      'group_duration{group:::checkout}',
      'group_duration{group:::quiet}',
    ]);
    const checkout = data.metrics['group_duration{group:::checkout}']!;
    expect(checkout).toMatchObject({ type: 'trend', contains: 'time' });
    expect(checkout.values['avg']).toBe(120);
    expectPercentile(checkout.values['p(95)'], 140);
    // Only its own series: pay's durations are in its own entry, not in checkout's.
    expect(checkout.values['min']).toBe(100);
    expect(data.metrics['group_duration{group:::checkout::pay}']!.values['max']).toBeCloseTo(80, 0);
    expect(checkout.thresholds).toBeUndefined();
  });

  it('puts a threshold on a group into that same entry', () => {
    const store = MetricStore.fromSnapshot(grouped.metrics);
    const data = buildSummaryData({
      ...grouped,
      thresholds: [evaluate(store, 'group_duration{group:::checkout}', 'p(95)<100')],
    });
    expect(Object.keys(data.metrics).filter((k) => k.includes('::checkout}'))).toEqual([
      'group_duration{group:::checkout}',
    ]);
    expect(data.metrics['group_duration{group:::checkout}']!.thresholds).toEqual({
      'p(95)<100': { ok: false },
    });
  });

  it('adds no group_duration entry to a run without groups', () => {
    expect(
      Object.keys(buildSummaryData(runSummary(recordRun())).metrics).some((k) => k.startsWith('group')),
    ).toBe(false);
  });
});
