import type { RunProgress } from '@fpt/engine';
import {
  createSink,
  type EncodedTrendSink,
  MetricStore,
  type MetricsSnapshot,
  type Sink,
  type TimelinePoint,
} from '@fpt/metrics';
import type { PointSlimming } from './live-channel.js';

/** One second of a run as the live view draws it: the engine's timeline point and more; see docs/agent.md. */
export interface LivePoint extends TimelinePoint {
  readonly elapsedMs: number;
  readonly plannedMs: number;
  readonly totalRequests: number;
  readonly totalFailed: number;
  readonly failingThresholds: readonly string[];
  readonly perRequest: readonly LiveRequestFigures[];
  /**
   * This second's http_req_duration histogram, every request merged: a fleet coordinator merges the agents'
   * to get exact percentiles per region and fleet-wide (percentiles cannot be merged). Absent without requests.
   */
  readonly httpReqDuration?: EncodedTrendSink;
}

export interface LiveRequestFigures {
  readonly name: string;
  readonly requests: number;
  readonly failed: number;
  readonly p95Ms?: number;
}

/** Most request names a point carries: the live view charts the busiest, and a point stays small. */
const maxRequestNames = 20;

/** The progress the engine reports each second, plus that second's figures per request name. */
export function buildLivePoint(progress: RunProgress, delta: MetricsSnapshot): LivePoint {
  const { point } = progress;
  const store = MetricStore.fromSnapshot(delta);
  const duration = store.aggregate('http_req_duration');
  return {
    ...point,
    elapsedMs: progress.elapsedMs,
    plannedMs: progress.plannedMs,
    totalRequests: progress.totalRequests,
    totalFailed: progress.failedRequests,
    failingThresholds: progress.failingThresholds,
    perRequest: perRequestFigures(store),
    ...(duration?.type === 'trend' && !duration.empty ? { httpReqDuration: duration.encode() } : {}),
  };
}

/**
 * A live point keeps its histogram for the newest minute only (what a coordinator whose stream broke asks
 * again); older points, the live.ndjson replay and the web UI get it without (see PointSlimming).
 */
export const livePointSlimming: PointSlimming<LivePoint> = {
  slim: ({ httpReqDuration: _histogram, ...rest }) => rest,
  fullPoints: 60,
};

function perRequestFigures(store: MetricStore): LiveRequestFigures[] {
  const byName = (metric: string) => {
    const sinks = new Map<string, Sink>();
    for (const { tagSet, sink } of store.series(metric)) {
      const name = tagSet.tags.name;
      if (name === undefined) continue;
      let merged = sinks.get(name);
      if (!merged) {
        merged = createSink(sink.type);
        sinks.set(name, merged);
      }
      merged.merge(sink);
    }
    return sinks;
  };
  const counts = byName('http_reqs');
  const failures = byName('http_req_failed');
  const durations = byName('http_req_duration');
  return [...counts]
    .map(([name, sink]) => {
      const failed = failures.get(name);
      const duration = durations.get(name);
      return {
        name,
        requests: sink.type === 'counter' ? sink.count : 0,
        failed: failed?.type === 'rate' ? failed.passes : 0,
        ...(duration?.type === 'trend' && duration.count > 0 ? { p95Ms: duration.percentile(95) } : {}),
      };
    })
    .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name))
    .slice(0, maxRequestNames);
}
