import { isFigure, noValue } from './figure.js';
import { trimNumber } from './trim-number.js';

/** A latency for people: ms below one second, then s, to 3 significant figures ("612 ms", "1.23 s"). */
export function formatMs(ms: number | null | undefined): string {
  if (!isFigure(ms)) return noValue;
  // 999.7 ms rounds to 1000: that is a second, not "1000 ms".
  return Math.abs(Number(ms.toPrecision(3))) < 1000 ? `${trimNumber(ms)} ms` : `${trimNumber(ms / 1000)} s`;
}
