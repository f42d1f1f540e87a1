/**
 * A plain number with at most six decimals and no trailing zeros (`152.355556`, `120`, `0.05`), the
 * way k6 prints values that have no unit.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1e21) return String(value);
  const text = String(Number(value.toFixed(6)));
  return text === '-0' ? '0' : text;
}
