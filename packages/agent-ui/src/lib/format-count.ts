const EMPTY = '—';

/** A count with thousands separators: 12345 → `12,345`. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return Math.round(value).toLocaleString('en-US');
}

/** A count for a tile, where space is short: `987`, `12.3k`, `4.56M`. */
export function formatCompactCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (magnitude >= 1e3) {
    const thousands = Number((value / 1e3).toPrecision(3));
    // 999,950 rounds to 1000k: say 1M instead.
    return Math.abs(thousands) >= 1000 ? `${Number((value / 1e6).toPrecision(3))}M` : `${thousands}k`;
  }
  return String(Math.round(value));
}
