import { type EncodedTrendSink, type TimelinePoint, TrendSink } from '@fpt/metrics';
import { timelineSecond } from './timeline-second.js';

/** One part's timeline, with each point's latency histogram when the part kept them. */
export interface TimelinePart {
  readonly timeline: readonly TimelinePoint[];
  readonly latency?: readonly (EncodedTrendSink | null)[] | undefined;
}

export interface MergedTimeline {
  readonly timeline: TimelinePoint[];
  /** The merged per-second histograms, when every part had them (for a merge of merges: region, then fleet). */
  readonly latency?: (EncodedTrendSink | null)[];
}

/**
 * One timeline from several parts' timelines (agents, shares), second by second (each `tMs` is from its own
 * run's start, and the parts start together). Counts and VUs add up. Percentiles cannot be merged from
 * percentiles: when every part kept its per-second latency histograms, they are merged and each second's
 * p50/p95/p99 read from the merge, exactly; otherwise a second has percentiles only when a single part
 * contributes to it. The whole-run percentiles, merged from whole-run histograms, are exact either way.
 * A second's Web Vitals (p75) are the worst part's: an upper bound of the merged p75 (worstVitals).
 */
export function mergeTimelines(parts: readonly TimelinePart[]): MergedTimeline {
  const present = parts.filter((part) => part.timeline.length > 0);
  if (present.length === 1) {
    const only = present[0]!;
    return {
      timeline: only.timeline.map((point) => ({ ...point })),
      ...(only.latency ? { latency: [...only.latency] } : {}),
    };
  }
  const withHistograms = present.every((part) => part.latency !== undefined);
  const bySecond = new Map<number, { point: TimelinePoint; latency: TrendSink | undefined; parts: number }>();
  for (const part of present) {
    let second = 0;
    for (const [index, point] of part.timeline.entries()) {
      second = timelineSecond(point.tMs, second);
      const sum = bySecond.get(second);
      const encoded = part.latency?.[index];
      let latency = sum?.latency;
      if (withHistograms && encoded) {
        const decoded = TrendSink.decode(encoded);
        if (latency) latency.merge(decoded);
        else latency = decoded;
      }
      bySecond.set(second, {
        point: {
          tMs: Math.max(sum?.point.tMs ?? 0, point.tMs),
          vus: (sum?.point.vus ?? 0) + point.vus,
          requests: (sum?.point.requests ?? 0) + point.requests,
          failedRequests: (sum?.point.failedRequests ?? 0) + point.failedRequests,
          iterations: (sum?.point.iterations ?? 0) + point.iterations,
          droppedIterations: (sum?.point.droppedIterations ?? 0) + point.droppedIterations,
          ...worstVitals(sum?.point, point),
        },
        latency,
        parts: (sum?.parts ?? 0) + 1,
      });
    }
  }
  const seconds = [...bySecond.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry);
  return {
    timeline: seconds.map(({ point, latency }) =>
      latency && !latency.empty
        ? {
            ...point,
            p50Ms: latency.percentile(50),
            p95Ms: latency.percentile(95),
            p99Ms: latency.percentile(99),
          }
        : point,
    ),
    ...(withHistograms
      ? { latency: seconds.map(({ latency }) => (latency && !latency.empty ? latency.encode() : null)) }
      : {}),
  };
}

const vitalKeys = ['lcpP75Ms', 'inpP75Ms', 'clsP75'] as const;

/**
 * A second's Web Vitals from two parts. A p75 cannot be merged from p75s, and no part keeps per-second
 * vital histograms; the larger of the two is the p75 of neither, but the merged p75 is never above it
 * (three quarters of each part's samples are at most its own p75), so a second reads no better than it
 * was. A vital only one part reported in that second is that part's, exactly.
 */
function worstVitals(a: TimelinePoint | undefined, b: TimelinePoint): Partial<TimelinePoint> {
  const merged: { -readonly [K in (typeof vitalKeys)[number]]?: number } = {};
  for (const key of vitalKeys) {
    const values = [a?.[key], b[key]].filter((v): v is number => v !== undefined);
    if (values.length > 0) merged[key] = Math.max(...values);
  }
  return merged;
}
