import { MetricStore, type TimelinePoint } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { buildHtmlReport, buildSummaryData } from '../src/index.js';
import { recordRun, runSummary, trend } from './run-summary-fixture.js';

/** A browser-only run: LCP, CLS and INP on two pages, and a timeline whose seconds carry some of them. */
function browserRun(timeline: readonly TimelinePoint[]) {
  const store = new MetricStore();
  for (const [page, lcp] of [
    ['home', [900, 1100, 1300]],
    ['cart', [2600, 3100, 4200]],
  ] as const) {
    for (const v of lcp) trend(store, 'browser_web_vital_lcp', { name: page }).add(v);
  }
  for (const v of [0.01, 0.02, 0.3]) trend(store, 'browser_web_vital_cls', { name: 'home' }).add(v);
  for (const v of [120, 160, 640]) trend(store, 'browser_web_vital_inp', { name: 'cart' }).add(v);
  return buildHtmlReport(buildSummaryData(runSummary(store, { thresholds: [], timeline: [...timeline] })));
}

const second = (tMs: number, vitals: Partial<TimelinePoint>): TimelinePoint => ({
  tMs,
  vus: 2,
  requests: 0,
  failedRequests: 0,
  iterations: 1,
  droppedIterations: 0,
  ...vitals,
});

interface ChartModel {
  readonly charts: readonly {
    id: string;
    x: number[];
    right?: { unit: string };
    series: { label: string; unit: string; axis: string; values: (number | null)[]; sparse?: boolean }[];
  }[];
}

function charts(page: string): ChartModel['charts'] {
  const match = /<script type="application\/json" id="fpt-charts">([\s\S]*?)<\/script>/.exec(page);
  return (JSON.parse(match![1]!) as ChartModel).charts;
}

describe("the HTML report's Web Vitals", () => {
  const page = browserRun([
    second(1000, { lcpP75Ms: 1100 }),
    second(2000, {}),
    second(3000, { lcpP75Ms: 3100, clsP75: 0.02, inpP75Ms: 160 }),
  ]);
  const section = page.slice(page.indexOf('id="web-vitals"'), page.indexOf('id="key-numbers"'));

  it('lead a browser run with LCP, CLS and INP tiles: the whole run’s p75, rated as web.dev rates it', () => {
    expect(page.indexOf('id="web-vitals"')).toBeLessThan(page.indexOf('id="key-numbers"'));
    const tiles = [...section.matchAll(/data-vital="([a-z]+)" data-rating="([a-z-]+)"/g)].map((m) => [
      m[1],
      m[2],
    ]);
    // LCP p75 of 900…4200 ms is past 2.5 s; CLS p75 of 0.01, 0.02, 0.3 is 0.3 (poor); INP's is 640 ms.
    expect(tiles).toEqual([
      ['lcp', 'needs-improvement'],
      ['cls', 'poor'],
      ['inp', 'poor'],
    ]);
    expect(section).toContain('<div class="tile-label">LCP p75</div>');
    expect(section).toMatch(
      /<span class="status warn"><span aria-hidden="true">!<\/span> needs improvement<\/span>/,
    );
    expect(section).toContain('id="web-vitals-table"');
  });

  it('draw the vitals over time from the timeline, each marked where a second had one', () => {
    const chart = charts(page).find((c) => c.id === 'chart-web-vitals')!;
    expect(chart.x).toEqual([1, 2, 3]);
    expect(chart.series.map((s) => [s.label, s.unit, s.axis, s.sparse])).toEqual([
      ['LCP', 'ms', 'left', true],
      ['INP', 'ms', 'left', true],
      ['CLS', 'score', 'right', true],
    ]);
    expect(chart.series[0]!.values).toEqual([1100, null, 3100]);
    expect(chart.series[2]!.values).toEqual([null, null, 0.02]);
    expect(section).toContain('data-chart-block="chart-web-vitals"');
  });

  it('leave the chart out when the timeline carries no vital, and the section out of an API run', () => {
    const older = browserRun([second(1000, {}), second(2000, {})]);
    expect(charts(older).map((c) => c.id)).not.toContain('chart-web-vitals');
    expect(older).toContain('id="web-vital-tiles"');
    const api = buildHtmlReport(buildSummaryData(runSummary(recordRun())));
    expect(charts(api).map((c) => c.id)).not.toContain('chart-web-vitals');
    expect(api).not.toContain('id="web-vital-tiles"');
  });
});
