import { isFigure, noValue } from './figure.js';
import { formatShare } from './format-share.js';
import { formatValue, type ValueKind } from './value-kind.js';

/**
 * A threshold's room to its limit in the metric's unit, signed: "+88 ms" inside, "−20 ms" past it. A
 * rate's room is a difference of two percentages, so it reads in percentage points ("−4.65 pp"), not as
 * a share of the limit, which the margin % column already gives.
 */
export function formatRoom(room: number | null | undefined, kind: ValueKind): string {
  if (!isFigure(room)) return noValue;
  const size = Math.abs(room);
  const text = kind === 'share' ? formatShare(size).replace(/ %$/, ' pp') : formatValue(size, kind);
  return `${room >= 0 ? '+' : '−'}${text}`;
}

/** A margin as a share of the limit, signed (a minus sign, not a hyphen): "+18.0 %" inside, "−465 %" past it. */
export function formatMarginShare(margin: number | null | undefined): string {
  if (!isFigure(margin)) return noValue;
  return `${margin >= 0 ? '+' : '−'}${formatShare(Math.abs(margin))}`;
}
