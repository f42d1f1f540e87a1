import { threeSignificant } from './format-latency.js';

/** A rate per second with three significant figures: `0.5/s`, `12.3/s`, `1,230/s`. */
export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond === null || perSecond === undefined || !Number.isFinite(perSecond)) return '—';
  return `${threeSignificant(perSecond).toLocaleString('en-US')}/s`;
}
