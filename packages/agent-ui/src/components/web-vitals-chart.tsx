import { useMemo } from 'preact/hooks';
import type { SeriesPoint } from '../lib/series-point.js';
import { buildWebVitalSeries } from '../lib/web-vital-series.js';
import { seriesColor } from './colors.js';
import { type ChartLine, TimeChart } from './time-chart.js';

/**
 * LCP and INP (ms, left) and CLS (score, right) second by second: the p75 of what the pages reported in
 * each, as the HTML report's "Web Vitals over time" draws them. It zooms with the run's other charts.
 */
export function WebVitalsChart({
  points,
  syncKey,
}: {
  readonly points: readonly SeriesPoint[];
  readonly syncKey: string;
}) {
  const series = useMemo(() => buildWebVitalSeries(points), [points]);
  const lines = useMemo(
    (): ChartLine[] => [
      { label: 'LCP', color: seriesColor.lcp, values: series?.lcpMs ?? [], unit: 'ms', sparse: true },
      { label: 'INP', color: seriesColor.inp, values: series?.inpMs ?? [], unit: 'ms', sparse: true },
      {
        label: 'CLS',
        color: seriesColor.cls,
        values: series?.cls ?? [],
        unit: 'number',
        right: true,
        sparse: true,
      },
    ],
    [series],
  );
  return (
    <TimeChart
      id="chart-web-vitals"
      title="Web Vitals over time"
      note="p75 of what the pages reported each second; good: LCP ≤ 2.5 s, INP ≤ 200 ms, CLS ≤ 0.1"
      syncKey={syncKey}
      x={series?.x ?? []}
      yLabel="p75 (ms)"
      rightLabel="CLS p75 (score)"
      emptyReason={
        series
          ? undefined
          : 'This run has no Web Vitals per second: its pages reported none, or an older FPT version ran it.'
      }
      lines={lines}
    />
  );
}
