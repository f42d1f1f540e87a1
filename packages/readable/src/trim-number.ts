import { noValue } from './figure.js';

/**
 * `value` to `significant` significant figures without trailing zeros ("58", "1.23", "0.85"), and as a
 * whole number with thousands separators from 1000 up, where toPrecision would switch to exponents.
 */
export function trimNumber(value: number, significant = 3): string {
  if (!Number.isFinite(value)) return noValue;
  if (value < 0) return '-' + trimNumber(-value, significant);
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(significant));
  if (rounded >= 1000) return groupThousands(Math.round(value));
  // Number() drops the trailing zeros toPrecision keeps; tiny values fall back to fixed notation.
  return rounded < 1e-6 ? rounded.toExponential(significant - 1) : String(rounded);
}

/** 1234567 → "1,234,567", the same on every machine: no locale, which a browser and a CI runner differ in. */
export function groupThousands(whole: number): string {
  const text = String(Math.trunc(Math.abs(whole)));
  const grouped = text.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return whole < 0 ? `-${grouped}` : grouped;
}
