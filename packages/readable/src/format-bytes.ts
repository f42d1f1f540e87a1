import { isFigure, noValue } from './figure.js';

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;
const BASE = 1000;

/**
 * Bytes in SI units (powers of 1000) as k6 prints data metrics: `718 B`, `4.9 kB`, `519 kB`, `12 MB`.
 * One decimal below 10 of a unit, none above, and whole bytes.
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (!isFigure(bytes)) return noValue;
  if (bytes < 0) return '-' + formatBytes(-bytes);
  let unit = 0;
  let value = bytes;
  while (value >= BASE && unit < UNITS.length - 1) {
    value /= BASE;
    unit++;
  }
  if (unit === 0) {
    const whole = Math.round(value);
    // 999.6 B would print as "1000 B"; move up a unit instead, as the larger values do below.
    return whole >= BASE ? `1.0 ${UNITS[1]}` : `${whole} B`;
  }
  let rounded = Math.round(value * 10) / 10;
  if (rounded >= BASE && unit < UNITS.length - 1) {
    unit++;
    rounded = Math.round((value / BASE) * 10) / 10;
  }
  const text = rounded < 10 ? rounded.toFixed(1) : rounded.toFixed(0);
  return `${text} ${UNITS[unit]}`;
}
