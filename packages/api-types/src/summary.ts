import type { SecondFigures } from './agent.js';

/**
 * The parts of a run's summary.json (docs/summary-json.md) that the UI reads. The file has more; these
 * are declared so a change in them shows up in the type checker.
 */

export interface SummaryTimelinePoint extends SecondFigures {
  /** Milliseconds since the run started (end of the interval). */
  readonly tMs: number;
}

export interface SummaryThreshold {
  readonly metric: string;
  readonly expression: string;
  readonly ok: boolean;
  readonly noData: boolean;
  readonly observed?: number;
  /** Why a threshold has no data ("no series matched the filter"); absent in older summaries. */
  readonly noDataReason?: string;
  readonly abortOnFail: boolean;
  readonly allowNoData: boolean;
}

export interface SummaryCheck {
  readonly name: string;
  readonly scenario: string;
  readonly request: string;
  /** k6 path of the group its request ran in (`::checkout::pay`); absent outside groups. */
  readonly group?: string;
  readonly passes: number;
  readonly fails: number;
}

/** k6's group tree (`root_group`): the root has name and path "", each group its nested groups. */
export interface SummaryGroup {
  readonly name: string;
  /** `::checkout::pay`. */
  readonly path: string;
  readonly groups: readonly SummaryGroup[];
  readonly checks: readonly { readonly name: string; readonly passes: number; readonly fails: number }[];
}

export type SummaryMetricType = 'counter' | 'gauge' | 'rate' | 'trend';

/** One entry of the summary's `metrics`: a metric, or `name{tag:value}` for a sub-metric. */
export interface SummaryMetric {
  readonly type: SummaryMetricType;
  readonly contains: 'default' | 'time' | 'data';
  /** counter {count, rate}, gauge {value, min, max}, rate {rate, passes, fails}, trend its trend stats. */
  readonly values: Readonly<Record<string, number>>;
  /** Keyed by the expression as written; absent when the key has no threshold. */
  readonly thresholds?: Readonly<Record<string, { readonly ok: boolean }>>;
}

export interface SummaryLatency {
  readonly avgMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface SummaryRequest extends SummaryLatency {
  readonly name: string;
  readonly scenario: string;
  readonly methods: readonly string[];
  /** The proto tag's values: HTTP/1.1, HTTP/2.0 (absent in summaries of older FPT versions). */
  readonly protocols?: readonly string[];
  readonly count: number;
  readonly ratePerSec: number;
  readonly failed: number;
  readonly errorRate: number;
}

export interface SummaryIterationDuration extends SummaryLatency {
  readonly scenario: string;
  readonly count: number;
}

export interface SummaryWebVital {
  readonly page: string;
  readonly vital: string;
  readonly metric: string;
  readonly count: number;
  readonly p75: number | null;
  readonly rating: 'good' | 'needs-improvement' | 'poor' | null;
  readonly notObserved: number;
}

export interface SummaryScenario {
  readonly name: string;
  readonly executor: string;
  readonly completedIterations: number;
  readonly interruptedIterations: number;
  readonly droppedIterations: number;
  readonly maxVUs: number;
}

export interface SummaryErrorGroup {
  readonly name: string;
  readonly scenario: string;
  readonly method: string;
  readonly status: string;
  readonly errorCode: string;
  readonly count: number;
  /** Why, most frequent first (absent in summaries of older FPT versions). */
  readonly reasons?: readonly SummaryFailureReason[];
}

export interface SummaryFailureReason {
  readonly message: string;
  readonly count: number;
  /** ISO 8601. */
  readonly firstSeen: string;
}

export interface FptSummaryPart {
  readonly format: string;
  readonly preset: { readonly name: string; readonly description?: string };
  readonly region: string | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly outcome: string;
  readonly exitCode: number;
  readonly abortReason?: string;
  readonly scenarios: readonly SummaryScenario[];
  readonly checks: readonly SummaryCheck[];
  readonly thresholds: readonly SummaryThreshold[];
  readonly timeline: readonly SummaryTimelinePoint[];
  readonly warnings: readonly string[];
  readonly requests: readonly SummaryRequest[];
  readonly errors: readonly SummaryErrorGroup[];
  /** Failures counted without their reason (more distinct reasons than FPT keeps). */
  readonly unexplainedFailures?: number;
  readonly iterationDurations: readonly SummaryIterationDuration[];
  readonly webVitals: readonly SummaryWebVital[];
  /** Every trend metric's encoded histogram; the UI reads only its exact sample count. */
  readonly histograms: Readonly<Record<string, { readonly count: number }>>;
  /**
   * http_req_duration at each percentile of the whole run, as the HTML report draws it: ms[i] at
   * 100·(1 − 10^−nines[i]) %. Absent with fewer than two requests and in summaries of older versions.
   */
  readonly latencyByPercentile?: { readonly nines: readonly number[]; readonly ms: readonly number[] };
}

export interface RunSummaryJson {
  readonly root_group: SummaryGroup;
  /** Keyed by metric name, or `name{tag:value}` for a sub-metric. */
  readonly metrics: Readonly<Record<string, SummaryMetric>>;
  readonly state: { readonly testRunDurationMs: number };
  readonly fpt: FptSummaryPart;
}
