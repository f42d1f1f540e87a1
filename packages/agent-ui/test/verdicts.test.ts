import { describe, expect, it } from 'vitest';
import { runVerdict } from '../src/lib/run-verdict.js';
import { describeLiveThresholds, liveThresholdStates } from '../src/lib/threshold-states.js';
import { isBrowserOnly, webVitalFigures } from '../src/lib/web-vital-figures.js';
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
      { id: 'lcp', short: 'LCP', name: 'Largest Contentful Paint', value: '1.83 s', rating: 'good' },
      { id: 'cls', short: 'CLS', name: 'Cumulative Layout Shift', value: '0.051', rating: 'good' },
    ]);
  });

  it("rates each p75 by web.dev's limits, the edges good and needs improvement", () => {
    const rated = (figures: Parameters<typeof runRow>[0]) =>
      webVitalFigures(runRow(figures)).map((f) => [f.id, f.rating]);
    expect(rated({ lcpP75Ms: 2500, clsP75: 0.1, inpP75Ms: 200 })).toEqual([
      ['lcp', 'good'],
      ['cls', 'good'],
      ['inp', 'good'],
    ]);
    expect(rated({ lcpP75Ms: 4000, clsP75: 0.25, inpP75Ms: 500 })).toEqual([
      ['lcp', 'needs-improvement'],
      ['cls', 'needs-improvement'],
      ['inp', 'needs-improvement'],
    ]);
    expect(rated({ lcpP75Ms: 4001, clsP75: 0.26, inpP75Ms: 501 })).toEqual([
      ['lcp', 'poor'],
      ['cls', 'poor'],
      ['inp', 'poor'],
    ]);
  });

  it('takes for browser-only (Web Vitals lead, no request figures) a run with vitals and no requests of its own', () => {
    expect(isBrowserOnly(runRow({ lcpP75Ms: 1200, requests: null }))).toBe(true);
    expect(isBrowserOnly(runRow({ lcpP75Ms: 1200, requests: 0 }))).toBe(true);
    expect(isBrowserOnly(runRow({ lcpP75Ms: 1200, requests: 40 }))).toBe(false);
    expect(isBrowserOnly(runRow({ requests: 0 }))).toBe(false);
  });
});
