import { formatNumber } from './format-number.js';

/** A per-second rate such as a counter's `13.122179/s`. */
export function formatRate(ratePerSec: number): string {
  return `${formatNumber(ratePerSec)}/s`;
}
