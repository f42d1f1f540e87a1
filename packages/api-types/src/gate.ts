/**
 * The parts of the baseline gate's verdict (`format: "fpt-gate-verdict"`, docs/gate.md) that the UI reads:
 * a run's gate.json (the agent gated the run against its preset's baseline), and the answer of
 * `GET /api/compare?base=&run=` (the compare page: the gate's comparison of two runs). The gate's
 * GateVerdict is checked against it (test/producers-conform.test.ts).
 */

export type GateRowStatus = 'regression' | 'improvement' | 'unchanged' | 'no-data' | 'added' | 'removed';

export interface GateP95Judgement {
  readonly baselineMs: number | null;
  readonly currentMs: number | null;
  readonly changeMs: number | null;
  /** In %; null when the baseline is 0 or a side is missing. */
  readonly changePct: number | null;
  readonly change: string;
  readonly withinFloor: boolean;
}

export interface GateErrorRateJudgement {
  /** 0..1 */
  readonly baseline: number | null;
  readonly current: number | null;
  /** Percentage points. */
  readonly changePts: number | null;
  readonly change: string;
}

/** The figures the gate compares on each side of a row (null without requests). */
export interface GateFigures {
  readonly count: number;
  /** Absent on a custom metric's row (scope "metric"): a trend of times has no rate or errors. */
  readonly ratePerSec?: number;
  /** 0..1; absent on a custom metric's row. */
  readonly errorRate?: number | null;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
}

export interface GateRow {
  readonly scope: 'overall' | 'request' | 'region' | 'metric';
  readonly name: string;
  readonly scenario?: string;
  readonly status: GateRowStatus;
  /** null for an added row (and absent in gate.json files the UI only skims). */
  readonly baseline?: GateFigures | null;
  /** null for a removed row. */
  readonly current?: GateFigures | null;
  readonly p95: GateP95Judgement | null;
  readonly errorRate: GateErrorRateJudgement | null;
  /** Each figure's judgement in words. */
  readonly reasons: readonly string[];
  /** The reasons of the figures that regressed. */
  readonly failures: readonly string[];
}

export interface GateVitalRow {
  readonly page: string;
  readonly vital: string;
  readonly status: GateRowStatus;
  readonly baselineP75: number | null;
  readonly currentP75: number | null;
  readonly judgement: {
    readonly changeBy: number;
    readonly changePct: number | null;
  } | null;
  readonly reason: string;
  readonly failures: readonly string[];
}

export interface GateVerdictJson {
  readonly format: string;
  readonly status: 'pass' | 'regression';
  readonly preset: string;
  readonly tolerances: {
    readonly p95IncreasePct: number;
    readonly errorRateIncreasePts: number;
    readonly minAbsoluteMs: number;
    readonly webVitalIncreasePct?: number;
  };
  readonly baseline: {
    /** ISO 8601. */
    readonly createdAt: string;
    readonly runId: string | null;
    readonly startedAt: string;
    readonly region: string | null;
    readonly identity?: string | null;
  };
  /** The judged run (absent in the oldest gate.json files). */
  readonly run?: {
    readonly id: string | null;
    readonly startedAt: string;
    readonly region: string | null;
    readonly identity: string | null;
    readonly outcome: string;
    readonly exitCode: number;
  };
  readonly overall: GateRow;
  readonly requests: readonly GateRow[];
  readonly regions: readonly GateRow[];
  /** Absent in verdicts written before custom metrics were judged. */
  readonly customMetrics?: readonly GateRow[];
  readonly webVitals?: readonly GateVitalRow[];
  readonly counts: {
    readonly regressions: number;
    readonly improvements: number;
    readonly added?: number;
    readonly removed?: number;
  };
  readonly warnings: readonly string[];
}
