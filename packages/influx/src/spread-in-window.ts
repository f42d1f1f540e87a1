/** Time covered by one snapshot, in nanoseconds since the epoch: (startNs, endNs]. */
export interface IntervalWindow {
  readonly startNs: bigint;
  readonly endNs: bigint;
}

const GOLDEN_RATIO_CONJUGATE = 0.6180339887498949;
/** Timestamps are split at 10^10 ns so both halves are exact JavaScript numbers (no BigInt per point). */
const LOW_DIGITS = 10;
const LOW_MODULUS = 10 ** LOW_DIGITS;
const LOW_MODULUS_BIG = BigInt(LOW_MODULUS);

/**
 * Timestamps (as line-protocol text) for `count` points of one series in one window. They must all
 * differ: InfluxDB keeps one point per series and timestamp, so a second point at the same nanosecond
 * silently replaces the first (the precision trap). They are evenly spaced inside the window, the last
 * one at its end.
 *
 * The i-th entry is for the i-th smallest value, and values are scattered over the slots by a stride
 * coprime to count (about 0.618·count), so a query grouped by less than one window still sees a spread
 * of values rather than only the small ones at the start and the large ones at the end.
 */
export function spreadInWindow(window: IntervalWindow, count: number): string[] {
  const times = new Array<string>(count);
  if (count === 0) return times;
  // Windows are at most a few seconds (see InfluxOutput), far below 2^53 ns.
  const spanNs = Number(window.endNs - window.startNs);
  const high = Number(window.endNs / LOW_MODULUS_BIG);
  const low = Number(window.endNs % LOW_MODULUS_BIG);
  let stride = Math.round(count * GOLDEN_RATIO_CONJUGATE);
  while (gcd(stride, count) !== 1) stride++;
  const stepNs = spanNs / count;
  for (let i = 0; i < count; i++) {
    const slot = (i * stride) % count;
    // Slot k sits at end − floor((count−1−k)·span/count): inside (start, end], ≥ 1 ns apart while span ≥ count ns.
    const back = Math.floor((count - 1 - slot) * stepNs);
    times[i] = join(high, low - back);
  }
  return times;
}

function join(high: number, low: number): string {
  const borrow = low < 0 ? Math.ceil(-low / LOW_MODULUS) : 0;
  const h = high - borrow;
  const l = low + borrow * LOW_MODULUS;
  return h === 0 ? String(l) : String(h) + String(l).padStart(LOW_DIGITS, '0');
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
