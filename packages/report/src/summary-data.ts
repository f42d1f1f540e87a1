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
  readonly timeline: readonly TimelinePoint[];
  readonly warnings: readonly string[];
}
