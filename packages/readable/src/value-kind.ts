import { noValue } from './figure.js';
import { formatBytes } from './format-bytes.js';
import { formatCount } from './format-count.js';
import { formatMs } from './format-ms.js';
import { formatPerSecond } from './format-per-second.js';
import { formatShare } from './format-share.js';
import { trimNumber } from './trim-number.js';

/** What a summary says of a metric that decides its unit: k6's type, and what its values are (ms, bytes). */
export interface MetricFacts {
  readonly type: 'counter' | 'gauge' | 'rate' | 'trend';
  readonly contains: 'default' | 'time' | 'data';
}

/** What a number means, which decides how a person reads it. */
export type ValueKind = 'time' | 'share' | 'per-second' | 'data' | 'data-per-second' | 'count' | 'number';

/** The kind of an aggregation of a metric: p(95) of a time trend is a time, rate of a counter is per second. */
export function valueKindOf(
  type: MetricFacts['type'],
  contains: MetricFacts['contains'],
  aggregation: string,
): ValueKind {
  switch (type) {
    case 'rate':
      // A rate's passes and fails are how many samples were true and false.
      return aggregation === 'passes' || aggregation === 'fails' ? 'count' : 'share';
    case 'counter':
      if (aggregation === 'rate') return contains === 'data' ? 'data-per-second' : 'per-second';
      return contains === 'data' ? 'data' : 'count';
    case 'trend':
      if (aggregation === 'count') return 'count';
      return contains === 'time' ? 'time' : contains === 'data' ? 'data' : 'number';
    default:
      return contains === 'data' ? 'data' : 'number';
  }
}

export function formatValue(value: number, kind: ValueKind): string {
  switch (kind) {
    case 'time':
      return formatMs(value);
    case 'share':
      return formatShare(value);
    case 'per-second':
      return formatPerSecond(value);
    case 'data':
      return formatBytes(value);
    case 'data-per-second':
      return `${formatBytes(value)}/s`;
    case 'count':
      return formatCount(value);
    default:
      return trimNumber(value);
  }
}

/** One stat of a summary metric in its unit ("612 ms", "75.0 %", "2/s", "12,345"); a dash where it has none. */
export function formatStat(metric: MetricFacts, stat: string, value: number | undefined): string {
  return value === undefined ? noValue : formatValue(value, valueKindOf(metric.type, metric.contains, stat));
}
