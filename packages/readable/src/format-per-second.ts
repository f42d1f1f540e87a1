import { isFigure, noValue } from './figure.js';
import { trimNumber } from './trim-number.js';

/** A rate per second to 3 significant figures ("5.75/s", "1,234/s"). */
export function formatPerSecond(perSecond: number | null | undefined): string {
  return isFigure(perSecond) ? `${trimNumber(perSecond)}/s` : noValue;
}
