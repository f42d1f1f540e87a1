import { type MetricDefinition, type Sink, trendStat } from '@fpt/metrics';
import { formatBytes } from '@fpt/readable';
import { formatMetricValue } from './format-metric-value.js';
import { formatNumber } from './format-number.js';
import { formatPercent } from './format-percent.js';
import { formatRate } from './format-rate.js';

export interface MetricRowCells {
  readonly cells: readonly string[];
  readonly aligned: boolean;
}

/**
 * The values of one console row: trend `avg=.. min=..`, counter `count rate/s`, rate
 * `12.34% 5 out of 40`, gauge `value min=.. max=..`, or `no data` for a metric without samples
 * (where k6 would print zeros that look like measurements).
 */
export function metricRowCells(
  sink: Sink,
  definition: Pick<MetricDefinition, 'contains'>,
  trendStats: readonly string[],
  elapsedMs: number,
): MetricRowCells {
  if (sink.empty) return { cells: ['no data'], aligned: false };
  const unit = (value: number) => formatMetricValue(value, definition.contains);
  switch (sink.type) {
    case 'trend':
      return {
        cells: trendStats.map((stat) => {
          const value = trendStat(sink, stat);
          return `${stat}=${stat.trim() === 'count' ? formatNumber(value) : unit(value)}`;
        }),
        aligned: false,
      };
    case 'counter': {
      const ratePerSec = sink.ratePerSec(elapsedMs);
      const rate = definition.contains === 'data' ? `${formatBytes(ratePerSec)}/s` : formatRate(ratePerSec);
      return { cells: [unit(sink.count), rate], aligned: true };
    }
    case 'rate':
      return {
        cells: [formatPercent(sink.rate ?? 0), `${sink.passes} out of ${sink.total}`],
        aligned: true,
      };
    case 'gauge':
      return { cells: [unit(sink.value), `min=${unit(sink.min)}`, `max=${unit(sink.max)}`], aligned: true };
  }
}
