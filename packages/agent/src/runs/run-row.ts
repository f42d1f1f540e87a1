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

/** The figures a history row shows; null until the run ends, or when the run had none. */
export interface KeyFigures {
  readonly requests: number | null;
  readonly requestRate: number | null;
  readonly errorRate: number | null;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxVus: number | null;
  readonly iterations: number | null;
  readonly checksPassed: number | null;
  readonly checksFailed: number | null;
  readonly thresholdsPassed: number | null;
  readonly thresholdsFailed: number | null;
  readonly lcpP75Ms: number | null;
  readonly clsP75: number | null;
  readonly inpP75Ms: number | null;
}

export const noFigures: KeyFigures = {
  requests: null,
  requestRate: null,
  errorRate: null,
  p50Ms: null,
  p95Ms: null,
  p99Ms: null,
  maxVus: null,
  iterations: null,
  checksPassed: null,
  checksFailed: null,
  thresholdsPassed: null,
  thresholdsFailed: null,
  lcpP75Ms: null,
  clsP75: null,
  inpP75Ms: null,
};

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
}

export interface RunRow extends RunRecord {
  readonly links: {
    readonly summary: string;
    readonly report: string;
    readonly junit: string;
    readonly log: string;
    readonly live: string;
    readonly gate: string;
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
    },
  };
}
