import type { SummaryMetric } from '../api/summary-types.js';
import { formatCount } from './format-count.js';
import { formatMs, threeSignificant } from './format-latency.js';
import { formatErrorPercent } from './format-percent.js';
import { formatRate } from './format-rate.js';

/**
 * One value of a summary metric in its unit: a time trend's stats in ms, a rate as a percentage with its
 * passes and fails as counts, a counter's rate per second, counts with separators, anything else to three
 * significant figures. (A custom metric holds no bytes: only built-ins do.)
 */
export function formatMetricValue(entry: SummaryMetric, stat: string, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (stat === 'count' || stat === 'passes' || stat === 'fails')
    return Number.isInteger(value) ? formatCount(value) : plain(value);
  switch (entry.type) {
    case 'rate':
      return formatErrorPercent(value);
    case 'counter':
      return stat === 'rate' ? formatRate(value) : plain(value);
    case 'trend':
      return entry.contains === 'time' ? formatMs(value) : plain(value);
    default:
      return plain(value);
  }
}

function plain(value: number): string {
  return threeSignificant(value).toLocaleString('en-US');
}
