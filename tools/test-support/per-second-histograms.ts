import { type EncodedTrendSink, type TimelinePoint, TrendSink } from '@fpt/metrics';

/** One part of a run (an agent's, a share's) as its metrics export carries it. */
export interface TimelinePartExport {
  readonly timeline: readonly TimelinePoint[];
  readonly timelineLatency?: readonly (EncodedTrendSink | null)[] | undefined;
}

/**
 * The parts' per-second latency histograms merged second by second, worked out independently of the merge
 * under test: a part's point belongs to the whole second its tick ended in (ticks land just after it), and
 * always to a later second than its previous point (the run's last, shorter interval). `seconds` lists every
 * second any part has a point in, in order, so the i-th point of the merged timeline is `seconds[i]`'s.
 */
export function histogramsBySecond(parts: readonly TimelinePartExport[]): {
  readonly seconds: number[];
  readonly histograms: Map<number, TrendSink>;
} {
  const seen = new Set<number>();
  const histograms = new Map<number, TrendSink>();
  for (const { timeline, timelineLatency } of parts) {
    let second = 0;
    for (const [index, point] of timeline.entries()) {
      second = Math.max(second + 1, Math.floor(point.tMs / 1000));
      seen.add(second);
      const encoded = timelineLatency?.[index];
      if (!encoded) continue;
      const sink = histograms.get(second);
      if (sink) sink.merge(TrendSink.decode(encoded));
      else histograms.set(second, TrendSink.decode(encoded));
    }
  }
  return { seconds: [...seen].sort((a, b) => a - b), histograms };
}
