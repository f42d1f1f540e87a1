import type { ThresholdOutcomeFacts } from '@fpt/readable';
import type { MetricsSnapshot } from './metrics-snapshot.js';
import type { Tags } from './tag-set-registry.js';
import type { EncodedTrendSink } from './trend-sink.js';

/**
 * Everything a finished (or stopped) run leaves for outputs: the console summary, the k6-shaped summary
 * JSON, and later the HTML report, JUnit and the baseline gate. Plain JSON data, so it crosses threads,
 * processes and agents as it is.
 */
export interface RunSummary {
  readonly format: 'fpt-run-summary/1';
  /** The run's id (the `testid` tag of streamed metrics; an agent's run id); absent when none was given. */
  readonly runId?: string;
  readonly preset: {
    readonly name: string;
    readonly description?: string;
    readonly files: readonly string[];
    /**
     * Hex SHA-256 of what the run sends where (target base URL and scenarios, after overrides), so a
     * baseline gate can tell whether two runs are comparable. Absent in summaries of older FPT versions.
     */
    readonly identity?: string;
    /** The preset's `baseline` tolerances, for a gate that reads only this summary. */
    readonly baseline?: BaselineTolerances;
  };
  readonly region?: string;
  /** Test-wide tags (preset tags, --tag, region). */
  readonly tags: Tags;
  readonly startedAt: string;
  readonly endedAt: string;
  /** Wall time from the start of the first scenario to the end of the last, graceful stops included. */
  readonly durationMs: number;
  readonly outcome: RunOutcome;
  readonly exitCode: number;
  /** Why the run stopped early, when it did. */
  readonly abortReason?: string;
  readonly scenarios: readonly ScenarioOutcome[];
  /** Cumulative metrics of the whole run, every series with its tags, histograms encoded. */
  readonly metrics: MetricsSnapshot;
  readonly thresholds: readonly ThresholdOutcome[];
  readonly checks: readonly CheckOutcome[];
  /** One point per second, for charts and the live view. */
  readonly timeline: readonly TimelinePoint[];
  /**
   * Beside each timeline point, that interval's http_req_duration histogram (null when no request finished
   * in it), so that per-second percentiles of runs made of several parts (fleet regions, fpt merge shares)
   * are merged exactly rather than lost. Kept for the first 6 hours; absent in runs of older versions. Not
   * part of the summary JSON: it travels in the metrics export.
   */
  readonly timelineLatency?: readonly (EncodedTrendSink | null)[];
  /** Messages a user should see once (a capture that found nothing, say). */
  readonly warnings: readonly string[];
}

/** When a run counts as a regression against a baseline (the preset's `baseline` section). */
export interface BaselineTolerances {
  /** p95 may grow by this many percent. */
  readonly p95IncreasePct: number;
  /** The error rate may grow by this many percentage points. */
  readonly errorRateIncreasePts: number;
  /** A p95 change smaller than this many milliseconds never counts. */
  readonly minAbsoluteMs: number;
  /** Each page's Web Vitals p75 may worsen by this many percent; absent: as p95IncreasePct. */
  readonly webVitalIncreasePct?: number;
}

export const RunOutcome = {
  passed: 'passed',
  thresholdsFailed: 'thresholds-failed',
  abortedByThreshold: 'aborted-by-threshold',
  interrupted: 'interrupted',
} as const;
export type RunOutcome = (typeof RunOutcome)[keyof typeof RunOutcome];

export interface ScenarioOutcome {
  readonly name: string;
  readonly executor: string;
  readonly completedIterations: number;
  readonly interruptedIterations: number;
  readonly droppedIterations: number;
  readonly maxVUs: number;
}

/** One threshold's outcome: the shape @fpt/readable words, defined there so the two cannot drift apart. */
export type ThresholdOutcome = ThresholdOutcomeFacts;

export interface CheckOutcome {
  readonly name: string;
  readonly scenario: string;
  /** The request the check ran on. */
  readonly request: string;
  /** The k6 path of the group the request ran in (::checkout::pay); absent outside groups. */
  readonly group?: string;
  readonly passes: number;
  readonly fails: number;
}

export interface TimelinePoint {
  /** Milliseconds since the run started (end of the interval). */
  readonly tMs: number;
  /** The most VUs that ran at once in the interval. */
  readonly vus: number;
  readonly requests: number;
  readonly failedRequests: number;
  readonly iterations: number;
  readonly droppedIterations: number;
  /** Request duration percentiles within the interval; absent when no request finished in it. */
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  readonly p99Ms?: number;
  /**
   * A browser run's Web Vitals reported within the interval, p75 as they are assessed (ms; CLS a unitless
   * score); absent when no page reported that vital in it, and in runs without browser steps.
   */
  readonly lcpP75Ms?: number;
  readonly inpP75Ms?: number;
  readonly clsP75?: number;
}
