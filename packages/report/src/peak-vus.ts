import type { SummaryData } from './summary-data.js';

/**
 * The most VUs that ran at once: the peak of the timeline, whose points hold the most VUs running at once in
 * each interval, or of the `vus` gauge when that is higher (a run shorter than one interval). A merged run
 * (fleet, `fpt merge`) adds its parts' per-second peaks in the timeline, while its merged gauge holds only the
 * largest part's, so the timeline gives the whole fleet's peak. Every surface (the report's tile, the history
 * row, the UI, a fleet region) shows this one number; `vus_max` is another figure (VUs initialised, as the
 * console header's "max VUs").
 */
export function peakVus(data: SummaryData): number | null {
  const gauge = Object.hasOwn(data.metrics, 'vus') ? data.metrics.vus?.values.max : undefined;
  const fromGauge = typeof gauge === 'number' && Number.isFinite(gauge) ? gauge : null;
  const fromTimeline = data.fpt.timeline.reduce<number | null>(
    (peak, point) => (peak === null || point.vus > peak ? point.vus : peak),
    null,
  );
  if (fromGauge === null) return fromTimeline;
  return fromTimeline === null ? fromGauge : Math.max(fromGauge, fromTimeline);
}
