const EMPTY = '—';

/** Rounds to three significant figures without ever switching to exponent notation. */
export function threeSignificant(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(3));
}

/**
 * A latency as people read it: milliseconds below one second, seconds from there on, three significant
 * figures (`0.412 ms`, `12.3 ms`, `612 ms`, `1.23 s`). Null (no requests) shows as a dash.
 */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return EMPTY;
  const rounded = threeSignificant(ms);
  // 999.7 rounds to 1000: that is a second, not "1000 ms".
  if (Math.abs(rounded) < 1000) return `${rounded} ms`;
  return `${threeSignificant(ms / 1000).toLocaleString('en-US')} s`;
}
