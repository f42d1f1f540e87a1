import { isFigure, noValue } from './figure.js';
import { groupThousands } from './trim-number.js';

/**
 * A 0..1 share as a percentage: two decimals below 10 % (so 0.43 % is not shown as 0 %), one up to 100 %, none above,
 * and "<0.01 %" rather than a misleading zero for a tiny but non-zero share.
 */
export function formatShare(share: number | null | undefined): string {
  if (!isFigure(share)) return noValue;
  const percent = share * 100;
  if (percent === 0) return '0 %';
  if (Math.abs(percent) < 0.01) return '<0.01 %';
  // Far past a limit, decimals are noise: "1,900 %".
  if (Math.abs(percent) >= 100) return `${groupThousands(Math.round(percent))} %`;
  return `${percent.toFixed(Math.abs(percent) < 10 ? 2 : 1)} %`;
}
