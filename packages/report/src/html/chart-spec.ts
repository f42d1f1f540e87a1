import type { ThresholdOperator } from '@fpt/metrics';

/** Units the report's script knows how to print on axes and in legends. */
export type ChartUnit = 'ms' | 'per-second' | 'percent' | 'vus' | 'count' | 'score';

export interface ChartSeriesSpec {
  readonly label: string;
  readonly color: string;
  readonly unit: ChartUnit;
  readonly values: readonly (number | null)[];
  readonly axis: 'left' | 'right';
  /** Dash pattern in px: limits and the baseline are dashed. */
  readonly dash?: readonly number[];
  /** Draw as a translucent area (VUs). */
  readonly fill?: boolean;
  /**
   * Values only in some intervals (Web Vitals come when a page reports one): each is marked with a dot
   * and joined across the empty intervals, which would otherwise leave lone points invisible.
   */
  readonly sparse?: boolean;
}

/** Shade the intervals where `series` did not satisfy `op value`: where the limit was breached. */
export interface ChartBreachSpec {
  readonly series: number;
  readonly op: ThresholdOperator;
  readonly value: number;
}

/** Everything the page's script needs to draw one uPlot chart; plain JSON embedded in the page. */
export interface ChartSpec {
  readonly id: string;
  /** elapsed: x is seconds since the start (m:ss); nines: x is -log10(1 - percentile/100). */
  readonly xKind: 'elapsed' | 'nines';
  readonly x: readonly number[];
  readonly left: { readonly label: string; readonly unit: ChartUnit };
  readonly right?: { readonly label: string; readonly unit: ChartUnit };
  readonly series: readonly ChartSeriesSpec[];
  readonly breaches: readonly ChartBreachSpec[];
}

/** A chart's place in the page: the chart, or why there is none. */
export interface ChartBlock {
  readonly id: string;
  readonly title: string;
  /** How to read it, and what the percentiles cover. */
  readonly hint: string;
  readonly spec?: ChartSpec;
  /** Shown instead of the chart when the data cannot make one. */
  readonly note?: string;
  /** Shown under the chart: what it leaves out. */
  readonly footnote?: string;
}

export const SeriesColor = {
  requests: '#2563eb',
  errors: '#dc2626',
  vus: '#9ca3af',
  p50: '#16a34a',
  p95: '#ea580c',
  p99: '#9333ea',
  limit: '#b91c1c',
  iterations: '#0d9488',
  dropped: '#d97706',
  lcp: '#0891b2',
  inp: '#db2777',
  cls: '#4f46e5',
} as const;
