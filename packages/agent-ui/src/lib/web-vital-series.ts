import type { SeriesPoint } from './series-point.js';

/** A browser run's Web Vitals per second, as uPlot columns on the run charts' x axis (seconds). */
export interface WebVitalSeries {
  readonly x: number[];
  /** p75 of what the pages reported in each second; null in a second without one. */
  readonly lcpMs: (number | null)[];
  readonly inpMs: (number | null)[];
  readonly cls: (number | null)[];
}

/** The vitals over time, or undefined when no second carries one (no browser steps, an older run). */
export function buildWebVitalSeries(points: readonly SeriesPoint[]): WebVitalSeries | undefined {
  const series = {
    x: points.map((p) => p.elapsedMs / 1000),
    lcpMs: points.map((p) => p.lcpP75Ms ?? null),
    inpMs: points.map((p) => p.inpP75Ms ?? null),
    cls: points.map((p) => p.clsP75 ?? null),
  };
  const any = [series.lcpMs, series.inpMs, series.cls].some((c) => c.some((v) => v !== null));
  return any ? series : undefined;
}
