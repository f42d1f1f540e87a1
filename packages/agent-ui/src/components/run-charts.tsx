import type { LivePoint } from '@fpt/api-types';
import { useMemo } from 'preact/hooks';
import type { ChartLimit } from '../lib/chart-limits.js';
import { buildPerRequestSeries } from '../lib/per-request-series.js';
import { buildRunSeries, emptyChartReason, noPointsYet } from '../lib/run-series.js';
import type { SeriesPoint } from '../lib/series-point.js';
import { resetZoom } from './chart-sync.js';
import { requestPalette, seriesColor } from './colors.js';
import { type ChartLine, TimeChart } from './time-chart.js';

export interface RunChartsProps {
  readonly points: readonly SeriesPoint[];
  /** The live stream's points, when there are any: they carry the per-request figures. */
  readonly livePoints?: readonly LivePoint[];
  readonly limits: readonly ChartLimit[];
  readonly syncKey: string;
}

function limitLine(limits: readonly ChartLimit[], series: ChartLimit['series'], length: number): ChartLine[] {
  return limits
    .filter((l) => l.series === series)
    .map(
      (l): ChartLine => ({
        label: l.label,
        color: seriesColor.limit,
        dashed: true,
        unit: series === 'errorPct' ? 'percent' : 'ms',
        limit: { value: l.value },
        values: new Array<number>(length).fill(l.value),
      }),
    );
}

/** The run's timeline: throughput with VUs, latency percentiles, error rate and the busiest requests' p95. */
export function RunCharts({ points, livePoints, limits, syncKey }: RunChartsProps) {
  const series = useMemo(() => buildRunSeries(points), [points]);
  const perRequest = useMemo(
    () => (livePoints ? buildPerRequestSeries(livePoints) : undefined),
    [livePoints],
  );
  const lines = useMemo(() => {
    const n = series.x.length;
    return {
      throughput: [
        {
          label: 'VUs',
          color: seriesColor.vus,
          values: series.vus,
          right: true,
          area: true,
          unit: 'count',
        },
        {
          label: 'requests/s',
          color: seriesColor.requests,
          values: series.requestsPerSec,
          unit: 'per-second',
        },
        { label: 'failed/s', color: seriesColor.errors, values: series.failedPerSec, unit: 'per-second' },
      ] satisfies ChartLine[],
      latency: [
        { label: 'p50', color: seriesColor.p50, values: series.p50Ms, unit: 'ms' },
        { label: 'p95', color: seriesColor.p95, values: series.p95Ms, unit: 'ms' },
        { label: 'p99', color: seriesColor.p99, values: series.p99Ms, unit: 'ms' },
        ...limitLine(limits, 'p50', n),
        ...limitLine(limits, 'p95', n),
        ...limitLine(limits, 'p99', n),
      ] satisfies ChartLine[],
      errors: [
        { label: 'error %', color: seriesColor.errors, values: series.errorPct, unit: 'percent' },
        ...limitLine(limits, 'errorPct', n),
      ] satisfies ChartLine[],
      perRequest: (perRequest?.names ?? []).map(
        (name, i): ChartLine => ({
          label: name,
          color: requestPalette[i % requestPalette.length]!,
          values: perRequest!.p95Ms[i]!,
          unit: 'ms',
        }),
      ),
      perRequestX: livePoints ? livePoints.map((p) => p.elapsedMs / 1000) : [],
    };
  }, [series, perRequest, limits, livePoints]);
  const perRequestEmpty =
    perRequest === undefined
      ? 'Per-request figures come from the live stream, which this run did not replay.'
      : perRequest.names.length === 0
        ? 'No request finished yet.'
        : undefined;
  return (
    <section class="charts" aria-label="Charts">
      <div class="charts-toolbar">
        <span class="muted small">Drag across a chart to zoom all of them; double-click or</span>
        <button type="button" class="link-button" onClick={() => resetZoom(syncKey)}>
          Reset zoom
        </button>
      </div>
      <div class="chart-grid">
        <TimeChart
          id="chart-throughput"
          title="Throughput and VUs"
          note="per second"
          syncKey={syncKey}
          x={series.x}
          yLabel="requests (/s)"
          rightLabel="VUs"
          emptyReason={emptyChartReason(points, false)}
          lines={lines.throughput}
        />
        <TimeChart
          id="chart-latency"
          title="Latency"
          note="of the requests that finished in each second, failed ones included"
          syncKey={syncKey}
          x={series.x}
          yLabel="duration (ms)"
          emptyReason={emptyChartReason(points, true)}
          lines={lines.latency}
        />
        <TimeChart
          id="chart-errors"
          title="Error rate"
          note="failed requests / requests, per second"
          syncKey={syncKey}
          x={series.x}
          yLabel="failed (%)"
          emptyReason={emptyChartReason(points, false)}
          lines={lines.errors}
        />
        <TimeChart
          id="chart-requests"
          title="p95 by request"
          note={
            perRequest && perRequest.otherNames > 0
              ? `top 5 by count; ${perRequest.otherNames} more not drawn`
              : 'busiest 5 request names'
          }
          syncKey={syncKey}
          x={lines.perRequestX}
          yLabel="p95 (ms)"
          emptyReason={perRequestEmpty}
          lines={lines.perRequest}
        />
      </div>
    </section>
  );
}

/**
 * A browser-only run's load over time: iterations per second and the VUs running them, where an API run has
 * its throughput chart (the HTML report draws the same, under "Over time").
 */
export function IterationsChart({
  points,
  syncKey,
}: {
  readonly points: readonly SeriesPoint[];
  readonly syncKey: string;
}) {
  const series = useMemo(() => buildRunSeries(points), [points]);
  const lines: ChartLine[] = [
    { label: 'VUs', color: seriesColor.vus, values: series.vus, right: true, area: true, unit: 'count' },
    {
      label: 'iterations/s',
      color: seriesColor.requests,
      values: series.iterationsPerSec,
      unit: 'per-second',
    },
  ];
  return (
    <section class="charts" aria-label="Charts">
      <div class="chart-grid">
        <TimeChart
          id="chart-iterations"
          title="Iterations and VUs"
          note="per second"
          syncKey={syncKey}
          x={series.x}
          yLabel="iterations (/s)"
          rightLabel="VUs"
          emptyReason={points.length === 0 ? noPointsYet : undefined}
          lines={lines}
        />
      </div>
    </section>
  );
}
