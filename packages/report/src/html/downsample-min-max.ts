export interface Downsampled {
  readonly x: readonly number[];
  readonly columns: readonly (readonly (number | null)[])[];
}

/**
 * At most `maxPoints` points for columns that share one x axis. Above the cap the points are cut into
 * buckets of consecutive points and each bucket keeps two: every column's minimum and maximum in the
 * order they happened, at the bucket's first and last x. Peaks survive (a 2-second latency spike in a
 * 10-hour run still shows) while the file stays small.
 */
export function downsampleMinMax(
  x: readonly number[],
  columns: readonly (readonly (number | null)[])[],
  maxPoints: number,
): Downsampled {
  if (x.length <= maxPoints) return { x: [...x], columns: columns.map((c) => [...c]) };
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const outX: number[] = [];
  const outColumns: (number | null)[][] = columns.map(() => []);
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * x.length) / buckets);
    const to = Math.floor(((b + 1) * x.length) / buckets);
    if (to <= from) continue;
    const single = to - from === 1;
    outX.push(x[from]!);
    if (!single) outX.push(x[to - 1]!);
    columns.forEach((column, c) => {
      const [first, second] = extremes(column, from, to);
      outColumns[c]!.push(first);
      if (!single) outColumns[c]!.push(second);
    });
  }
  return { x: outX, columns: outColumns };
}

/** The minimum and maximum of column[from..to), earlier one first; nulls when the bucket has no value. */
function extremes(
  column: readonly (number | null)[],
  from: number,
  to: number,
): [number | null, number | null] {
  let minAt = -1;
  let maxAt = -1;
  for (let i = from; i < to; i++) {
    const v = column[i];
    if (v === null || v === undefined) continue;
    if (minAt === -1 || v < column[minAt]!) minAt = i;
    if (maxAt === -1 || v > column[maxAt]!) maxAt = i;
  }
  if (minAt === -1) return [null, null];
  const min = column[minAt]!;
  const max = column[maxAt]!;
  return minAt <= maxAt ? [min, max] : [max, min];
}
