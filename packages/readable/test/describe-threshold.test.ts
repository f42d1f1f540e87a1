import { describe, expect, it } from 'vitest';
import { describeThreshold, describeThresholds, firstReason, parseThreshold } from '../src/index.js';
import { metrics, threshold } from './threshold-fixtures.js';

describe('describeThreshold', () => {
  it('says how a crossed threshold was crossed, in the unit of its metric, with the margin past it', () => {
    const d = describeThreshold(threshold('http_req_duration{name:cart}', 'p(95)<500', 612, false), metrics);
    expect(d).toMatchObject({
      status: 'failed',
      key: 'http_req_duration{name:cart}',
      metric: 'http_req_duration',
      observedText: '612 ms',
      limitText: '< 500 ms',
      sentence: 'p(95) 612 ms ≥ 500 ms on http_req_duration{name:cart}',
      marginText: '−22.4 %',
      room: -112,
    });
    expect(d.margin).toBeCloseTo(-0.224, 9);
  });

  it('reads a counter rate per second and a held lower bound', () => {
    const d = describeThreshold(threshold('http_reqs', 'rate>=5', 6.5, true), metrics);
    expect(d.sentence).toBe('rate 6.5/s ≥ 5/s on http_reqs');
    expect(d.margin).toBeCloseTo(0.3, 9);
  });

  it('uses the unit of the metric and aggregation', () => {
    const observed = (metric: string, expression: string, value: number | undefined) =>
      describeThreshold(threshold(metric, expression, value, true), metrics).observedText;
    expect(observed('http_req_duration{name:items}', 'p(99)<20', 27.51)).toBe('27.5 ms');
    expect(observed('http_req_failed', 'rate<0.01', 0.0435)).toBe('4.35 %');
    expect(observed('checks', 'rate>0.99', 1)).toBe('100 %');
    expect(observed('http_reqs', 'count>100', 1234)).toBe('1,234');
    expect(observed('http_reqs', 'rate>10', 12.34)).toBe('12.3/s');
    expect(observed('data_received', 'count<1000000', 519_000)).toBe('519 kB');
    // Not in the metrics map: a percentile is taken for a time, as k6's built-in trends are.
    expect(observed('browser_web_vital_lcp', 'p(75)<2500', 1800)).toBe('1.8 s');
    expect(observed('browser_web_vital_cls', 'p(75)<0.1', 0.0512)).toBe('0.0512');
    expect(observed('http_req_duration', 'p(95)<500', undefined)).toBe('no data');
  });

  it('finds the summary entry of a key written with spaces', () => {
    const d = describeThreshold(
      threshold(' http_req_duration{ name:items } ', 'p(99)<20', 27.51, false),
      metrics,
    );
    expect(d.key).toBe('http_req_duration{name:items}');
    expect(d.sentence).toBe('p(99) 27.5 ms ≥ 20 ms on http_req_duration{name:items}');
  });

  it('says why a threshold without data fails, and that an allowed one held', () => {
    expect(
      describeThreshold(
        threshold('http_req_duration{name:gone}', 'p(95)<500', undefined, false, {
          noDataReason: 'no series matched the filter',
        }),
        metrics,
      ).sentence,
    ).toBe(
      'no data on http_req_duration{name:gone}: no series matched the filter, and a threshold without data fails unless it sets allowNoData',
    );
    expect(
      describeThreshold(
        threshold('http_req_duration{name:gone}', 'p(95)<500', undefined, true, { allowNoData: true }),
        metrics,
      ),
    ).toMatchObject({ status: 'no-data-allowed', marginText: '—' });
  });

  it("words a held threshold's margin inside the limit; a limit of 0 has room but no share", () => {
    expect(
      describeThreshold(threshold('http_req_failed', 'rate<0.01', 0.002, true), metrics).marginText,
    ).toBe('+80.0 %');
    expect(describeThreshold(threshold('http_reqs', 'count>100', 150, true), metrics).marginText).toBe(
      '+50.0 %',
    );
    expect(describeThreshold(threshold('http_reqs', 'count>0', 45, true), metrics)).toMatchObject({
      room: 45,
      marginText: '—',
    });
  });

  it('keeps an expression it cannot parse as written', () => {
    const d = describeThreshold(threshold('http_req_duration', 'p95 < 500', 600, false), metrics);
    expect(d.limitText).toBe('p95 < 500');
    expect(d.sentence).toBe('p95 600 ms crosses p95 < 500 on http_req_duration');
  });
});

describe('describeThresholds and firstReason', () => {
  it('puts crossed thresholds first, then those without data, in the summary’s order otherwise', () => {
    const ordered = describeThresholds(
      [
        threshold('http_req_failed', 'rate<0.5', 0.1, true),
        threshold('http_req_duration{name:gone}', 'p(95)<500', undefined, false),
        threshold('http_req_duration', 'p(95)<10', 31, false),
      ],
      metrics,
    );
    expect(ordered.map((t) => t.status)).toEqual(['failed', 'no-data', 'passed']);
    expect(firstReason(ordered)?.key).toBe('http_req_duration');
  });

  it('names the threshold that stopped a run with abortOnFail', () => {
    const ordered = describeThresholds(
      [
        threshold('http_req_failed', 'rate<0.01', 0.2, false),
        threshold('http_req_duration', 'p(95)<500', 900, false, { abortOnFail: true }),
      ],
      metrics,
    );
    expect(firstReason(ordered)?.sentence).toBe('rate 20.0 % ≥ 1.00 % on http_req_failed');
    expect(firstReason(ordered, true)?.sentence).toBe('p(95) 900 ms ≥ 500 ms on http_req_duration');
    expect(
      firstReason(describeThresholds([threshold('checks', 'rate>0.9', 1, true)], metrics)),
    ).toBeUndefined();
  });
});

describe('parseThreshold', () => {
  it("reads k6's grammar: the first operator k6 finds, spaces, p( N )", () => {
    expect(parseThreshold('p( 99.9 ) <= 1500')).toEqual({
      aggregation: 'p(99.9)',
      operator: '<=',
      value: 1500,
    });
    expect(parseThreshold('rate===1')).toEqual({ aggregation: 'rate', operator: '==', value: 1 });
    expect(parseThreshold('count>0')).toEqual({ aggregation: 'count', operator: '>', value: 0 });
  });

  it('reads nothing k6 would refuse', () => {
    expect(parseThreshold('p(95)<500ms')).toBeUndefined();
    expect(parseThreshold('p95 < 500')).toBeUndefined();
    expect(parseThreshold('p(101)<5')).toBeUndefined();
    expect(parseThreshold('avg<5<6')).toBeUndefined();
    expect(parseThreshold('nonsense')).toBeUndefined();
  });
});
