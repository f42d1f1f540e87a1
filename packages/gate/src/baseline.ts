import type { RunOutcome, Tags, TimelinePoint } from '@fpt/metrics';
import type { Figures, MetricFigures, RegionFigures, RequestFigures, VitalFigures } from './figures.js';

export const BASELINE_FORMAT = 'fpt-baseline';
/** Bumped when a field changes meaning or goes away; added optional fields keep the version. */
export const BASELINE_VERSION = 1;

/**
 * A stored baseline: the figures of one run of a preset, for later runs to be compared with. A JSON file
 * a repository commits (`fpt baseline save`); docs/gate.md describes every field.
 */
export interface Baseline {
  readonly format: typeof BASELINE_FORMAT;
  readonly version: typeof BASELINE_VERSION;
  /** When the baseline was saved (ISO 8601, UTC). */
  readonly createdAt: string;
  readonly preset: {
    readonly name: string;
    /** The preset identity of the run (target and scenarios); null when its summary had none. */
    readonly identity: string | null;
  };
  /** The run the figures come from. */
  readonly run: BaselineRun;
  readonly overall: Figures;
  readonly requests: readonly RequestFigures[];
  readonly regions: readonly RegionFigures[];
  /** Each browser page's Web Vitals p75; absent in baselines saved before FPT gated browser journeys. */
  readonly webVitals?: readonly VitalFigures[];
  /**
   * Each custom trend of times with samples (count, p50, p95, p99); absent in baselines saved before FPT
   * gated custom metrics, which then compare without metric rows.
   */
  readonly customMetrics?: readonly MetricFigures[];
  /** The run's per-second timeline, which the HTML report draws dashed under a later run's charts. */
  readonly timeline?: readonly TimelinePoint[];
}

export interface BaselineRun {
  /** null when the run had no id (a summary from an older FPT). */
  readonly id: string | null;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  readonly region: string | null;
  readonly tags: Tags;
  readonly outcome: RunOutcome;
  readonly exitCode: number;
}
