/** A row of both sides (to judge), of the baseline only (removed), or of the run only (added). */
export type Paired<T> =
  | { readonly kind: 'both'; readonly before: T; readonly now: T }
  | { readonly kind: 'removed'; readonly before: T }
  | { readonly kind: 'added'; readonly now: T };

/**
 * Pairs the baseline's rows with the run's by key. The baseline's order first, then the run's new rows in
 * their order.
 */
export function pairByKey<T>(
  baselineRows: readonly T[],
  currentRows: readonly T[],
  keyOf: (row: T) => string,
): Paired<T>[] {
  const current = new Map(currentRows.map((row) => [keyOf(row), row]));
  const seen = new Set<string>();
  const pairs = baselineRows.map((before): Paired<T> => {
    const key = keyOf(before);
    seen.add(key);
    const now = current.get(key);
    return now === undefined ? { kind: 'removed', before } : { kind: 'both', before, now };
  });
  for (const now of currentRows) if (!seen.has(keyOf(now))) pairs.push({ kind: 'added', now });
  return pairs;
}
