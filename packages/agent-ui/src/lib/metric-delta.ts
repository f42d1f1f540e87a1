/** Which way a metric should move: latency down is good, throughput up is good, a count is neither. */
export type BetterWhen = 'lower' | 'higher' | 'neither';

/** What a change means for the system under test, not which way the number moved. */
export type DeltaMeaning = 'better' | 'worse' | 'same' | 'unknown';

export interface MetricDelta {
  /** B − A; null when either side is missing. */
  readonly delta: number | null;
  /** (B − A) / A in percent; null when A is 0 or missing (a change from nothing has no ratio). */
  readonly deltaPct: number | null;
  readonly meaning: DeltaMeaning;
}

/**
 * The change from A (the base) to B. A change smaller than `significancePct` percent of A is `same`:
 * runs on a shared machine wobble by a few percent without anything having changed.
 */
export function metricDelta(
  a: number | null | undefined,
  b: number | null | undefined,
  betterWhen: BetterWhen,
  significancePct = 5,
): MetricDelta {
  if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a + b))
    return { delta: null, deltaPct: null, meaning: 'unknown' };
  const delta = b - a;
  const deltaPct = a === 0 ? null : (delta / Math.abs(a)) * 100;
  if (delta === 0) return { delta, deltaPct, meaning: 'same' };
  if (betterWhen === 'neither') return { delta, deltaPct, meaning: 'same' };
  if (deltaPct !== null && Math.abs(deltaPct) < significancePct) return { delta, deltaPct, meaning: 'same' };
  const wentUp = delta > 0;
  const meaning = wentUp === (betterWhen === 'higher') ? 'better' : 'worse';
  return { delta, deltaPct, meaning };
}
