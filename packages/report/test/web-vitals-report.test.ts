import { MetricStore, type TimelinePoint } from '@fpt/metrics';
import { browserOnlyNote } from '@fpt/readable';
import { describe, expect, it } from 'vitest';
import { buildHtmlReport, buildSummaryData } from '../src/index.js';
import { recordRun, runSummary, trend } from './run-summary-fixture.js';

/**
 * A browser-only run: LCP, CLS and INP on two pages, and a timeline whose seconds carry some of them. Given
 * a store, its vitals go there (a mixed run's, with requests of its own).
 */
function browserRun(timeline: readonly TimelinePoint[], store = new MetricStore()) {
  for (const [page, lcp] of [
    ['home', [900, 1100, 1300]],
    ['cart', [2600, 3100, 4200]],
  ] as const) {
    for (const v of lcp) trend(store, 'browser_web_vital_lcp', { name: page }).add(v);
  }
  for (const v of [0.01, 0.02, 0.3]) trend(store, 'browser_web_vital_cls', { name: 'home' }).add(v);
  for (const v of [120, 160, 640]) trend(store, 'browser_web_vital_inp', { name: 'cart' }).add(v);
  for (const v of [2100, 2400]) trend(store, 'iteration_duration', { scenario: 'browse' }).add(v);
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

/** The page's sections in order, and where its table of contents points. */
function outline(page: string) {
  const nav = page.slice(page.indexOf('<nav class="toc"'), page.indexOf('</nav>'));
  return {
    sections: [...page.matchAll(/<section class="section" id="([a-z-]+)"/g)].map((m) => m[1]),
    links: [...nav.matchAll(/href="#([a-z-]+)"/g)].map((m) => m[1]),
  };
}

const tileLabels = (page: string) =>
  [...page.matchAll(/<div class="tile" data-tile="([^"]+)"/g)].map((m) => m[1]);

describe('the HTML report of a browser-only run', () => {
  const timeline = [
    second(1000, { lcpP75Ms: 1100 }),
    second(2000, {}),
    second(3000, { lcpP75Ms: 3100, clsP75: 0.02, inpP75Ms: 160 }),
  ];
  const page = browserRun(timeline);

  it('leaves out the sections that could only say "no requests", and its table of contents with them', () => {
    const { sections, links } = outline(page);
    expect(sections).toEqual([
      'web-vitals',
      'key-numbers',
      'thresholds',
      'charts',
      'trend-metrics',
      'checks',
      'iterations',
      'warnings',
      'config',
    ]);
    expect(links).toEqual(['verdict', ...sections]);
    for (const gone of [
      'No request finished',
      'No request failed',
      'Not enough data',
      'id="requests-table"',
      'data-chart-block="chart-throughput"',
      'data-chart-block="chart-latency"',
      'data-chart-block="chart-errors"',
      'data-chart-block="chart-distribution"',
    ])
      expect(page).not.toContain(gone);
  });

  it('says once, at the top of the key numbers, that no HTTP request was made, and keeps the tiles that have figures', () => {
    expect(page.split('No HTTP request was made').length - 1).toBe(1);
    const keyNumbers = page.slice(page.indexOf('id="key-numbers"'), page.indexOf('id="thresholds"'));
    expect(keyNumbers).toContain(`<p class="note">${browserOnlyNote}</p><div class="tiles">`);
    expect(tileLabels(keyNumbers)).toEqual(['Peak VUs', 'Checks', 'Dropped iterations']);
  });

  it('keeps iterations over time, with the VUs, as its one overview chart, and every trend metric in a table', () => {
    expect(charts(page).map((c) => c.id)).toEqual(['chart-iterations', 'chart-web-vitals']);
    const iterations = charts(page)[0]!;
    expect(iterations.series.map((s) => [s.label, s.axis])).toEqual([
      ['iterations/s', 'left'],
      ['dropped/s', 'left'],
      ['VUs', 'right'],
    ]);
    expect(iterations.series[2]!.values).toEqual([2, 2, 2]);
    const overTime = page.slice(page.indexOf('id="charts"'), page.indexOf('id="trend-metrics"'));
    expect(overTime).toContain('data-action="reset-zoom"');
    const trends = page.slice(
      page.indexOf('id="trends-table"'),
      page.indexOf('</table>', page.indexOf('id="trends-table"')),
    );
    for (const metric of [
      'browser_web_vital_lcp',
      'browser_web_vital_cls',
      'browser_web_vital_inp',
      'iteration_duration',
    ])
      expect(trends).toContain(`<code>${metric}</code>`);
    expect(page).toContain('id="iterations-table"');
  });

  it('keeps every request section of an API run and of a run with requests and pages alike', () => {
    const api = buildHtmlReport(buildSummaryData(runSummary(recordRun())));
    const mixed = browserRun(timeline, recordRun());
    for (const [name, report] of [
      ['api', api],
      ['mixed', mixed],
    ] as const) {
      const { sections, links } = outline(report);
      expect(sections, name).toEqual(expect.arrayContaining(['charts', 'latency', 'requests', 'errors']));
      expect(sections, name).not.toContain('trend-metrics');
      expect(links, name).toEqual(['verdict', ...sections]);
      expect(report, name).not.toContain(browserOnlyNote);
      expect(tileLabels(report).slice(0, 5), name).toEqual([
        'Requests',
        'Error rate',
        'p95 latency',
        'p99 latency',
        'Peak throughput',
      ]);
      for (const chart of ['throughput', 'latency', 'errors', 'distribution'])
        expect(report, name).toContain(`data-chart-block="chart-${chart}"`);
    }
    // A mixed run is judged by its requests first: its Web Vitals follow them, as before.
    expect(outline(mixed).sections.indexOf('web-vitals')).toBeGreaterThan(
      outline(mixed).sections.indexOf('requests'),
    );
    // Its iterations chart is the one under Iterations, without the VUs the throughput chart has.
    expect(
      charts(api)
        .find((c) => c.id === 'chart-iterations')
        ?.series.map((s) => s.label),
    ).toEqual(['iterations/s', 'dropped/s']);
  });
});
