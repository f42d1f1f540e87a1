import { groupThousands, trimNumber } from './trim-number.js';

/** A count with thousands separators ("12,345"); fractions keep 3 significant figures. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return Number.isInteger(value) ? groupThousands(value) : trimNumber(value);
}

/** A count for a tile, shortened with k and M ("12.3k", "4.5M"). */
export function formatCompactCount(value: number): string {
  const size = Math.abs(value);
  if (size >= 1e6) return `${trimNumber(value / 1e6)}M`;
  if (size >= 1e4) return `${trimNumber(value / 1e3)}k`;
  return formatCount(value);
}
