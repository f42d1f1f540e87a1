import type { ThresholdOutcome, TimelinePoint } from '@fpt/metrics';
import { formatDurationMs } from '../format-duration-ms.js';
import type { LatencyByPercentile } from '../summary-data.js';
import { alignTimeline } from './align-timeline.js';
import { type ChartLimit, chartLimits } from './chart-limits.js';
import { type ChartBlock, type ChartSeriesSpec, type ChartSpec, SeriesColor } from './chart-spec.js';
import { downsampleMinMax } from './downsample-min-max.js';
import { type TimelineSeries, timelineSeries } from './timeline-series.js';

export interface ChartInputs {
  readonly series: TimelineSeries;
  readonly durationMs: number;
  readonly thresholds: readonly ThresholdOutcome[];
  /** The whole-run duration curve, absent with fewer than two requests, and how many there were. */
  readonly distribution: { readonly curve?: LatencyByPercentile; readonly requests: number };
  readonly baselineTimeline?: readonly TimelinePoint[];
  readonly baselineLabel?: string;
  /** Most points per series; above it the timeline is downsampled keeping each bucket's min and max. */
  readonly maxPoints: number;
  /**
   * A browser-only run (`isBrowserOnlyRun`) gets no request chart: iterations over time is its one
   * overview chart, and carries the VUs the throughput chart would have.
   */
  readonly browserOnly?: boolean;
}

export const ChartId = {
  throughput: 'chart-throughput',
  latency: 'chart-latency',
  errors: 'chart-errors',
  iterations: 'chart-iterations',
  distribution: 'chart-distribution',
  webVitals: 'chart-web-vitals',
} as const;

const ZOOM = 'Drag across a chart to zoom all of them; double-click or “Reset zoom” to go back.';

/** The overview charts over time, plus the latency distribution, each with a reason when it cannot be drawn. */
export function buildChartBlocks(inputs: ChartInputs): {
  readonly timeline: ChartBlock[];
  readonly distribution: ChartBlock;
  /** Which thresholds the charts leave out, said once under them. */
  readonly footnote?: string;
  /** The timeline's length when the charts show fewer points. */
  readonly downsampledFrom?: number;
} {
  const { series } = inputs;
  const { limits, undrawn } = chartLimits(inputs.thresholds);
  const footnote =
    undrawn > 0
      ? `${undrawn} threshold${undrawn === 1 ? ' is' : 's are'} on a sub-metric or a metric without a timeline and ${undrawn === 1 ? 'is' : 'are'} not drawn here; see Thresholds.`
      : undefined;
  const titles = {
    throughput: [
      'Throughput',
      `Requests and failed requests per second (left) and active VUs (grey area, right), per interval. ${ZOOM}`,
    ],
    latency: [
      'Latency',
      `p50, p95 and p99 of the requests that finished in each interval, all responses (failed ones included). Dashed: threshold limits; red bands: intervals past a limit. ${ZOOM}`,
    ],
    errors: [
      'Error rate',
      `Share of each interval's requests whose response was not expected (http_req_failed). ${ZOOM}`,
    ],
    iterations: [
      'Iterations over time',
      `Iterations completed per second, and iterations dropped because no VU was free in time (arrival-rate executors)${inputs.browserOnly ? '; active VUs (grey area, right)' : ''}. ${ZOOM}`,
    ],
  } as const;
  const shown = (Object.keys(titles) as (keyof typeof titles)[]).filter(
    (key) => !inputs.browserOnly || key === 'iterations',
  );
  const block = (key: keyof typeof titles, rest: Partial<ChartBlock>): ChartBlock => ({
    id: ChartId[key],
    title: titles[key][0],
    hint: titles[key][1],
    ...rest,
  });
  const distribution = distributionBlock(inputs.distribution);

  const n = series.tSec.length;
  if (n < 2) {
    const note = thinTimelineNote(n, inputs.durationMs);
    return {
      timeline: shown.map((key) => block(key, { note })),
      distribution,
    };
  }

  const baseline = baselineColumns(series, inputs.baselineTimeline);
  const columns = [
    series.vus,
    series.requestsPerSec,
    series.failedPerSec,
    series.errorRatePct,
    series.p50Ms,
    series.p95Ms,
    series.p99Ms,
    series.iterationsPerSec,
    series.droppedPerSec,
    baseline?.requestsPerSec ?? [],
    baseline?.p95Ms ?? [],
    baseline?.vus ?? [],
  ];
  const sampled = downsampleMinMax(series.tSec, columns, inputs.maxPoints);
  const [
    vus,
    rps,
    failedPerSec,
    errorPct,
    p50,
    p95,
    p99,
    iterationsPerSec,
    droppedPerSec,
    baseRps,
    baseP95,
    baseVus,
  ] = sampled.columns.map((c) => [...c]) as (number | null)[][];
  const x = sampled.x;
  const label = inputs.baselineLabel ?? 'baseline';

  const spec = (
    id: string,
    left: ChartSpec['left'],
    list: ChartSeriesSpec[],
    chart: ChartLimit['chart'] | undefined,
    targets: Record<string, number>,
    right?: ChartSpec['right'],
  ): ChartSpec => {
    const series = [...list];
    const breaches: ChartSpec['breaches'][number][] = [];
    for (const limit of limits.filter((l) => l.chart === chart)) {
      series.push({
        label: limit.label,
        color: SeriesColor.limit,
        unit: left.unit,
        values: x.map(() => limit.value),
        axis: 'left',
        dash: [6, 4],
      });
      const target = targets[limit.target];
      if (limit.shaded && target !== undefined)
        breaches.push({ series: target, op: limit.op, value: limit.value });
    }
    return { id, xKind: 'elapsed', x, left, ...(right ? { right } : {}), series, breaches };
  };

  const vusSeries: ChartSeriesSpec = {
    label: 'VUs',
    color: SeriesColor.vus,
    unit: 'vus',
    values: vus!,
    axis: 'right',
    fill: true,
  };
  const throughputSeries: ChartSeriesSpec[] = [
    { label: 'requests/s', color: SeriesColor.requests, unit: 'per-second', values: rps!, axis: 'left' },
    { label: 'failed/s', color: SeriesColor.errors, unit: 'per-second', values: failedPerSec!, axis: 'left' },
    vusSeries,
  ];
  if (baseline) {
    throughputSeries.push(
      {
        label: `requests/s, ${label}`,
        color: SeriesColor.requests,
        unit: 'per-second',
        values: baseRps!,
        axis: 'left',
        dash: [3, 3],
      },
      {
        label: `VUs, ${label}`,
        color: SeriesColor.vus,
        unit: 'vus',
        values: baseVus!,
        axis: 'right',
        dash: [3, 3],
      },
    );
  }
  const latencySeries: ChartSeriesSpec[] = [
    { label: 'p50', color: SeriesColor.p50, unit: 'ms', values: p50!, axis: 'left' },
    { label: 'p95', color: SeriesColor.p95, unit: 'ms', values: p95!, axis: 'left' },
    { label: 'p99', color: SeriesColor.p99, unit: 'ms', values: p99!, axis: 'left' },
  ];
  if (baseline)
    latencySeries.push({
      label: `p95, ${label}`,
      color: SeriesColor.p95,
      unit: 'ms',
      values: baseP95!,
      axis: 'left',
      dash: [3, 3],
    });

  const hasLatency = [p50, p95, p99].some((c) => c!.some((v) => v !== null));
  const hasRequests = errorPct!.some((v) => v !== null);
  const noRequests = 'No request finished during the run, so there is nothing to draw here.';
  const blocks: Record<keyof typeof titles, ChartBlock> = {
    throughput: block('throughput', {
      spec: spec(
        ChartId.throughput,
        { label: 'requests per second', unit: 'per-second' },
        throughputSeries,
        'throughput',
        { requestsPerSec: 0 },
        { label: 'VUs', unit: 'vus' },
      ),
    }),
    latency: block(
      'latency',
      hasLatency
        ? {
            spec: spec(
              ChartId.latency,
              { label: 'request duration (ms)', unit: 'ms' },
              latencySeries,
              'latency',
              { p50Ms: 0, p95Ms: 1, p99Ms: 2 },
            ),
          }
        : { note: noRequests },
    ),
    errors: block(
      'errors',
      hasRequests
        ? {
            spec: spec(
              ChartId.errors,
              { label: 'failed requests (%)', unit: 'percent' },
              [
                {
                  label: 'error rate',
                  color: SeriesColor.errors,
                  unit: 'percent',
                  values: errorPct!,
                  axis: 'left',
                },
              ],
              'errors',
              { errorRatePct: 0 },
            ),
          }
        : { note: noRequests },
    ),
    iterations: block('iterations', {
      spec: spec(
        ChartId.iterations,
        { label: 'iterations per second', unit: 'per-second' },
        [
          {
            label: 'iterations/s',
            color: SeriesColor.iterations,
            unit: 'per-second',
            values: iterationsPerSec!,
            axis: 'left',
          },
          {
            label: 'dropped/s',
            color: SeriesColor.dropped,
            unit: 'per-second',
            values: droppedPerSec!,
            axis: 'left',
          },
          ...(inputs.browserOnly ? [vusSeries] : []),
        ],
        undefined,
        {},
        inputs.browserOnly ? { label: 'VUs', unit: 'vus' } : undefined,
      ),
    }),
  };
  return {
    timeline: shown.map((key) => blocks[key]),
    distribution,
    ...(footnote === undefined ? {} : { footnote }),
    ...(sampled.x.length < n ? { downsampledFrom: n } : {}),
  };
}

function baselineColumns(series: TimelineSeries, timeline: readonly TimelinePoint[] | undefined) {
  if (timeline === undefined || timeline.length === 0) return undefined;
  const other = timelineSeries(timeline);
  const gaps = series.tSec.slice(1).map((t, i) => t - series.tSec[i]!);
  const tolerance = Math.max(0.5, ...gaps.slice(0, 50));
  const align = (values: readonly (number | null)[]) =>
    alignTimeline(series.tSec, other.tSec, values, tolerance);
  return { requestsPerSec: align(other.requestsPerSec), p95Ms: align(other.p95Ms), vus: align(other.vus) };
}

function thinTimelineNote(points: number, durationMs: number): string {
  const lasted = `The run lasted ${formatDurationMs(durationMs)}`;
  if (points === 0) {
    return `Not enough data to chart: no per-interval point was recorded. ${lasted}, shorter than one aggregation window. The totals in the tiles and tables cover the whole run.`;
  }
  return `Not enough data to chart: one per-interval point only (a chart needs two). ${lasted}. The totals in the tiles and tables cover the whole run.`;
}

/**
 * Duration by percentile: x is the number of nines (-log10 of the tail), so 99 % and 99.9 % get room.
 * The curve is the summary's own (latencyByPercentile), the one the agent's web UI draws as well.
 */
function distributionBlock({ curve, requests }: ChartInputs['distribution']): ChartBlock {
  const base = {
    id: ChartId.distribution,
    title: 'Latency by percentile',
    hint: 'Request duration at each percentile of the whole run, all responses, from the merged HDR histogram (at most 0.1 % above the true value). The axis stretches the tail: 90 %, 99 %, 99.9 %.',
  };
  if (curve === undefined) {
    return {
      ...base,
      note:
        requests === 0
          ? 'Not enough data: no request finished during the run.'
          : 'Not enough data: one request only, so there is no distribution to draw.',
    };
  }
  return {
    ...base,
    spec: {
      id: ChartId.distribution,
      xKind: 'nines',
      x: [...curve.nines],
      left: { label: 'request duration (ms)', unit: 'ms' },
      series: [
        { label: 'duration', color: SeriesColor.p95, unit: 'ms', values: [...curve.ms], axis: 'left' },
      ],
      breaches: [],
    },
  };
}
