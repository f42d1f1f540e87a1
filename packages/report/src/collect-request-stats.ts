import type { MetricStore, Tags } from '@fpt/metrics';
import { compareCodeUnits } from './compare-code-units.js';
import { latencyStats } from './latency-stats.js';
import { mergeSeriesBy } from './merge-series-by.js';
import { requestTotals } from './request-totals.js';
import type { RequestStats } from './summary-data.js';

// A separator no tag value contains in practice, so "a"+"b c" and "a b"+"c" stay apart.
const SEP = '\u0000';

/** Per request name × scenario, busiest first. */
export function collectRequestStats(store: MetricStore, durationMs: number): RequestStats[] {
  const groupOf = (tags: Tags) => `${tags.name ?? ''}${SEP}${tags.scenario ?? ''}`;
  const counts = mergeSeriesBy(store, 'http_reqs', groupOf);
  const failed = mergeSeriesBy(store, 'http_req_failed', groupOf);
  const durations = mergeSeriesBy(store, 'http_req_duration', groupOf);
  const methods = new Map<string, Set<string>>();
  const protocols = new Map<string, Set<string>>();
  const add = (into: Map<string, Set<string>>, group: string, value: string | undefined) => {
    if (value !== undefined) into.set(group, (into.get(group) ?? new Set()).add(value));
  };
  for (const { tagSet } of store.series('http_reqs')) {
    const group = groupOf(tagSet.tags);
    add(methods, group, tagSet.tags.method);
    add(protocols, group, tagSet.tags.proto);
  }

  const stats = [...counts.keys()].map((group): RequestStats => {
    const [name = '', scenario = ''] = group.split(SEP);
    const totals = requestTotals(counts.get(group), failed.get(group), durationMs);
    return {
      name,
      scenario,
      methods: [...(methods.get(group) ?? [])].sort(compareCodeUnits),
      protocols: [...(protocols.get(group) ?? [])].sort(compareCodeUnits),
      ...totals,
      ...latencyStats(durations.get(group)),
    };
  });
  return stats.sort(
    (a, b) =>
      b.count - a.count || compareCodeUnits(a.name, b.name) || compareCodeUnits(a.scenario, b.scenario),
  );
}
