import { defaultTrendStats, isTrendStat } from '@fpt/metrics';

/** The trend stats to report, checked up front so a typo fails with a hint instead of mid-render. */
export function resolveTrendStats(trendStats: readonly string[] | undefined): readonly string[] {
  if (trendStats === undefined || trendStats.length === 0) return defaultTrendStats;
  const unknown = trendStats.filter((stat) => !isTrendStat(stat));
  if (unknown.length > 0) {
    throw new RangeError(
      `unknown trend stat ${unknown.map((s) => JSON.stringify(s)).join(', ')}: use avg, min, med, max, count or p(N) with N from 0 to 100, for example avg,p(95),p(99.9)`,
    );
  }
  return Object.freeze([...trendStats]);
}
