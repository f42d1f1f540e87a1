import type { ExecutionSegment } from '@fpt/preset';
import type { KeyFigures } from '@fpt/report';

export { type KeyFigures, noFigures } from '@fpt/report';

/** How a run ended, or that it is still going. */
export const RunStatus = {
  running: 'running',
  passed: 'passed',
  failed: 'failed',
  aborted: 'aborted',
  stopped: 'stopped',
  error: 'error',
} as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

/** The verdict against the preset's baseline: null when the preset had none when the run started. */
export type BaselineVerdict = 'pass' | 'regression' | null;

/** One run in the history index, as the API returns it (docs/agent.md). */
export interface RunRecord extends KeyFigures {
  readonly id: string;
  readonly preset: string;
  readonly region: string;
  readonly agentId: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly status: RunStatus;
  readonly reason: string | null;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly durationMs: number | null;
  readonly plannedMs: number | null;
  readonly exitCode: number | null;
  readonly verdict: BaselineVerdict;
  /** This agent's share of a run split across agents (a fleet run), or null for a whole run. */
  readonly segment: ExecutionSegment | null;
}

export interface RunRow extends RunRecord {
  readonly links: {
    readonly summary: string;
    readonly report: string;
    readonly junit: string;
    readonly log: string;
    readonly live: string;
    readonly gate: string;
    /** Every series of the run (encoded histograms), for exact merging; written when the run ends. */
    readonly metrics: string;
  };
}

/** The API shape of a record: the record plus where its evidence is served. */
export function withLinks(record: RunRecord): RunRow {
  const base = `/api/runs/${encodeURIComponent(record.id)}`;
  return {
    ...record,
    links: {
      summary: `${base}/summary.json`,
      report: `${base}/report.html`,
      junit: `${base}/junit.xml`,
      log: `${base}/run.log`,
      live: `${base}/live`,
      gate: `${base}/gate.json`,
      metrics: `${base}/metrics.json`,
    },
  };
}
