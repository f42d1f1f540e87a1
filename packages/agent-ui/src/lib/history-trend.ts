import type { RunRow } from '@fpt/api-types';

export interface HistoryTrend {
  /**
   * Run number on this page, 1 = oldest. Not the start time: runs minutes apart and runs days apart
   * would otherwise crowd into a corner or spread over an empty axis.
   */
  readonly x: number[];
  /** Epoch ms of each run's start, for the legend. */
  readonly startedAt: number[];
  readonly p95Ms: (number | null)[];
  readonly errorPct: (number | null)[];
  readonly ids: string[];
}

/** The history trend chart: one point per run that has figures, oldest first. */
export function buildHistoryTrend(runs: readonly RunRow[]): HistoryTrend {
  const ordered = runs
    .filter((r) => r.p95Ms !== null || r.errorRate !== null)
    .sort((a, b) => a.startedAt - b.startedAt);
  return {
    x: ordered.map((_r, i) => i + 1),
    startedAt: ordered.map((r) => r.startedAt),
    p95Ms: ordered.map((r) => r.p95Ms),
    errorPct: ordered.map((r) => (r.errorRate === null ? null : r.errorRate * 100)),
    ids: ordered.map((r) => r.id),
  };
}
