import {
  type MetricDefinition,
  parseMetricSelector,
  SAMPLE_ROW,
  type SampleBatch,
  type Tags,
} from '@fpt/metrics';
import type { Preset } from '@fpt/preset';
import { OutputFile } from './output-file.js';
import { sampleTime } from './sample-time.js';

/** What a Metric line says of a metric besides its definition: the thresholds on it and its sub-metrics. */
interface MetricThresholds {
  readonly thresholds: unknown[];
  readonly submetrics: { name: string; suffix: string; tags: Tags }[];
}

/**
 * `--out json=<file>` in k6's own line format (internal/output/json), so tools that read k6's JSON output
 * read FPT's: a Metric line once per metric before its first point, then one Point line per sample.
 *   {"type":"Metric","data":{"name":…,"type":…,"contains":…,"thresholds":[…],"submetrics":…},"metric":…}
 *   {"type":"Point","data":{"time":"…","value":…,"tags":{…}},"metric":…}
 * The shapes are in docs/k6-json-output.schema.json. A .gz name writes it gzip-compressed, as k6 does.
 */
export class K6JsonOutput {
  readonly #file: OutputFile;
  readonly #definitions: (name: string) => MetricDefinition | undefined;
  readonly #thresholds: ReadonlyMap<string, MetricThresholds>;
  readonly #described = new Set<string>();

  constructor(
    path: string,
    definitions: (name: string) => MetricDefinition | undefined,
    thresholds: Preset['thresholds'],
  ) {
    this.#file = new OutputFile(path);
    this.#definitions = definitions;
    this.#thresholds = thresholdsByMetric(thresholds);
  }

  write(batch: SampleBatch): void {
    // Tags serialised once per batch and tag set: a batch holds many samples of few tag sets.
    const tagTexts = batch.tagSets.map((tags) => JSON.stringify(tags));
    const metricTexts = batch.metrics.map((name) => JSON.stringify(name));
    const { rows } = batch;
    for (const name of batch.metrics) this.#describe(name);
    for (let at = 0; at < rows.length; at += SAMPLE_ROW) {
      const time = sampleTime(rows[at + 3]!);
      this.#file.write(
        `{"type":"Point","data":{"time":"${time}","value":${rows[at + 2]},"tags":${tagTexts[rows[at + 1]!]}},"metric":${metricTexts[rows[at]!]}}\n`,
      );
    }
    this.#file.flush();
  }

  #describe(name: string): void {
    if (this.#described.has(name)) return;
    this.#described.add(name);
    const definition = this.#definitions(name);
    const extra = this.#thresholds.get(name);
    const data = {
      name,
      type: definition?.type ?? 'trend',
      contains: definition?.contains ?? 'default',
      thresholds: extra?.thresholds ?? [],
      submetrics: extra && extra.submetrics.length > 0 ? extra.submetrics : null,
    };
    this.#file.write(`${JSON.stringify({ type: 'Metric', data, metric: name })}\n`);
  }

  /** Why the file is incomplete, if it is. */
  close(): Promise<string | undefined> {
    return this.#file.close();
  }
}

/**
 * The preset's thresholds by metric, as k6 lists them on a Metric line: plain sources, or
 * {threshold, abortOnFail, delayAbortEval} for the ones that abort; filtered keys become sub-metrics.
 */
function thresholdsByMetric(thresholds: Preset['thresholds']): Map<string, MetricThresholds> {
  const byMetric = new Map<string, MetricThresholds>();
  for (const [key, entries] of Object.entries(thresholds ?? {})) {
    const selector = parseMetricSelector(key);
    let metric = byMetric.get(selector.metric);
    if (metric === undefined) {
      metric = { thresholds: [], submetrics: [] };
      byMetric.set(selector.metric, metric);
    }
    const suffix = key.slice(key.indexOf('{') + 1, key.lastIndexOf('}'));
    if (Object.keys(selector.filter).length > 0) {
      metric.submetrics.push({ name: key, suffix, tags: selector.filter });
      continue;
    }
    for (const entry of entries) {
      if (typeof entry === 'string') metric.thresholds.push(entry);
      else if (!entry.abortOnFail) metric.thresholds.push(entry.threshold);
      else
        metric.thresholds.push({
          threshold: entry.threshold,
          abortOnFail: true,
          ...(entry.delayAbortEval ? { delayAbortEval: entry.delayAbortEval } : {}),
        });
    }
  }
  return byMetric;
}
