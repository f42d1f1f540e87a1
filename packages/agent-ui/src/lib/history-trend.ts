import type { RunRow } from '../api/agent-types.js';

export interface HistoryTrend {
  /** Run start, epoch seconds, oldest first (uPlot's time axis unit). */
  readonly x: number[];
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
    x: ordered.map((r) => r.startedAt / 1000),
    p95Ms: ordered.map((r) => r.p95Ms),
    errorPct: ordered.map((r) => (r.errorRate === null ? null : r.errorRate * 100)),
    ids: ordered.map((r) => r.id),
  };
}
