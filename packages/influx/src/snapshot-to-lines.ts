import { decodeSink, type MetricsSnapshot, type Tags } from '@fpt/metrics';
import { type FormattedSeries, formatSeries } from './format-series.js';
import type { TagAsField } from './influx-output-config.js';
import { ratePseudoSamples } from './rate-pseudo-samples.js';
import { type IntervalWindow, spreadInWindow } from './spread-in-window.js';
import { trendPseudoSamples } from './trend-pseudo-samples.js';

export interface SnapshotLineOptions {
  /** Test-wide tags added to every point (testid, preset, region, agent). */
  readonly runTags: Tags;
  readonly tagsAsFields: readonly TagAsField[];
  /** Cap on trend and rate pseudo-samples per series in this window. */
  readonly maxPointsPerSeries: number;
}

export interface SnapshotLines {
  readonly lines: string[];
  /** Series that could not be decoded, skipped so one bad series does not cost the others. */
  readonly badSeries: number;
}

/**
 * One interval's snapshot as line protocol, in k6's data model: measurement = metric name, field `value`,
 * sample tags as tags (plus the run tags). By metric type:
 * - counter: one point, value = the interval's sum (so `sum("value")` adds up as over k6's per-sample points);
 * - gauge: one point, value = the last value set;
 * - rate: 0/1 pseudo-samples (see ratePseudoSamples);
 * - trend: HDR pseudo-samples (see trendPseudoSamples).
 * Single points are stamped at the window's end; pseudo-samples are spread inside it.
 */
export function snapshotToLines(
  delta: MetricsSnapshot,
  window: IntervalWindow,
  options: SnapshotLineOptions,
): SnapshotLines {
  const lines: string[] = [];
  const endText = String(window.endNs);
  let badSeries = 0;
  for (const series of delta.series) {
    let sink: ReturnType<typeof decodeSink>;
    let formatted: FormattedSeries;
    try {
      sink = decodeSink(series.sink);
      formatted = formatSeries(
        series.metric,
        delta.tagSets[series.tagSet] ?? {},
        options.runTags,
        options.tagsAsFields,
      );
    } catch {
      badSeries++;
      continue;
    }
    const { key, extraFields } = formatted;
    switch (sink.type) {
      case 'counter':
        if (sink.empty || !Number.isFinite(sink.count)) break;
        lines.push(`${key} value=${sink.count}${extraFields} ${endText}`);
        break;
      case 'gauge':
        if (sink.empty || !Number.isFinite(sink.value)) break;
        lines.push(`${key} value=${sink.value}${extraFields} ${endText}`);
        break;
      case 'rate': {
        const { ones, zeros } = ratePseudoSamples(sink.passes, sink.fails, options.maxPointsPerSeries);
        const times = spreadInWindow(window, ones + zeros);
        const zeroLine = `${key} value=0${extraFields} `;
        const oneLine = `${key} value=1${extraFields} `;
        for (let i = 0; i < zeros; i++) lines.push(zeroLine + times[i]);
        for (let i = zeros; i < zeros + ones; i++) lines.push(oneLine + times[i]);
        break;
      }
      case 'trend': {
        const values = trendPseudoSamples(sink, options.maxPointsPerSeries);
        const times = spreadInWindow(window, values.length);
        const prefix = `${key} value=`;
        for (let i = 0; i < values.length; i++) lines.push(`${prefix}${values[i]}${extraFields} ${times[i]}`);
        break;
      }
    }
  }
  return { lines, badSeries };
}
