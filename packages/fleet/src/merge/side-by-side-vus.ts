import { decodeSink, GaugeSink, type MetricStore, type MetricsSnapshot, type Tags } from '@fpt/metrics';

/** The gauges that count VUs: parts that ran side by side add them up. */
const vuGauges = ['vus', 'vus_max'] as const;

/**
 * Replaces the merged store's VU gauges with the parts' added up, as one series under the tags every part
 * shares. A plain merge keeps the largest single part's VUs (right for one engine's gauge sampled twice,
 * wrong for agents that ran at the same time), so a fleet of two agents with one VU each would report one
 * VU while its history rows said one each.
 */
export function addVusSideBySide(store: MetricStore, parts: readonly MetricsSnapshot[]): void {
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
