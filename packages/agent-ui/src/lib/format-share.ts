/**
 * A 0..1 share as a percentage, as the HTML report writes thresholds: two decimals below 10 %, one up to
 * 100 %, none above, and "<0.01 %" rather than a misleading zero for a tiny but non-zero share.
 */
export function formatShare(share: number): string {
  if (!Number.isFinite(share)) return '—';
  const percent = share * 100;
  if (percent === 0) return '0 %';
  if (Math.abs(percent) < 0.01) return '<0.01 %';
  if (Math.abs(percent) >= 100) return `${Math.round(percent).toLocaleString('en-US')} %`;
  return `${percent.toFixed(Math.abs(percent) < 10 ? 2 : 1)} %`;
}
