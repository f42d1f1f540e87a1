import { dashboardShell } from './dashboard-shell.js';
import type { Dashboard } from './grafana-types.js';
import { byInterval, filters, influxql, perSecond } from './influxql.js';
import { metricMeasurement as m } from './metric-measurement.js';
import {
  goodPoorThresholds,
  influxTarget,
  queryVariable,
  statPanel,
  tablePanel,
  timeseriesPanel,
  unitOverride,
} from './panel-builders.js';
import { PanelLayout } from './panel-layout.js';

const run = [filters.run, filters.preset, filters.region] as const;
const request = [...run, filters.name] as const;

/** Error-rate colours: under 1% fine, 1–5% worrying, above 5% failing. */
const errorRateThresholds = goodPoorThresholds(0.01, 0.05);

/**
 * "Regional API performance": one run (testid), compared across regions, filtered by preset and request
 * name. Everything reads the k6 measurements FPT writes (docs/influxdb.md), so the same panels also work on
 * k6 data tagged with testid and region.
 */
export function regionalApiDashboard(): Dashboard {
  const variables = [
    queryVariable({
      name: 'testid',
      label: 'Run',
      description: 'Run id (the testid tag); newest ids sort first when ids grow with time',
      query: `SHOW TAG VALUES FROM ${m('http_reqs')} WITH KEY = "testid"`,
      sort: 2,
      multi: false,
    }),
    queryVariable({
      name: 'preset',
      label: 'Preset',
      query: `SHOW TAG VALUES FROM ${m('http_reqs')} WITH KEY = "preset" WHERE ${filters.run}`,
      sort: 1,
      multi: true,
    }),
    queryVariable({
      name: 'region',
      label: 'Region',
      query: `SHOW TAG VALUES FROM ${m('http_reqs')} WITH KEY = "region" WHERE ${filters.run} AND ${filters.preset}`,
      sort: 1,
      multi: true,
    }),
    queryVariable({
      name: 'name',
      label: 'Request',
      description: 'Request name (the name tag)',
      query: `SHOW TAG VALUES FROM ${m('http_reqs')} WITH KEY = "name" WHERE ${filters.run} AND ${filters.preset} AND ${filters.region}`,
      sort: 1,
      multi: true,
    }),
  ];

  // Active VUs: the last value per agent in each interval, summed over the agents of a region (an agent
  // reports its own VUs; two agents in one region add up).
  const vusPerAgent = influxql({
    select: `last("value") AS "vus"`,
    from: m('vus'),
    where: [...run, filters.time],
    groupBy: [byInterval, '"region"', '"agent"'],
    fill: 'none',
  });

  const layout = new PanelLayout()
    .row('Overview')
    .add(
      statPanel({
        title: 'p95 response time, all regions',
        description:
          '95th percentile of http_req_duration over the whole time range, every selected region together',
        unit: 'ms',
        targets: [
          influxTarget(
            'A',
            influxql({
              select: `percentile("value", 95)`,
              from: m('http_req_duration'),
              where: [...request, filters.time],
            }),
          ),
        ],
      }),
      { w: 6, h: 4 },
    )
    .add(
      statPanel({
        title: 'Error rate',
        description: 'Share of requests whose response was not expected (http_req_failed)',
        unit: 'percentunit',
        decimals: 2,
        thresholds: errorRateThresholds,
        targets: [
          influxTarget(
            'A',
            influxql({
              select: `mean("value")`,
              from: m('http_req_failed'),
              where: [...request, filters.time],
            }),
          ),
        ],
      }),
      { w: 6, h: 4 },
    )
    .add(
      statPanel({
        title: 'Requests',
        description: 'HTTP requests made (http_reqs) in the time range',
        unit: 'short',
        targets: [
          influxTarget(
            'A',
            influxql({ select: `sum("value")`, from: m('http_reqs'), where: [...request, filters.time] }),
          ),
        ],
      }),
      { w: 6, h: 4 },
    )
    .add(
      statPanel({
        title: 'Peak VUs',
        description: 'Most virtual users active at once, all selected regions and agents together',
        unit: 'short',
        targets: [
          influxTarget(
            'A',
            influxql({
              select: `max("vus")`,
              from: `(${influxql({
                select: `sum("vus") AS "vus"`,
                from: `(${vusPerAgent})`,
                where: [filters.time],
                groupBy: [byInterval],
                fill: 'none',
              })})`,
              where: [filters.time],
            }),
          ),
        ],
      }),
      { w: 6, h: 4 },
    )
    .add(
      timeseriesPanel({
        title: 'p95 response time, all regions',
        description: '95th percentile of http_req_duration per interval, every selected region together',
        unit: 'ms',
        min: 0,
        targets: [
          influxTarget(
            'A',
            influxql({
              select: `percentile("value", 95)`,
              from: m('http_req_duration'),
              where: [...request, filters.time],
              groupBy: [byInterval],
              fill: 'none',
            }),
            { alias: 'p95' },
          ),
        ],
      }),
      { w: 12, h: 8 },
    )
    .add(
      timeseriesPanel({
        title: 'Error rate by region',
        description: 'Share of failed requests (http_req_failed) per interval',
        unit: 'percentunit',
        min: 0,
        thresholds: errorRateThresholds,
        drawThresholds: true,
        targets: [
          influxTarget(
            'A',
            influxql({
              select: `mean("value")`,
              from: m('http_req_failed'),
              where: [...request, filters.time],
              groupBy: [byInterval, '"region"'],
              fill: 'none',
            }),
            { alias: '$tag_region' },
          ),
        ],
      }),
      { w: 12, h: 8 },
    )
    .add(
      timeseriesPanel({
        title: 'Requests per second by region',
        description: 'http_reqs per second',
        unit: 'reqps',
        min: 0,
        targets: [
          influxTarget(
            'A',
            influxql({
              select: perSecond('"value"'),
              from: m('http_reqs'),
              where: [...request, filters.time],
              groupBy: [byInterval, '"region"'],
              fill: 'none',
            }),
            { alias: '$tag_region' },
          ),
        ],
      }),
      { w: 12, h: 8 },
    )
    .add(
      timeseriesPanel({
        title: 'Active VUs by region',
        description: 'Virtual users running iterations (vus), summed over the agents of each region',
        unit: 'short',
        min: 0,
        targets: [
          influxTarget(
            'A',
            influxql({
              select: `sum("vus")`,
              from: `(${vusPerAgent})`,
              where: [filters.time],
              groupBy: [byInterval, '"region"'],
              fill: 'none',
            }),
            { alias: '$tag_region' },
          ),
        ],
      }),
      { w: 12, h: 8 },
    )
    .row('Latency by region')
    .add(
      timeseriesPanel({
        title: 'p50 and p95 response time by region',
        description: 'Median and 95th percentile of http_req_duration per interval and region',
        unit: 'ms',
        min: 0,
        targets: [
          influxTarget(
            'A',
            influxql({
              select: `percentile("value", 50) AS "p50", percentile("value", 95) AS "p95"`,
              from: m('http_req_duration'),
              where: [...request, filters.time],
              groupBy: [byInterval, '"region"'],
              fill: 'none',
            }),
            { alias: '$tag_region $col' },
          ),
        ],
      }),
      { w: 24, h: 9 },
    )
    .row('Throughput')
    .add(
      timeseriesPanel({
        title: 'Throughput and data transfer',
        description:
          'Bytes received and sent per second (data_received, data_sent), and iterations per second (right axis)',
        unit: 'Bps',
        min: 0,
        targets: [
          influxTarget(
            'A',
            influxql({
              select: perSecond('"value"'),
              from: m('data_received'),
              where: [...run, filters.time],
              groupBy: [byInterval],
              fill: 'none',
            }),
            { alias: 'received' },
          ),
          influxTarget(
            'B',
            influxql({
              select: perSecond('"value"'),
              from: m('data_sent'),
              where: [...run, filters.time],
              groupBy: [byInterval],
              fill: 'none',
            }),
            { alias: 'sent' },
          ),
          influxTarget(
            'C',
            influxql({
              select: perSecond('"value"'),
              from: m('iterations'),
              where: [...run, filters.time],
              groupBy: [byInterval],
              fill: 'none',
            }),
            { alias: 'iterations/s' },
          ),
        ],
        overrides: [
          {
            matcher: { id: 'byFrameRefID', options: 'C' },
            properties: [
              { id: 'unit', value: 'ops' },
              { id: 'custom.axisPlacement', value: 'right' },
            ],
          },
        ],
      }),
      { w: 24, h: 8 },
    )
    .row('Endpoints')
    .add(
      tablePanel({
        title: 'Endpoint breakdown',
        description:
          'Per request name and region: requests (http_reqs), error rate (http_req_failed) and http_req_duration statistics over the time range',
        unit: 'ms',
        targets: [
          influxTarget(
            'A',
            influxql({
              select: `sum("value") AS "requests"`,
              from: m('http_reqs'),
              where: [...request, filters.time],
              groupBy: ['"name"', '"region"'],
            }),
            { format: 'table' },
          ),
          influxTarget(
            'B',
            influxql({
              select: `mean("value") AS "error rate"`,
              from: m('http_req_failed'),
              where: [...request, filters.time],
              groupBy: ['"name"', '"region"'],
            }),
            { format: 'table' },
          ),
          influxTarget(
            'C',
            influxql({
              select: `mean("value") AS "avg", percentile("value", 50) AS "p50", percentile("value", 95) AS "p95", percentile("value", 99) AS "p99", max("value") AS "max"`,
              from: m('http_req_duration'),
              where: [...request, filters.time],
              groupBy: ['"name"', '"region"'],
            }),
            { format: 'table' },
          ),
        ],
        overrides: [unitOverride('requests', 'short'), unitOverride('error rate', 'percentunit')],
      }),
      { w: 24, h: 10 },
    );

  return dashboardShell({
    uid: 'fpt-regional-api',
    title: 'Regional API performance',
    description:
      'One FPT run across regions: latency percentiles, errors, throughput and a per-endpoint breakdown',
    tags: ['fpt', 'k6', 'api'],
    variables,
    panels: layout.panels,
  });
}
