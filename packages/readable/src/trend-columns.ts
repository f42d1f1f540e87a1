/** What the column order reads of a custom trend's row: its sample count when known, and its stats. */
export interface TrendStatsRow {
  readonly count?: number | undefined;
  readonly entry: { readonly values: Readonly<Record<string, number>> };
}

/** count when known, then the trend stats the summary has: avg, min, med, the percentiles rising, max. */
export function trendColumns(rows: readonly TrendStatsRow[]): string[] {
  const stats = new Set<string>();
  if (rows.some((r) => r.count !== undefined)) stats.add('count');
  for (const r of rows) for (const stat of Object.keys(r.entry.values)) stats.add(stat);
  return [...stats].sort((a, b) => rank(a) - rank(b));
}

function rank(stat: string): number {
  const fixed = ['count', 'avg', 'min', 'med'].indexOf(stat);
  if (fixed !== -1) return fixed;
  const percentile = /^p\((\d+(?:\.\d+)?)\)$/.exec(stat);
  if (percentile) return 4 + Number(percentile[1]) / 100;
  // Anything else a summary may hold (a newer stat) goes last rather than nowhere.
  return stat === 'max' ? 6 : 7;
}
