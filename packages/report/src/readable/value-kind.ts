import type { MetricType, ValueContains } from '@fpt/metrics';
import { formatBytes } from '../format-bytes.js';
import { formatCount } from './format-count.js';
import { formatMs } from './format-ms.js';
import { formatPerSecond } from './format-per-second.js';
import { formatShare } from './format-share.js';
import { trimNumber } from './trim-number.js';

/** What a number means, which decides how a person reads it. */
export type ValueKind = 'time' | 'share' | 'per-second' | 'data' | 'data-per-second' | 'count' | 'number';

/** The kind of an aggregation of a metric: p(95) of a time trend is a time, rate of a counter is per second. */
export function valueKindOf(type: MetricType, contains: ValueContains, aggregation: string): ValueKind {
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
