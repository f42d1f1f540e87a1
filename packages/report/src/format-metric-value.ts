import type { ValueContains } from '@fpt/metrics';
import { formatBytes } from '@fpt/readable';
import { formatDurationMs } from './format-duration-ms.js';
import { formatNumber } from './format-number.js';

/** One value of a trend, gauge or counter in its metric's unit: time in ms, data in bytes, else plain. */
export function formatMetricValue(value: number, contains: ValueContains): string {
  switch (contains) {
    case 'time':
      return formatDurationMs(value);
    case 'data':
      return formatBytes(value);
    default:
      return formatNumber(value);
  }
}
