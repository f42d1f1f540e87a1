import { createSink, type MetricStore, type Sink, type Tags } from '@fpt/metrics';

/**
 * The series of one metric merged into one sink per group, the group named by `groupOf` from each
 * series' tags; series it maps to undefined are left out. Groups keep the order they are first seen.
 */
export function mergeSeriesBy(
  store: MetricStore,
  metric: string,
  groupOf: (tags: Tags) => string | undefined,
): Map<string, Sink> {
  const groups = new Map<string, Sink>();
  const definition = store.definition(metric);
  if (definition === undefined) return groups;
  for (const { tagSet, sink } of store.series(metric)) {
    const group = groupOf(tagSet.tags);
    if (group === undefined) continue;
    let merged = groups.get(group);
    if (merged === undefined) {
      merged = createSink(definition.type);
      groups.set(group, merged);
    }
    merged.merge(sink);
  }
  return groups;
}
