import { isFigure, noValue } from './figure.js';
import { groupThousands, trimNumber } from './trim-number.js';

/** A count with thousands separators ("12,345"); fractions (a custom counter's sum) keep 3 significant figures. */
export function formatCount(value: number | null | undefined): string {
  if (!isFigure(value)) return noValue;
  return Number.isInteger(value) ? groupThousands(value) : trimNumber(value);
}

/** A count for a tile, shortened with k and M from 10,000 on ("9,999", "12.3k", "4.56M"). */
export function formatCompactCount(value: number | null | undefined): string {
  if (!isFigure(value)) return noValue;
  const size = Math.abs(value);
  // 999,950 is "1000k" to three figures: say 1M instead.
  if (size >= 1e6 || Math.abs(Number((value / 1e3).toPrecision(3))) >= 1000)
    return `${trimNumber(value / 1e6)}M`;
  if (size >= 1e4) return `${trimNumber(value / 1e3)}k`;
  return formatCount(value);
}
