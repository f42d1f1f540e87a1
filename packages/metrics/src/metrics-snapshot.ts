import type { EncodedFailures } from './failure-log.js';
import type { MetricDefinition } from './metric-type.js';
import type { EncodedSink } from './sink.js';
import type { Tags } from './tag-set-registry.js';

/**
 * Plain data (JSON-safe and structured-clone-safe) carrying metrics between worker threads, processes
 * and agents. Tag sets are listed once and referenced by position, because the same tags recur across
 * metrics (every http_req_* phase of one request shares them).
 */
export interface MetricsSnapshot {
  readonly format: 'fpt-metrics/1';
  /** Every custom metric, and each built-in one that has a series here. */
  readonly definitions: readonly MetricDefinition[];
  readonly tagSets: readonly Tags[];
  readonly series: readonly SnapshotSeries[];
  /** Why requests failed (bounded); absent when nothing failed, and in snapshots of older FPT versions. */
  readonly failures?: EncodedFailures;
}

export interface SnapshotSeries {
  readonly metric: string;
  /** Position in `tagSets` (local to this snapshot; registry ids differ between processes). */
  readonly tagSet: number;
  readonly sink: EncodedSink;
}
