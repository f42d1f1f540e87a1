/**
 * The numbers a baseline keeps and the gate compares, for the whole run, one request or one region.
 * Latencies are http_req_duration of every response (failed ones included) in ms, from HDR histograms.
 */
export interface Figures {
  /** Requests made. */
  readonly count: number;
  /** Requests per second of the whole run. */
  readonly ratePerSec: number;
  /** Failed requests (http_req_failed) / count, 0 to 1; null without requests. */
  readonly errorRate: number | null;
  /** null without requests. */
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
}

/** One request name of one scenario. */
export interface RequestFigures extends Figures {
  readonly name: string;
  readonly scenario: string;
}

/** One value of the `region` tag. */
export interface RegionFigures extends Figures {
  readonly region: string;
}

/** One Web Vital of one browser page over a run: its 75th percentile, as Web Vitals are assessed. */
export interface VitalFigures {
  /** The page (step or page name, else URL), as the summary's Web Vitals table names it. */
  readonly page: string;
  /** lcp, fcp, ttfb, inp (ms) or cls (a unitless score). */
  readonly vital: string;
  /** Samples measured. */
  readonly count: number;
  readonly p75: number;
}

/**
 * One custom trend metric of times (a preset's `metrics:` entry with `isTime: true`, e.g. checkout_time)
 * over the whole run, every series merged, in ms from its HDR histogram. A latency the user chose to
 * measure, so the gate judges its p95 as it judges a request's.
 */
export interface MetricFigures {
  readonly metric: string;
  /** Samples recorded; a baseline keeps only metrics that have some. */
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

/**
 * What a summary says about a run: its requests at the three levels the gate compares, its pages, and
 * its custom trends of times.
 */
export interface RunFigures {
  readonly overall: Figures;
  readonly requests: readonly RequestFigures[];
  readonly regions: readonly RegionFigures[];
  readonly webVitals: readonly VitalFigures[];
  readonly customMetrics: readonly MetricFigures[];
}
