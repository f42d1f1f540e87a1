import { dashboardShell } from './dashboard-shell.js';
import type { Dashboard } from './grafana-types.js';
import { byInterval, filters, influxql } from './influxql.js';
import { metricMeasurement as m } from './metric-measurement.js';
import {
  goodPoorThresholds,
  influxTarget,
  queryVariable,
  statPanel,
  tablePanel,
  timeseriesPanel,
} from './panel-builders.js';
import { PanelLayout } from './panel-layout.js';
import { WEB_VITAL_PERCENTILE, type WebVital, webVitals } from './web-vital-thresholds.js';

/** Every Web Vitals measurement, for variables that should list runs and pages with any browser data. */
const ANY_WEB_VITAL = '/^browser_web_vital_/';
const page = [filters.run, filters.preset, filters.region, filters.name] as const;
const STAT_WIDTHS = [5, 5, 5, 5, 4] as const;

const P75 = `percentile("value", ${WEB_VITAL_PERCENTILE})`;

/** CLS is a small fraction; milliseconds need no decimals. */
function decimalsOf(vital: WebVital): number {
  return vital.unit === 'none' ? 3 : 0;
}

/**
 * "Browser and Web Vitals": LCP, FCP, TTFB, CLS and INP at p75, by page (the name tag) and by region,
 * with Google's good/poor bands drawn on every panel.
 */
export function webVitalsDashboard(): Dashboard {
  const variables = [
    queryVariable({
      name: 'testid',
      label: 'Run',
      description: 'Run id (the testid tag) of runs with browser samples',
      query: `SHOW TAG VALUES FROM ${ANY_WEB_VITAL} WITH KEY = "testid"`,
      sort: 2,
      multi: false,
    }),
    queryVariable({
      name: 'preset',
      label: 'Preset',
      query: `SHOW TAG VALUES FROM ${ANY_WEB_VITAL} WITH KEY = "preset" WHERE ${filters.run}`,
      sort: 1,
      multi: true,
    }),
    queryVariable({
      name: 'region',
      label: 'Region',
      query: `SHOW TAG VALUES FROM ${ANY_WEB_VITAL} WITH KEY = "region" WHERE ${filters.run} AND ${filters.preset}`,
      sort: 1,
      multi: true,
    }),
    queryVariable({
      name: 'name',
      label: 'Page',
      description: 'Page name (the name tag)',
      query: `SHOW TAG VALUES FROM ${ANY_WEB_VITAL} WITH KEY = "name" WHERE ${filters.run} AND ${filters.preset} AND ${filters.region}`,
      sort: 1,
      multi: true,
    }),
  ];

  const layout = new PanelLayout().row(`Web Vitals at p${WEB_VITAL_PERCENTILE}`);
  webVitals.forEach((vital, index) => {
    layout.add(
      statPanel({
        title: `${vital.short} p${WEB_VITAL_PERCENTILE}`,
        description: `${vital.title} (${vital.metric}), 75th percentile of every selected page and region; good ≤ ${vital.good}, poor > ${vital.poor}`,
        unit: vital.unit,
        decimals: decimalsOf(vital),
        thresholds: goodPoorThresholds(vital.good, vital.poor),
        targets: [
          influxTarget('A', influxql({ select: P75, from: m(vital.metric), where: [...page, filters.time] })),
        ],
      }),
      { w: STAT_WIDTHS[index] ?? 4, h: 4 },
    );
  });

  for (const vital of webVitals) {
    layout.row(`${vital.title} (${vital.short})`);
    for (const [by, label] of [
      ['name', 'page'],
      ['region', 'region'],
    ] as const) {
      layout.add(
        timeseriesPanel({
          title: `${vital.short} p${WEB_VITAL_PERCENTILE} by ${label}`,
          description: `${vital.title} (${vital.metric}) at the 75th percentile per interval and ${label}; the bands are good (≤ ${vital.good}) and poor (> ${vital.poor})`,
          unit: vital.unit,
          decimals: decimalsOf(vital),
          min: 0,
          thresholds: goodPoorThresholds(vital.good, vital.poor),
          drawThresholds: true,
          targets: [
            influxTarget(
              'A',
              influxql({
                select: P75,
                from: m(vital.metric),
                where: [...page, filters.time],
                groupBy: [byInterval, `"${by}"`],
                fill: 'none',
              }),
              { alias: `$tag_${by}` },
            ),
          ],
        }),
        { w: 12, h: 8 },
      );
    }
  }

  layout.row('Pages').add(
    tablePanel({
      title: 'Web Vitals by page and region',
      description: 'p75 of every Web Vital per page and region over the time range',
      unit: 'ms',
      targets: webVitals.map((vital, index) =>
        influxTarget(
          String.fromCharCode(65 + index),
          influxql({
            select: `${P75} AS "${vital.short}"`,
            from: m(vital.metric),
            where: [...page, filters.time],
            groupBy: ['"name"', '"region"'],
          }),
          { format: 'table' },
        ),
      ),
      overrides: webVitals.map((vital) => ({
        matcher: { id: 'byName', options: vital.short },
        properties: [
          { id: 'unit', value: vital.unit },
          { id: 'decimals', value: decimalsOf(vital) },
          { id: 'thresholds', value: goodPoorThresholds(vital.good, vital.poor) },
          { id: 'custom.cellOptions', value: { type: 'color-text' } },
        ],
      })),
    }),
    { w: 24, h: 10 },
  );

  return dashboardShell({
    uid: 'fpt-web-vitals',
    title: 'Browser and Web Vitals',
    description: 'Core Web Vitals of FPT browser checks by page and region, against the good/poor thresholds',
    tags: ['fpt', 'k6', 'browser', 'web-vitals'],
    variables,
    panels: layout.panels,
  });
}
