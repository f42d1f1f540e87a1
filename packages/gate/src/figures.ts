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

/** What a summary says about the requests of a run, at the three levels the gate compares. */
export interface RunFigures {
  readonly overall: Figures;
  readonly requests: readonly RequestFigures[];
  readonly regions: readonly RegionFigures[];
}
