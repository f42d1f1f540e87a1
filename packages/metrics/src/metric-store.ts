import { builtinMetrics } from './builtin-metrics.js';
import { isValidMetricName } from './is-valid-metric-name.js';
import { MetricDefinitionError } from './metric-definition-error.js';
import { isMetricType, isValueContains, type MetricDefinition } from './metric-type.js';
import { FailureLog } from './failure-log.js';
import type { MetricsSnapshot, SnapshotSeries } from './metrics-snapshot.js';
import { createSink, decodeSink, type Sink } from './sink.js';
import type { SampleTap } from './sample-stream.js';
import { SnapshotFormatError } from './snapshot-format-error.js';
import { createTappedSink } from './tapped-sinks.js';
import { type TagSet, TagSetRegistry, type Tags, tagsMatch } from './tag-set-registry.js';

/** One series: a metric with one combination of tags. */
export interface MetricSeries {
  readonly tagSet: TagSet;
  readonly sink: Sink;
}

interface MetricEntry {
  readonly definition: MetricDefinition;
  readonly series: Map<number, MetricSeries>;
}

const SNAPSHOT_FORMAT = 'fpt-metrics/1';

/**
 * The live set of series of one worker, process or run. Series are created on first use and never
 * removed, so a sink handed out by sink() stays valid for the life of the store (drainSnapshot resets
 * sinks in place rather than replacing them).
 */
export class MetricStore {
  /** Why requests failed, in bounded form; it travels and merges with the metrics. */
  readonly failures = new FailureLog();
  readonly registry: TagSetRegistry;
  readonly #metrics = new Map<string, MetricEntry>();
  readonly #tap: SampleTap | undefined;

  /**
   * @param options.tap receives every sample added to this store's sinks (not what is merged in), for
   *   per-sample outputs; without it a sample is only aggregated.
   */
  constructor(registry: TagSetRegistry = new TagSetRegistry(), options: { readonly tap?: SampleTap } = {}) {
    this.registry = registry;
    this.#tap = options.tap;
    for (const name in builtinMetrics) this.define(builtinMetrics[name]!);
  }

  /**
   * Declares a metric. Defining a name again with the same type and contains is a no-op that returns the
   * first definition; another type or contains throws, as k6 refuses it too.
   */
  define(def: MetricDefinition): MetricDefinition {
    const existing = this.#metrics.get(def.name);
    if (existing !== undefined) {
      const known = existing.definition;
      if (known.type !== def.type || known.contains !== def.contains) {
        throw new MetricDefinitionError(
          `metric "${def.name}" is already defined as a ${known.type} (contains ${known.contains}); it cannot also be a ${def.type} (contains ${def.contains})`,
          def.name,
          builtinMetrics[def.name] === undefined
            ? 'give the new metric another name, or use the same type everywhere'
            : `"${def.name}" is a built-in metric; give your metric another name`,
        );
      }
      return known;
    }
    if (!isValidMetricName(def.name)) {
      throw new MetricDefinitionError(
        `invalid metric name ${JSON.stringify(def.name)}`,
        String(def.name),
        'use 1 to 128 ASCII letters, digits or underscores, starting with a letter or underscore, for example my_api_latency',
      );
    }
    if (!isMetricType(def.type) || !isValueContains(def.contains)) {
      throw new MetricDefinitionError(
        `metric "${def.name}" has type ${JSON.stringify(def.type)} and contains ${JSON.stringify(def.contains)}`,
        def.name,
        'type must be counter, gauge, rate or trend, and contains must be default, time or data',
      );
    }
    const definition: MetricDefinition = Object.freeze({
      name: def.name,
      type: def.type,
      contains: def.contains,
      description: String(def.description ?? ''),
    });
    this.#metrics.set(def.name, { definition, series: new Map() });
    return definition;
  }

  definition(metricName: string): MetricDefinition | undefined {
    return this.#metrics.get(metricName)?.definition;
  }

  /** Every defined metric, with or without series. */
  *definitions(): IterableIterator<MetricDefinition> {
    for (const entry of this.#metrics.values()) yield entry.definition;
  }

  /** Metrics that have at least one series. */
  *metrics(): IterableIterator<MetricDefinition> {
    for (const entry of this.#metrics.values()) if (entry.series.size > 0) yield entry.definition;
  }

  /**
   * The sink of one series, created on first use. Cache the result on the hot path: adding to the
   * returned sink is all recording takes.
   */
  sink(metricName: string, tagSet: TagSet): Sink {
    const entry = this.#metrics.get(metricName);
    if (entry === undefined) throw unknownMetric(metricName);
    const found = entry.series.get(tagSet.id);
    if (found !== undefined) return found.sink;
    if (!this.registry.owns(tagSet)) {
      throw new TypeError('tag set was interned by another registry; intern tags with store.registry');
    }
    const sink = this.#tap
      ? createTappedSink(entry.definition.type, this.#tap, metricName, tagSet)
      : createSink(entry.definition.type);
    entry.series.set(tagSet.id, { tagSet, sink });
    return sink;
  }

  /** sink() for callers holding plain tags; interns them first. */
  sinkFor(metricName: string, tags: Tags = {}): Sink {
    return this.sink(metricName, this.registry.intern(tags));
  }

  *series(metricName: string): IterableIterator<MetricSeries> {
    const entry = this.#metrics.get(metricName);
    if (entry !== undefined) yield* entry.series.values();
  }

  /**
   * A fresh sink holding every series of the metric whose tags include each pair of `filter` (exact
   * equality, all pairs: the k6 sub-metric rule); undefined when no series matches.
   */
  aggregate(metricName: string, filter: Tags = {}): Sink | undefined {
    const entry = this.#metrics.get(metricName);
    if (entry === undefined) return undefined;
    let result: Sink | undefined;
    for (const { tagSet, sink } of entry.series.values()) {
      if (!tagsMatch(tagSet.tags, filter)) continue;
      result ??= createSink(entry.definition.type);
      result.merge(sink);
    }
    return result;
  }

  /** Everything in the store, as plain data. */
  snapshot(): MetricsSnapshot {
    return this.#buildSnapshot(false);
  }

  /**
   * What was recorded since the previous drain, then resets every series in place. Only series with
   * samples are included, so an idle worker ships almost nothing.
   */
  drainSnapshot(): MetricsSnapshot {
    return this.#buildSnapshot(true);
  }

  /**
   * Adds a snapshot into this store. Lossless: counts, sums, min, max and histogram buckets add up, so
   * merging the snapshots of N workers equals one store that saw every sample. The snapshot is checked
   * completely before anything is merged, so a bad one leaves the store untouched.
   */
  mergeSnapshot(snapshot: MetricsSnapshot): void {
    if (typeof snapshot !== 'object' || snapshot === null || snapshot.format !== SNAPSHOT_FORMAT) {
      throw new SnapshotFormatError(
        `not a metrics snapshot (format ${JSON.stringify((snapshot as { format?: unknown } | null)?.format)}, expected ${SNAPSHOT_FORMAT})`,
      );
    }
    if (
      !Array.isArray(snapshot.definitions) ||
      !Array.isArray(snapshot.tagSets) ||
      !Array.isArray(snapshot.series)
    ) {
      throw new SnapshotFormatError('a metrics snapshot needs definitions, tagSets and series arrays');
    }
    const definitions = new Map<string, MetricDefinition>();
    for (const def of snapshot.definitions) {
      if (!isValidMetricName(def?.name) || !isMetricType(def.type) || !isValueContains(def.contains)) {
        throw new SnapshotFormatError(`snapshot has a malformed metric definition ${JSON.stringify(def)}`);
      }
      const known = this.definition(def.name);
      if (known !== undefined && (known.type !== def.type || known.contains !== def.contains)) {
        throw new SnapshotFormatError(
          `snapshot defines metric "${def.name}" as a ${def.type}, but here it is a ${known.type}`,
          { hint: 'every worker and agent of a run must define a custom metric with the same type' },
        );
      }
      definitions.set(def.name, def);
    }
    const pending: { metric: string; tags: Tags; sink: Sink }[] = [];
    for (const series of snapshot.series as readonly SnapshotSeries[]) {
      const def = definitions.get(series.metric) ?? this.definition(series.metric);
      if (def === undefined) throw new SnapshotFormatError(`series of undefined metric "${series.metric}"`);
      const tags = snapshot.tagSets[series.tagSet];
      if (typeof tags !== 'object' || tags === null) {
        throw new SnapshotFormatError(
          `series of "${series.metric}" refers to missing tag set ${series.tagSet}`,
        );
      }
      const sink = decodeSink(series.sink);
      if (sink.type !== def.type) {
        throw new SnapshotFormatError(
          `series of ${def.type} metric "${series.metric}" holds a ${sink.type} sink`,
        );
      }
      pending.push({ metric: series.metric, tags, sink });
    }
    const failures = snapshot.failures === undefined ? undefined : FailureLog.validate(snapshot.failures);
    for (const def of definitions.values()) this.define(def);
    for (const { metric, tags, sink } of pending) this.sinkFor(metric, tags).merge(sink);
    if (failures) this.failures.merge(failures);
  }

  static fromSnapshot(snapshot: MetricsSnapshot, registry?: TagSetRegistry): MetricStore {
    const store = new MetricStore(registry);
    store.mergeSnapshot(snapshot);
    return store;
  }

  #buildSnapshot(drain: boolean): MetricsSnapshot {
    const definitions: MetricDefinition[] = [];
    const tagSets: Tags[] = [];
    const tagSetPositions = new Map<number, number>();
    const series: SnapshotSeries[] = [];
    for (const entry of this.#metrics.values()) {
      const before = series.length;
      for (const { tagSet, sink } of entry.series.values()) {
        if (drain && sink.empty) continue;
        let position = tagSetPositions.get(tagSet.id);
        if (position === undefined) {
          position = tagSets.length;
          tagSets.push(tagSet.tags);
          tagSetPositions.set(tagSet.id, position);
        }
        series.push({ metric: entry.definition.name, tagSet: position, sink: sink.encode() });
        if (drain) sink.reset();
      }
      const builtin = builtinMetrics[entry.definition.name] !== undefined;
      if (series.length > before || !builtin) definitions.push(entry.definition);
    }
    const failures =
      this.failures.size > 0 || this.failures.others > 0 ? { failures: this.failures.encode() } : {};
    if (drain) this.failures.clear();
    return { format: SNAPSHOT_FORMAT, definitions, tagSets, series, ...failures };
  }
}

function unknownMetric(metricName: string): MetricDefinitionError {
  return new MetricDefinitionError(
    `metric "${metricName}" is not defined`,
    metricName,
    'define custom metrics with store.define({ name, type, contains, description }) before recording',
  );
}
