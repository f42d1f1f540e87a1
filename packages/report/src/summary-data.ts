import type {
  CheckOutcome,
  EncodedTrendSink,
  MetricType,
  RunOutcome,
  RunSummary,
  ScenarioOutcome,
  Tags,
  ThresholdOutcome,
  TimelinePoint,
  ValueContains,
} from '@fpt/metrics';
import type { WebVitalRating } from '@fpt/readable';
import type { FleetSummary } from './fleet-summary.js';

/**
 * The k6 `handleSummary(data)` object, plus FPT's own `fpt` field. Written as the summary JSON
 * (`--summary-export`); docs/summary-json.md and docs/summary.schema.json describe it for users.
 */
export interface SummaryData {
  readonly root_group: SummaryGroup;
  readonly options: SummaryOptions;
  readonly state: SummaryState;
  /** Keyed by metric name, or `name{tag:value}` for a sub-metric. */
  readonly metrics: Readonly<Record<string, SummaryMetric>>;
  readonly fpt: FptSummary;
}

export interface SummaryGroup {
  readonly name: string;
  readonly path: string;
  /** Hex MD5 of `path`, as k6 derives it. */
  readonly id: string;
  readonly groups: readonly SummaryGroup[];
  readonly checks: readonly SummaryCheck[];
}

export interface SummaryCheck {
  readonly name: string;
  /** `::` + name for a check outside any group. */
  readonly path: string;
  readonly id: string;
  readonly passes: number;
  readonly fails: number;
}

export interface SummaryOptions {
  readonly summaryTrendStats: readonly string[];
  readonly summaryTimeUnit: '';
  readonly noColor: false;
}

export interface SummaryState {
  readonly isStdOutTTY: false;
  readonly isStdErrTTY: false;
  readonly testRunDurationMs: number;
}

export interface SummaryMetric {
  readonly type: MetricType;
  readonly contains: ValueContains;
  /** counter {count, rate}, gauge {value, min, max}, rate {rate, passes, fails}, trend: the trend stats. */
  readonly values: Readonly<Record<string, number>>;
  /** Keyed by the expression as written; absent when the metric has no threshold. */
  readonly thresholds?: Readonly<Record<string, { readonly ok: boolean }>>;
}

export const FPT_SUMMARY_FORMAT = 'fpt-summary/1';

export interface FptSummary {
  readonly format: typeof FPT_SUMMARY_FORMAT;
  /** The run's id when it had one (the CLI's `testid`, an agent's run id); absent in older summaries. */
  readonly runId?: string;
  readonly preset: RunSummary['preset'];
  /** null for a run that was not given a region. */
  readonly region: string | null;
  readonly tags: Tags;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly outcome: RunOutcome;
  readonly exitCode: number;
  readonly abortReason?: string;
  readonly scenarios: readonly ScenarioOutcome[];
  readonly checks: readonly CheckOutcome[];
  readonly thresholds: readonly ThresholdOutcome[];
  /** Every trend metric, all series merged, as @fpt/metrics encodes a trend sink: mergeable across runs. */
  readonly histograms: Readonly<Record<string, EncodedTrendSink>>;
  /**
   * http_req_duration at each percentile of the whole run, for the "Latency by percentile" chart; absent
   * with fewer than two requests, and in summaries of older FPT versions.
   */
  readonly latencyByPercentile?: LatencyByPercentile;
  readonly timeline: readonly TimelinePoint[];
  readonly warnings: readonly string[];
  /** Per request name × scenario, busiest first: what the report's request table shows. */
  readonly requests: readonly RequestStats[];
  /** Per value of the `region` tag; one entry for a single-region run, none without a region tag. */
  readonly regions: readonly RegionStats[];
  /** Failed requests by request, status and error code, most first: what went wrong. */
  readonly errors: readonly ErrorStats[];
  /** Failures counted without their reason: the run had more distinct reasons than FPT keeps (100). */
  readonly unexplainedFailures?: number;
  /** Per scenario, the duration of its iterations. */
  readonly iterationDurations: readonly IterationDurationStats[];
  /** Per page × Web Vital, from the browser_web_vital_* metrics and their `rating` tag. */
  readonly webVitals: readonly WebVitalStats[];
  /** Only in a fleet run's summary: the regions side by side, how each ended, links to each agent's run. */
  readonly fleet?: FleetSummary;
}

/**
 * A duration curve: `ms[i]` is the duration at the percentile with `nines[i]` nines, 100·(1 − 10^−n) %
 * (0 → p0, 1 → p90, 2 → p99, 3 → p99.9), from the merged HDR histogram, failed responses included.
 */
export interface LatencyByPercentile {
  readonly nines: readonly number[];
  readonly ms: readonly number[];
}

/**
 * Request durations of one group of requests, in ms. Percentiles come from the merged HDR histogram
 * (never below the true value, at most 0.1% above it) and cover every response, failed ones included,
 * as http_req_duration does.
 */
export interface LatencyStats {
  readonly avgMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface RequestStats extends LatencyStats {
  /** The request's `name` tag (the preset's request name). */
  readonly name: string;
  readonly scenario: string;
  /** HTTP methods seen under this name, sorted. */
  readonly methods: readonly string[];
  /**
   * Protocols its responses came over (the `proto` tag: "HTTP/1.1", "HTTP/2.0"), sorted; empty when no
   * connection was made, and absent in summaries of older FPT versions.
   */
  readonly protocols?: readonly string[];
  readonly count: number;
  /** count per second of the whole run. */
  readonly ratePerSec: number;
  /** Requests whose response was not expected (http_req_failed). */
  readonly failed: number;
  /** failed / count, 0 to 1. */
  readonly errorRate: number;
}

export interface ErrorStats {
  readonly name: string;
  readonly scenario: string;
  readonly method: string;
  /** The HTTP status as text; "0" when no response arrived (then errorCode says why). */
  readonly status: string;
  /** k6's error_code tag (e.g. 1211 timeout, 1220 connection refused); empty when there was none. */
  readonly errorCode: string;
  /** Failed requests in this group. */
  readonly count: number;
  /**
   * Why they failed, in words, most frequent first: the client's message (a TLS alert, a refused
   * connection, a body that would not decode) or the status. Absent in summaries of older FPT versions;
   * a group can lack some when the run had more distinct reasons than FPT keeps (`unexplainedFailures`).
   */
  readonly reasons?: readonly FailureReason[];
}

export interface FailureReason {
  readonly message: string;
  readonly count: number;
  /** When it was first seen (ISO 8601). */
  readonly firstSeen: string;
}

export interface RegionStats extends LatencyStats {
  readonly region: string;
  readonly count: number;
  readonly ratePerSec: number;
  readonly failed: number;
  readonly errorRate: number;
}

export interface IterationDurationStats extends LatencyStats {
  readonly scenario: string;
  readonly count: number;
}

export interface WebVitalStats {
  /** The page: the sample's `name` tag, else its `url` tag. */
  readonly page: string;
  /** lcp, fcp, cls, inp or ttfb. */
  readonly vital: string;
  /** The metric it came from, e.g. browser_web_vital_lcp. */
  readonly metric: string;
  /** Samples measured. */
  readonly count: number;
  /** 75th percentile (how Web Vitals are assessed): ms, or a unitless score for CLS; null without samples. */
  readonly p75: number | null;
  /** Google's rating of p75; null without samples. */
  readonly rating: WebVitalRating | null;
  /** Samples by the rating the browser gave each (the `rating` tag); `unrated` had no such tag. */
  readonly ratings: {
    readonly good: number;
    readonly needsImprovement: number;
    readonly poor: number;
    readonly unrated: number;
  };
  /** Page loads where the vital was expected but never reported (browser_web_vital_not_observed). */
  readonly notObserved: number;
}
