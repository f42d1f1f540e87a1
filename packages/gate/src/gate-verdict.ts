import type { RunOutcome } from '@fpt/metrics';
import type { Figures, MetricFigures } from './figures.js';
import type { ResolvedTolerances } from './tolerances.js';

export const GATE_VERDICT_FORMAT = 'fpt-gate-verdict';
export const GATE_VERDICT_VERSION = 1;

export const GateStatus = { pass: 'pass', regression: 'regression' } as const;
export type GateStatus = (typeof GateStatus)[keyof typeof GateStatus];

/** How one figure moved against the baseline. */
export const Change = {
  regression: 'regression',
  improvement: 'improvement',
  unchanged: 'unchanged',
  /** One side had no requests, so there is nothing to compare. */
  noData: 'no-data',
} as const;
export type Change = (typeof Change)[keyof typeof Change];

/**
 * How one row (the whole run, a request, a region, a custom metric) fared; added and removed rows are not
 * judged.
 */
export const RowStatus = { ...Change, added: 'added', removed: 'removed' } as const;
export type RowStatus = (typeof RowStatus)[keyof typeof RowStatus];

export interface P95Judgement {
  readonly baselineMs: number | null;
  readonly currentMs: number | null;
  /** current − baseline; null when either side has no data. */
  readonly changeMs: number | null;
  /** The change as a share of the baseline, in %; null when the baseline is 0 or either side is missing. */
  readonly changePct: number | null;
  readonly change: Change;
  /** The change was smaller than the floor (`minAbsoluteMs`), so it could not count. */
  readonly withinFloor: boolean;
}

export interface ErrorRateJudgement {
  readonly baseline: number | null;
  readonly current: number | null;
  /** (current − baseline) × 100: percentage points; null when either side has no data. */
  readonly changePts: number | null;
  readonly change: Change;
}

/** One Web Vital's p75 against the baseline's (ms, or a unitless score for CLS). */
export interface VitalJudgement {
  readonly baseline: number;
  readonly current: number;
  /** current − baseline. */
  readonly changeBy: number;
  /** The change as a share of the baseline, in %; null when the baseline is 0. */
  readonly changePct: number | null;
  readonly change: Change;
  /** The smallest change that counts: minAbsoluteMs for the timed vitals, 0.01 for CLS. */
  readonly floor: number;
  readonly withinFloor: boolean;
}

/** One page × vital; pages on one side only are added or removed and not judged. */
export interface ComparedVital {
  readonly page: string;
  /** lcp, fcp, ttfb, inp or cls. */
  readonly vital: string;
  readonly status: RowStatus;
  /** null for an added or removed row. */
  readonly judgement: VitalJudgement | null;
  readonly baselineP75: number | null;
  readonly currentP75: number | null;
  /** The judgement in words, e.g. "LCP p75 1.2 s → 1.6 s (+33 %): more than the 10 % allowed". */
  readonly reason: string;
  readonly failures: readonly string[];
}

export const RowScope = {
  overall: 'overall',
  request: 'request',
  region: 'region',
  /** A custom trend of times (a preset metric with `isTime: true`), judged on p95 alone. */
  metric: 'metric',
} as const;
export type RowScope = (typeof RowScope)[keyof typeof RowScope];

/** One row of the main table, with the figures of its kind on each side (Figures, or MetricFigures). */
export interface ComparedRowOf<F> {
  readonly scope: RowScope;
  /** "all requests", the request (with its scenario when the name is in several), the region or the metric. */
  readonly name: string;
  /** For requests: the scenario the request ran in. */
  readonly scenario?: string;
  readonly status: RowStatus;
  /** null for an added row. */
  readonly baseline: F | null;
  /** null for a removed row. */
  readonly current: F | null;
  /** null for added and removed rows. */
  readonly p95: P95Judgement | null;
  /** null for added and removed rows, and for custom metrics (they record no failures). */
  readonly errorRate: ErrorRateJudgement | null;
  /** Each figure's judgement in words, e.g. "p95 51 ms → 63 ms (+24 %, +12 ms): more than the 10 % allowed". */
  readonly reasons: readonly string[];
  /** The reasons of the figures that regressed: what failed the gate. */
  readonly failures: readonly string[];
}

/** The whole run, a request or a region. */
export type ComparedRow = ComparedRowOf<Figures>;

/** A custom trend of times, its p95 judged with the requests' tolerances (p95IncreasePct, minAbsoluteMs). */
export type ComparedMetric = ComparedRowOf<MetricFigures>;

/** The regression verdict of a run against a baseline; rendered as text, JSON, Markdown and JUnit. */
export interface GateVerdict {
  readonly format: typeof GATE_VERDICT_FORMAT;
  readonly version: typeof GATE_VERDICT_VERSION;
  readonly status: GateStatus;
  readonly preset: string;
  readonly tolerances: ResolvedTolerances['tolerances'];
  readonly toleranceSources: ResolvedTolerances['sources'];
  readonly baseline: {
    readonly createdAt: string;
    readonly runId: string | null;
    readonly startedAt: string;
    readonly region: string | null;
    readonly identity: string | null;
  };
  readonly run: {
    readonly id: string | null;
    readonly startedAt: string;
    readonly region: string | null;
    readonly identity: string | null;
    readonly outcome: RunOutcome;
    /** The run's own exit code: 99 when it crossed thresholds, whatever the comparison says. */
    readonly exitCode: number;
  };
  readonly overall: ComparedRow;
  readonly requests: readonly ComparedRow[];
  readonly regions: readonly ComparedRow[];
  /** Each browser page's Web Vitals p75 against the baseline's (empty without browser journeys). */
  readonly webVitals: readonly ComparedVital[];
  /**
   * Each custom trend of times against the baseline's (scope `metric`); empty without any, and when the
   * baseline was saved before FPT kept them.
   */
  readonly customMetrics: readonly ComparedMetric[];
  readonly counts: {
    readonly regressions: number;
    readonly improvements: number;
    readonly added: number;
    readonly removed: number;
  };
  /** Why the comparison may mislead: another load or target, an interrupted run, a failed baseline. */
  readonly warnings: readonly string[];
}
