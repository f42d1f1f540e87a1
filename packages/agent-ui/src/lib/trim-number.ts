import { threeSignificant } from './format-latency.js';

/**
 * A plain number to three significant figures, as written (`0.0512`, `12.3`, `582`), with thousands
 * separators from 1,000 on (`12,346`): never exponents, never digits cut by a locale's default.
 */
export function trimNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const rounded = threeSignificant(value);
  return Math.abs(rounded) >= 1000 ? Math.round(value).toLocaleString('en-US') : String(rounded);
}
