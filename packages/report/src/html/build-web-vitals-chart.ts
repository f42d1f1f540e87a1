import { ChartId } from './build-chart-blocks.js';
import { type ChartBlock, SeriesColor } from './chart-spec.js';
import { downsampleMinMax } from './downsample-min-max.js';
import type { TimelineSeries } from './timeline-series.js';

/**
 * LCP and INP (ms, left) and CLS (score, right) per interval: the p75 of what the pages reported in each
 * second. Undefined for a run whose timeline carries no vital (no browser steps, or an older summary).
 */
export function buildWebVitalsChart(series: TimelineSeries, maxPoints: number): ChartBlock | undefined {
  const columns = [series.lcpP75Ms, series.inpP75Ms, series.clsP75];
  if (!columns.some((c) => c.some((v) => v !== null))) return undefined;
  const block = {
    id: ChartId.webVitals,
    title: 'Web Vitals over time',
    hint: 'p75 of the LCP, INP and CLS the pages reported in each interval; dots mark the intervals that had one. Good: LCP ≤ 2.5 s, INP ≤ 200 ms, CLS ≤ 0.1. Drag across a chart to zoom all of them; double-click or “Reset zoom” to go back.',
  };
  if (series.tSec.length < 2)
    return { ...block, note: 'Not enough data to chart: one per-interval point only (a chart needs two).' };
  const sampled = downsampleMinMax(series.tSec, columns, maxPoints);
  const [lcp, inp, cls] = sampled.columns.map((c) => [...c]);
  return {
    ...block,
    spec: {
      id: ChartId.webVitals,
      xKind: 'elapsed',
      x: sampled.x,
      left: { label: 'p75 (ms)', unit: 'ms' },
      right: { label: 'CLS p75 (score)', unit: 'score' },
      series: [
        { label: 'LCP', color: SeriesColor.lcp, unit: 'ms', values: lcp!, axis: 'left', sparse: true },
        { label: 'INP', color: SeriesColor.inp, unit: 'ms', values: inp!, axis: 'left', sparse: true },
        { label: 'CLS', color: SeriesColor.cls, unit: 'score', values: cls!, axis: 'right', sparse: true },
      ],
      breaches: [],
    },
  };
}
