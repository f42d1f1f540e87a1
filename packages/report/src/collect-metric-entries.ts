import {
  createSink,
  type MetricDefinition,
  type MetricStore,
  type Sink,
  type Tags,
  type ThresholdOutcome,
} from '@fpt/metrics';
import { compareCodeUnits } from './compare-code-units.js';
import { groupDurationKey } from './group-duration-key.js';
import { thresholdSelector } from './threshold-selector.js';

/** One row of the summary: a whole metric or a sub-metric, with its aggregate and thresholds. */
export interface MetricEntry {
  /** `http_req_duration`, or `http_req_duration{name:login}` for a sub-metric. */
  readonly key: string;
  readonly metric: string;
  readonly filter: Tags;
  /** The filter as written between the braces; empty for a whole metric. */
  readonly filterText: string;
  readonly definition: MetricDefinition;
  /** Every matching series merged; an empty sink when nothing matched. */
  readonly sink: Sink;
  readonly thresholds: readonly ThresholdOutcome[];
}

// k6 always reports successful request durations next to the whole metric, so users can tell slow
// answers from fast failures without writing a threshold for it.
const EXPECTED_RESPONSE_KEY = 'http_req_duration{expected_response:true}';

/**
 * The summary's metric entries, sorted with each sub-metric right after its metric: every metric with
 * a series, every threshold key whose metric is defined (so its verdict has a place even with no
 * samples), the expected_response:true sub-metric of http_req_duration, and each group's group_duration.
 */
export function collectMetricEntries(
  store: MetricStore,
  thresholds: readonly ThresholdOutcome[],
): MetricEntry[] {
  const entries = new Map<string, MetricEntry & { readonly thresholds: ThresholdOutcome[] }>();
  const add = (key: string, metric: string, filter: Tags, filterText: string) => {
    const existing = entries.get(key);
    if (existing !== undefined) return existing;
    const definition = store.definition(metric);
    if (definition === undefined) return undefined;
    const sink = store.aggregate(metric, filter) ?? createSink(definition.type);
    const entry = { key, metric, filter, filterText, definition, sink, thresholds: [] };
    entries.set(key, entry);
    return entry;
  };

  for (const definition of store.metrics()) add(definition.name, definition.name, {}, '');
  if (entries.has('http_req_duration')) {
    add(EXPECTED_RESPONSE_KEY, 'http_req_duration', { expected_response: 'true' }, 'expected_response:true');
  }
  // k6 has a group's own duration only under a threshold on it; FPT always keeps one per group, so the
  // report and the UI can say how long each group took from the summary alone.
  for (const { tagSet } of store.series('group_duration')) {
    const group = tagSet.tags.group;
    if (group !== undefined) add(groupDurationKey(group), 'group_duration', { group }, `group:${group}`);
  }
  for (const outcome of thresholds) {
    const selector = thresholdSelector(outcome);
    if (selector === undefined) continue;
    const filterText = selector.key.slice(selector.metric.length + 1, -1);
    const entry = add(selector.key, selector.metric, selector.filter, filterText);
    entry?.thresholds.push(outcome);
  }

  return [...entries.values()].sort(
    (a, b) =>
      compareCodeUnits(a.metric, b.metric) ||
      Number(a.filterText !== '') - Number(b.filterText !== '') ||
      compareCodeUnits(a.key, b.key),
  );
}
