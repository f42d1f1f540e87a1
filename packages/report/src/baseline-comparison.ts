import type { TimelinePoint } from '@fpt/metrics';

/**
 * OPTIONAL INPUT, filled by the baseline gate (issue "Baselines and regression verdicts"): this run
 * compared with a stored baseline run. The report package only draws it; deciding what regressed is the
 * gate's job. Every part but `label`, `verdict` and `metrics` may be left out.
 */
export interface BaselineComparison {
  /** How a reader recognises the baseline, e.g. "run #123 on main, 2025-01-01". */
  readonly label: string;
  readonly verdict: BaselineVerdict;
  /** One line under the verdict, e.g. "p95 +18 % (regression), errors +0.4 pp". */
  readonly summary?: string;
  /** Why the comparison may mislead: another preset version, load shape, target, agent count, tool version. */
  readonly warnings?: readonly string[];
  /** Key numbers of both runs. Keys `metric:stat` (below) also put a Δ on the matching key-number tile. */
  readonly metrics: readonly BaselineMetricDelta[];
  /** Per request name, the rows worth showing (the gate filters by its significance threshold). */
  readonly requests?: readonly BaselineRequestDelta[];
  /** The same per region (`name` is the region), for runs and baselines with a region tag. */
  readonly regions?: readonly BaselineRequestDelta[];
  /** The baseline's per-second timeline, drawn dashed under this run's throughput and latency. */
  readonly timeline?: readonly TimelinePoint[];
}

export const BaselineVerdict = {
  regression: 'regression',
  improvement: 'improvement',
  noSignificantChange: 'no-significant-change',
} as const;
export type BaselineVerdict = (typeof BaselineVerdict)[keyof typeof BaselineVerdict];

/** Keys the report's tiles know; any other key still gets a row in the comparison table. */
export const BaselineMetricKey = {
  requestRate: 'http_reqs:rate',
  errorRate: 'http_req_failed:rate',
  p50: 'http_req_duration:p(50)',
  p95: 'http_req_duration:p(95)',
  p99: 'http_req_duration:p(99)',
  maxVus: 'vus:max',
} as const;

export interface BaselineMetricDelta {
  /** `metric:stat`, e.g. http_req_duration:p(95); see BaselineMetricKey. */
  readonly key: string;
  readonly label: string;
  /** How values print: ms, a 0..1 share (Δ in percentage points), per second, or a plain count. */
  readonly unit: 'ms' | 'share' | 'per-second' | 'count';
  readonly baseline: number | null;
  readonly current: number | null;
  /** Which direction is good, so a Δ is coloured by meaning, not by sign (latency up is bad, RPS up good). */
  readonly better: 'lower' | 'higher';
  readonly verdict: 'regression' | 'improvement' | 'unchanged';
}

export interface BaselineRequestDelta {
  readonly name: string;
  /** null when the request is new in this run. */
  readonly baselineP95Ms: number | null;
  /** null when the request is gone from this run. */
  readonly currentP95Ms: number | null;
  readonly baselineErrorRate: number | null;
  readonly currentErrorRate: number | null;
  readonly verdict: 'regression' | 'improvement' | 'unchanged' | 'added' | 'removed';
}
