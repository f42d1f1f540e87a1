/**
 * Cuts `value` to `decimals` places without rounding up, so a displayed latency never overstates the
 * measurement (499.999ms shows as 499.99ms, consistent with a passing `p(95)<500`). The detour through
 * toPrecision absorbs binary noise such as 148.21 * 100 = 14820.999999999998.
 */
export function truncateDecimals(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const scaled = Number((value * scale).toPrecision(12));
  return Math.trunc(scaled) / scale;
}
