import type { MetricsSnapshot } from './metrics-snapshot.js';
import type { RunSummary } from './run-summary.js';

/**
 * What `fpt run --metrics-export` writes: every series of the run (a MetricsSnapshot, which the fleet
 * merges exactly) and, beside it, the run it came from: its summary without the metrics (which are the
 * snapshot itself) and its share of a split run. With both, one file is a self-contained share that
 * `fpt merge` combines with the others; readers that want only the series ignore `run`.
 */
export interface MetricsExport extends MetricsSnapshot {
  /** Absent in exports of FPT versions before `fpt merge`. */
  readonly run?: {
    /** This run's share of a split run (`--segment i/n`); absent for a whole run. */
    readonly segment?: { readonly index: number; readonly count: number };
    readonly summary: Omit<RunSummary, 'metrics'>;
  };
}
