/**
 * An error rate (a fraction, 0..1) as a percentage: two decimals below 1 % so that a small but real
 * error rate never reads as zero, one decimal above. Exactly zero is `0 %`.
 */
export function formatErrorPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  if (fraction === 0) return '0 %';
  const percent = fraction * 100;
  if (Math.abs(percent) < 0.01) return `<0.01 %`;
  return `${percent.toFixed(Math.abs(percent) < 1 ? 2 : 1)} %`;
}

/** A signed change in percent, e.g. `+18.2 %`, `-3.0 %`. */
export function formatSignedPercent(percent: number): string {
  const text = percent.toFixed(1);
  return `${percent > 0 ? '+' : ''}${text === '-0.0' ? '0.0' : text} %`;
}

/** A signed change in percentage points, e.g. `+0.40 pp`. */
export function formatPercentagePoints(points: number): string {
  const text = points.toFixed(2);
  return `${points > 0 ? '+' : ''}${text === '-0.00' ? '0.00' : text} pp`;
}
