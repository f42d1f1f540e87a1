import { trimNumber } from './trim-number.js';

/** A rate per second to 3 significant figures ("5.75/s", "1,234/s"). */
export function formatPerSecond(perSecond: number): string {
  return Number.isFinite(perSecond) ? `${trimNumber(perSecond)}/s` : '–';
}
