import { describe, expect, it } from 'vitest';
import type { SummaryRequest } from '../src/api/summary-types.js';
import { comparabilityWarnings } from '../src/lib/comparability-warnings.js';
import { compareKpis, compareVerdict } from '../src/lib/compare-kpis.js';
import { metricDelta } from '../src/lib/metric-delta.js';
import { diffRequests } from '../src/lib/request-diff.js';
import { runVerdict } from '../src/lib/run-verdict.js';
import { describeLiveThresholds, liveThresholdStates } from '../src/lib/threshold-states.js';
import { webVitalFigures } from '../src/lib/web-vital-figures.js';
import { runRow } from './run-fixtures.js';

describe('runVerdict', () => {
  it('names each status with an icon and a word', () => {
    expect(runVerdict(runRow())).toEqual({
      badge: 'PASSED',
      icon: '✓',
      tone: 'good',
      detail: 'all 3 thresholds held',
    });
    expect(runVerdict(runRow({ thresholdsPassed: 0, thresholdsFailed: 0 }))).toMatchObject({
      badge: 'COMPLETED',
      tone: 'neutral',
    });
    expect(
      runVerdict(
        runRow({
          status: 'failed',
          exitCode: 99,
          thresholdsPassed: 2,
          thresholdsFailed: 1,
          reason: 'p(95) 612 ms ≥ 500 ms',
        }),
      ),
    ).toEqual({
      badge: 'FAILED',
      icon: '✗',
      tone: 'bad',
      detail: '1 of 3 thresholds crossed',
      headline: 'p(95) 612 ms ≥ 500 ms',
    });
    expect(runVerdict(runRow({ status: 'stopped', exitCode: 105 })).badge).toBe('STOPPED');
    expect(
      runVerdict(runRow({ status: 'aborted', exitCode: null, reason: 'the agent restarted' })).detail,
    ).toBe('stopped early, partial data: the agent restarted');
    expect(runVerdict(runRow({ status: 'error', exitCode: null })).detail).toContain(
      'not a verdict on the target',
    );
    expect(runVerdict(runRow({ status: 'running', exitCode: null })).badge).toBe('RUNNING');
  });
});

describe('metricDelta', () => {
  it('colours by meaning, not by sign', () => {
    expect(metricDelta(100, 120, 'lower')).toEqual({ delta: 20, deltaPct: 20, meaning: 'worse' });
    expect(metricDelta(100, 120, 'higher')).toEqual({ delta: 20, deltaPct: 20, meaning: 'better' });
    expect(metricDelta(100, 80, 'lower').meaning).toBe('better');
    expect(metricDelta(100, 120, 'neither').meaning).toBe('same');
  });
  it('calls a change under the significance level the same', () => {
    expect(metricDelta(100, 104, 'lower')).toEqual({ delta: 4, deltaPct: 4, meaning: 'same' });
    expect(metricDelta(100, 104, 'lower', 2).meaning).toBe('worse');
  });
  it('has no ratio from zero and no delta without both sides', () => {
    expect(metricDelta(0, 0.01, 'lower')).toEqual({ delta: 0.01, deltaPct: null, meaning: 'worse' });
    expect(metricDelta(null, 5, 'lower')).toEqual({ delta: null, deltaPct: null, meaning: 'unknown' });
  });
});

describe('compareKpis and compareVerdict', () => {
  it('builds the KPI table and a regression verdict with its drivers', () => {
    const a = runRow();
    const b = runRow({ p95Ms: 123, p99Ms: 208, errorRate: 0.006, requestRate: 60 });
    const rows = compareKpis(a, b);
    const p95 = rows.find((r) => r.label === 'p95')!;
    expect(p95).toMatchObject({
      a: '100 ms',
      b: '123 ms',
      deltaText: '+23 ms',
      deltaPctText: '+23.0 %',
      meaning: 'worse',
    });
    const errors = rows.find((r) => r.label === 'Error rate')!;
    expect(errors).toMatchObject({ a: '0.20 %', b: '0.60 %', deltaText: '+0.40 pp', meaning: 'worse' });
    expect(rows.find((r) => r.label === 'Throughput')).toMatchObject({
      deltaText: '+10/s',
      meaning: 'better',
    });
    expect(rows.find((r) => r.label === 'p99')!.meaning).toBe('same');
    expect(compareVerdict(rows)).toEqual({
      word: 'REGRESSION',
      drivers: ['Error rate +200.0 %', 'p95 +23.0 %'],
    });
  });
  it('calls an improvement only when nothing got worse', () => {
    const rows = compareKpis(runRow(), runRow({ p95Ms: 50 }));
    expect(compareVerdict(rows)).toEqual({ word: 'IMPROVEMENT', drivers: ['p95 -50.0 %'] });
    expect(compareVerdict(compareKpis(runRow(), runRow()))).toEqual({
      word: 'NO SIGNIFICANT CHANGE',
      drivers: [],
    });
  });
});

function request(name: string, p95Ms: number, scenario = 'api'): SummaryRequest {
  return {
    name,
    scenario,
    methods: ['GET'],
    count: 10,
    ratePerSec: 1,
    failed: 0,
    errorRate: 0,
    avgMs: p95Ms / 2,
    p50Ms: p95Ms / 2,
    p90Ms: p95Ms,
    p95Ms,
    p99Ms: p95Ms,
    maxMs: p95Ms,
  };
}

describe('diffRequests', () => {
  it('matches by name and scenario, biggest change first, then added and removed', () => {
    const rows = diffRequests(
      [request('fast', 10), request('slow', 100), request('gone', 5), request('fast', 10, 'other')],
      [request('fast', 12), request('slow', 80), request('new', 7)],
    );
    expect(rows.map((r) => [r.name, r.scenario, r.change, r.deltaP95Ms, r.deltaP95Pct, r.meaning])).toEqual([
      ['slow', 'api', 'both', -20, -20, 'better'],
      ['fast', 'api', 'both', 2, 20, 'worse'],
      ['new', 'api', 'added', null, null, 'unknown'],
      ['gone', 'api', 'removed', null, null, 'unknown'],
      ['fast', 'other', 'removed', null, null, 'unknown'],
    ]);
    // Below the significance level a change is no change.
    expect(diffRequests([request('fast', 100)], [request('fast', 103)])[0]!.meaning).toBe('same');
  });
});

describe('comparabilityWarnings', () => {
  it('is empty for two runs of the same load', () => {
    expect(comparabilityWarnings(runRow(), runRow({ plannedMs: 21_000 }))).toEqual([]);
  });
  it('names every difference and every partial run', () => {
    const warnings = comparabilityWarnings(
      runRow(),
      runRow({ preset: 'stress', region: 'eu', maxVus: 50, plannedMs: 60_000, status: 'stopped' }),
      {
        a: [
          {
            name: 'api',
            executor: 'constant-vus',
            maxVUs: 5,
            completedIterations: 1,
            interruptedIterations: 0,
            droppedIterations: 0,
          },
        ],
        b: [
          {
            name: 'api',
            executor: 'ramping-vus',
            maxVUs: 50,
            completedIterations: 1,
            interruptedIterations: 0,
            droppedIterations: 0,
          },
        ],
      },
    );
    expect(warnings).toEqual([
      'Different presets: A ran quick, B ran stress.',
      'Different regions: A ran from local, B from eu.',
      'Different load: A peaked at 5 VUs, B at 50 VUs.',
      'Different planned durations: A 20s, B 1m 0s.',
      'Different scenarios: A has api (constant-vus); B has api (ramping-vus).',
      'B did not complete (stopped): its data is partial.',
    ]);
  });
});

describe('liveThresholdStates', () => {
  it('marks the crossed thresholds, failing first, and keeps failures the preset no longer lists', () => {
    const states = liveThresholdStates(
      [
        { metric: 'http_req_duration', expression: 'p(95)<500' },
        { metric: 'http_req_failed', expression: 'rate<0.01' },
      ],
      ['http_req_failed rate<0.01', 'checks rate>0.99'],
    );
    expect(states).toEqual([
      { metric: 'http_req_failed', expression: 'rate<0.01', failing: true },
      { metric: 'checks', expression: 'rate>0.99', failing: true },
      { metric: 'http_req_duration', expression: 'p(95)<500', failing: false },
    ]);
    expect(describeLiveThresholds(states)).toBe('1 of 3 holding so far');
    expect(describeLiveThresholds([])).toBe('no thresholds defined');
  });
});

describe('webVitalFigures', () => {
  it('lists only the vitals a browser run measured, each in its unit', () => {
    expect(webVitalFigures(runRow())).toEqual([]);
    expect(webVitalFigures(runRow({ lcpP75Ms: 1834.2, clsP75: 0.05123, inpP75Ms: null }))).toEqual([
      { id: 'lcp', short: 'LCP', name: 'Largest Contentful Paint', value: '1.83 s' },
      { id: 'cls', short: 'CLS', name: 'Cumulative Layout Shift', value: '0.051' },
    ]);
  });
});
