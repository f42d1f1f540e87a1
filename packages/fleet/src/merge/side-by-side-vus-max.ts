import { decodeSink, GaugeSink, type MetricStore, type MetricsSnapshot, type Tags } from '@fpt/metrics';

/**
 * The gauge of VUs initialised: parts that ran side by side add it up. vus_max never drops while a run runs,
 * so the parts' maximums add up to the whole's exactly. The active VUs (`vus`) are left to the plain merge:
 * parts peak at different moments, so their peaks would add up to more than ever ran; the merged timeline,
 * whose seconds add the parts' per-second peaks, gives the whole's peak instead (peakVus).
 */
const vuGauges = ['vus_max'] as const;

/**
 * Replaces the merged store's vus_max with the parts' added up, as one series under the tags every part
 * shares. A plain merge keeps the largest single part's (right for one engine's gauge sampled twice, wrong
 * for agents that ran at the same time): a fleet of two agents initialising one VU each initialised two.
 */
export function addVusMaxSideBySide(store: MetricStore, parts: readonly MetricsSnapshot[]): void {
  const shared = sharedTags(parts);
  for (const metric of vuGauges) {
    const sum = new GaugeSink();
    let found = false;
    for (const part of parts) {
      // One part's own series of the gauge merge as usual (its engine set them), then add to the others'.
      const own = new GaugeSink();
      for (const series of part.series) {
        if (series.metric !== metric) continue;
        const sink = decodeSink(series.sink);
        if (sink.type === 'gauge') own.merge(sink);
      }
      if (own.empty) continue;
      found = true;
      sum.addSideBySide(own);
    }
    if (!found) continue;
    for (const { sink } of store.series(metric)) sink.reset();
    store.sinkFor(metric, shared).merge(sum);
  }
}

/** The tags with one value in every VU gauge of every part (the run's tags: fleet_run, region of a region merge). */
function sharedTags(parts: readonly MetricsSnapshot[]): Tags {
  let shared: Record<string, string> | undefined;
  for (const part of parts) {
    for (const series of part.series) {
      const tags = part.tagSets[series.tagSet];
      if (!vuGauges.includes(series.metric as (typeof vuGauges)[number]) || tags === undefined) continue;
      if (shared === undefined) shared = { ...tags };
      else for (const [key, value] of Object.entries(shared)) if (tags[key] !== value) delete shared[key];
    }
  }
  return shared ?? {};
}
