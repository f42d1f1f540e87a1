/** The largest number in `values`, skipping nulls; `fallback` when there is none. A loop, not Math.max(...v): a long run's timeline would overflow the call stack. */
export function maxOf(values: readonly (number | null)[], fallback = 0): number {
  let max: number | undefined;
  for (const v of values) if (v !== null && (max === undefined || v > max)) max = v;
  return max ?? fallback;
}
