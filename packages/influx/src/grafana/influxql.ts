/** One InfluxQL SELECT, assembled from parts so every panel query has the same shape. */
export interface InfluxqlSelect {
  readonly select: string;
  /** A quoted measurement, or a subquery in parentheses. */
  readonly from: string;
  readonly where: readonly string[];
  readonly groupBy?: readonly string[];
  /** fill(none) leaves empty intervals out instead of drawing them as nulls or zeros. */
  readonly fill?: 'none';
}

export function influxql(parts: InfluxqlSelect): string {
  let query = `SELECT ${parts.select} FROM ${parts.from} WHERE ${parts.where.join(' AND ')}`;
  if (parts.groupBy !== undefined && parts.groupBy.length > 0)
    query += ` GROUP BY ${parts.groupBy.join(', ')}`;
  if (parts.fill !== undefined) query += ` fill(${parts.fill})`;
  return query;
}

/**
 * Filters on the dashboard variables. The run is one value, compared exactly; preset, region and request
 * name may be several values or All, which Grafana writes into a regex as `(a|b)` or `.*` (allValue), so
 * they use `=~ /^…$/`; `.*` also matches points that lack the tag.
 */
export const filters = {
  run: `"testid" = '$testid'`,
  preset: `"preset" =~ /^$preset$/`,
  region: `"region" =~ /^$region$/`,
  name: `"name" =~ /^$name$/`,
  time: '$timeFilter',
} as const;

/** Per-interval grouping; $__interval is never below the data source's 1 s timeInterval (one snapshot). */
export const byInterval = 'time($__interval)';

/** A per-interval sum turned into a per-second rate, whatever interval Grafana picked. */
export function perSecond(field: string): string {
  return `sum(${field}) * 1000 / $__interval_ms`;
}
