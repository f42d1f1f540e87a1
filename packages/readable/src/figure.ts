/**
 * What a figure shows when there is none (no requests, so no p95): one dash on every surface, where "0" or
 * "NaN" would read as a measurement.
 */
export const noValue = '—';

/** A number worth showing: present and finite. */
export function isFigure(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}
