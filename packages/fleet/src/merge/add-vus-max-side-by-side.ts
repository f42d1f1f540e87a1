import { decodeSink, GaugeSink, type MetricStore, type MetricsSnapshot } from '@fpt/metrics';

/**
 * Replaces the merged store's vus_max (VUs initialised) with the parts' added up, as one series under the
 * tags every part's vus_max shares (the run's: fleet_run, the region of a region merge). A plain merge keeps
 * the largest single part's (right for one engine's gauge sampled twice, wrong for agents that ran at the
 * same time): a fleet of two agents initialising one VU each initialised two. vus_max never drops while a
 * run runs, so the parts' maximums add up to the whole's exactly. The active VUs (`vus`) are left to the
 * plain merge: parts peak at different moments, so their peaks would add up to more than ever ran; the
 * merged timeline, whose seconds add the parts' per-second peaks, gives the whole's peak (peakVus).
 */
export function addVusMaxSideBySide(store: MetricStore, parts: readonly MetricsSnapshot[]): void {
  const sum = new GaugeSink();
  let shared: Record<string, string> | undefined;
  for (const part of parts) {
    // A part's own series merge as usual (its engine set them), then add to the other parts'.
    const own = new GaugeSink();
    for (const series of part.series) {
      const tags = part.tagSets[series.tagSet];
      if (series.metric !== 'vus_max' || tags === undefined) continue;
      const sink = decodeSink(series.sink);
      if (sink.type !== 'gauge') continue;
      own.merge(sink);
      if (shared === undefined) shared = { ...tags };
      else for (const [key, value] of Object.entries(shared)) if (tags[key] !== value) delete shared[key];
    }
    sum.addSideBySide(own);
  }
  if (sum.empty) return;
  for (const { sink } of store.series('vus_max')) sink.reset();
  store.sinkFor('vus_max', shared ?? {}).merge(sum);
}
